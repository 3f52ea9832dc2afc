package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Suggestions;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ForeignKeyRef;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.TypeKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-references inside one model: every table, column and index a name points at exists
 * and fits. Linear in the size of the model: lookups go through the model's maps.
 */
final class ReferenceCheck {
  private ReferenceCheck() {}

  static void check(Model model, Diagnostics out) {
    Map<String, SourceRef> relationNames = new HashMap<>();
    for (Table table : model.tables()) {
      relationNames.putIfAbsent(table.name(), table.source());
    }
    for (Table table : model.tables()) {
      columns(model, table, out);
      constraintNames(table, relationNames, out);
    }
    for (QueryPattern query : model.queries()) {
      query(model, query, out);
    }
    tombstones(model, out);
  }

  private static void columns(Model model, Table table, Diagnostics out) {
    if (table.primaryKey().isEmpty()) {
      out.report(ReferenceCode.MC311, table.source(), "table '" + table.name()
          + "' has no primary key; add 'primaryKey: true' to its key column (generated lookups and safe plans need one)");
    }
    Set<String> keySeen = new HashSet<>();
    for (String key : table.primaryKey()) {
      Optional<Column> column = column(table, key, "primary key of table '" + table.name() + "'", table.source(), out);
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
      if (c.references() != null) {
        foreignKey(model, table, c, out);
      }
    }
    for (Index index : table.indexes()) {
      Set<String> seen = new HashSet<>();
      for (IndexColumn ic : index.columns()) {
        column(table, ic.column(), "index '" + index.name() + "'", ic.source(), out);
        if (!seen.add(ic.column())) {
          out.report(ReferenceCode.MC313, ic.source(), "column '" + ic.column() + "' is listed twice in index '" + index.name() + "'");
        }
      }
      Set<String> included = new HashSet<>();
      for (String inc : index.include()) {
        column(table, inc, "'include' of index '" + index.name() + "'", index.source(), out);
        if (!included.add(inc)) {
          out.report(ReferenceCode.MC313, index.source(), "column '" + inc + "' is listed twice in 'include' of index '"
              + index.name() + "'");
        } else if (seen.contains(inc)) {
          out.report(ReferenceCode.MC313, index.source(), "column '" + inc + "' of index '" + index.name()
              + "' is both a key column and in 'include'; remove it from 'include'");
        }
      }
    }
  }

  private static void foreignKey(Model model, Table table, Column c, Diagnostics out) {
    ForeignKeyRef ref = c.references();
    String what = "column '" + table.name() + "." + c.name() + "'";
    Optional<Table> target = model.table(ref.table());
    if (target.isEmpty()) {
      out.report(ReferenceCode.MC301, ref.source(), what + " references unknown table '" + ref.table() + "'"
          + Suggestions.didYouMean(ref.table(), model.tables().stream().map(Table::name).toList()));
      return;
    }
    Optional<Column> targetColumn = column(target.get(), ref.column(), "'references' of " + what, ref.source(), out);
    if (targetColumn.isEmpty()) {
      return;
    }
    if (!targetColumn.get().type().sameBaseType(c.type())) {
      out.report(ReferenceCode.MC303, ref.source(), what + " is " + c.type().modelSpelling() + " but references "
          + ref + " of type " + targetColumn.get().type().modelSpelling() + "; make the types equal");
    }
    boolean key = target.get().primaryKey().equals(List.of(ref.column())) || targetColumn.get().unique()
        || target.get().indexes().stream().anyMatch(i -> i.unique() && i.where() == null
            && i.columnNames().equals(List.of(ref.column())));
    if (!key) {
      out.report(ReferenceCode.MC304, ref.source(), what + " references " + ref
          + ", which is neither the primary key nor unique; PostgreSQL requires a unique target: add 'unique: true' to it");
    }
  }

  private static void constraintNames(Table table, Map<String, SourceRef> relationNames, Diagnostics out) {
    // PostgreSQL keeps tables, indexes and constraint indexes in one namespace per schema.
    for (Index index : table.allIndexes()) {
      SourceRef first = relationNames.putIfAbsent(index.name(), index.source());
      if (first != null) {
        out.report(ReferenceCode.MC306, index.source(), "index name '" + index.name()
            + "' is already used (at " + first + "); index, constraint and table names share one namespace in PostgreSQL");
      }
    }
    // Constraint names are unique per table: checks must not take the names PostgreSQL's
    // key, unique and foreign-key constraints of the table get.
    Map<String, String> constraints = new HashMap<>();
    if (!table.primaryKey().isEmpty()) {
      constraints.put(PostgresNames.primaryKey(table), "the primary key");
    }
    for (Column c : table.columns()) {
      if (c.unique() && !table.primaryKey().equals(List.of(c.name()))) {
        constraints.putIfAbsent(PostgresNames.uniqueColumn(table.name(), c.name()), "the unique constraint of column '" + c.name() + "'");
      }
      if (c.references() != null) {
        constraints.putIfAbsent(PostgresNames.foreignKey(table.name(), c.name()), "the foreign key of column '" + c.name() + "'");
      }
    }
    Set<String> checks = new HashSet<>();
    for (Check check : table.checks()) {
      if (!checks.add(check.name())) {
        out.report(ReferenceCode.MC306, check.source(), "check name '" + check.name() + "' is used twice in table '" + table.name() + "'");
      } else if (constraints.containsKey(check.name())) {
        out.report(ReferenceCode.MC306, check.source(), "check name '" + check.name() + "' is the name of "
            + constraints.get(check.name()) + " of table '" + table.name() + "'; constraint names are unique per table: rename the check");
      }
    }
  }

  private static void query(Model model, QueryPattern q, Diagnostics out) {
    String what = "query '" + q.name() + "'";
    Optional<Table> found = model.table(q.table());
    if (found.isEmpty()) {
      out.report(ReferenceCode.MC301, q.source(), what + " reads unknown table '" + q.table() + "'"
          + Suggestions.didYouMean(q.table(), model.tables().stream().map(Table::name).toList()));
      return;
    }
    Table table = found.get();
    for (Predicate p : q.where()) {
      column(table, p.column(), "'where' of " + what, p.source(), out);
    }
    for (OrderTerm o : q.orderBy()) {
      column(table, o.column(), "'orderBy' of " + what, o.source(), out);
    }
    listedOnce(table, q.returns(), "'returns' of " + what, q.source(), out);
    listedOnce(table, q.set(), "'set' of " + what, q.source(), out);
    if (q.index() != null && table.allIndexes().stream().noneMatch(i -> i.name().equals(q.index()))) {
      out.report(ReferenceCode.MC305, q.source(), what + " pins index '" + q.index() + "', which does not exist on table '"
          + table.name() + "'" + Suggestions.didYouMean(q.index(), table.allIndexes().stream().map(Index::name).toList()));
    }
    kindShape(q, what, out);
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
      renamedTwice(tableSources, table.renamedFrom(), table, "table '" + table.name() + "'", table.source(), out);
      java.util.Map<String, Object> columnSources = new java.util.HashMap<>();
      for (Column c : table.columns()) {
        renamedTwice(columnSources, c.renamedFrom(), c, "column '" + table.name() + "." + c.name() + "'", c.source(), out);
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

  private static void listedOnce(Table table, List<String> names, String what, SourceRef at, Diagnostics out) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      column(table, name, what, at, out);
      if (!seen.add(name)) {
        out.report(ReferenceCode.MC313, at, "column '" + name + "' is listed twice in " + what);
      }
    }
  }

  private static Optional<Column> column(Table table, String name, String what, SourceRef at, Diagnostics out) {
    Optional<Column> c = table.column(name);
    if (c.isEmpty()) {
      out.report(ReferenceCode.MC302, at, what + " names unknown column '" + name + "' of table '" + table.name() + "'"
          + Suggestions.didYouMean(name, table.columns().stream().map(Column::name).toList()));
    }
    return c;
  }
}
