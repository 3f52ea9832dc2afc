package dev.modelc.check;

import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Suggestions;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.ShardedMap;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.TypeKind;
import dev.modelc.model.UniqueConstraint;
import dev.modelc.model.UnmanagedObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-references inside one model: every table, column and index a name points at exists
 * and fits. Linear in the size of the model: lookups go through the model's maps. A name that
 * points at an element which could not be read is not reported again: the check is skipped
 * and counted, and the element holding the name is marked broken for the later stages.
 */
final class ReferenceCheck {
  private ReferenceCheck() {}

  static void check(Model model, Diagnostics out, Broken broken) {
    // every table, index and sequence name of the model: one hash table that size would be an
    // array the collector allocates outside the young generation, so the names are sharded
    ShardedMap<String, SourceRef> relationNames = new ShardedMap<>(model.tables().size() * 8);
    for (Table table : model.tables()) {
      relationNames.putIfAbsent(table.name(), table.source());
    }
    for (UnmanagedObject u : model.unmanaged()) {
      if (u.table() == null && u.kind() != UnmanagedObject.Kind.FUNCTIONS && u.kind() != UnmanagedObject.Kind.TYPES
          && u.kind() != UnmanagedObject.Kind.OTHER) {
        SourceRef first = relationNames.putIfAbsent(u.name(), u.source());
        if (first != null) {
          out.report(ReferenceCode.MC306, u.source(), "unmanaged " + u.describe() + " has the name of a table, index or"
              + " other relation the model manages (at " + first + "); PostgreSQL keeps one namespace of relations per schema");
        }
      }
    }
    for (Table table : model.tables()) {
      columns(model, table, out, broken);
      constraintNames(table, relationNames, out, broken);
    }
    for (QueryPattern query : model.queries()) {
      query(model, query, out, broken);
    }
    tombstones(model, out);
    unmanaged(model, out, broken);
    extensions(model, out);
  }

  private static void columns(Model model, Table table, Diagnostics out, Broken broken) {
    if (table.primaryKey().isEmpty() && !broken.table(table.name())) {
      out.report(ReferenceCode.MC311, table.source(), "table '" + table.name()
          + "' has no primary key; add 'primaryKey: true' to its key column (generated lookups and safe plans need one)");
    }
    Set<String> keySeen = new HashSet<>();
    for (String key : table.primaryKey()) {
      Optional<Column> column = column(table, key, "primary key of table '" + table.name() + "'", table.source(), out, broken);
      if (!keySeen.add(key)) {
        out.report(ReferenceCode.MC313, table.source(), "column '" + key + "' is listed twice in the primary key of table '" + table.name() + "'");
      }
      if (column.isPresent() && column.get().nullable()) {
        out.report(ReferenceCode.MC308, column.get().source(), "column '" + table.name() + "." + key
            + "' is part of the primary key and cannot be nullable; remove 'nullable: true'");
      }
    }
    for (Column c : table.columns()) {
      if (c.type().kind() == TypeKind.ENUM) {
        List<String> values = c.type().enumValues();
        if (values.isEmpty()) {
          out.report(ReferenceCode.MC307, c.source(), "enum column '" + table.name() + "." + c.name()
              + "' needs its values: add 'values: [a, b]'");
        } else if (new HashSet<>(values).size() != values.size()) {
          out.report(ReferenceCode.MC307, c.source(), "enum column '" + table.name() + "." + c.name()
              + "' lists a value twice: " + values);
        }
      }
    }
    for (UniqueConstraint u : table.uniques()) {
      if (!u.shortForm()) {
        listedOnce(table, u.columns(), "unique constraint " + describe(u), u.source(), out, broken);
      }
    }
    for (ForeignKey fk : table.foreignKeys()) {
      foreignKey(model, table, fk, out, broken);
    }
    for (Index index : table.indexes()) {
      index(table, index, out, broken);
    }
  }

  private static String describe(UniqueConstraint u) {
    return u.name() != null ? "'" + u.name() + "'" : "(" + String.join(", ", u.columns()) + ")";
  }

  private static void index(Table table, Index index, Diagnostics out, Broken broken) {
    String what = "index '" + index.name() + "'";
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (IndexColumn ic : index.columns()) {
      if (!ic.expression()) {
        ok &= column(table, ic.column(), what, ic.source(), out, broken).isPresent();
      }
      if (!seen.add(ic.expression() ? dev.modelc.model.SqlText.normalize(ic.column()) : ic.column())) {
        out.report(ReferenceCode.MC313, ic.source(), (ic.expression() ? "expression '" : "column '") + ic.column()
            + "' is listed twice in " + what);
        ok = false;
      }
    }
    Set<String> included = new HashSet<>();
    for (String inc : index.include()) {
      ok &= column(table, inc, "'include' of " + what, index.source(), out, broken).isPresent();
      if (!included.add(inc)) {
        out.report(ReferenceCode.MC313, index.source(), "column '" + inc + "' is listed twice in 'include' of " + what);
        ok = false;
      } else if (seen.contains(inc)) {
        out.report(ReferenceCode.MC313, index.source(), "column '" + inc + "' of " + what
            + " is both a key column and in 'include'; remove it from 'include'");
        ok = false;
      }
    }
    ok &= IndexMethods.check(table, index, out);
    if (!ok) {
      broken.markIndex(index.name());
    }
  }

  private static void foreignKey(Model model, Table table, ForeignKey fk, Diagnostics out, Broken broken) {
    String what = fk.shortForm() ? "column '" + table.name() + "." + fk.columns().get(0) + "'"
        : "foreign key " + (fk.name() != null ? "'" + fk.name() + "'" : fk.describe()) + " of table '" + table.name() + "'";
    List<Column> local = new java.util.ArrayList<>();
    if (!fk.shortForm()) {
      if (!listedOnce(table, fk.columns(), what, fk.source(), out, broken)) {
        return;
      }
    }
    fk.columns().forEach(c -> table.column(c).ifPresent(local::add));
    Optional<Table> target = model.table(fk.targetTable());
    if (target.isEmpty()) {
      if (broken.unreadTable(fk.targetTable())) {
        broken.skip("reference to a table with errors");
        return;
      }
      out.report(ReferenceCode.MC301, fk.source(), what + " references unknown table '" + fk.targetTable() + "'"
          + Suggestions.didYouMean(fk.targetTable(), model.tables().stream().map(Table::name).toList()));
      return;
    }
    List<Column> remote = new java.util.ArrayList<>();
    for (String tc : fk.targetColumns()) {
      column(target.get(), tc, "'references' of " + what, fk.source(), out, broken).ifPresent(remote::add);
    }
    if (remote.size() != fk.targetColumns().size() || local.size() != fk.columns().size()) {
      return;
    }
    for (int i = 0; i < local.size(); i++) {
      Column a = local.get(i);
      Column b = remote.get(i);
      Optional<String> why = ForeignKeyTypes.difference(a.type(), b.type());
      if (why.isEmpty()) {
        continue;
      }
      String pair = "'" + table.name() + "." + a.name() + "' is " + a.type().modelSpelling() + " but references '"
          + target.get().name() + "." + b.name() + "' of type " + b.type().modelSpelling();
      if (ForeignKeyTypes.comparable(a.type(), b.type())) {
        out.report(ReferenceCode.MC320, fk.source(), pair + ": PostgreSQL accepts the key, but " + why.get()
            + "; make the types equal when you can");
      } else {
        out.report(ReferenceCode.MC303, fk.source(), pair + "; PostgreSQL has no comparison between the two and refuses"
            + " the key: make the types equal");
      }
    }
    if (!target.get().isKey(fk.targetColumns())) {
      String targetName = fk.targetTable() + (fk.targetColumns().size() == 1 ? "." + fk.targetColumns().get(0)
          : " (" + String.join(", ", fk.targetColumns()) + ")");
      out.report(ReferenceCode.MC304, fk.source(), what + " references " + targetName
          + ", which is neither the primary key nor unique; PostgreSQL requires a unique target: "
          + (fk.targetColumns().size() == 1 ? "add 'unique: true' to it" : "add it to the table's 'uniques:'"));
    }
  }

  private static void constraintNames(Table table, ShardedMap<String, SourceRef> relationNames, Diagnostics out, Broken broken) {
    // PostgreSQL keeps tables, indexes, constraint indexes and sequences in one namespace per schema.
    for (Index index : table.allIndexes()) {
      SourceRef first = relationNames.putIfAbsent(index.name(), index.source());
      if (first != null) {
        out.report(ReferenceCode.MC306, index.source(), "index name '" + index.name()
            + "' is already used (at " + first + "); index, constraint and table names share one namespace in PostgreSQL");
        broken.markIndex(index.name());
      }
    }
    for (Column c : table.columns()) {
      if (c.generation() != null && c.generation().hasSequence()) {
        String sequence = dev.modelc.model.ConstraintNames.sequence(table.name(), c);
        SourceRef first = relationNames.putIfAbsent(sequence, c.source());
        if (first != null) {
          out.report(ReferenceCode.MC306, c.source(), "the sequence '" + sequence + "' of column '" + table.name() + "."
              + c.name() + "' has the name of another table, index or sequence (at " + first
              + "); name it with 'sequence:'");
        }
      }
    }
    // Constraint names are unique per table: key, unique, foreign-key and check constraints.
    Map<String, String> constraints = new HashMap<>();
    if (!table.primaryKey().isEmpty()) {
      constraints.put(table.primaryKeyConstraint(), "the primary key");
    }
    for (UniqueConstraint u : table.effectiveUniques()) {
      constraint(constraints, dev.modelc.model.ConstraintNames.unique(table.name(), u),
          "the unique constraint on (" + String.join(", ", u.columns()) + ")", table, u.source(), out);
    }
    for (ForeignKey fk : table.foreignKeys()) {
      constraint(constraints, dev.modelc.model.ConstraintNames.foreignKey(table.name(), fk),
          "the foreign key " + fk.describe(), table, fk.source(), out);
    }
    for (Check check : table.checks()) {
      constraint(constraints, check.name(), "check '" + check.name() + "'", table, check.source(), out);
    }
  }

  private static void constraint(Map<String, String> seen, String name, String what, Table table, SourceRef at,
      Diagnostics out) {
    String first = seen.putIfAbsent(name, what);
    if (first != null) {
      out.report(ReferenceCode.MC306, at, "constraint name '" + name + "' of " + what + " is the name of " + first
          + " of table '" + table.name() + "'; constraint names are unique per table: rename one");
    }
  }

  private static void query(Model model, QueryPattern q, Diagnostics out, Broken broken) {
    String what = "query '" + q.name() + "'";
    Optional<Table> found = model.table(q.table());
    if (found.isEmpty()) {
      broken.markQuery(q.name(), false);
      if (broken.unreadTable(q.table())) {
        broken.skip("query on a table with errors");
        return;
      }
      out.report(ReferenceCode.MC301, q.source(), what + " reads unknown table '" + q.table() + "'"
          + Suggestions.didYouMean(q.table(), model.tables().stream().map(Table::name).toList()));
      return;
    }
    Table table = found.get();
    boolean ok = true;
    for (Predicate p : q.where()) {
      if (!p.onExpression()) {
        ok &= column(table, p.column(), "'where' of " + what, p.source(), out, broken).isPresent();
      }
    }
    for (OrderTerm o : q.orderBy()) {
      if (!dev.modelc.model.SqlText.isExpression(o.column())) {
        ok &= column(table, o.column(), "'orderBy' of " + what, o.source(), out, broken).isPresent();
      }
    }
    ok &= listedOnce(table, q.returns(), "'returns' of " + what, q.source(), out, broken);
    ok &= listedOnce(table, q.set(), "'set' of " + what, q.source(), out, broken);
    for (String s : q.set()) {
      table.column(s).filter(c -> !c.writable()).ifPresent(c -> out.report(ReferenceCode.MC323, q.source(), "'set' of "
          + what + " names column '" + c.name() + "', which PostgreSQL fills itself ("
          + (c.generation().kind() == dev.modelc.model.Generation.Kind.STORED ? "a generated column" : "identity always")
          + "); remove it from 'set'"));
    }
    if (q.index() != null && table.allIndexes().stream().noneMatch(i -> i.name().equals(q.index()))) {
      out.report(ReferenceCode.MC305, q.source(), what + " pins index '" + q.index() + "', which does not exist on table '"
          + table.name() + "'" + Suggestions.didYouMean(q.index(), table.allIndexes().stream().map(Index::name).toList()));
      ok = false;
    }
    kindShape(q, what, out);
    if (!ok) {
      broken.markQuery(q.name(), false);
    }
  }

  private static void kindShape(QueryPattern q, String what, Diagnostics out) {
    QueryKind kind = q.kind();
    boolean selects = kind == QueryKind.SELECT;
    if (!q.returns().isEmpty() && !(selects || kind == QueryKind.INSERT)) {
      misfit(q, what, "'returns'", out);
    }
    if (!q.set().isEmpty() && kind != QueryKind.UPDATE && kind != QueryKind.INSERT) {
      misfit(q, what, "'set'", out);
    }
    if (kind == QueryKind.UPDATE && q.set().isEmpty()) {
      out.report(ReferenceCode.MC310, q.source(), what + " is an update and needs 'set:' listing the columns it assigns");
    }
    if (!q.orderBy().isEmpty() && !selects) {
      misfit(q, what, "'orderBy'", out);
    }
    if (q.limit() != null && !selects) {
      misfit(q, what, "'limit'", out);
    }
    if (!q.where().isEmpty() && kind == QueryKind.INSERT) {
      misfit(q, what, "'where'", out);
    }
  }

  private static void misfit(QueryPattern q, String what, String key, Diagnostics out) {
    out.report(ReferenceCode.MC310, q.source(), key + " does not apply to " + what + " of kind '"
        + q.kind().modelName() + "'; remove it");
  }

  private static void tombstones(Model model, Diagnostics out) {
    for (Tombstone t : model.retired()) {
      Optional<Table> table = model.table(t.table());
      boolean exists = switch (t.kind()) {
        case TABLE -> table.isPresent();
        case COLUMN -> table.flatMap(x -> x.column(t.name())).isPresent();
        case INDEX -> table.flatMap(x -> x.index(t.name())).isPresent();
      };
      if (exists) {
        out.report(ReferenceCode.MC309, t.source(), "'" + t.qualifiedName() + "' is retired but still in the model; "
            + "remove it from the model or remove the tombstone");
      }
      if (t.kind() == Tombstone.Kind.INDEX && t.replacedBy() != null
          && table.flatMap(x -> x.index(t.replacedBy())).isEmpty()) {
        out.report(ReferenceCode.MC305, t.source(), "retired index '" + t.qualifiedName() + "' is replaced by '"
            + t.replacedBy() + "', which is not an index of table '" + t.table() + "'");
      }
    }
    java.util.Map<String, Table> tableSources = new java.util.HashMap<>();
    for (Table table : model.tables()) {
      renames(model, table, tableSources, out); // a call per table: compiled on its own, early, not as one long loop
    }
  }

  /** A table's renames: none takes over an old name twice, none comes from an object still present. */
  private static void renames(Model model, Table table, java.util.Map<String, Table> tableSources, Diagnostics out) {
    renamedTwice(tableSources, table.renamedFrom(), table, "table '" + table.name() + "'", table.source(), out);
    java.util.Map<String, Object> columnSources = new java.util.HashMap<>();
    for (Column c : table.columns()) {
      if (c.renamedFrom() != null) { // the description only for the few that are renamed
        renamedTwice(columnSources, c.renamedFrom(), c, "column '" + table.name() + "." + c.name() + "'", c.source(), out);
      }
    }
    java.util.Map<String, Object> indexSources = new java.util.HashMap<>();
    for (Index i : table.indexes()) {
      renamedTwice(indexSources, i.renamedFrom(), i, "index '" + i.name() + "'", i.source(), out);
    }
    if (table.renamedFrom() != null && model.table(table.renamedFrom()).isPresent()) {
      out.report(ReferenceCode.MC312, table.source(), "table '" + table.name() + "' is renamed from '"
          + table.renamedFrom() + "', but a table of that name is still in the model");
    }
    for (Column c : table.columns()) {
      if (c.renamedFrom() != null && table.column(c.renamedFrom()).isPresent()) {
        out.report(ReferenceCode.MC312, c.source(), "column '" + table.name() + "." + c.name() + "' is renamed from '"
            + c.renamedFrom() + "', but that column is still in the table");
      }
    }
    for (Index i : table.indexes()) {
      if (i.renamedFrom() != null && table.index(i.renamedFrom()).isPresent()) {
        out.report(ReferenceCode.MC312, i.source(), "index '" + i.name() + "' is renamed from '"
            + i.renamedFrom() + "', but that index is still in the table");
      }
    }
  }

  /** One old object becomes one new object: a second {@code renamedFrom} of the same name is an error. */
  private static <T> void renamedTwice(java.util.Map<String, T> seen, String renamedFrom, T object, String what, SourceRef at,
      Diagnostics out) {
    if (renamedFrom == null) {
      return;
    }
    T first = seen.putIfAbsent(renamedFrom, object);
    if (first != null) {
      out.report(ReferenceCode.MC318, at, what + " is renamed from '" + renamedFrom + "', like " + describe(first)
          + " before it; one object can take over the old one's data, so rename one and add the other as new");
    }
  }

  private static String describe(Object o) {
    if (o instanceof Table t) {
      return "table '" + t.name() + "'";
    } else if (o instanceof Column c) {
      return "column '" + c.name() + "'";
    }
    return "index '" + ((Index) o).name() + "'";
  }

  /** Every name is a column of {@code table}, each once; false when one is not. */
  private static boolean listedOnce(Table table, List<String> names, String what, SourceRef at, Diagnostics out,
      Broken broken) {
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (String name : names) {
      ok &= column(table, name, what, at, out, broken).isPresent();
      if (!seen.add(name)) {
        out.report(ReferenceCode.MC313, at, "column '" + name + "' is listed twice in " + what);
        ok = false;
      }
    }
    return ok;
  }

  /**
   * The column {@code name} of {@code table}; an unknown name is MC302, unless the column (or
   * its table) could not be read, which is counted as a skipped check instead.
   */
  static Optional<Column> column(Table table, String name, String what, SourceRef at, Diagnostics out, Broken broken) {
    Optional<Column> c = table.column(name);
    if (c.isEmpty()) {
      if (broken.unreadColumn(table.name(), name)) {
        broken.skip("reference to a column with errors");
      } else {
        out.report(ReferenceCode.MC302, at, what + " names unknown column '" + name + "' of table '" + table.name() + "'"
            + Suggestions.didYouMean(name, table.columns().stream().map(Column::name).toList()));
      }
    }
    return c;
  }

  /** What unmanaged objects depend on exists (their placeholder reasons are {@link PlaceholderCheck}'s). */
  private static void unmanaged(Model model, Diagnostics out, Broken broken) {
    for (UnmanagedObject u : model.unmanaged()) {
      for (String d : u.dependsOn()) {
        int dot = d.lastIndexOf('.');
        String tableName = dot < 0 ? d : d.substring(0, dot);
        if (retired(model, d, dot < 0)) {
          continue; // still in the database until the plan drops it, which the planner then refuses (MC630)
        }
        Optional<Table> table = model.table(tableName);
        if (table.isEmpty()) {
          if (broken.unreadTable(tableName)) {
            broken.skip("reference to a table with errors");
          } else {
            out.report(ReferenceCode.MC301, u.source(), "unmanaged " + u.describe() + " depends on unknown table '" + tableName
                + "'" + Suggestions.didYouMean(tableName, model.tables().stream().map(Table::name).toList())
                + "; list the tables and table.column it reads");
          }
        } else if (dot >= 0) {
          column(table.get(), d.substring(dot + 1), "'dependsOn' of unmanaged " + u.describe(), u.source(), out, broken);
        }
      }
      if (u.table() != null && model.table(u.table()).isEmpty() && !broken.unreadTable(u.table())) {
        out.report(ReferenceCode.MC301, u.source(), "unmanaged " + u.describe() + " belongs to unknown table '" + u.table() + "'");
      }
    }
  }

  /** Whether {@code name} (a table, or table.column) has a tombstone in the model. */
  private static boolean retired(Model model, String name, boolean table) {
    return model.retired().stream().anyMatch(t -> t.qualifiedName().equals(name)
        && t.kind() == (table ? Tombstone.Kind.TABLE : Tombstone.Kind.COLUMN));
  }

  /** Types and operator classes that come from an extension need it listed under {@code extensions:}. */
  private static void extensions(Model model, Diagnostics out) {
    Set<String> listed = new HashSet<>(model.extensions());
    for (Table table : model.tables()) {
      for (Column c : table.columns()) {
        if (c.type().kind() == TypeKind.CITEXT && !listed.contains("citext")) {
          out.report(ReferenceCode.MC321, c.source(), "column '" + table.name() + "." + c.name()
              + "' is citext, which the citext extension provides; add 'extensions: [citext]' to the model");
        }
      }
      for (Index index : table.indexes()) {
        for (IndexColumn ic : index.columns()) {
          String needs = IndexMethods.extensionOf(ic.opclass());
          if (needs != null && !listed.contains(needs)) {
            out.report(ReferenceCode.MC321, ic.source(), "operator class '" + ic.opclass() + "' of index '" + index.name()
                + "' comes from the " + needs + " extension; add it to the model's 'extensions:'");
          }
        }
      }
    }
  }
}
