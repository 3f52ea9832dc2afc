package dev.modelc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.modelc.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/modelc.schema.json (what editors validate against) accepts every shipped example file
 * and rejects what the compiler rejects; the examples themselves check clean.
 */
class ExampleModelsSchemaTest {
  static final Path EXAMPLES = Path.of("../example-models");
  static final Path SCHEMA = Path.of("../docs/modelc.schema.json");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
  }

  static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")
          && !p.toString().contains("/consumer/")).sorted().toList();
    }
  }

  static Set<ValidationMessage> validate(String yaml) throws IOException {
    return schema().validate(YAML.readTree(yaml));
  }

  @Test
  void everyExampleFileHasTheSchemaLineAndValidates() throws IOException {
    List<Path> files = exampleFiles();
    assertTrue(files.size() >= 12, "payments (folder) and logistics are found: " + files);
    for (Path file : files) {
      String text = Files.readString(file);
      assertTrue(text.startsWith("# yaml-language-server: $schema="), file + " starts with the schema line");
      String relative = text.lines().findFirst().orElseThrow().substring("# yaml-language-server: $schema=".length());
      assertTrue(Files.isSameFile(file.getParent().resolve(relative), SCHEMA), file + " points at docs/modelc.schema.json");
      assertEquals(Set.of(), validate(text), file.toString());
    }
  }

  @Test
  void theExamplesCheckClean() {
    for (String model : new String[] {"payments", "logistics"}) {
      var c = Compiler.compile(List.of(EXAMPLES.resolve(model)));
      assertEquals(List.of(), c.diagnostics(), model);
    }
  }

  /** The models that use the keys of the second version of the language: they check without errors and validate. */
  @Test
  void theSchemaAcceptsEveryKeyOfTheSecondVersion() throws IOException {
    List<Path> models = new java.util.ArrayList<>(List.of(Path.of("src/test/resources/cases/language-v2/model.yaml")));
    try (Stream<Path> plans = Files.walk(Path.of("src/test/resources/plans"))) {
      plans.filter(p -> p.toString().contains("/v2-") && p.toString().endsWith(".yaml")).sorted().forEach(models::add);
    }
    assertTrue(models.size() >= 9, models.toString());
    for (Path model : models) {
      var c = Compiler.compile(List.of(model));
      boolean errors = c.hasErrors();
      assertEquals(Set.of(), validate(Files.readString(model)), model.toString());
      assertFalse(errors && !model.toString().contains("refusals"), model + " checks without errors");
    }
  }

  @Test
  void theSchemaRejectsWhatTheCompilerRejectsInTheSecondVersion() throws IOException {
    String table = "model: x\ntables:\n  t:\n    columns: { id: int }\n";
    assertFalse(validate(table + "    indexes:\n      t_i: { method: bitmap, columns: [id], reason: r }\n").isEmpty(), "unknown method");
    assertFalse(validate(table + "    indexes:\n      t_i: { columns: [{ column: id, expression: \"lower(x)\" }], reason: r }\n").isEmpty(),
        "column and expression");
    assertFalse(validate(table + "    foreignKeys:\n      - { columns: [id] }\n").isEmpty(), "foreign key without references");
    assertFalse(validate(table + "    foreignKeys:\n      - { columns: [id], references: { table: u, columns: [id] }, onUpdate: cascades }\n")
        .isEmpty(), "unknown action");
    assertFalse(validate("model: x\ntables:\n  t:\n    columns: { id: { type: int, identity: sometimes } }\n").isEmpty(), "identity");
    assertFalse(validate("model: x\ntables:\n  t:\n    columns: { id: \"enum[]\" }\n").isEmpty(), "enum arrays");
    assertFalse(validate("model: x\nunmanaged:\n  views:\n    v: { dependsOn: [t] }\n").isEmpty(), "unmanaged without reason");
    assertFalse(validate("model: x\nunmanaged:\n  other:\n    v: { reason: r }\n").isEmpty(), "other without kind");
    assertFalse(validate("model: x\nunmanaged:\n  rules:\n    v: { reason: r }\n").isEmpty(), "unknown section");
    assertTrue(validate("model: x\ntables:\n  \"First Name\":\n    columns: { \"order\": \"timestamptz(3)[]\" }\n").isEmpty(),
        "quoted names and arrays of typed types");
  }

  @Test
  void theSchemaRejectsWhatTheCompilerRejects() throws IOException {
    assertFalse(validate("model: x\ntables:\n  t:\n    colums: {}\n    columns: { id: int }\n").isEmpty(), "unknown key");
    assertFalse(validate("model: x\ntables:\n  t:\n    columns: { id: strng }\n").isEmpty(), "unknown type");
    assertFalse(validate("model: x\nqueries:\n  q: { table: t, traffic: urgent }\n").isEmpty(), "bad traffic tier");
    assertFalse(validate("model: x\ntables:\n  t:\n    columns: { id: int }\n    indexes:\n      t_i: { columns: [id] }\n").isEmpty(), "index without reason");
    assertFalse(validate("model: x\nqueries:\n  q: { table: t, where: { a: \"~ 1\" } }\n").isEmpty(), "bad operator");
    assertTrue(validate("model: x\ntables:\n  t:\n    rows: 2_000_000_000\n    columns: { id: { type: \"numeric(12,2)\" } }\n").isEmpty(),
        "digit grouping and quoted numeric(p,s) are fine");
  }
}
