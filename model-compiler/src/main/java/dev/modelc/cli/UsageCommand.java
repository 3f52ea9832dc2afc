package dev.modelc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelc usage record|report|queries}: evidence of index use and of the queries that run. */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Evidence from production: record index statistics per node, report index use over a window,"
        + " propose query patterns from pg_stat_statements.",
    subcommands = {UsageRecordCommand.class, UsageReportCommand.class, UsageQueriesCommand.class})
final class UsageCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (record, report, queries)");
  }
}
