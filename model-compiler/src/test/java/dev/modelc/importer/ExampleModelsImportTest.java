package dev.modelc.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Importing;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.testing.CatalogJudge;
import dev.modelc.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The import's round trip the other way, on both example models: the model's {@code ddl} is
 * loaded into an empty PostgreSQL, the database is imported, and the imported model must be the
 * original apart from what a database cannot know ({@link ModelFacts} says exactly what that is
 * and compares everything else). modelc's own differ and PostgreSQL must agree: a plan from the
 * original to the import has no steps, and the import's DDL builds the same catalog.
 */
class ExampleModelsImportTest {
  private static final Path EXAMPLES = Path.of("..", "example-models");

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics"})
  void theExampleModelComesBackFromItsDatabase(String example) throws Exception {
    Compilation original = Compiler.compile(List.of(EXAMPLES.resolve(example)));
    assertFalse(original.hasErrors(), () -> original.diagnostics().toString());
    Model originalModel = original.model().orElseThrow();
    String database = Postgres.freshDatabase("example_" + example);
    try (Connection c = Postgres.connect(database)) {
      ImportRoundTripTest.execute(c, PostgresDdl.createSchema(originalModel));
    }

    Importing.Result first = ImportRoundTripTest.importFrom(database, example);
    ModelImport.Result imported = first.imported().orElseThrow();
    System.out.println(example + ":\n" + imported.summary().render());
    assertEquals(List.of(), first.diagnostics(), "the import of a model's own database finds nothing to warn about");
    Path dir = ImportRoundTripTest.write(imported.files());
    Compilation importedModel = Compiler.compile(List.of(dir));
    assertFalse(importedModel.hasErrors(), () -> importedModel.diagnostics().toString());

    // everything a database can know comes back exactly
    assertEquals(String.join("\n", ModelFacts.of(originalModel)),
        String.join("\n", ModelFacts.of(importedModel.model().orElseThrow())));

    // what it cannot know is a placeholder, counted in one note: a reason and a keep per index
    int indexes = originalModel.tables().stream().mapToInt(t -> t.indexes().size()).sum();
    List<Diagnostic> notes = importedModel.diagnostics();
    assertEquals(1, notes.size(), notes::toString);
    assertEquals("MC325", notes.get(0).code());
    assertTrue(notes.get(0).message().startsWith((2 * indexes) + " reasons are still the placeholder 'unknown' ("
        + indexes + " index reasons, " + indexes + " index keeps;"), notes.get(0).message());
    assertEquals(2 * indexes, imported.placeholders());

    // modelc's differ sees no change from the original to its import
    Planning.Result plan = Planning.plan(original, importedModel);
    assertFalse(plan.hasErrors(), () -> plan.diagnostics().toString());
    assertTrue(plan.plan().orElseThrow().isEmpty(), () -> "no steps from the model to its import: " + plan.plan());

    // PostgreSQL sees no change: the import's DDL builds the catalog the original's DDL built
    String copy = Postgres.freshDatabase("example_" + example + "_copy");
    try (Connection c = Postgres.connect(copy)) {
      ImportRoundTripTest.execute(c, PostgresDdl.createSchema(importedModel.model().orElseThrow()));
    }
    try (Connection a = Postgres.connect(database); Connection b = Postgres.connect(copy)) {
      assertEquals(String.join("\n", CatalogJudge.lines(a, Set.of())), String.join("\n", CatalogJudge.lines(b, Set.of())));
    }

    // and importing that copy gives the same files, byte for byte
    Map<String, String> again = new LinkedHashMap<>(ImportRoundTripTest.importFrom(copy, example).imported().orElseThrow()
        .files());
    assertEquals(imported.files(), again);
    assertEquals(originalModel.tables().size() + 1, imported.files().size(), "model.yaml and one file per table");
    for (Table t : originalModel.tables()) {
      assertTrue(imported.files().containsKey("tables/" + t.name() + ".yaml"), t.name());
    }
  }

  @Test
  void everyPartOfTheModelIsComparedOrLeftOutOnPurpose() {
    ModelFacts.COMPARED.forEach((type, parts) -> assertEquals(ModelFacts.components(type), parts.keySet(),
        type.getSimpleName() + ": a part of the language that ModelFacts neither compares nor leaves out"));
  }
}
