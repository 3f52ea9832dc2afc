package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.model.Column;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.ShardedMap;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The database objects of a schema and how they depend on each other, as PostgreSQL tracks them:
 * an object is dropped along with any of its {@code owners} (a column with its table, an index
 * with its table and key columns), and it blocks dropping any of its {@code refs} (a foreign key
 * blocks dropping the table and column it points at, a column blocks dropping its enum type).
 * Built from a model for the two ends of a plan; mutated by {@link CatalogSimulator} step by step.
 */
final class CatalogState {
  /** What an object hangs on: dropped with {@code owners}, blocks dropping {@code refs}. */
  record Deps(Set<DbObject> owners, Set<DbObject> refs) {
    static final Deps NONE = new Deps(Set.of(), Set.of());

    Deps {
      owners = Set.copyOf(owners);
      refs = Set.copyOf(refs);
    }

    static Deps ownedBy(DbObject... owners) {
      return new Deps(Set.of(owners), Set.of());
    }

    /**
     * From lists without repeats, straight into immutable sets: {@link Set#copyOf} of a mutable
     * set first copies it into a hash set, and catalogs make hundreds of thousands of these.
     */
    static Deps of(List<DbObject> owners, List<DbObject> refs) {
      return new Deps(Set.of(owners.toArray(DbObject[]::new)), refs.isEmpty() ? Set.of() : Set.of(refs.toArray(DbObject[]::new)));
    }

    Deps referencing(Collection<DbObject> more) {
      Set<DbObject> all = new LinkedHashSet<>(refs);
      all.addAll(more);
      return new Deps(owners, all);
    }

    Deps mapped(Map<DbObject, DbObject> renamed) {
      return new Deps(map(owners, renamed), map(refs, renamed));
    }

    private static Set<DbObject> map(Set<DbObject> objects, Map<DbObject, DbObject> renamed) {
      Set<DbObject> out = new LinkedHashSet<>();
      for (DbObject o : objects) {
        out.add(renamed.getOrDefault(o, o));
      }
      return out;
    }
  }

  private final ShardedMap<DbObject, Deps> objects;
  /** Names of tables, views and indexes (one namespace), and of types (tables and views own one too). */
  private final ShardedMap<String, DbObject> relations;
  private final ShardedMap<String, DbObject> types;
  /**
   * Objects by the table of their owners, with their dependencies: what a table, a column or a
   * constraint owns is found by scanning its table's few dozen objects, instead of keeping an
   * index entry for every pair of owner and owned object (hundreds of thousands of them on a large
   * model, most of them never asked about). Inner objects are also listed under their own table.
   */
  private final ShardedMap<String, TableObjects> tables;
  /** Objects whose owners have no table (no planner declares such an owner; kept so none is lost). */
  private final TableObjects homeless = new TableObjects();
  /** The last table an object was listed under: objects come table by table, so most need no lookup. */
  private String lastTable;
  private TableObjects lastObjects;
  /**
   * What refers to each object, built as the objects go in and kept in step with them.
   * References are few: foreign key targets (table, columns, key) and enum types.
   */
  private final ListIndex<DbObject, DbObject> referencedBy;
  /** The sum of the objects' {@link DbObject#fingerprint}s, kept in step with {@link #objects}. */
  private long fingerprint;

  /** The objects listed under one table, each with its dependencies, in parallel lists. */
  private static final class TableObjects {
    final List<DbObject> objects = new ArrayList<>(24);
    final List<Deps> deps = new ArrayList<>(24);

    void add(DbObject o, Deps d) {
      objects.add(o);
      deps.add(d);
    }

    void remove(DbObject o) {
      int i = objects.indexOf(o);
      if (i >= 0) {
        objects.remove(i);
        deps.remove(i);
      }
    }
  }

  private CatalogState(Size expected) {
    this.objects = new ShardedMap<>(expected.objects);
    this.relations = new ShardedMap<>(expected.relations);
    this.types = new ShardedMap<>(expected.types);
    this.tables = new ShardedMap<>(expected.relations / 4);
    this.referencedBy = new ListIndex<>(expected.objects / 4);
  }

  /** A hash capacity that holds {@code expected} entries without resizing. */
  private static int capacity(int expected) {
    return (int) Math.min(1 << 30, expected * 4L / 3 + 16);
  }

  /**
   * How many objects, relation names and type names a model's catalog holds, counted from its
   * tables (a little over when a unique constraint repeats the key), so every hash table is sized
   * once: growing tables of hundreds of thousands of entries rehashes them all.
   */
  private record Size(int objects, int relations, int types) {
    static Size of(Model model) {
      long objects = 0;
      long relations = 0;
      long types = 0;
      for (Table t : model.tables()) {
        int enums = 0;
        for (Column c : t.columns()) {
          if (c.type().kind() == TypeKind.ENUM) {
            enums++;
          }
        }
        int keys = (t.primaryKey().isEmpty() ? 0 : 1) + t.uniques().size();
        objects += 1 + t.columns().size() + enums + 2L * keys + t.checks().size() + t.foreignKeys().size() + t.indexes().size();
        relations += 1 + keys + t.indexes().size();
        types += 1 + enums;
      }
      return new Size(clamp(objects), clamp(relations), clamp(types));
    }

    private static int clamp(long n) {
      return (int) Math.min(n, 1 << 28);
    }
  }

  /** The names of the objects PostgreSQL holds for {@code model} created from scratch. */
  static Set<DbObject> objectsOf(Model model) {
    Set<DbObject> out = new HashSet<>(capacity(Size.of(model).objects()));
    for (Table t : model.tables()) {
      forEachObject(model, t, (o, deps) -> out.add(o));
    }
    return out;
  }

  /** The objects PostgreSQL holds for {@code model} created from scratch. */
  static CatalogState of(Model model) {
    CatalogState c = new CatalogState(Size.of(model));
    for (Table t : model.tables()) {
      // straight in, without a map per table: an object given twice keeps the later one either way
      forEachObject(model, t, (o, deps) -> c.put(o, deps.get()));
    }
    return c;
  }

  /**
   * Everything that exists once {@code t} is created with all its columns, keys, checks, foreign
   * keys and indexes, in creation order. Foreign keys refer to the referenced table, column and
   * the key constraint that makes the column referenceable.
   */
  static Map<DbObject, Deps> tableObjects(Model model, Table t) {
    Map<DbObject, Deps> out = new LinkedHashMap<>();
    forEachObject(model, t, (o, deps) -> out.put(o, deps.get()));
    return out;
  }

  /** Receives each object of a table and, on demand, what it hangs on. */
  interface ObjectSink {
    void accept(DbObject object, java.util.function.Supplier<Deps> deps);
  }

  /**
   * The objects of {@link #tableObjects}, in the same order, each with its dependencies worked
   * out only if the sink asks: a simulation that compares names needs no expression parsed.
   * (An object given twice, such as an index named as a key constraint, keeps the later one.)
   */
  static void forEachObject(Model model, Table t, ObjectSink out) {
    TableParts parts = TableParts.of(t);
    DbObject table = parts.table;
    out.accept(table, () -> Deps.NONE);
    Deps onTable = Deps.ownedBy(table); // shared: most columns hang on their table alone
    for (int k = 0; k < parts.columns.length; k++) {
      Column c = t.columns().get(k);
      DbObject column = parts.columns[k];
      if (c.type().kind() == TypeKind.ENUM) {
        DbObject type = DbObject.type(PostgresNames.enumType(t.name(), c.name()));
        out.accept(type, () -> Deps.NONE);
        out.accept(column, () -> new Deps(Set.of(table), Set.of(type)));
      } else {
        out.accept(column, () -> onTable);
      }
    }
    if (!t.primaryKey().isEmpty()) {
      keyConstraint(out, parts, t.primaryKeyConstraint(), t.primaryKey());
    }
    for (UniqueConstraint u : t.effectiveUniques()) {
      keyConstraint(out, parts, ConstraintNames.unique(t.name(), u), u.columns());
    }
    List<String> columnNames = t.columns().stream().map(Column::name).toList();
    for (var check : t.checks()) {
      out.accept(DbObject.constraint(t.name(), check.name()), () -> checkDeps(parts, check.expression(), columnNames));
    }
    for (ForeignKey fk : t.foreignKeys()) {
      out.accept(DbObject.constraint(t.name(), ConstraintNames.foreignKey(t.name(), fk)), () -> foreignKey(model, parts, fk));
    }
    for (Index i : t.indexes()) {
      out.accept(DbObject.index(i.name()), () -> indexDeps(parts, i, columnNames));
    }
  }

  /**
   * A table and its columns, made once: every key, check and index of the table names them as
   * owners, and sharing the instances keeps a catalog of a large model a tenth smaller (and
   * compares them by identity first).
   */
  private static final class TableParts {
    private static final DbObject[] NONE = {};
    final DbObject table;
    final DbObject[] columns;

    private TableParts(DbObject table, DbObject[] columns) {
      this.table = table;
      this.columns = columns;
    }

    static TableParts of(Table t) {
      DbObject[] columns = new DbObject[t.columns().size()];
      for (int k = 0; k < columns.length; k++) {
        columns[k] = DbObject.column(t.name(), t.columns().get(k).name());
      }
      return new TableParts(DbObject.table(t.name()), columns);
    }

    /** A table known by name only, as the planners know the tables their steps change. */
    static TableParts named(String table) {
      return new TableParts(DbObject.table(table), NONE);
    }

    DbObject column(String name) {
      for (DbObject c : columns) {
        if (c.name().equals(name)) {
          return c;
        }
      }
      return DbObject.column(table.name(), name);
    }
  }

  private static void keyConstraint(ObjectSink out, TableParts parts, String name, List<String> columns) {
    DbObject constraint = DbObject.constraint(parts.table.name(), name);
    out.accept(constraint, () -> {
      List<DbObject> owners = new ArrayList<>(columns.size() + 1);
      owners.add(parts.table);
      columns.forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
      return Deps.of(owners, List.of());
    });
    out.accept(DbObject.index(name), () -> Deps.ownedBy(constraint));
  }

  /** A check: dropped with its table and with any column its expression mentions, as PostgreSQL does. */
  static Deps checkDeps(String table, String expression, Collection<String> columns) {
    return checkDeps(TableParts.named(table), expression, columns);
  }

  private static Deps checkDeps(TableParts parts, String expression, Collection<String> columns) {
    List<DbObject> owners = new ArrayList<>(4);
    owners.add(parts.table);
    dev.modelc.dialect.PostgresExpressions.columnsIn(expression, columns).forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
    return Deps.of(owners, List.of());
  }

  /**
   * A foreign key of {@code table}: owned by its table and columns, blocking the removal of its
   * target table, columns and the key constraint that makes them referenceable.
   */
  static Deps foreignKey(Model model, String table, ForeignKey fk) {
    return foreignKey(model, TableParts.named(table), fk);
  }

  private static Deps foreignKey(Model model, TableParts parts, ForeignKey fk) {
    String target = fk.targetTable();
    List<DbObject> refs = new ArrayList<>(fk.targetColumns().size() + 2);
    refs.add(DbObject.table(target));
    fk.targetColumns().forEach(c -> DbObject.addDistinct(refs, DbObject.column(target, c)));
    Table referenced = model.table(target).orElse(null);
    if (referenced != null) {
      if (referenced.primaryKey().equals(fk.targetColumns())) {
        DbObject.addDistinct(refs, DbObject.constraint(target, referenced.primaryKeyConstraint()));
      } else {
        referenced.effectiveUniques().stream().filter(u -> u.columns().equals(fk.targetColumns())).findFirst()
            .ifPresent(u -> DbObject.addDistinct(refs, DbObject.constraint(target, ConstraintNames.unique(target, u))));
      }
    }
    List<DbObject> owners = new ArrayList<>(fk.columns().size() + 1);
    owners.add(parts.table);
    fk.columns().forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
    return Deps.of(owners, refs);
  }

  /**
   * An index: dropped with its table and with any column it mentions, as a key, an included
   * column or in its predicate ({@code columns} are the table's column names at that point).
   */
  static Deps indexDeps(String table, Index index, Collection<String> columns) {
    return indexDeps(TableParts.named(table), index, columns);
  }

  private static Deps indexDeps(TableParts parts, Index index, Collection<String> columns) {
    List<DbObject> owners = new ArrayList<>(index.columns().size() + 1);
    owners.add(parts.table);
    for (IndexColumn ic : index.columns()) {
      if (ic.expression()) {
        dev.modelc.dialect.PostgresExpressions.columnsIn(ic.column(), columns).forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
      } else {
        DbObject.addDistinct(owners, parts.column(ic.column()));
      }
    }
    index.include().forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
    if (index.where() != null) {
      dev.modelc.dialect.PostgresExpressions.columnsIn(index.where(), columns).forEach(c -> DbObject.addDistinct(owners, parts.column(c)));
    }
    return Deps.of(owners, List.of());
  }

  boolean contains(DbObject o) {
    return objects.containsKey(o);
  }

  Deps deps(DbObject o) {
    return objects.get(o);
  }

  Collection<DbObject> objects() {
    return objects.keys();
  }

  /**
   * The sum of the objects' 64-bit fingerprints: equal catalogs have equal sums, whatever the
   * order objects came and went in, and catalogs that differ almost never do (a sum of well-mixed
   * 64-bit hashes, as in incremental multiset hashing). {@link CatalogSimulator} compares it with
   * the target model's, so the last check of a plan needs no lookup per object.
   */
  long fingerprint() {
    return fingerprint;
  }

  int size() {
    return objects.size();
  }

  /** The object holding the name {@code o} needs, if any (possibly of another kind). */
  DbObject holderOfName(DbObject o) {
    return switch (o.kind()) {
      case TABLE, VIEW -> relations.containsKey(o.name()) ? relations.get(o.name()) : types.get(o.name());
      case INDEX -> relations.get(o.name());
      case TYPE -> types.get(o.name());
      default -> objects.containsKey(o) ? o : null;
    };
  }

  void put(DbObject o, Deps deps) {
    Deps old = objects.put(o, deps);
    if (old == null) {
      fingerprint += o.fingerprint();
    } else {
      unlist(o, old);
      old.refs().forEach(r -> referencedBy.remove(r, o));
    }
    switch (o.kind()) {
      case TABLE, VIEW -> {
        relations.put(o.name(), o);
        types.put(o.name(), o);
      }
      case INDEX -> relations.put(o.name(), o);
      case TYPE -> types.put(o.name(), o);
      default -> { }
    }
    list(o, deps);
    deps.refs().forEach(r -> referencedBy.add(r, o));
  }

  /** The table whose objects list what {@code owner} owns: its own for a table, its table's for an inner object. */
  private static String tableOf(DbObject owner) {
    return owner.kind() == DbObject.Kind.TABLE ? owner.name() : owner.table();
  }

  /** Lists {@code o} under its own table (an inner object) and under the table of each of its owners, once each. */
  private void list(DbObject o, Deps deps) {
    relist(o, deps, true);
  }

  /** Takes {@code o} off the lists {@link #list} put it on, each once: a second scan of a list would find nothing. */
  private void unlist(DbObject o, Deps deps) {
    relist(o, deps, false);
  }

  /**
   * Puts {@code o} on ({@code add}) or takes it off each list it belongs on: its own table (an
   * inner object), the table of each of its owners, and the list of objects whose owners have no
   * table. One walk for both, with a flag rather than a callback: the JIT compiled a callback
   * for the first caller it saw and threw the code away when the second came, three times over.
   */
  private void relist(DbObject o, Deps deps, boolean add) {
    String own = o.table();
    if (own != null) {
      onList(own, o, deps, add);
    }
    int i = 0;
    boolean homelessSeen = false;
    for (DbObject w : deps.owners()) {
      String table = tableOf(w);
      if (table == null) {
        if (!homelessSeen) {
          onList(null, o, deps, add);
          homelessSeen = true;
        }
      } else if (!table.equals(own) && !ownerTableBefore(deps, table, i)) {
        onList(table, o, deps, add);
      }
      i++;
    }
  }

  /** Adds {@code o} to, or removes it from, the list of {@code table} (null: the list of objects without one). */
  private void onList(String table, DbObject o, Deps deps, boolean add) {
    if (add) {
      (table == null ? homeless : listed(table)).add(o, deps);
    } else {
      TableObjects listed = table == null ? homeless : tables.get(table);
      if (listed != null) {
        listed.remove(o);
      }
    }
  }

  /** Whether one of the first {@code before} owners (in the set's own order) is of {@code table}. */
  private static boolean ownerTableBefore(Deps deps, String table, int before) {
    int j = 0;
    for (DbObject w : deps.owners()) {
      if (j++ == before) {
        return false;
      }
      if (table.equals(tableOf(w))) {
        return true;
      }
    }
    return false;
  }

  private TableObjects listed(String table) {
    if (table == lastTable) {
      return lastObjects;
    }
    TableObjects t = tables.get(table);
    if (t == null) {
      t = new TableObjects();
      tables.put(table, t);
    }
    lastTable = table;
    lastObjects = t;
    return t;
  }

  /** What {@code o} owns directly (dropped with it). */
  List<DbObject> ownedBy(DbObject o) {
    String table = tableOf(o);
    TableObjects listed = table == null ? homeless : tables.get(table);
    if (listed == null) {
      return List.of();
    }
    List<DbObject> out = null;
    for (int i = 0; i < listed.objects.size(); i++) {
      if (listed.deps.get(i).owners().contains(o)) {
        if (out == null) {
          out = new ArrayList<>(4);
        }
        out.add(listed.objects.get(i));
      }
    }
    return out == null ? List.of() : out;
  }

  /** What refers to {@code o} (blocks dropping it). */
  List<DbObject> referencedBy(DbObject o) {
    return referencedBy.get(o);
  }

  /** The columns, constraints and triggers of {@code table}. */
  List<DbObject> inTable(String table) {
    TableObjects listed = tables.get(table);
    if (listed == null) {
      return List.of();
    }
    List<DbObject> out = new ArrayList<>(listed.objects.size());
    for (DbObject o : listed.objects) {
      if (table.equals(o.table())) {
        out.add(o);
      }
    }
    return out;
  }

  private Deps unindex(DbObject o) {
    Deps deps = objects.remove(o);
    if (deps == null) {
      return null;
    }
    fingerprint -= o.fingerprint();
    relations.remove(o.name(), o);
    types.remove(o.name(), o);
    unlist(o, deps);
    deps.refs().forEach(r -> referencedBy.remove(r, o));
    return deps;
  }

  /** Up to this many objects, a list is searched for an object instead of hashing them all into a set. */
  private static final int SHORT_LIST = 16;

  /**
   * Every object dropped along with {@code roots}: the roots and all they own, transitively, each
   * once. Most drops take one object and what little it owns: a list, searched for repeats while
   * it is short, and a set beside it only once it is not.
   */
  Collection<DbObject> cascade(Collection<DbObject> roots) {
    List<DbObject> out = new ArrayList<>(roots.size() + 2);
    Set<DbObject> seen = null;
    List<DbObject> todo = new ArrayList<>(roots);
    while (!todo.isEmpty()) {
      DbObject o = todo.remove(todo.size() - 1);
      if (seen == null && out.size() == SHORT_LIST) {
        seen = new HashSet<>(out);
      }
      boolean fresh = seen == null ? !out.contains(o) : !seen.contains(o);
      if (fresh && objects.containsKey(o)) {
        out.add(o);
        if (seen != null) {
          seen.add(o);
        }
        todo.addAll(ownedBy(o));
      }
    }
    return out;
  }

  /** Objects outside {@code dropped} that block dropping it (foreign keys, columns of a type, views), in sorted order. */
  Set<DbObject> blockers(Collection<DbObject> dropped) {
    Set<DbObject> out = null;
    Collection<DbObject> inDrop = dropped.size() > SHORT_LIST ? new HashSet<>(dropped) : dropped;
    for (DbObject d : dropped) {
      for (DbObject r : referencedBy(d)) {
        if (!inDrop.contains(r)) {
          if (out == null) {
            out = new TreeSet<>();
          }
          out.add(r);
        }
      }
    }
    return out == null ? Set.of() : out;
  }

  void removeAll(Collection<DbObject> dropped) {
    dropped.forEach(this::unindex);
  }

  /**
   * Renames {@code from} to {@code to}; a renamed table takes its columns, constraints and
   * triggers along, and every dependency on a moved object follows it, as PostgreSQL tracks
   * objects by identity, not by name.
   */
  void rename(DbObject from, DbObject to) {
    if (from.kind() != DbObject.Kind.TABLE && referencedBy(from).isEmpty() && ownedBy(from).isEmpty()) {
      // nothing else names it (the usual constraint or index swapped in under its final name): it
      // moves alone, and its dependencies, which never name the object itself, stay as they are
      Deps deps = unindex(from);
      if (deps != null) {
        put(to, deps);
      }
      return;
    }
    Map<DbObject, DbObject> moved = new LinkedHashMap<>();
    moved.put(from, to);
    if (from.kind() == DbObject.Kind.TABLE) {
      for (DbObject o : inTable(from.name())) {
        moved.put(o, o.movedTo(to.name()));
      }
    }
    Set<DbObject> affected = new LinkedHashSet<>(moved.keySet());
    for (DbObject m : moved.keySet()) {
      affected.addAll(ownedBy(m));
      affected.addAll(referencedBy(m));
    }
    Map<DbObject, Deps> rewritten = new LinkedHashMap<>();
    for (DbObject a : affected) {
      Deps deps = unindex(a);
      if (deps != null) {
        rewritten.put(moved.getOrDefault(a, a), deps.mapped(moved));
      }
    }
    rewritten.forEach(this::put);
  }
}
