package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.live.CatalogReader;
import dev.modelc.live.Database;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.UnmanagedObject;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelc drift} on a model that lists unmanaged objects (a view with its dependencies, a
 * function, a trigger, a sequence): in sync when the database has exactly them, then one
 * deliberate change of each kind, each undone before the next, each reported with exactly the
 * expected findings at the expected element.
 */
class DriftUnmanagedTest {
  static final String MODEL = """
      model: shop
      database: postgresql
      tables:
        users:
          columns:
            id:         { type: bigint, primaryKey: true }
            email:      { type: text }
            deleted_at: { type: timestamptz, nullable: true }
            updated_at: { type: timestamptz, default: now() }
        orders:
          columns:
            id:    { type: bigint, primaryKey: true }
            total: { type: bigint }
      unmanaged:
        views:
          active_users: { reason: Reporting view of the support team., dependsOn: [users.id, users.email, users.deleted_at] }
        functions:
          set_updated_at: { reason: Trigger function. }
        triggers:
          users.set_updated_at: { reason: Keeps updated_at current. }
        sequences:
          invoice_numbers: { reason: Shared by the billing services. }
      """;

  static final String VIEW = "CREATE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL";
  static final String RESTORE_VIEW = VIEW.replace("CREATE VIEW", "CREATE OR REPLACE VIEW");
  static final String TRIGGER = "CREATE TRIGGER set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION"
      + " set_updated_at()";

  record Finding(String code, SourceRef at, String fragment) {}

  record Change(String kind, List<String> apply, List<String> undo, List<Finding> expected) {}

  @Test
  void unmanagedObjectsThatChangedAreDriftAtTheirEntry(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.yaml"), MODEL);
    Compilation c = Compiler.compile(List.of(dir));
    Model model = c.model().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    String url = Postgres.freshDatabase("drift_unmanaged");
    execute(url, List.of(PostgresDdl.createSchema(model), VIEW,
        "CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$",
        TRIGGER, "CREATE SEQUENCE invoice_numbers"));
    assertEquals(List.of(), drift(model, url), "in sync");
    Cli.Result synced = Cli.run("drift", dir.toString(), "--url", url + "&user=postgres");
    assertEquals(0, synced.exitCode(), synced.all());
    assertTrue(synced.out().startsWith("in sync: "), synced.out());

    SourceRef view = entry(model, "active_users");
    SourceRef function = entry(model, "set_updated_at");
    SourceRef trigger = model.unmanaged().stream().filter(u -> u.kind() == UnmanagedObject.Kind.TRIGGERS).findFirst()
        .orElseThrow().source();
    SourceRef sequence = entry(model, "invoice_numbers");
    SourceRef file = model.source();
    List<Change> changes = List.of(
        new Change("view dropped", List.of("DROP VIEW active_users"), List.of(VIEW),
            List.of(new Finding("MC965", view, "view active_users is listed in the model but not in the database"))),
        new Change("untracked view", List.of("CREATE VIEW recent_users AS SELECT id FROM users"),
            List.of("DROP VIEW recent_users"),
            List.of(new Finding("MC964", file, "view 'recent_users' is in the database, and the model neither manages"
                + " it nor lists it under unmanaged.views (it reads users.id)"))),
        new Change("view became a materialized view", List.of("DROP VIEW active_users",
            "CREATE MATERIALIZED VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL"),
            List.of("DROP MATERIALIZED VIEW active_users", VIEW),
            List.of(new Finding("MC966", view, "is a materialized view in the database, not a view"))),
        new Change("view reads another column", List.of("CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users"
            + " WHERE deleted_at IS NULL AND updated_at > now() - interval '30 days'"), List.of(RESTORE_VIEW),
            List.of(new Finding("MC967", view, "the database records that it reads users.updated_at, which its dependsOn"
                + " does not list"))),
        new Change("view no longer reads a column",
            List.of("CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users"), List.of(RESTORE_VIEW),
            List.of(new Finding("MC967", view, "its dependsOn lists users.deleted_at, which the database does not record"
                + " it reading"))),
        new Change("function renamed", List.of("ALTER FUNCTION set_updated_at() RENAME TO touch_updated_at"),
            List.of("ALTER FUNCTION touch_updated_at() RENAME TO set_updated_at"),
            List.of(new Finding("MC965", function, "function set_updated_at is listed in the model but not"),
                new Finding("MC964", file, "function 'touch_updated_at' is in the database"))),
        new Change("untracked function", List.of("CREATE FUNCTION order_total(bigint) RETURNS bigint LANGUAGE sql"
            + " AS 'SELECT total FROM orders WHERE id = $1'"), List.of("DROP FUNCTION order_total(bigint)"),
            List.of(new Finding("MC964", file, "function 'order_total' is in the database"))),
        new Change("trigger fires on a column", List.of("DROP TRIGGER set_updated_at ON users",
            "CREATE TRIGGER set_updated_at BEFORE UPDATE OF email ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at()"),
            List.of("DROP TRIGGER set_updated_at ON users", TRIGGER),
            List.of(new Finding("MC967", trigger, "trigger users.set_updated_at changed: the database records that it reads"
                + " users.email"))),
        new Change("trigger on another table", List.of("DROP TRIGGER set_updated_at ON users",
            "CREATE TRIGGER set_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at()"),
            List.of("DROP TRIGGER set_updated_at ON orders", TRIGGER),
            List.of(new Finding("MC965", trigger, "trigger users.set_updated_at is listed in the model but not"),
                new Finding("MC964", file, "trigger 'orders.set_updated_at' is in the database"))),
        new Change("sequence dropped", List.of("DROP SEQUENCE invoice_numbers"), List.of("CREATE SEQUENCE invoice_numbers"),
            List.of(new Finding("MC965", sequence, "sequence invoice_numbers is listed in the model but not"))),
        new Change("sequence became a view", List.of("DROP SEQUENCE invoice_numbers",
            "CREATE VIEW invoice_numbers AS SELECT 1 AS n"),
            List.of("DROP VIEW invoice_numbers", "CREATE SEQUENCE invoice_numbers"),
            List.of(new Finding("MC966", sequence, "is a view in the database, not a sequence"))),
        new Change("untracked sequence", List.of("CREATE SEQUENCE credit_note_numbers"),
            List.of("DROP SEQUENCE credit_note_numbers"),
            List.of(new Finding("MC964", file, "sequence 'credit_note_numbers' is in the database"))));
    for (Change change : changes) {
      execute(url, change.apply());
      List<Diagnostic> found = drift(model, url);
      assertEquals(change.expected().size(), found.size(), change.kind() + ": " + found);
      for (Finding f : change.expected()) {
        assertEquals(1, found.stream().filter(d -> d.code().equals(f.code()) && d.position().equals(f.at())
            && d.message().contains(f.fragment())).count(), change.kind() + ": expected " + f + " in " + found);
      }
      Cli.Result cli = Cli.run("drift", dir.toString(), "--url", url + "&user=postgres", "--format", "json");
      assertEquals(3, cli.exitCode(), change.kind() + ": " + cli.all());
      execute(url, change.undo());
      assertEquals(List.of(), drift(model, url), "undone: " + change.kind());
    }
  }

  /** A sequence a column owns, and a table or index the model lists as unmanaged, are neither untracked nor missing. */
  @Test
  void whatTheListNamesOutsideTheOtherObjectsIsFound(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.yaml"), """
        model: shop
        database: postgresql
        tables:
          users:
            columns:
              id:    { type: bigint, primaryKey: true }
              email: { type: text }
        unmanaged:
          sequences:
            users_legacy_seq: { reason: Owned by a column the model does not give a default. }
          other:
            audit_log: { kind: table, reason: Written by a trigger of the DBA team. }
            users_email_lower: { kind: index, reason: Case-insensitive lookups of the admin tool. }
        """);
    Compilation c = Compiler.compile(List.of(dir));
    Model model = c.model().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
    String url = Postgres.freshDatabase("drift_unmanaged_other");
    execute(url, List.of(PostgresDdl.createSchema(model), "CREATE SEQUENCE users_legacy_seq OWNED BY users.id",
        "CREATE TABLE audit_log (at timestamptz, entry text)", "CREATE INDEX users_email_lower ON users (lower(email))"));
    assertEquals(List.of(), drift(model, url), "in sync");

    execute(url, List.of("DROP TABLE audit_log", "CREATE VIEW audit_log AS SELECT now() AS at"));
    List<Diagnostic> found = drift(model, url);
    assertEquals(1, found.size(), found.toString());
    assertEquals("MC966", found.get(0).code());
    assertEquals(entry(model, "audit_log"), found.get(0).position());
    assertTrue(found.get(0).message().contains("is a view in the database, not a table"), found.toString());
  }

  /** The list {@code modelc import} writes is in sync with the database it was read from, whatever the kinds. */
  @Test
  void anImportedModelIsInSyncWithItsDatabase(@TempDir Path dir) throws Exception {
    String url = Postgres.freshDatabase("drift_unmanaged_import");
    execute(url, List.of(
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, tenant int NOT NULL, updated_at timestamptz)",
        "CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)",
        "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        "CREATE VIEW user_emails AS SELECT id, email FROM users",
        "CREATE MATERIALIZED VIEW tenants AS SELECT DISTINCT tenant FROM users",
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at := now(); RETURN NEW; END$$",
        "CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql AS 'SELECT $1 * 2'",
        "CREATE FUNCTION twice(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT $1 * 2'",
        "CREATE TRIGGER touch BEFORE UPDATE OF email ON users FOR EACH ROW EXECUTE FUNCTION touch()",
        "ALTER TABLE users ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY by_tenant ON users USING (tenant = current_setting('app.tenant')::int)",
        "CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING",
        "CREATE DOMAIN positive AS int CHECK (VALUE > 0)",
        "CREATE TYPE mood AS ENUM ('ok', 'meh')",
        "CREATE SEQUENCE ticket_numbers"));
    Path out = dir.resolve("imported");
    Cli.Result imported = Cli.run("import", "--url", url + "&user=postgres", "--out", out.toString());
    assertTrue(imported.exitCode() == 0 || imported.exitCode() == 3, imported.all());
    String list = Files.readString(out.resolve("model.yaml"));
    for (String listed : List.of("views:", "user_emails:", "materializedViews:", "tenants:", "functions:", "touch:",
        "twice(integer):", "twice(bigint):", "triggers:", "users.touch:", "policies:", "users.by_tenant:", "partitions:",
        "events_2026:", "sequences:", "ticket_numbers:", "types:", "positive:", "mood:", "other:", "users.no_delete:",
        "events: { kind: partitioned table")) {
      assertTrue(list.contains(listed), listed + " in " + list);
    }
    Cli.Result drift = Cli.run("drift", out.toString(), "--url", url + "&user=postgres");
    assertEquals(0, drift.exitCode(), Files.readString(out.resolve("model.yaml")) + drift.all());
  }

  private static SourceRef entry(Model model, String name) {
    return model.unmanaged().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow().source();
  }

  private static List<Diagnostic> drift(Model model, String url) throws SQLException {
    try (Connection c = Database.of(url, "postgres", null).connect(Database.Access.READ_ONLY, 30_000)) {
      return Drift.compare(model, CatalogReader.read(c, "public"));
    }
  }

  private static void execute(String url, List<String> statements) throws SQLException {
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
