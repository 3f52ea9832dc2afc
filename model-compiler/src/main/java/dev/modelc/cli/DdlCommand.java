package dev.modelc.cli;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.render.DiagnosticTextRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelc ddl MODEL}: the PostgreSQL DDL that creates the model's schema from scratch. */
@Command(name = "ddl", mixinStandardHelpOptions = true,
    description = "Print the PostgreSQL DDL that creates the model's schema from scratch.")
final class DdlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Compilation c = Compiler.compile(List.of(model));
    if (c.hasErrors()) {
      spec.commandLine().getErr().print(DiagnosticTextRenderer.render(c.diagnostics(), c.sources()));
      return Main.ERRORS;
    }
    spec.commandLine().getOut().print(PostgresDdl.createSchema(c.model().orElseThrow()));
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
