package dev.modelc.evidence;

import dev.modelc.diag.Diagnostics;
import dev.modelc.importer.UnmanagedKinds;
import dev.modelc.live.LiveCatalog;
import dev.modelc.live.LiveConstraint;
import dev.modelc.live.LiveIndex;
import dev.modelc.live.LiveObject;
import dev.modelc.live.LiveSequence;
import dev.modelc.live.LiveTable;
import dev.modelc.model.Model;
import dev.modelc.model.Tombstone;
import dev.modelc.model.UnmanagedObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code unmanaged:} list of the model against the objects of the live catalog it stands for:
 * an entry the database lacks (MC965), an object of the database the list lacks (MC964), an
 * entry that is another kind of object in the database (MC966), and dependencies that differ
 * from what {@code pg_depend} records (MC967).
 *
 * <p>The catalog cannot tell modelc what a view or function <em>says</em> in a way worth
 * comparing (the model holds no definitions), so a definition change is seen only through what
 * it changes in the catalog: the object's kind, its table (part of a trigger's or policy's name),
 * its overloads (part of an overloaded function's name), and what it reads.
 */
final class UnmanagedDrift {
  /** Kinds whose every read PostgreSQL records, so a {@code dependsOn} the catalog lacks is stale. */
  private static final Set<UnmanagedObject.Kind> READS_RECORDED = EnumSet.of(UnmanagedObject.Kind.VIEWS,
      UnmanagedObject.Kind.MATERIALIZED_VIEWS, UnmanagedObject.Kind.POLICIES);

  /** An object of the database that an unmanaged entry may stand for. */
  private record Live(UnmanagedObject.Kind section, String name, String kindName, List<String> dependsOn) {}

  private final Model model;
  private final LiveCatalog catalog;
  private final Diagnostics out;
  private final Set<String> listed = new HashSet<>();

  UnmanagedDrift(Model model, LiveCatalog catalog, Diagnostics out) {
    this.model = model;
    this.catalog = catalog;
    this.out = out;
    model.unmanaged().forEach(u -> listed.add(fullName(u)));
  }

  /**
   * Whether the model lists {@code name} (a table, an index, an enum type, {@code table.constraint})
   * as unmanaged, so it is not untracked; {@link #compare} checks its kind.
   */
  boolean lists(String name) {
    return listed.contains(name);
  }

  void compare() {
    List<Live> live = liveObjects();
    Set<Live> matched = new HashSet<>();
    for (UnmanagedObject u : model.unmanaged()) {
      // import writes "name (kind)" for an object that shares its name with a managed one
      List<Live> named = live.stream().filter(l -> l.name().equals(fullName(u))
          || fullName(u).equals(l.name() + " (" + l.kindName() + ")")).toList();
      Optional<Live> same = named.stream().filter(l -> l.section() == u.kind()
          && (u.kind() != UnmanagedObject.Kind.OTHER || l.kindName().equals(u.otherKind()))).findFirst();
      if (same.isPresent()) {
        matched.add(same.get());
        dependencies(u, same.get());
      } else if (!named.isEmpty()) {
        matched.add(named.get(0));
        kindDiffers(u, named.get(0).kindName());
      } else {
        elsewhere(u);
      }
    }
    for (Live l : live) {
      if (!matched.contains(l)) {
        out.report(EvidenceCode.MC964, model.source(), l.kindName() + " '" + l.name() + "' is in the database, and the"
            + " model neither manages it nor lists it under unmanaged." + l.section().section()
            + (l.dependsOn().isEmpty() ? "" : " (it reads " + String.join(", ", l.dependsOn()) + ")")
            + ": list it with the reason it exists, or drop it");
      }
    }
  }

  /** The schema's objects the unmanaged list stands for: everything but tables, indexes, constraints and enums. */
  private List<Live> liveObjects() {
    List<Live> live = new ArrayList<>();
    for (LiveObject o : catalog.objects()) {
      live.add(new Live(UnmanagedKinds.of(o.kind()), o.qualifiedName(), o.kindName(), o.dependsOn()));
    }
    for (LiveSequence s : catalog.sequences()) {
      if (!s.owned()) { // a sequence a column owns goes with its column
        live.add(new Live(UnmanagedObject.Kind.SEQUENCES, s.name(), "sequence", List.of()));
      }
    }
    return live;
  }

  /**
   * An entry that is none of the catalog's other objects: a sequence a column owns, an enum
   * type, a table (a partition, or one the language cannot say), an index or a constraint the
   * language cannot say; or nothing, and then the database lacks it.
   */
  private void elsewhere(UnmanagedObject u) {
    String name = fullName(u);
    switch (u.kind()) {
      case SEQUENCES -> {
        if (catalog.sequence(name).isPresent()) {
          return;
        }
      }
      case TYPES -> {
        if (catalog.enumType(name).isPresent()) {
          return;
        }
      }
      case PARTITIONS, OTHER -> {
        Optional<String> kind = tableKind(name).or(() -> indexKind(name)).or(() -> constraintKind(name));
        if (kind.isPresent()) {
          boolean same = u.kind() == UnmanagedObject.Kind.PARTITIONS ? kind.get().equals("partition")
              : kind.get().equals(u.otherKind()) || kind.get().equals("partition") && "table".equals(u.otherKind());
          if (!same) {
            kindDiffers(u, kind.get());
          }
          return;
        }
      }
      default -> { }
    }
    out.report(EvidenceCode.MC965, u.source(), "unmanaged " + u.describe() + " is listed in the model but not in the"
        + " database: remove the entry, or find out who dropped it");
  }

  private Optional<String> tableKind(String name) {
    return catalog.table(name).map(t -> t.partition() ? "partition" : t.kind().label());
  }

  private Optional<String> indexKind(String name) {
    return catalog.tables().stream().flatMap(t -> t.indexes().stream()).map(LiveIndex::name).filter(name::equals)
        .findFirst().map(i -> "index");
  }

  private Optional<String> constraintKind(String name) {
    for (LiveTable t : catalog.tables()) {
      for (LiveConstraint c : t.constraints()) {
        if (name.equals(t.name() + "." + c.name())) {
          return Optional.of(c.kind().label());
        }
      }
    }
    return Optional.empty();
  }

  private void kindDiffers(UnmanagedObject u, String actual) {
    out.report(EvidenceCode.MC966, u.source(), "unmanaged " + u.describe() + " is a " + actual + " in the database,"
        + " not a " + (u.kind() == UnmanagedObject.Kind.OTHER ? u.otherKind() : u.kind().label())
        + ": list it under the section of what it is now");
  }

  /**
   * The entry's {@code dependsOn} against {@code pg_depend}, on the tables the model knows (the
   * model cannot name others). Every recorded read must be listed (a table stands for its
   * columns; a trigger or policy reads its own table), since plans guard only what is listed. A
   * listed read the catalog lacks is stale only for the kinds whose reads PostgreSQL records in
   * full (views, materialized views, policies): a function's body, and so a trigger's, is not.
   */
  private void dependencies(UnmanagedObject u, Live l) {
    Set<String> recorded = new TreeSet<>();
    for (String d : l.dependsOn()) {
      if (known(table(d))) {
        recorded.add(d);
      }
    }
    List<String> unlisted = recorded.stream().filter(d -> !u.dependsOn().contains(d) && !u.dependsOn().contains(table(d))
        && !(d.equals(table(d)) && (d.equals(u.table()) || u.dependsOn().stream().anyMatch(x -> table(x).equals(d)))))
        .toList();
    List<String> stale = !READS_RECORDED.contains(u.kind()) ? List.of() : u.dependsOn().stream()
        .filter(d -> !recorded.contains(d) && !(d.equals(table(d)) && recorded.stream().anyMatch(x -> table(x).equals(d))))
        .toList();
    if (unlisted.isEmpty() && stale.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!unlisted.isEmpty()) {
      parts.add("the database records that it reads " + String.join(", ", unlisted) + ", which its dependsOn does not"
          + " list (plans would not see that dropping or retyping them breaks it)");
    }
    if (!stale.isEmpty()) {
      parts.add("its dependsOn lists " + String.join(", ", stale) + ", which the database does not record it reading");
    }
    out.report(EvidenceCode.MC967, u.source(), "unmanaged " + u.describe() + " changed: " + String.join("; ", parts));
  }

  /** A table of the model, or one it retires (still in the database until a plan drops it). */
  private boolean known(String table) {
    return model.table(table).isPresent() || model.retired().stream()
        .anyMatch(r -> r.kind() == Tombstone.Kind.TABLE && r.table().equals(table));
  }

  private static String table(String dependency) {
    int dot = dependency.lastIndexOf('.');
    return dot < 0 ? dependency : dependency.substring(0, dot);
  }

  private static String fullName(UnmanagedObject u) {
    return u.table() == null ? u.name() : u.table() + "." + u.name();
  }
}
