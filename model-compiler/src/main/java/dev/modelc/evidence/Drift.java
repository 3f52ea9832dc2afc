package dev.modelc.evidence;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Severity;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresTypes;
import dev.modelc.live.LiveCatalog;
import dev.modelc.live.LiveColumn;
import dev.modelc.live.LiveConstraint;
import dev.modelc.live.LiveEnumType;
import dev.modelc.live.LiveIndex;
import dev.modelc.live.LiveIndexKey;
import dev.modelc.live.LiveTable;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code modelc drift}: the live catalog of one schema against the model. It reports what the
 * model has and the database lacks (MC960), what the database has and the model does not know
 * (MC961: untracked indexes are the classic), definitions that differ (MC962: column types and
 * nullability, index columns, directions, predicate, method, uniqueness, include, foreign-key
 * targets and actions, check expressions, enum values, and an object under another name),
 * INVALID indexes (MC963, a failed concurrent build), and the objects the model lists as
 * unmanaged against the ones the database has (MC964 to MC967, {@link UnmanagedDrift}).
 * Findings point at the model element where there is one.
 */
public final class Drift {
  private final Model model;
  private final LiveCatalog catalog;
  private final SourceRef modelFile;
  private final Diagnostics out = new Diagnostics();
  private final UnmanagedDrift unmanaged;

  private Drift(Model model, LiveCatalog catalog) {
    this.model = model;
    this.catalog = catalog;
    this.modelFile = model.source();
    this.unmanaged = new UnmanagedDrift(model, catalog, out);
  }

  /** Every difference between {@code model} and {@code catalog}, sorted by position. */
  public static List<Diagnostic> compare(Model model, LiveCatalog catalog) {
    Drift d = new Drift(Objects.requireNonNull(model, "model"), Objects.requireNonNull(catalog, "catalog"));
    d.run();
    return d.out.sorted();
  }

  /** Whether the findings are drift (not only notes). */
  public static boolean drifted(List<Diagnostic> findings) {
    return findings.stream().anyMatch(f -> f.severity() != Severity.NOTE);
  }

  private void run() {
    Set<String> modelTables = new HashSet<>();
    Set<String> enumTypes = new HashSet<>();
    for (Table t : model.tables()) {
      modelTables.add(t.name());
      Optional<LiveTable> live = catalog.table(t.name());
      if (live.isEmpty()) {
        report(EvidenceCode.MC960, t.source(), "table '" + t.name() + "' is in the model but not in the database");
        continue;
      }
      table(t, live.get(), enumTypes);
    }
    for (LiveTable live : catalog.tables()) {
      if (!modelTables.contains(live.name()) && !unmanaged.lists(live.name())) {
        Optional<Tombstone> retired = retired(Tombstone.Kind.TABLE, live.name(), null);
        report(EvidenceCode.MC961, retired.map(Tombstone::source).orElse(modelFile), "table '" + live.name() + "' is in"
            + " the database but not in the model" + retired.map(r -> " (it is retired: the plan that drops it has not run)")
                .orElse(": import it (modelc import) or drop it"));
      }
    }
    for (LiveEnumType e : catalog.enums()) {
      if (!enumTypes.contains(e.name()) && !unmanaged.lists(e.name())) {
        report(EvidenceCode.MC961, modelFile, "enum type '" + e.name() + "' is in the database but no enum column of"
            + " the model uses it");
      }
    }
    unmanaged.compare();
  }

  private void table(Table t, LiveTable live, Set<String> enumTypes) {
    Set<String> columns = new HashSet<>();
    for (Column c : t.columns()) {
      columns.add(c.name());
      Optional<LiveColumn> lc = live.column(c.name());
      if (lc.isEmpty()) {
        report(EvidenceCode.MC960, c.source(), "column '" + t.name() + "." + c.name() + "' is in the model but not in"
            + " the database");
        continue;
      }
      String expected = PostgresTypes.formatted(t.name(), c.name(), c.type());
      String actual = lc.get().type().formatted();
      if (!unquoted(expected).equals(unquoted(actual))) {
        report(EvidenceCode.MC962, c.source(), "column '" + t.name() + "." + c.name() + "' is " + actual
            + " in the database, " + expected + " in the model");
      }
      if (c.nullable() == lc.get().notNull()) {
        report(EvidenceCode.MC962, c.source(), "column '" + t.name() + "." + c.name() + "' is "
            + (lc.get().notNull() ? "NOT NULL" : "nullable") + " in the database, " + (c.nullable() ? "nullable" : "NOT NULL")
            + " in the model");
      }
      if (c.type().kind() == TypeKind.ENUM) {
        String type = PostgresNames.enumType(t.name(), c.name());
        enumTypes.add(type);
        catalog.enumType(type).ifPresent(e -> {
          if (!e.labels().equals(c.type().enumValues())) {
            report(EvidenceCode.MC962, c.source(), "enum type '" + type + "' has values " + e.labels()
                + " in the database, " + c.type().enumValues() + " in the model");
          }
        });
      }
    }
    for (LiveColumn lc : live.columns()) {
      if (!columns.contains(lc.name())) {
        Optional<Tombstone> retired = retired(Tombstone.Kind.COLUMN, t.name(), lc.name());
        report(EvidenceCode.MC961, retired.map(Tombstone::source).orElse(t.source()), "column '" + t.name() + "."
            + lc.name() + "' is in the database but not in the model"
            + retired.map(r -> " (it is retired: the plan that drops it has not run)").orElse(""));
      }
    }
    indexes(t, live);
    constraints(t, live);
  }

  private void indexes(Table t, LiveTable live) {
    Map<String, LiveIndex> byName = new HashMap<>();
    live.indexes().forEach(i -> byName.put(i.name(), i));
    Set<String> matched = new HashSet<>();
    for (Index i : t.allIndexes()) {
      LiveIndex li = byName.get(i.name());
      if (li == null) {
        // the same definition under another name: a rename the model does not know
        Optional<LiveIndex> twin = live.indexes().stream()
            .filter(x -> !matched.contains(x.name()) && t.allIndexes().stream().noneMatch(m -> m.name().equals(x.name()))
                && differences(i, x).isEmpty())
            .findFirst();
        if (twin.isPresent()) {
          matched.add(twin.get().name());
          report(EvidenceCode.MC962, i.source(), "index '" + i.name() + "' of the model is '" + twin.get().name()
              + "' in the database (same definition, another name)");
        } else {
          report(EvidenceCode.MC960, i.source(), "index '" + i.name() + "' (" + describe(i) + ") is in the model but not"
              + " in the database");
        }
        continue;
      }
      matched.add(li.name());
      List<String> differences = differences(i, li);
      if (!differences.isEmpty()) {
        report(EvidenceCode.MC962, i.source(), "index '" + i.name() + "' differs: " + String.join("; ", differences)
            + " (database: " + li.definition() + ")");
      }
      if (!li.valid()) {
        report(EvidenceCode.MC963, i.source(), "index '" + i.name() + "' is INVALID in the database (a failed"
            + " CREATE INDEX CONCURRENTLY): PostgreSQL keeps it up to date but never reads it; drop and build it again");
      }
    }
    for (LiveIndex li : live.indexes()) {
      if (matched.contains(li.name())) {
        continue;
      }
      Optional<Tombstone> retired = retired(Tombstone.Kind.INDEX, t.name(), li.name());
      if (!unmanaged.lists(li.name())) { // listed as unmanaged (import lists what the language cannot say)
        report(EvidenceCode.MC961, retired.map(Tombstone::source).orElse(t.source()), "index '" + li.name()
            + "' on table '" + t.name() + "' is in the database but not in the model (" + li.definition() + ")"
            + retired.map(r -> ": it is retired, and the plan that drops it has not run")
                .orElse(": declare it with the query that needs it, or retire it"));
      }
      if (!li.valid()) {
        report(EvidenceCode.MC963, t.source(), "index '" + li.name() + "' is INVALID in the database (a failed"
            + " CREATE INDEX CONCURRENTLY)");
      }
    }
  }

  /** What differs between the model's index and the live one; empty when they are the same. */
  static List<String> differences(Index i, LiveIndex li) {
    List<String> out = new ArrayList<>();
    if (!li.method().equals("btree")) {
      out.add("method " + li.method() + " in the database, btree in the model");
    }
    if (i.unique() != li.unique()) {
      out.add(li.unique() ? "unique in the database only" : "unique in the model only");
    }
    List<String> expected = i.columns().stream().map(IndexColumn::toString).toList();
    List<String> actual = li.keys().stream().map(Drift::key).toList();
    if (!expected.equals(actual)) {
      out.add("columns (" + String.join(", ", actual) + ") in the database, (" + String.join(", ", expected) + ") in the model");
    }
    if (!i.include().equals(li.include())) {
      out.add("include " + li.include() + " in the database, " + i.include() + " in the model");
    }
    String expectedWhere = i.where() == null ? null : predicate(i.where());
    String actualWhere = li.predicate() == null ? null : predicate(li.predicate());
    if (!Objects.equals(expectedWhere, actualWhere)) {
      out.add("where " + (li.predicate() == null ? "none" : li.predicate()) + " in the database, "
          + (i.where() == null ? "none" : i.where()) + " in the model");
    }
    return out;
  }

  private static String key(LiveIndexKey k) {
    return (k.isExpression() ? k.expression() : k.column()) + (k.descending() ? " desc" : "");
  }

  private void constraints(Table t, LiveTable live) {
    Map<String, LiveConstraint> byName = new HashMap<>();
    live.constraints().forEach(c -> byName.put(c.name(), c));
    Set<String> expected = new HashSet<>();
    for (ForeignKey fk : t.foreignKeys()) {
      String name = PostgresNames.foreignKey(t.name(), fk);
      expected.add(name);
      String says = String.join(", ", fk.columns()) + " references " + fk.targetTable() + " ("
          + String.join(", ", fk.targetColumns()) + ") on delete " + (fk.onDelete() == null ? "no action" : fk.onDelete());
      LiveConstraint lc = byName.get(name);
      if (lc == null || lc.kind() != LiveConstraint.Kind.FOREIGN_KEY) {
        report(EvidenceCode.MC960, fk.source(), "foreign key '" + name + "' (" + says + ") is in the model but not in"
            + " the database");
        continue;
      }
      String onDelete = fk.onDelete() == null ? "no action" : fk.onDelete();
      if (!lc.columns().equals(fk.columns()) || !fk.targetTable().equals(lc.referencedTable())
          || !lc.referencedColumns().equals(fk.targetColumns()) || !onDelete.equals(lc.onDelete())) {
        report(EvidenceCode.MC962, fk.source(), "foreign key '" + name + "' differs: " + lc.definition()
            + " in the database; the model says " + says);
      }
    }
    for (Check check : t.checks()) {
      expected.add(check.name());
      LiveConstraint lc = byName.get(check.name());
      if (lc == null || lc.kind() != LiveConstraint.Kind.CHECK) {
        report(EvidenceCode.MC960, check.source(), "check '" + check.name() + "' is in the model but not in the database");
      } else if (!predicate(check.expression()).equals(predicate(lc.expression()))) {
        report(EvidenceCode.MC962, check.source(), "check '" + check.name() + "' is " + lc.expression()
            + " in the database, " + check.expression() + " in the model");
      }
    }
    for (LiveConstraint lc : live.constraints()) {
      // primary keys and unique constraints are compared as the indexes that back them
      boolean managedElsewhere = lc.kind() == LiveConstraint.Kind.PRIMARY_KEY || lc.kind() == LiveConstraint.Kind.UNIQUE;
      if (!managedElsewhere && !expected.contains(lc.name()) && !lc.inherited()
          && !unmanaged.lists(t.name() + "." + lc.name())) {
        report(EvidenceCode.MC961, t.source(), lc.kind().label() + " '" + lc.name() + "' on table '" + t.name()
            + "' is in the database but not in the model (" + lc.definition() + ")");
      }
    }
  }

  private Optional<Tombstone> retired(Tombstone.Kind kind, String table, String name) {
    return model.retired().stream().filter(r -> r.kind() == kind && r.table().equals(table)
        && Objects.equals(r.name(), name)).findFirst();
  }

  private void report(EvidenceCode code, SourceRef at, String message) {
    out.report(code, at, message);
  }

  private static String describe(Index i) {
    return (i.unique() ? "unique, " : "") + String.join(", ", i.columns().stream().map(IndexColumn::toString).toList())
        + (i.where() == null ? "" : " where " + i.where());
  }

  private static String unquoted(String type) {
    return type.replace("\"", "");
  }

  /**
   * A predicate or check in one spelling, so that the model's {@code status = 'pending'} and
   * PostgreSQL's {@code (status = 'pending'::charges_status)} compare equal: casts and
   * parentheses dropped, {@code = ANY (ARRAY[...])} read as {@code in (...)}, {@code !=} as
   * {@code <>}, keywords and names in lower case outside quotes, whitespace collapsed.
   */
  static String predicate(String text) {
    String s = text.replaceAll("::\"[^\"]+\"(\\[\\])?", "")
        .replaceAll("(?i)::(character varying|double precision|timestamp with(out)? time zone|time with(out)? time zone"
            + "|bit varying|[a-z_][a-z0-9_]*)(\\(\\d+(,\\d+)?\\))?(\\[\\])?", "");
    s = s.replaceAll("(?i)=\\s*any\\s*\\(\\s*array\\[(.*?)\\]\\s*\\)", "in ($1)");
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted && (c == '(' || c == ')')) {
        b.append(' ');
        continue;
      }
      b.append(quoted ? c : Character.toLowerCase(c));
    }
    return b.toString().replace("!=", "<>").replaceAll("\\s+", " ").replaceAll(" ?, ?", ", ").trim();
  }
}
