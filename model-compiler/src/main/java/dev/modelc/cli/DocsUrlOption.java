package dev.modelc.cli;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticDocs;
import dev.modelc.render.RepositoryPaths;
import dev.modelc.render.SarifRenderer;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --docs-url} of the commands that write SARIF ({@code check}, {@code verify},
 * {@code drift}, {@code usage report}): where a team publishes modelc's documentation. modelc's
 * docs have no address of their own, so without it the SARIF rules carry their help and no link.
 */
final class DocsUrlOption {
  @Option(names = "--docs-url", paramLabel = "URL", description = "With --format sarif: where modelc's documentation is "
      + "published (the folder that holds diagnostics.md); each rule then links to its section there. Without it the "
      + "rules carry their documentation but no link.")
  String docsUrl;

  /** A usage error when the option is given without SARIF, or is no absolute http(s) URL. */
  void check(CommandSpec spec, OutputFormat format) {
    if (docsUrl == null) {
      return;
    }
    if (format != OutputFormat.sarif) {
      throw new ParameterException(spec.commandLine(), "--docs-url applies to --format sarif");
    }
    DiagnosticDocs.problem(docsUrl).ifPresent(problem -> {
      throw new ParameterException(spec.commandLine(), "--docs-url: " + problem);
    });
  }

  /** The diagnostics as SARIF, paths relative to the repository around the current directory. */
  String sarif(List<Diagnostic> diagnostics) {
    return SarifRenderer.render(diagnostics, Version.current(), RepositoryPaths.ofWorkingDirectory(), docsUrl);
  }
}
