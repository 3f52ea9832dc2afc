package dev.modelc.cli;

import dev.modelc.synth.SyntheticModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelc synth --tables N --seed S --out DIR [--variant v2]}: a synthetic model for benchmarks. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write a synthetic model of N tables (one file per table), deterministic by seed; --variant v2 changes about 5%% of it.")
final class SynthCommand implements Callable<Integer> {
  @Option(names = "--tables", required = true, description = "Number of tables.")
  int tables;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--variant", defaultValue = "v1", description = "v1 (default) or v2.")
  String variant;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (tables < 1 || tables > 1_000_000 || !(variant.equals("v1") || variant.equals("v2"))) {
      spec.commandLine().getErr().println("modelc: --tables must be 1..1000000 and --variant v1 or v2");
      return Main.USAGE;
    }
    int files = SyntheticModel.write(out, tables, seed, variant.equals("v2"));
    spec.commandLine().getErr().println("modelc: wrote " + files + " files to " + out);
    return Main.OK;
  }
}
