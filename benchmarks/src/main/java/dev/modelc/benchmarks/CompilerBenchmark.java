package dev.modelc.benchmarks;

import dev.modelc.codegen.GeneratedFile;
import dev.modelc.codegen.JavaGenerator;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.synth.SyntheticModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The compiler on synthetic models of N tables (one file per table): the floor (reading the
 * files and composing their YAML with SnakeYAML, nothing else), {@code check} end to end,
 * {@code generate} (generation only, on a checked model), and {@code plan} from v1 to v2 end
 * to end (both models read and checked, diff, plan, invariant). Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar CompilerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class CompilerBenchmark {
  @Param({"100", "1000", "10000"})
  int tables;

  Path root;
  Path v1;
  Path v2;
  Compilation checked;

  @Setup(Level.Trial)
  public void write() throws IOException {
    root = Files.createTempDirectory("modelc-bench-");
    v1 = root.resolve("v1");
    v2 = root.resolve("v2");
    SyntheticModel.write(v1, tables, 42, false);
    SyntheticModel.write(v2, tables, 42, true);
    checked = Compiler.compile(List.of(v1));
    if (checked.hasErrors()) {
      throw new IllegalStateException("the synthetic model must check clean: " + checked.diagnostics().get(0));
    }
  }

  @TearDown(Level.Trial)
  public void removeModels() throws IOException {
    TempFolders.delete(root);
  }

  @Benchmark
  public int parseFloor() throws IOException {
    int nodes = 0;
    try (Stream<Path> files = Files.walk(v1)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        LoadSettings settings = LoadSettings.builder().build();
        Node n = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, Files.readString(f, StandardCharsets.UTF_8))))
            .getSingleNode().orElse(null);
        nodes += n == null ? 0 : 1;
      }
    }
    return nodes;
  }

  @Benchmark
  public Compilation check() {
    return Compiler.compile(List.of(v1));
  }

  @Benchmark
  public List<GeneratedFile> generate() {
    return JavaGenerator.generate(checked.model().orElseThrow(), checked.coverage().orElseThrow(), "com.example.synthetic");
  }

  @Benchmark
  public Planning.Result plan() {
    Planning.Result r = Planning.plan(Compiler.compile(List.of(v1)), Compiler.compile(List.of(v2)));
    if (r.plan().isEmpty()) {
      throw new UncheckedIOException(new IOException("no plan: " + r.diagnostics()));
    }
    return r;
  }
}
