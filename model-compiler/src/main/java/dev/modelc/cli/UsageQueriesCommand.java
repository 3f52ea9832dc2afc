package dev.modelc.cli;

import dev.modelc.evidence.ObservedQueries;
import dev.modelc.live.StatementStatistics;
import dev.modelc.render.ObservedQueriesRenderer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc usage queries MODEL --url ...}: the statements pg_stat_statements recorded, read
 * as query patterns; proposes the ones the model lacks (YAML on standard output) and lists the
 * declared ones never seen. Never writes the model. Exit 0: every observed shape is declared;
 * 1: errors; 3: there are proposals.
 */
@Command(name = "queries", mixinStandardHelpOptions = true,
    description = "Read pg_stat_statements and propose query patterns the model lacks (YAML), with their observed rate"
        + " as a traffic tier; list declared patterns never seen. Never writes the model. Exit 0: nothing to propose;"
        + " 1: errors; 3: proposals.")
final class UsageQueriesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--format", defaultValue = "yaml", description = "yaml (default) or json.")
  String format;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (!format.equals("yaml") && !format.equals("json")) {
      err.println("modelc: --format must be yaml or json, not '" + format + "'");
      return Main.USAGE;
    }
    Optional<CheckedModel> checked = CheckedModel.compile(model, err, "comparing it with the statements that run");
    if (checked.isEmpty()) {
      return Main.ERRORS;
    }
    Optional<ObservedQueries.Report> compared = connection.readOnly("modelc usage queries", err,
        (conn, where) -> ObservedQueries.compare(checked.get().model(), StatementStatistics.read(conn), where));
    if (compared.isEmpty()) {
      return Main.ERRORS;
    }
    ObservedQueries.Report report = compared.get();
    out.print(format.equals("json") ? ObservedQueriesRenderer.json(report) : ObservedQueriesRenderer.yaml(report));
    out.flush();
    return report.proposals().isEmpty() ? Main.OK : UsageReportCommand.FINDINGS;
  }
}
