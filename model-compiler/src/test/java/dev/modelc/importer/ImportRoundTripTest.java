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
import dev.modelc.testing.CatalogJudge;
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
    });
    System.out.println(schema.application() + ":\n" + imported.summary().render());
    assertTrue(imported.summary().imported("tables") >= 50, "50+ tables: " + imported.summary().render());
  }

  @Test
  void everyKeyOfTheLanguageWithHostileNamesRoundTrips() throws Exception {
    String sql = resource("/live/expressible.sql");
    ModelImport.Result imported = roundTrip("expressible", c -> execute(c, sql));
    assertEquals(5, imported.summary().imported("tables"));
  }

  /** The round trip; returns the first import. */
  static ModelImport.Result roundTrip(String name, Consumer<Connection> load) throws Exception {
    String original = Postgres.freshDatabase("rt_" + name);
    try (Connection c = Postgres.connect(original)) {
      load.accept(c);
    }
    Importing.Result first = importFrom(original, name);
    Path firstDir = write(first.imported().orElseThrow().files());
    Compilation firstModel = Compiler.compile(List.of(firstDir));
    assertFalse(firstModel.hasErrors(), () -> firstModel.diagnostics().toString());

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
    return first.imported().get();
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
