package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.live.CatalogReader;
import dev.modelc.live.Database;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import dev.modelc.testing.RealisticData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code modelc drift} on both example models: in sync right after {@code modelc ddl}, then one
 * deliberate change of each kind, each undone before the next, and each reported with its code at
 * the model element it concerns (and nothing else). {@code plan --from db:} then plans from what
 * the database really is.
 */
class DriftTest {
  record Change(String kind, String apply, String undo, String code, SourceRef at, String fragment) {}

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics"})
  void everyKindOfChangeIsReportedAtItsModelElement(String example) throws Exception {
    Path path = Path.of("..", "example-models", example);
    Compilation c = Compiler.compile(List.of(path));
    Model model = c.model().orElseThrow();
    String url = Postgres.freshDatabase("drift_" + example);
    try (Connection admin = Postgres.connect(url); Statement s = admin.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      RealisticData.fill(model, admin, 2_000);
    }
    assertEquals(List.of(), drift(model, url), "in sync after modelc ddl");
    Cli.Result synced = Cli.run("drift", path.toString(), "--url", url + "&user=postgres");
    assertEquals(0, synced.exitCode(), synced.all());
    assertTrue(synced.out().startsWith("in sync: "), synced.out());

    // the objects the changes touch: a declared plain index on a foreign key, a NOT NULL column, a check, an enum
    Table table = null;
    Index index = null;
    for (Table t : model.tables()) {
      for (Index i : t.indexes()) {
        if (index == null && !i.unique() && i.where() == null && !t.foreignKeysOf(i.columns().get(0).column()).isEmpty()) {
          table = t;
          index = i;
        }
      }
    }
    String t = PostgresNames.quote(table.name());
    Column fk = table.column(index.columns().get(0).column()).orElseThrow();
    Table owner = table;
    Column plain = table.columns().stream().filter(col -> !col.nullable() && !col.primaryKey()
        && owner.foreignKeysOf(col.name()).isEmpty() && !owner.isKey(List.of(col.name()))).findFirst().orElseThrow();
    Table checked = model.tables().stream().filter(x -> !x.checks().isEmpty()).findFirst().orElseThrow();
    Check check = checked.checks().get(0);
    ForeignKey key = table.foreignKeysOf(fk.name()).get(0);
    String fkName = PostgresNames.foreignKey(table.name(), key);
    String rebuild = PostgresDdl.createIndex(index, false);
    List<Change> changes = List.of(
        new Change("missing index", "DROP INDEX " + index.name(), rebuild, "MC960", index.source(),
            "index '" + index.name() + "'"),
        new Change("untracked index", "CREATE INDEX drift_extra ON " + t + " (" + plain.name() + ")",
            "DROP INDEX drift_extra", "MC961", table.source(), "index 'drift_extra' on table '" + table.name() + "'"),
        new Change("index predicate", "DROP INDEX " + index.name() + "; " + rebuild + " WHERE " + fk.name()
            + " IS NOT NULL", "DROP INDEX " + index.name() + "; " + rebuild, "MC962", index.source(), "differs: where"),
        new Change("index method", "DROP INDEX " + index.name() + "; CREATE INDEX " + index.name() + " ON " + t
            + " USING hash (" + fk.name() + ")", "DROP INDEX " + index.name() + "; " + rebuild, "MC962", index.source(),
            "method hash in the database"),
        new Change("index name", "ALTER INDEX " + index.name() + " RENAME TO drift_renamed",
            "ALTER INDEX drift_renamed RENAME TO " + index.name(), "MC962", index.source(),
            "is 'drift_renamed' in the database (same definition, another name)"),
        new Change("INVALID index", "DROP INDEX " + index.name() + "; CREATE UNIQUE INDEX CONCURRENTLY " + index.name()
            + " ON " + t + " (" + fk.name() + ")", "DROP INDEX " + index.name() + "; " + rebuild, "MC963", index.source(),
            "is INVALID in the database"),
        new Change("column nullability", "ALTER TABLE " + t + " ALTER COLUMN " + plain.name() + " DROP NOT NULL",
            "ALTER TABLE " + t + " ALTER COLUMN " + plain.name() + " SET NOT NULL", "MC962", plain.source(),
            "is nullable in the database, NOT NULL in the model"),
        new Change("untracked column", "ALTER TABLE " + t + " ADD COLUMN drift_note text",
            "ALTER TABLE " + t + " DROP COLUMN drift_note", "MC961", table.source(), "column '" + table.name() + ".drift_note'"),
        new Change("missing foreign key", "ALTER TABLE " + t + " DROP CONSTRAINT " + fkName,
            "ALTER TABLE " + t + " ADD " + PostgresDdl.foreignKeyClause(table.name(), key, fkName), "MC960", key.source(),
            "foreign key '" + fkName + "'"),
        new Change("check expression", "ALTER TABLE " + checked.name() + " DROP CONSTRAINT " + check.name()
            + "; ALTER TABLE " + checked.name() + " ADD CONSTRAINT " + check.name() + " CHECK ((" + check.expression()
            + ") AND true)", "ALTER TABLE " + checked.name() + " DROP CONSTRAINT " + check.name() + "; ALTER TABLE "
            + checked.name() + " ADD CONSTRAINT " + check.name() + " CHECK (" + check.expression() + ")", "MC962",
            check.source(), "check '" + check.name() + "' is"),
        new Change("untracked table", "CREATE TABLE drift_extra_table (id int PRIMARY KEY)", "DROP TABLE drift_extra_table",
            "MC961", model.source(), "table 'drift_extra_table'"),
        new Change("untracked unmanaged object", "CREATE VIEW drift_view AS SELECT 1 AS one", "DROP VIEW drift_view", "MC964",
            model.source(), "view 'drift_view'"));
    for (Change change : changes) {
      execute(url, change.apply(), change.kind().equals("INVALID index"));
      List<Diagnostic> found = drift(model, url);
      List<Diagnostic> expected = found.stream().filter(d -> d.code().equals(change.code())
          && d.position().equals(change.at()) && d.message().contains(change.fragment())).toList();
      assertEquals(1, expected.size(), change.kind() + ": " + found);
      if (!change.kind().equals("INVALID index") && !change.kind().equals("untracked index")) {
        assertEquals(1, found.size(), change.kind() + " alone: " + found);
      }
      Cli.Result cli = Cli.run("drift", path.toString(), "--url", url + "&user=postgres", "--format", "json");
      assertEquals(3, cli.exitCode(), change.kind() + ": " + cli.all());
      execute(url, change.undo(), false);
      assertEquals(List.of(), drift(model, url), "undone: " + change.kind());
    }
    // plan --from db: plans from what the database really is: a dropped index is built again
    execute(url, "DROP INDEX " + index.name(), false);
    Cli.Result plan = Cli.run("plan", "--from", "db:" + url + "&user=postgres", "--to", path.toString(), "--format", "md");
    assertEquals(3, plan.exitCode(), plan.all());
    assertTrue(plan.out().contains("build-index:" + index.name()), plan.out());
    execute(url, rebuild, false);

    // enum values cannot be removed: the last change
    Column enumColumn = model.tables().stream().flatMap(x -> x.columns().stream())
        .filter(col -> col.type().kind() == TypeKind.ENUM).findFirst().orElseThrow();
    Table enumTable = model.tables().stream().filter(x -> x.columns().contains(enumColumn)).findFirst().orElseThrow();
    execute(url, "ALTER TYPE " + PostgresNames.quote(PostgresNames.enumType(enumTable.name(), enumColumn.name()))
        + " ADD VALUE 'drift_value'", false);
    List<Diagnostic> found = drift(model, url);
    assertEquals(1, found.size(), found.toString());
    assertEquals("MC962", found.get(0).code());
    assertEquals(enumColumn.source(), found.get(0).position());

    // the database has a value the model lacks: a plan from it would drop the value, which PostgreSQL cannot
    Cli.Result refused = Cli.run("plan", "--from", "db:" + url + "&user=postgres", "--to", path.toString());
    assertEquals(1, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("error[MC604]") && refused.err().contains("drift_value"), refused.err());
  }

  /** What keeps drift from reading the database is said in one line, exit 1, and nothing is printed on standard output. */
  @Test
  void aDatabaseThatCannotBeReadIsAnErrorWithoutAStackTrace() throws Exception {
    Path path = Path.of("..", "example-models", "payments");
    String url = Postgres.freshDatabase("drift_unreadable");
    Cli.Result noSchema = Cli.run("drift", path.toString(), "--url", url + "&user=postgres", "--schema", "billing");
    assertEquals(1, noSchema.exitCode(), noSchema.all());
    assertEquals("modelc: schema 'billing' does not exist; the database has public\n", noSchema.err());
    assertEquals("", noSchema.out());

    Cli.Result badTimeout = Cli.run("drift", path.toString(), "--url", url + "&user=postgres", "--statement-timeout", "soon");
    assertEquals(1, badTimeout.exitCode(), badTimeout.all());
    assertTrue(badTimeout.err().startsWith("modelc: --statement-timeout takes a duration such as"), badTimeout.err());
    assertFalse(badTimeout.all().contains("Exception"), badTimeout.all());
  }

  @Test
  void planFromADatabaseWithABadUrlSaysWhichOptionIsWrong() {
    Cli.Result r = Cli.run("plan", "--from", "db:postgresql://nowhere/shop", "--to", "../example-models/payments");
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().startsWith("modelc: --from db:...: not a PostgreSQL JDBC URL"), r.err());
  }

  private static List<Diagnostic> drift(Model model, String url) throws SQLException {
    try (Connection c = Database.of(url, "postgres", null).connect(Database.Access.READ_ONLY, 30_000)) {
      return Drift.compare(model, CatalogReader.read(c, "public"));
    }
  }

  private static void execute(String url, String sql, boolean expectFailure) throws SQLException {
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      for (String statement : sql.split("; ")) {
        try {
          s.execute(statement);
        } catch (SQLException e) {
          if (!expectFailure) {
            throw e;
          }
        }
      }
    }
  }
}
