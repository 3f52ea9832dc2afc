package dev.modelc.benchmarks;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.synth.SyntheticModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning alone: both synthetic models (as in {@link CompilerBenchmark}) are read and checked
 * once, and each operation is the diff and the plan between them (ordering, catalog simulation,
 * invariant check). {@code CompilerBenchmark.plan} includes reading and checking both models,
 * which is most of its time and most of its noise; this one isolates the stages that planning
 * work changes. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar PlanningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class PlanningBenchmark {
  @Param({"1000", "10000"})
  int tables;

  Path root;
  Compilation from;
  Compilation to;

  @Setup(Level.Trial)
  public void compile() throws IOException {
    root = Files.createTempDirectory("modelc-bench-");
    Path v1 = root.resolve("v1");
    Path v2 = root.resolve("v2");
    SyntheticModel.write(v1, tables, 42, false);
    SyntheticModel.write(v2, tables, 42, true);
    from = Compiler.compile(List.of(v1));
    to = Compiler.compile(List.of(v2));
    if (from.hasErrors() || to.hasErrors()) {
      throw new IllegalStateException("the synthetic models must check clean");
    }
  }

  @TearDown(Level.Trial)
  public void removeModels() throws IOException {
    TempFolders.delete(root);
  }

  @Benchmark
  public Planning.Result plan() {
    Planning.Result r = Planning.plan(from, to);
    if (r.plan().isEmpty() || r.hasErrors()) {
      throw new IllegalStateException("no plan: " + r.diagnostics());
    }
    return r;
  }
}
