package dev.modelc.plan.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.plan.differential.Generator.Pair;
import dev.modelc.plan.differential.PairRunner.Kind;
import dev.modelc.plan.differential.PairRunner.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential testing of the planner, with PostgreSQL as the judge: random model pairs (fixed
 * seeds, so CI explores the same ones every run) are planned, v1 is loaded with rows, the plan is
 * applied step by step, and the result must equal v2 created from scratch, with every row and
 * value kept. Failures are grouped by class (the first error, normalised); the smallest failing
 * seed of each class is shrunk and printed as v1/v2 YAML, and written under
 * {@code target/differential/} in the golden scenario layout.
 *
 * <p>{@code -Dmodelc.pairs=N} (default 1000), {@code -Dmodelc.seed=S} (first seed),
 * {@code -Dmodelc.threads=T} (default 2), {@code -Dmodelc.shrinkRuns=R} (pairs tried per class, default 300),
 * {@code -Dmodelc.shrinkSeconds=S} (for all classes, default 120).
 */
@Tag("differential")
class DifferentialPlanTest {
  static final long DEFAULT_SEED = 20261130L;

  @Test
  void plansOfRandomModelPairsReachTheTargetSchemaOnPostgres() throws Exception {
    int pairs = Integer.getInteger("modelc.pairs", 1000);
    long first = Long.getLong("modelc.seed", DEFAULT_SEED);
    int threads = Math.max(1, Integer.getInteger("modelc.threads", 2));
    int shrinkRuns = Integer.getInteger("modelc.shrinkRuns", 300);
    long shrinkSeconds = Long.getLong("modelc.shrinkSeconds", 120);

    long start = System.nanoTime();
    Outcome[] outcomes = new Outcome[pairs];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int worker = w;
      futures.add(pool.submit(() -> {
        try (PairRunner runner = new PairRunner("differential_" + worker)) {
          for (int i = worker; i < pairs; i += threads) {
            Pair p = Generator.pair(first + i);
            outcomes[i] = runner.run(p.v1(), p.v2());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, List<Long>> failures = new TreeMap<>();
    Map<String, List<Long>> skipped = new TreeMap<>();
    for (int i = 0; i < pairs; i++) {
      Outcome o = outcomes[i];
      if (o.kind() == Kind.FAILED) {
        failures.computeIfAbsent(o.failureClass(), k -> new ArrayList<>()).add(first + i);
      } else if (o.kind() != Kind.OK) {
        skipped.computeIfAbsent(o.kind() + " " + o.failureClass(), k -> new ArrayList<>()).add(first + i);
      }
    }
    int failed = failures.values().stream().mapToInt(List::size).sum();
    int skips = skipped.values().stream().mapToInt(List::size).sum();
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "%nDifferential plan test: %d pairs (seeds %d..%d) in %.1f s on %d thread(s): %.1f pairs/s; "
        + "%d passed, %d failed in %d class(es), %d skipped (invalid model or refused change)%n",
        pairs, first, first + pairs - 1, seconds, threads, pairs / seconds, pairs - failed - skips, failed, failures.size(), skips));
    skipped.forEach((k, v) -> report.append("  skipped ").append(v.size()).append("x: ").append(k).append(" (first seed ").append(v.get(0)).append(")\n"));
    int c = 0;
    for (var e : failures.entrySet()) {
      report.append(String.format(Locale.ROOT, "  class %d: %d pair(s), smallest seed %d: %s%n", ++c, e.getValue().size(), e.getValue().get(0), e.getKey()));
    }
    Path out = Path.of("target/differential");
    if (Files.isDirectory(out)) {
      try (var files = Files.walk(out)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }

    if (pairs <= 3) { // looking at single seeds: show them whatever the outcome
      for (int i = 0; i < pairs; i++) {
        Pair p = Generator.pair(first + i);
        report.append("\n--- seed ").append(first + i).append(": ").append(outcomes[i].kind()).append(' ')
            .append(Objects.toString(outcomes[i].detail(), "")).append("\n    edits: ").append(p.edits())
            .append("\n--- v1\n").append(p.v1().yaml()).append("--- v2\n").append(p.v2().yaml());
      }
    }
    long shrinkDeadline = System.nanoTime() + shrinkSeconds * 1_000_000_000L;
    int n = 0;
    try (PairRunner runner = new PairRunner("differential_shrink")) {
      for (var e : failures.entrySet()) {
        n++;
        long seed = e.getValue().get(0);
        Pair original = Generator.pair(seed);
        Outcome o = runner.run(original.v1(), original.v2());
        boolean inBudget = System.nanoTime() < shrinkDeadline;
        Pair small = inBudget ? Shrinker.shrink(original, e.getKey(), runner, shrinkRuns) : original;
        Outcome so = runner.run(small.v1(), small.v2());
        String v1 = small.v1().yaml();
        String v2 = small.v2().yaml();
        report.append(String.format(Locale.ROOT, "%n=== failure class %d: %s%n    %d pair(s); smallest seed %d (-Dmodelc.seed=%d -Dmodelc.pairs=1)%n",
            n, e.getKey(), e.getValue().size(), seed, seed, seed));
        report.append("    edits of the seed: ").append(original.edits()).append('\n');
        report.append(inBudget ? "    shrunk edits: " + small.edits() : "    not shrunk (modelc.shrinkSeconds spent)").append('\n');
        report.append("    ").append((so.detail() != null ? so.detail() : o.detail()).replace("\n", "\n    ")).append('\n');
        report.append("--- v1/model.yaml\n").append(v1).append("--- v2/model.yaml\n").append(v2);
        Path dir = out.resolve("class-" + n);
        write(dir.resolve("v1/model.yaml"), v1);
        write(dir.resolve("v2/model.yaml"), v2);
        write(dir.resolve("class.txt"), e.getKey() + "\n" + so.detail() + "\n");
      }
    }
    System.out.println(report);
    assertTrue(skips <= Math.max(2, pairs / 50), "the generator should produce valid, plannable pairs: " + skips + " of " + pairs
        + " skipped" + report);
    assertEquals(0, failed, "plans that PostgreSQL rejects or that do not reach the target:" + report);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
