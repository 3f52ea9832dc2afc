package dev.modelc.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Importing;
import dev.modelc.compile.Planning;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.live.Database;
import dev.modelc.model.ConstraintNames;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.testing.CatalogJudge;
import dev.modelc.testing.Yaml12;
import dev.modelc.testing.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The import round trip, on public applications' schemas and on a schema that uses every key
 * of the language with hostile names: load the schema into PostgreSQL, import it, run the
 * model's DDL on an empty database, and compare the two catalogs (names included) for
 * everything the model does not list as unmanaged; import the copy again and get the same
 * table files; plan from the first import to the second and get no steps.
 */
class ImportRoundTripTest {
  @ParameterizedTest
  @EnumSource(PublicSchemas.class)
  void publicSchemasRoundTrip(PublicSchemas schema) throws Exception {
    ModelImport.Result imported = roundTrip(schema.name().toLowerCase(java.util.Locale.ROOT), c -> {
      try {
        schema.load(c);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }).imported();
    System.out.println(schema.application() + ":\n" + imported.summary().render());
    assertTrue(imported.summary().imported("tables") >= 50, "50+ tables: " + imported.summary().render());
  }

  @Test
  void everyKeyOfTheLanguageWithHostileNamesRoundTrips() throws Exception {
    String sql = resource("/live/expressible.sql");
    Trip trip = roundTrip("expressible", c -> execute(c, sql));
    System.out.println("expressible.sql:\n" + trip.imported().summary().render());
    assertEquals(9, trip.imported().summary().imported("tables"));
    // names are the database's, byte for byte: the model holds exactly the names PostgreSQL has
    try (Connection c = Postgres.connect(trip.database())) {
      assertEquals(databaseNames(c, trip.model()), modelNames(trip.model()));
    }
    // PostgreSQL cuts names over 63 bytes (at a character boundary, so a cut in the middle of '€' leaves 62)
    Set<String> cut = modelNames(trip.model()).stream().filter(n -> n.contains("über") || n.contains("Ünïcödé-"))
        .filter(n -> !n.startsWith("column ")).collect(java.util.stream.Collectors.toSet());
    assertEquals(Set.of("table Ünïcödé-Tabelle mit einem sehr langen Namen, der länger a",
        "index Index über \"with quotes\" mit einem Namen, der länger als drei",
        "constraint Eindeutig: MixedCase, mit einem Namen weit über dreiundsechzig"), cut,
        "names PostgreSQL cut come back as it cut them");
  }

  /** Tables, columns, indexes and constraints of the model's tables, by their names in the model. */
  private static Set<String> modelNames(Model model) {
    Set<String> names = new java.util.TreeSet<>();
    for (Table t : model.tables()) {
      names.add("table " + t.name());
      t.columns().forEach(c -> names.add("column " + t.name() + "." + c.name()));
      t.indexes().forEach(i -> names.add("index " + i.name()));
      if (!t.primaryKey().isEmpty()) {
        names.add("constraint " + ConstraintNames.primaryKey(t));
      }
      t.effectiveUniques().forEach(u -> names.add("constraint " + ConstraintNames.unique(t.name(), u)));
      t.foreignKeys().forEach(f -> names.add("constraint " + ConstraintNames.foreignKey(t.name(), f)));
      t.checks().forEach(k -> names.add("constraint " + k.name()));
    }
    return names;
  }

  /** The same names as PostgreSQL has them, for the tables the model manages. */
  private static Set<String> databaseNames(Connection c, Model model) throws SQLException {
    Set<String> names = new java.util.TreeSet<>();
    for (Table t : model.tables()) {
      try (java.sql.PreparedStatement p = c.prepareStatement("select 'column ' || c.relname || '.' || a.attname "
          + "from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relname = ? and a.attnum > 0 "
          + "and not a.attisdropped union all select 'index ' || i.relname from pg_index x join pg_class i "
          + "on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid where c.relname = ? and not exists "
          + "(select 1 from pg_constraint k where k.conindid = i.oid and k.conrelid = c.oid) union all "
          + "select 'constraint ' || k.conname from pg_constraint k join pg_class c on c.oid = k.conrelid "
          + "where c.relname = ? and k.contype <> 'n' union all select 'table ' || relname from pg_class "
          + "where relname = ? and relkind = 'r'")) {
        for (int i = 1; i <= 4; i++) {
          p.setString(i, t.name());
        }
        try (java.sql.ResultSet r = p.executeQuery()) {
          while (r.next()) {
            names.add(r.getString(1));
          }
        }
      }
    }
    return names;
  }

  @Test
  void aCollationOfTheOperatingSystemWithADotInItsNameRoundTrips() throws Exception {
    String collation;
    try (Connection c = Postgres.connect(Postgres.freshDatabase("collations")); Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("select collname from pg_collation where collname like '%.%' "
            + "and collencoding in (-1, 6) order by collname limit 1")) {
      org.junit.jupiter.api.Assumptions.assumeTrue(r.next(), "the server has no libc collation such as C.utf8");
      collation = r.getString(1);
    }
    ModelImport.Result imported = roundTrip("collation", c -> execute(c, "create table notes (id bigint primary key, "
        + "body text collate \"" + collation + "\" not null)")).imported();
    assertTrue(imported.files().get("tables/notes.yaml").contains("body: { type: text, collation: " + collation + " }"),
        imported.files().get("tables/notes.yaml"));
  }

  /** A round trip's first import, the database it read and the model it wrote. */
  record Trip(ModelImport.Result imported, String database, Model model) {}

  /** The round trip; returns the first import. */
  static Trip roundTrip(String name, Consumer<Connection> load) throws Exception {
    String original = Postgres.freshDatabase("rt_" + name);
    try (Connection c = Postgres.connect(original)) {
      load.accept(c);
    }
    Importing.Result first = importFrom(original, name);
    for (Map.Entry<String, String> f : first.imported().orElseThrow().files().entrySet()) {
      assertEquals(Set.of(), Yaml12.validate(f.getValue()), f.getKey() + " validates against modelc.schema.json");
    }
    Path firstDir = write(first.imported().orElseThrow().files());
    Compilation firstModel = Compiler.compile(List.of(firstDir));
    assertFalse(firstModel.hasErrors(), () -> firstModel.diagnostics().toString());
    int placeholders = first.imported().get().placeholders();
    assertEquals(placeholders == 0 ? List.of() : List.of(placeholders + (placeholders == 1 ? " reason is" : " reasons are")
        + " still the placeholder 'unknown'"),
        firstModel.diagnostics().stream().filter(d -> d.code().equals("MC325"))
            .map(d -> d.message().substring(0, d.message().indexOf(" ("))).toList(),
        "check counts every placeholder the import wrote, in one note");

    String copy = Postgres.freshDatabase("rt_" + name + "_copy");
    try (Connection c = Postgres.connect(copy)) {
      execute(c, PostgresDdl.createSchema(firstModel.model().orElseThrow()));
    }
    Set<String> unmanaged = UnmanagedNames.of(first.imported().get().files().get("model.yaml"));
    try (Connection a = Postgres.connect(original); Connection b = Postgres.connect(copy)) {
      assertEquals(String.join("\n", CatalogJudge.lines(a, unmanaged)), String.join("\n", CatalogJudge.lines(b, unmanaged)),
          "the copy made from the imported model has what the original has, names included");
    }

    Importing.Result second = importFrom(copy, name);
    Map<String, String> firstTables = tables(first.imported().get().files());
    assertEquals(firstTables, tables(second.imported().orElseThrow().files()), "importing the copy gives the same table files");
    Path secondDir = write(second.imported().get().files());
    Planning.Result plan = Planning.plan(firstModel, Compiler.compile(List.of(secondDir)));
    assertFalse(plan.hasErrors(), () -> plan.diagnostics().toString());
    assertTrue(plan.plan().orElseThrow().isEmpty(), () -> "no steps between the database and its import: " + plan.plan());
    return new Trip(first.imported().get(), original, firstModel.model().orElseThrow());
  }

  static Importing.Result importFrom(String url, String name) {
    Importing.Result r = Importing.fromDatabase(Database.of(url, "postgres", "postgres"), "public",
        new ModelImport.Options(name, null), 60_000);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    return r;
  }

  private static Map<String, String> tables(Map<String, String> files) {
    Map<String, String> tables = new LinkedHashMap<>(files);
    tables.remove("model.yaml");
    return tables;
  }

  static Path write(Map<String, String> files) throws IOException {
    Path dir = Files.createTempDirectory("modelc-import-");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
    }
  }

  static String resource(String name) throws IOException {
    try (var in = ImportRoundTripTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
