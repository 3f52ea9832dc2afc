package dev.modelc.cli;

import dev.modelc.codegen.SourceWriter;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Generation;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelc generate MODEL --out DIR --package P}: the typed Java accessors of a model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate Java records, enums and query classes for a model. Unchanged files are not rewritten.")
final class GenerateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Option(names = "--out", defaultValue = "target/generated-sources/modelc", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--package", required = true, paramLabel = "P", description = "Java package of the generated types, e.g. com.example.db.")
  String pkg;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    java.util.Optional<String> problem = dev.modelc.model.JavaNames.packageProblem(pkg);
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("modelc: --package '" + pkg + "' " + problem.get());
      return Main.USAGE;
    }
    Compilation c = Compiler.compile(List.of(model));
    spec.commandLine().getErr().print(DiagnosticTextRenderer.render(c.diagnostics(), c.sources()));
    if (c.hasErrors() || c.coverage().isEmpty()) {
      spec.commandLine().getErr().println("modelc: nothing generated: the model has errors");
      return Main.ERRORS;
    }
    SourceWriter.Result r;
    try {
      r = Generation.write(c, out, pkg);
    } catch (OutputFiles.OutputException e) {
      spec.commandLine().getErr().print(DiagnosticTextRenderer.render(e.diagnostics(), c.sources()));
      spec.commandLine().getErr().println("modelc: nothing generated: the output cannot be written");
      return Main.ERRORS;
    }
    spec.commandLine().getErr().println("modelc: " + r.written() + " written, " + r.unchanged() + " unchanged, "
        + r.removed() + " removed in " + out);
    return Main.OK;
  }
}
