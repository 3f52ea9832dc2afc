package dev.modelc.fuzz;

import dev.modelc.analyze.Explainer;
import dev.modelc.codegen.GeneratedFile;
import dev.modelc.codegen.JavaGenerator;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.parse.SourceFile;
import dev.modelc.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What must hold for any input: no exception escapes except as a diagnostic, the command line
 * exits with 0, 1, 2 or 3 and never reports an internal error, outputs are all or none, and a
 * model that checks clean generates, prints its DDL, explains and plans (its Java and DDL are
 * compiled and loaded in batches by the caller).
 */
final class Oracle {
  /** A model that checked clean, with what it produced, for the batched javac and PostgreSQL checks. */
  record Clean(String name, byte[] input, List<GeneratedFile> files, String ddl) {}

  /** An input that broke the oracle. */
  static final class Broken extends AssertionError {
    private static final long serialVersionUID = 1L;

    Broken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path work;
  private int runs;

  Oracle(Path work) {
    this.work = work;
  }

  /**
   * Runs every stage on {@code input}, and with {@code commandLine} every command too; the clean
   * model's outputs, or null when it has errors.
   */
  Clean run(String name, byte[] input, String pkg, boolean commandLine) {
    Compilation c;
    try {
      c = Compiler.compileFiles(List.of(new SourceFile("model.yaml", input)));
    } catch (Throwable e) {
      throw new Broken("compile threw", e);
    }
    Clean clean = null;
    if (!c.hasErrors() && c.coverage().isPresent()) {
      Model model = c.model().orElseThrow();
      try {
        List<GeneratedFile> files = JavaGenerator.generate(model, c.coverage().get(), pkg);
        String ddl = PostgresDdl.createSchema(model);
        for (QueryPattern q : model.queries()) {
          Explainer.explain(model, c.coverage().get(), q.name());
        }
        clean = new Clean(name, input, files, ddl);
      } catch (Throwable e) {
        throw new Broken("generate, ddl or explain threw on a clean model", e);
      }
      try {
        Compilation empty = Compiler.compileFiles(List.of(new SourceFile("empty.yaml",
            ("model: x\n").getBytes(StandardCharsets.UTF_8))));
        Planning.plan(empty, c);
        Planning.plan(c, c);
        Planning.plan(c, empty);
      } catch (Throwable e) {
        throw new Broken("plan threw on a clean model", e);
      }
    }
    if (commandLine) {
      commandLine(input, clean != null);
    }
    return clean;
  }

  private void commandLine(byte[] input, boolean clean) {
    Path dir = work.resolve("run" + (runs++));
    try {
      Files.createDirectories(dir);
      Path model = Files.write(dir.resolve("model.yaml"), input);
      Cli.Result check = Cli.run("check", model.toString());
      expect(check, Set.of(0, 1), "check");
      Path out = dir.resolve("out");
      Cli.Result generate = Cli.run("generate", model.toString(), "--package", "fuzz.model", "--out", out.toString());
      expect(generate, Set.of(0, 1), "generate");
      if (generate.exitCode() != 0 && Files.exists(out)) {
        try (Stream<Path> files = Files.walk(out)) {
          if (files.anyMatch(Files::isRegularFile)) {
            throw new Broken("generate failed but wrote files (outputs must be all or none)", null);
          }
        }
      }
      if (clean != (generate.exitCode() == 0)) {
        throw new Broken("check and generate disagree on whether the model is clean: " + generate.all(), null);
      }
      expect(Cli.run("ddl", model.toString()), Set.of(0, 1), "ddl");
      expect(Cli.run("explain", model.toString(), "q"), Set.of(0, 1, 2), "explain");
      expect(Cli.run("plan", "--from", model.toString(), "--to", model.toString(), "--format", "all"), Set.of(0, 1, 3), "plan");
      deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expect(Cli.Result r, Set<Integer> codes, String command) {
    if (!codes.contains(r.exitCode()) || r.all().contains("internal error") || r.all().contains("\n\tat ")) {
      throw new Broken(command + " exited " + r.exitCode() + ": " + r.all().lines().limit(5).toList(), null);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
