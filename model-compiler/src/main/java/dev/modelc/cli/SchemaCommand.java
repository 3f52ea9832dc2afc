package dev.modelc.cli;

import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.ModelSchemaRenderer;
import dev.modelc.render.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelc schema [--out FILE]}: the JSON Schema of model files, the one this modelc reads
 * models by, for editors (yaml-language-server, IntelliJ) and validators.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the JSON Schema of model files (or write it with --out), for editors and validators.")
final class SchemaCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE", description = "Write the schema to this file (only when its bytes change) instead of printing it.")
  Path out;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    String schema = ModelSchemaRenderer.render();
    if (out == null) {
      spec.commandLine().getOut().print(schema);
      spec.commandLine().getOut().flush();
      return Main.OK;
    }
    try {
      boolean changed = OutputFiles.writeIfChanged(out, schema);
      spec.commandLine().getErr().println("modelc: " + (changed ? "wrote the schema to " : "schema is up to date: ") + out);
      return Main.OK;
    } catch (OutputFiles.OutputException e) {
      spec.commandLine().getErr().print(DiagnosticTextRenderer.render(e.diagnostics(), new SourceTexts()));
      return Main.ERRORS;
    } catch (IOException e) {
      spec.commandLine().getErr().println("modelc: cannot write " + out + ": " + e.getMessage());
      return Main.ERRORS;
    }
  }
}
