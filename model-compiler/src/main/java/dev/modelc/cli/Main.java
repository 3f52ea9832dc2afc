package dev.modelc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code modelc} command line. Exit codes: 0 success, 1 the model has errors (or an
 * internal error, or a database that cannot be read), 2 usage error, 3 findings: {@code plan}
 * produced a plan, {@code verify} found a critical disagreement, {@code usage report} an index
 * to look at, {@code usage queries} patterns to propose, {@code drift} drift; {@code apply}
 * adds 4 to 8 (docs/apply.md). Never a stack trace: any unexpected exception becomes one line
 * naming it.
 */
@Command(name = "modelc", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Data-model-as-code compiler: checks a YAML model, generates Java accessors, plans safe migrations.",
    subcommands = {CheckCommand.class, ExplainCommand.class, DdlCommand.class, PlanCommand.class, ApplyCommand.class,
        GenerateCommand.class, SynthCommand.class, ImportCommand.class, VerifyCommand.class, UsageCommand.class,
        DriftCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int ERRORS = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> ERRORS);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("modelc: " + e.getMessage());
      err.println("Run 'modelc " + (e.getCommandLine().getCommandName().equals("modelc") ? ""
          : e.getCommandLine().getCommandName() + " ") + "--help' for usage.");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, c, parseResult) -> {
      err.println("modelc: internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
          + " (please report it with the model that caused it)");
      return ERRORS;
    });
    try {
      int code = cli.execute(args);
      out.flush();
      err.flush();
      return code;
    } catch (StackOverflowError | OutOfMemoryError e) {
      err.println("modelc: internal error: " + e.getClass().getSimpleName());
      err.flush();
      return ERRORS;
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (check, explain, ...)");
  }
}
