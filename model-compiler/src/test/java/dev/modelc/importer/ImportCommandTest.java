package dev.modelc.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Importing;
import dev.modelc.live.LiveCatalog;
import dev.modelc.live.LiveColumn;
import dev.modelc.live.LiveConstraint;
import dev.modelc.live.LiveTable;
import dev.modelc.live.LiveType;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code modelc import} on databases it cannot reach or read, and its all-or-nothing output. */
class ImportCommandTest {
  @Test
  void anImportWritesTheFolderPrintsWhatItDidAndChecksClean() throws Exception {
    String url = Postgres.freshDatabase("shop");
    String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("create table customers (id bigint primary key, email text not null unique)");
      s.execute("create table orders (id bigint primary key, customer_id bigint not null references customers (id), "
          + "placed_at timestamptz not null default now())");
      s.execute("create index orders_customer on orders (customer_id, placed_at desc)");
      s.execute("create view recent_orders as select id, placed_at from orders");
    }
    Path out = Files.createTempDirectory("import-").resolve("shop");
    Cli.Result r = Cli.run("import", "--url", url + "&user=postgres&password=postgres", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.all());
    assertEquals("modelc: imported schema public of localhost:" + url.replaceAll(".*localhost:(\\d+)/.*", "$1") + "/"
        + database + " into " + out + " (4 files)\n"
        + "  tables:             2 imported\n"
        + "  columns:            5 imported\n"
        + "  primary keys:       2 imported\n"
        + "  unique constraints: 1 imported\n"
        + "  foreign keys:       1 imported\n"
        + "  indexes:            1 imported\n"
        + "  views:              0 imported, 1 left unmanaged (1: modelc does not manage views)\n"
        + "  3 reasons are the placeholder 'unknown': fill them in over time ('modelc check' counts them in one note, "
        + "MC325)\n", r.out());
    try (var files = Files.walk(out)) {
      assertEquals(List.of("model.yaml", "modelc.schema.json", "tables/customers.yaml", "tables/orders.yaml"),
          files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')).sorted().toList());
    }
    Cli.Result check = Cli.run("check", out.toString());
    assertEquals(0, check.exitCode(), check.all());
    assertTrue(check.all().contains("note[MC325]: 3 reasons are still the placeholder 'unknown' (1 index reason, "
        + "1 index keep, 1 unmanaged object reason; the first is here)"), check.all());
    Cli.Result again = Cli.run("import", "--url", url + "&user=postgres&password=postgres", "--out", out.toString());
    assertEquals(1, again.exitCode(), "an import never writes into a folder that has files: " + again.all());
    assertTrue(again.err().contains("error[MC809]"), again.all());
  }

  @Test
  void aDatabaseTheUserMayNotConnectToIsNamedWithoutThePassword() throws Exception {
    String url = Postgres.freshDatabase("locked");
    String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'outsider') then "
          + "create role outsider login password 's3cret-pw'; end if; end $$");
      s.execute("revoke connect on database " + database + " from public");
    }
    Path out = Files.createTempDirectory("import-").resolve("model");
    Cli.Result r = Cli.run("import", "--url", url + "&user=outsider&password=s3cret-pw", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC802]: cannot connect to localhost:"), r.all());
    assertTrue(r.err().contains("/" + database + ": "), r.all());
    assertTrue(r.err().contains("permission denied for database"), r.all());
    assertFalse(r.all().contains("s3cret-pw"), r.all());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aCatalogTheUserMayNotReadIsMC803() throws Exception {
    String url = Postgres.freshDatabase("hardened");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'outsider') then "
          + "create role outsider login password 's3cret-pw'; end if; end $$");
      s.execute("create table t (id bigint primary key)");
      s.execute("revoke select on pg_catalog.pg_proc from public"); // a hardened server: this database only
    }
    Path out = Files.createTempDirectory("import-").resolve("model");
    Cli.Result r = Cli.run("import", "--url", url + "&user=outsider&password=s3cret-pw", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC803]: cannot read the catalog of localhost:"), r.all());
    assertTrue(r.err().contains("permission denied for table pg_proc"), r.all());
    assertFalse(Files.exists(out));
  }

  @Test
  void aCatalogQueryThatOutlastsTheStatementTimeoutIsMC803() throws Exception {
    String url = Postgres.freshDatabase("slow");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("create table t (id bigint primary key)");
    }
    Path out = Files.createTempDirectory("import-").resolve("model");
    try (Connection locker = Postgres.connect(url); Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      s.execute("lock table pg_catalog.pg_inherits in access exclusive mode"); // the reader's table query waits for it
      Cli.Result r = Cli.run("import", "--url", url + "&user=postgres&password=postgres", "--statement-timeout", "1",
          "--out", out.toString());
      locker.rollback();
      assertEquals(1, r.exitCode(), r.all());
      assertTrue(r.err().contains("error[MC803]: cannot read the catalog of localhost:"), r.all());
      assertTrue(r.err().contains("(the statement timeout of 1000 ms ran out)"), r.all());
    }
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aMissingSchemaIsMC804WithTheSchemasThatExist() throws Exception {
    String url = Postgres.freshDatabase("schemas");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("create schema billing");
    }
    Path out = Files.createTempDirectory("import-").resolve("model");
    Cli.Result r = Cli.run("import", "--url", url + "&user=postgres&password=postgres", "--schema", "shop", "--out",
        out.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC804]: schema 'shop' does not exist; the database has billing, public"), r.all());
    assertFalse(Files.exists(out));
  }

  @Test
  void usageErrorsAreExitTwo() {
    Cli.Result notPostgres = Cli.run("import", "--url", "jdbc:mysql://h/d", "--out", "x");
    assertEquals(2, notPostgres.exitCode(), notPostgres.all());
    Cli.Result noVariable = Cli.run("import", "--url", "jdbc:postgresql://h/d", "--password-env", "MODELC_NO_SUCH_VAR",
        "--out", "x");
    assertEquals(2, noVariable.exitCode(), noVariable.all());
    assertTrue(noVariable.err().contains("MODELC_NO_SUCH_VAR"), noVariable.all());
    assertEquals(2, Cli.run("import", "--out", "x").exitCode());
  }

  @Test
  void anOutputThatCannotBeWrittenLeavesNothing() throws Exception {
    String url = Postgres.freshDatabase("blocked");
    try (Connection c = Postgres.connect(url); Statement s = c.createStatement()) {
      s.execute("create table t (id bigint primary key)");
    }
    Path parent = Files.createTempDirectory("import-");
    Path file = Files.writeString(parent.resolve("a-file"), "x");
    Cli.Result r = Cli.run("import", "--url", url + "&user=postgres&password=postgres", "--out",
        file.resolve("model").toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC701]"), r.all());
    try (var left = Files.list(parent)) {
      assertEquals(List.of(file), left.toList(), "no staging folder is left behind");
    }
  }

  @Test
  void aModelThatWouldNotCheckIsNeverWritten() {
    LiveType bigint = new LiveType("bigint", "pg_catalog", "int8", 'b', false, null, null, ' ');
    LiveColumn id = new LiveColumn("id", 1, bigint, true, null, LiveColumn.Identity.NONE, null, ' ', null, null, null, null);
    LiveConstraint check = new LiveConstraint("odd", LiveConstraint.Kind.CHECK, List.of(), null, null, List.of(), null,
        null, null, List.of(), false, false, true, false, false, "id > 0; drop table t", "CHECK (...)", null, null);
    LiveTable t = new LiveTable("t", LiveTable.Kind.ORDINARY, false, false, null, false, false, List.of(), null, null,
        false, 'd', null, List.of(id), List.of(check), List.of());
    Importing.Result r = Importing.fromCatalog(new LiveCatalog("db", "public", 170000, List.of(t), List.of(), List.of(),
        List.of(), List.of()), new ModelImport.Options("odd", null));
    assertTrue(r.imported().isEmpty());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("MC810")), r.diagnostics().toString());
  }
}
