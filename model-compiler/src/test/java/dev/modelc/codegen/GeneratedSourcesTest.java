package dev.modelc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.testing.Goldens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated accessors of the example models: identical to the reviewed golden sources in
 * src/test/generated (which the PostgreSQL tests compile and run), deterministic, and clean
 * under {@code javac -Xlint:all -Werror}.
 */
class GeneratedSourcesTest {
  @TempDir
  Path temp;

  /** The models whose accessors are golden: both examples, and the model with every type of the language. */
  static final java.util.Map<String, Path> MODELS = java.util.Map.of("payments", Path.of("../example-models/payments"),
      "logistics", Path.of("../example-models/logistics"), "shop", Path.of("src/test/resources/cases/language-v2/model.yaml"));

  static List<GeneratedFile> generate(String model) {
    Compilation c = Compiler.compile(List.of(MODELS.get(model)));
    return JavaGenerator.generate(c.model().orElseThrow(), c.coverage().orElseThrow(), "dev.modelc.example." + model);
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics", "shop"})
  void generatedSourcesMatchTheGoldenFiles(String model) throws IOException {
    Path golden = Path.of("src/test/generated", model);
    List<GeneratedFile> files = generate(model);
    for (GeneratedFile f : files) {
      Goldens.assertMatches(golden.resolve(f.path()), f.content());
    }
    Set<String> expected = files.stream().map(GeneratedFile::path).collect(Collectors.toSet());
    try (Stream<Path> existing = Files.walk(golden)) {
      List<String> stale = existing.filter(Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !expected.contains(p)).toList();
      assertEquals(List.of(), stale, "golden files the generator no longer writes");
    }
    assertEquals(files, generate(model), "same model, same bytes");
  }

  /** The accessors the apply load test runs against a live migration: the new model of its scenario. */
  @org.junit.jupiter.api.Test
  void theLoadScenariosAccessorsMatchTheGoldenFiles() throws IOException {
    Compilation c = Compiler.compile(List.of(Path.of("src/test/resources/plans/index-replacement-under-load/v2")));
    List<GeneratedFile> files = JavaGenerator.generate(c.model().orElseThrow(), c.coverage().orElseThrow(), "dev.modelc.example.load");
    Path golden = Path.of("src/test/generated/load");
    for (GeneratedFile f : files) {
      Goldens.assertMatches(golden.resolve(f.path()), f.content());
    }
    try (Stream<Path> existing = Files.walk(golden)) {
      Set<String> expected = files.stream().map(GeneratedFile::path).collect(Collectors.toSet());
      assertEquals(List.of(), existing.filter(Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !expected.contains(p)).toList(), "golden files the generator no longer writes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics", "shop"})
  void generatedSourcesCompileWithEveryLintWarningAnError(String model) throws IOException {
    compile(generate(model));
  }

  @org.junit.jupiter.api.Test
  void javaKeywordsAndJavaLangNamesInTheModelStillCompile() throws IOException {
    String model = """
        model: awkward
        tables:
          strings:
            columns:
              id: { type: bigint, primaryKey: true }
              class: text
              hash_code: int
              wait: { type: enum, values: [new, "2fa", in_progress] }
              package: { type: bool, nullable: true }
        queries:
          stringsByClass: { table: strings, where: { class: "=", wait: in }, orderBy: [id], limit: 10 }
          addString: { table: strings, kind: insert }
        """;
    Compilation c = Compiler.compileFiles(List.of(new dev.modelc.parse.SourceFile("m.yaml", model.getBytes(StandardCharsets.UTF_8))));
    assertTrue(c.diagnostics().stream().noneMatch(d -> d.isError()), c.diagnostics().toString());
    List<GeneratedFile> files = JavaGenerator.generate(c.model().orElseThrow(), c.coverage().orElseThrow(), "com.example.awkward");
    String record = files.stream().filter(f -> f.path().endsWith("/StringRow.java")).findFirst().orElseThrow().content();
    for (String component : new String[] {"String class_", "int hashCode_", "StringRowWait wait_", "Boolean package_"}) {
      assertTrue(record.contains(component), component + " in\n" + record);
    }
    String enumType = files.stream().filter(f -> f.path().endsWith("/StringRowWait.java")).findFirst().orElseThrow().content();
    assertTrue(enumType.contains("NEW(\"new\")") && enumType.contains("V_2FA(\"2fa\")"), enumType);
    compile(files);
  }

  private void compile(List<GeneratedFile> files) {
    assertEquals("", dev.modelc.testing.Javac.problems(files, temp, false), "generated sources compile under -Xlint:all -Werror");
  }

  @ParameterizedTest
  @ValueSource(strings = {"payments"})
  void unchangedFilesAreNotRewrittenAndStaleOnesAreRemoved(String model) throws IOException {
    List<GeneratedFile> files = generate(model);
    SourceWriter.Result first = SourceWriter.write(temp, model, files);
    assertEquals(files.size(), first.written());
    Path charge = temp.resolve("dev/modelc/example/payments/Charge.java");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(charge, old);
    Path stale = temp.resolve("dev/modelc/example/payments/Gone.java");
    Files.writeString(stale, files.get(0).content());
    Path mine = temp.resolve("dev/modelc/example/payments/Handwritten.java");
    Files.writeString(mine, "package dev.modelc.example.payments; class Handwritten {}\n");
    SourceWriter.Result second = SourceWriter.write(temp, model, files);
    assertEquals(new SourceWriter.Result(0, files.size(), 1), second);
    assertEquals(old, Files.getLastModifiedTime(charge), "an unchanged file keeps its timestamp");
    assertTrue(Files.notExists(stale), "a file modelc generated for a type that is gone is removed");
    assertTrue(Files.exists(mine), "files modelc did not write are never touched");
  }
}
