package dev.modelc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelc.codegen.GeneratedFile;
import dev.modelc.testing.Javac;
import dev.modelc.testing.Postgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing harness over the YAML front end, check, generate, ddl, explain and plan, with the
 * {@link Oracle}. Every build runs it in regression mode: every seed (the example models, every
 * golden case's model, and the crashes found earlier, in {@code src/test/resources/fuzz/seeds/})
 * and {@value #REGRESSION_MUTATIONS} mutations from a fixed random seed; every seed and every
 * {@value #COMMAND_LINE_EVERY}th mutant also runs through each command. Fuzzing for longer:
 * {@code ./mvnw -pl model-compiler -am test -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmodelc.fuzz.seconds=1800} (see docs/testing.md); crashes are written to
 * {@code model-compiler/target/fuzz-crashes/} and become seeds by moving them into the seeds folder.
 */
class FuzzTest {
  static final int REGRESSION_MUTATIONS = 1000;
  /** Every input runs through the library; every this many also through each command (slower: files, picocli). */
  static final int COMMAND_LINE_EVERY = 10;
  static final int BATCH = 200;

  @TempDir
  Path temp;

  private final List<String> crashes = new ArrayList<>();
  private final List<Oracle.Clean> pending = new ArrayList<>();
  private int cleanCount;

  @Test
  void noInputBreaksTheOracle() throws IOException, SQLException {
    long seconds = Long.getLong("modelc.fuzz.seconds", envSeconds());
    long seed = Long.getLong("modelc.fuzz.seed", seconds > 0 ? System.nanoTime() : 11L);
    List<byte[]> corpus = seeds();
    Oracle oracle = new Oracle(temp);
    long started = System.nanoTime();
    long executions = 0;
    for (int i = 0; i < corpus.size(); i++) {
      execute(oracle, "seed" + i, corpus.get(i), true);
      executions++;
    }
    Mutator mutator = new Mutator(seed);
    Random pick = new Random(seed);
    long deadline = started + seconds * 1_000_000_000L;
    for (long n = 0; seconds > 0 ? System.nanoTime() < deadline : n < REGRESSION_MUTATIONS; n++) {
      byte[] input = mutator.mutate(corpus.get(pick.nextInt(corpus.size())));
      execute(oracle, "mutant" + n, input, n % COMMAND_LINE_EVERY == 0);
      executions++;
      if (pending.size() >= BATCH) {
        flush();
      }
    }
    flush();
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("fuzz: seed %d, %d executions (%d seeds), %d clean models compiled and loaded, %d crashes, %d ms%n",
        seed, executions, corpus.size(), cleanCount, crashes.size(), millis);
    assertEquals(List.of(), crashes, "inputs that break the oracle are in target/fuzz-crashes/");
  }

  private static long envSeconds() {
    String env = System.getenv("MODELC_FUZZ_SECONDS");
    return env == null || env.isBlank() ? 0 : Long.parseLong(env.trim());
  }

  private void execute(Oracle oracle, String name, byte[] input, boolean commandLine) {
    try {
      Oracle.Clean clean = oracle.run(name, input, "fuzz.c" + (cleanCount + pending.size()), commandLine);
      if (clean != null) {
        pending.add(clean);
      }
    } catch (Oracle.Broken | RuntimeException e) {
      crash(input, e);
    }
  }

  /** Compiles the pending clean models' Java in one javac call and loads their DDL into PostgreSQL. */
  private void flush() throws IOException, SQLException {
    if (pending.isEmpty()) {
      return;
    }
    List<GeneratedFile> files = new ArrayList<>();
    pending.forEach(c -> files.addAll(c.files()));
    String problems = Javac.problems(files, Files.createDirectories(temp.resolve("classes" + cleanCount)), true);
    if (!problems.isEmpty()) {
      for (Oracle.Clean c : pending) {
        String pkg = c.files().isEmpty() ? "?" : c.files().get(0).path().substring(0, c.files().get(0).path().lastIndexOf('/'));
        if (problems.contains("///" + pkg + "/")) {
          crash(c.input(), new AssertionError("clean model whose Java does not compile: "
              + problems.lines().filter(l -> l.contains(pkg)).findFirst().orElse("")));
        }
      }
    }
    try (Connection db = Postgres.connect(Postgres.freshDatabase("fuzz")); Statement s = db.createStatement()) {
      for (int i = 0; i < pending.size(); i++) {
        try {
          // an extension lives in one schema of a database: each is installed once, in public, for every schema
          for (String line : pending.get(i).ddl().lines().filter(l -> l.startsWith("CREATE EXTENSION IF NOT EXISTS ")).toList()) {
            s.execute("SET search_path TO public; " + line.replaceFirst(";$", "") + " SCHEMA public");
          }
          s.execute("CREATE SCHEMA f" + i + "; SET search_path TO f" + i + ", public");
          s.execute(pending.get(i).ddl());
        } catch (SQLException e) {
          crash(pending.get(i).input(), new AssertionError("clean model whose DDL PostgreSQL rejects: "
              + e.getMessage().lines().findFirst().orElse("")));
        }
      }
    }
    cleanCount += pending.size();
    pending.clear();
  }

  private void crash(byte[] input, Throwable e) {
    try {
      String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input)).substring(0, 12);
      Path dir = Files.createDirectories(Path.of("target/fuzz-crashes"));
      Files.write(dir.resolve("crash-" + id + ".yaml"), input);
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(dir.resolve("crash-" + id + ".txt"), trace.toString());
      crashes.add("crash-" + id + ": " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
    } catch (IOException | NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The starting corpus: example models, golden-case models, plan scenarios, and earlier crashes. */
  static List<byte[]> seeds() throws IOException {
    List<Path> roots = List.of(Path.of("../example-models"), Path.of("src/test/resources/cases"),
        Path.of("src/test/resources/plans"), Path.of("src/test/resources/fuzz/seeds"));
    List<byte[]> seeds = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.filter(f -> f.toString().endsWith(".yaml") && Files.isRegularFile(f))
            .filter(f -> !f.toString().contains("/target/")).sorted().toList()) {
          if (Files.size(p) < 1_000_000) {
            seeds.add(Files.readAllBytes(p));
          }
        }
      }
    }
    seeds.add("model: x\n".getBytes(StandardCharsets.UTF_8));
    return seeds;
  }
}
