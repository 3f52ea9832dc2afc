package dev.modelc.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Explainer;
import dev.modelc.codegen.GeneratedFile;
import dev.modelc.codegen.JavaGenerator;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.parse.SourceFile;
import dev.modelc.testing.Javac;
import dev.modelc.testing.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code check}: a model that checks clean generates Java that compiles under
 * {@code -Xlint:all -Werror}, DDL that PostgreSQL loads, and plans (against an empty model and
 * against itself) without an internal error; {@code explain} answers for every query. Fed
 * {@value #MODELS} valid-but-odd models per build ({@link OddModels}, fixed seed): sources of
 * {@value #BATCH} models go to one javac call, each model's DDL into its own schema of one
 * database. {@code -Dmodelc.contract.models=N -Dmodelc.contract.seed=S} runs more or others.
 */
class CheckContractTest {
  static final int MODELS = 1000;
  static final int BATCH = 250;

  @TempDir
  Path temp;

  record Clean(int n, String yaml, Compilation compilation, List<GeneratedFile> files, String ddl) {}

  @Test
  void everyModelThatChecksCleanCompilesLoadsAndPlans() throws IOException, SQLException {
    int models = Integer.getInteger("modelc.contract.models", MODELS);
    long seed = Long.getLong("modelc.contract.seed", 20261130L);
    OddModels generator = new OddModels(seed);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> rejected = new TreeMap<>();
    List<Clean> clean = new ArrayList<>();
    long started = System.nanoTime();
    for (int n = 0; n < models; n++) {
      String yaml = generator.next(n);
      try {
        Compilation c = Compiler.compileFiles(List.of(new SourceFile("m" + n + ".yaml", yaml.getBytes(StandardCharsets.UTF_8))));
        if (c.hasErrors()) {
          if (Boolean.getBoolean("modelc.contract.showRejected")) {
            System.out.println("model " + n + " rejected: " + c.diagnostics().stream().filter(Diagnostic::isError).toList() + "\n" + yaml);
          }
          c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).distinct()
              .forEach(code -> rejected.merge(code, 1, Integer::sum));
          continue;
        }
        Model model = c.model().orElseThrow();
        List<GeneratedFile> files = JavaGenerator.generate(model, c.coverage().orElseThrow(), "gen.m" + n);
        String ddl = PostgresDdl.createSchema(model);
        for (QueryPattern q : model.queries()) {
          if (Explainer.explain(model, c.coverage().orElseThrow(), q.name()) == null) {
            failures.add("model " + n + ": explain found no query " + q.name());
          }
        }
        Compilation empty = Compiler.compileFiles(List.of(new SourceFile("empty.yaml",
            ("model: " + OddModels.q(model.name()) + "\n").getBytes(StandardCharsets.UTF_8))));
        Planning.Result fromEmpty = Planning.plan(empty, c);
        Planning.Result fromItself = Planning.plan(c, c);
        if (fromItself.plan().isPresent() && !fromItself.plan().get().isEmpty()) {
          failures.add("model " + n + ": a plan from the model to itself has steps");
        }
        if (fromEmpty.plan().isEmpty() && !fromEmpty.hasErrors()) {
          failures.add("model " + n + ": no plan from an empty model and no reason");
        }
        clean.add(new Clean(n, yaml, c, files, ddl));
      } catch (RuntimeException | StackOverflowError e) {
        failures.add("model " + n + ": " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
        save(n, yaml);
      }
    }
    long checked = System.nanoTime();
    for (int from = 0; from < clean.size(); from += BATCH) {
      List<Clean> batch = clean.subList(from, Math.min(clean.size(), from + BATCH));
      List<GeneratedFile> files = new ArrayList<>();
      batch.forEach(b -> files.addAll(b.files()));
      Path classes = Files.createDirectories(temp.resolve("classes" + from));
      String problems = Javac.problems(files, classes, true);
      if (!problems.isEmpty()) {
        for (Clean b : batch) {
          if (problems.contains("/gen/m" + b.n() + "/")) {
            failures.add("model " + b.n() + ": generated Java does not compile");
            save(b.n(), b.yaml());
          }
        }
        failures.add(problems.length() > 4000 ? problems.substring(0, 4000) : problems);
      }
    }
    long compiled = System.nanoTime();
    try (Connection db = Postgres.connect(Postgres.freshDatabase("contract")); Statement s = db.createStatement()) {
      for (Clean b : clean) {
        try {
          s.execute("CREATE SCHEMA m" + b.n() + "; SET search_path TO m" + b.n());
          s.execute(b.ddl());
        } catch (SQLException e) {
          failures.add("model " + b.n() + ": PostgreSQL rejects the DDL: " + e.getMessage().lines().findFirst().orElse(""));
          save(b.n(), b.yaml());
        }
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("check contract: %d models, %d clean, rejected by code %s, %d ms (check, generate, plan %d ms; javac %d ms)%n",
        models, clean.size(), rejected, millis, (checked - started) / 1_000_000, (compiled - checked) / 1_000_000);
    assertEquals(List.of(), failures, "models that break the contract are saved in target/contract-failures/");
    assertTrue(clean.size() >= models * 3 / 4, "too few models check clean (" + clean.size() + " of " + models
        + "): the generator no longer exercises the contract; rejected " + rejected);
  }

  private static void save(int n, String yaml) {
    try {
      Path dir = Files.createDirectories(Path.of("target/contract-failures"));
      Files.writeString(dir.resolve("m" + n + ".yaml"), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
