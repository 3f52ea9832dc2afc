package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.testing.Yaml12;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The generated JSON Schema (what editors validate with, reading YAML 1.2) and {@code modelc
 * check} accept and reject the same model files: hundreds of single-change variants of a
 * model that uses every key, each judged by both. A file is accepted when check reports no
 * error, and when the schema reports nothing.
 */
class SchemaParityTest {
  @Test
  void theSchemaAndCheckAgreeOnEveryVariant() {
    List<ModelVariants.Variant> variants = ModelVariants.all();
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    int crossReference = 0;
    int nameBytes = 0;
    // each variant is judged on its own: both cores
    record Verdict(List<Diagnostic> errors, java.util.Set<com.networknt.schema.ValidationMessage> schema) {}
    List<Verdict> verdicts = variants.parallelStream().map(v -> new Verdict(
        Compiler.compileFiles(List.of(new SourceFile("m.yaml", v.yaml().getBytes(StandardCharsets.UTF_8)))).diagnostics().stream()
            .filter(Diagnostic::isError).toList(), Yaml12.validate(v.yaml()))).toList();
    for (int i = 0; i < variants.size(); i++) {
      ModelVariants.Variant v = variants.get(i);
      List<Diagnostic> errors = verdicts.get(i).errors();
      var schema = verdicts.get(i).schema();
      boolean checkAccepts = errors.isEmpty();
      boolean schemaAccepts = schema.isEmpty();
      if (v.checkOnly(errors, schemaAccepts)) {
        // the file is well-formed; it breaks what other elements point at, which only check sees
        if (v.leniency() == ModelVariants.Leniency.NAME_BYTES) {
          nameBytes++;
        } else {
          crossReference++;
        }
        continue;
      }
      if (checkAccepts != schemaAccepts) {
        disagreements.add(v.label() + ": check " + (checkAccepts ? "accepts" : "rejects " + errors.get(0).code() + " " + errors.get(0).message())
            + "; schema " + (schemaAccepts ? "accepts" : "rejects " + schema.iterator().next().getMessage()));
      }
      if (checkAccepts) {
        accepted++;
      } else {
        rejected++;
      }
    }
    System.out.println("schema parity: " + variants.size() + " variants: " + (accepted + rejected) + " judged by both ("
        + accepted + " accepted by check, " + rejected + " rejected), " + disagreements.size() + " disagreements; "
        + crossReference + " more break an element others point at (check only: MC3xx, MC5xx, MC405), " + nameBytes
        + " are names over 63 bytes but not 63 characters (check only: MC402)");
    assertEquals(List.of(), disagreements, disagreements.size() + " of " + variants.size() + " variants");
    assertTrue(variants.size() >= 500, "hundreds of variants: " + variants.size());
    assertTrue(accepted >= 100 && rejected >= 100, accepted + " accepted, " + rejected + " rejected");
  }

  @Test
  void theBaseModelChecksCleanWithoutWarnings() {
    Compilation c = Compiler.compileFiles(List.of(new SourceFile("m.yaml", ModelVariants.BASE.getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), c.diagnostics().stream().filter(d -> !d.code().equals("MC503")).toList());
  }

  @Test
  void everyKeyHasAnEditorTextAnExampleAndAPlaceInTheReference() throws java.io.IOException {
    String reference = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/model-reference.md"));
    for (ModelGrammar.Shape shape : ModelGrammar.SHAPES) {
      for (ModelGrammar.Key key : shape.keys()) {
        assertTrue(key.doc().length() > 10 && key.example().contains(key.name() + ":"), shape.id() + "/" + key.name());
        assertTrue(java.util.regex.Pattern.compile("`([A-Za-z]+\\.)*" + key.name() + "`").matcher(reference).find(),
            "docs/model-reference.md describes " + key.name());
      }
    }
  }

  @Test
  void everyKeyOfTheLanguageIsVaried() {
    Set<String> all = new TreeSet<>();
    for (ModelGrammar.Shape shape : ModelGrammar.SHAPES) {
      shape.names().forEach(k -> all.add(shape.id() + "/" + k));
    }
    all.removeAll(ModelVariants.keysVaried());
    assertEquals(Set.of(), all, "keys the base model of ModelVariants does not use: add them to it");
  }
}
