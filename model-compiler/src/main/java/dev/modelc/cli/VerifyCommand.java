package dev.modelc.cli;

import dev.modelc.evidence.Verifier;
import dev.modelc.render.VerifyRenderer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc verify MODEL --url ...}: PostgreSQL's generic plan of every query pattern
 * compared with modelc's claim. Exit 0 when no critical query disagrees, 1 on errors, 3 when one
 * does.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check modelc's claim about every query (serving index, remaining sort, index condition) against"
        + " PostgreSQL's generic plan on a live database. Exit 0: no critical disagreement; 1: errors; 3: a critical"
        + " query disagrees.")
final class VerifyCommand implements Callable<Integer> {
  static final int DISAGREES = 3;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--format", defaultValue = "text", description = "text (default), json or sarif.")
  OutputFormat format;

  @Mixin
  DocsUrlOption docs;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    docs.check(spec, format);
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Optional<CheckedModel> checked = CheckedModel.compile(model, err, "verifying it");
    if (checked.isEmpty()) {
      return Main.ERRORS;
    }
    CheckedModel c = checked.get();
    Optional<Verifier.Report> verified = connection.readOnly("modelc verify", err,
        (conn, where) -> Verifier.verify(c.model(), c.coverage(), conn, where));
    if (verified.isEmpty()) {
      return Main.ERRORS;
    }
    Verifier.Report report = verified.get();
    switch (format) {
      case text -> out.print(VerifyRenderer.text(report));
      case json -> out.print(VerifyRenderer.json(report));
      case sarif -> out.print(docs.sarif(report.diagnostics()));
    }
    out.flush();
    return report.criticalDisagreements() > 0 ? DISAGREES : Main.OK;
  }
}
