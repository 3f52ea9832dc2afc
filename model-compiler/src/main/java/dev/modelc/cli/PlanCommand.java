package dev.modelc.cli;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostics;
import dev.modelc.evidence.DropEvidence;
import dev.modelc.evidence.UsageHistory;
import dev.modelc.evidence.UsageReport;
import dev.modelc.parse.GitSources;
import dev.modelc.parse.SourceFile;
import dev.modelc.parse.SourceTexts;
import dev.modelc.plan.Plan;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.OutputFiles;
import dev.modelc.render.PlanJsonRenderer;
import dev.modelc.render.PlanMarkdownRenderer;
import dev.modelc.render.PlanSqlRenderer;
import dev.modelc.render.PlanSummaryRenderer;
import dev.modelc.render.RepositoryPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelc plan --from <path | git:REF[:path]> --to <path>}. Exit codes: 0 no changes,
 * 1 errors, 2 usage, 3 a plan was produced (so CI can tell "nothing to review" apart). A change
 * of query patterns alone is a plan too (exit 3): it has no migration step, but the reviewer
 * sees which index serves each new or changed query. Paths in the plan are relative to the
 * repository root (or to the current directory outside a repository).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Plan the migration from a baseline model to the new one. Exit 0: no changes; 1: errors; 2: usage; "
        + "3: a plan was produced (schema changes, or query patterns that changed).")
final class PlanCommand implements Callable<Integer> {
  static final int PLANNED = 3;

  /** Which files to write or print. */
  enum Format { md, json, sql, summary, all }

  @Option(names = "--from", required = true, paramLabel = "BASELINE",
      description = "The baseline: a model file or folder, git:REF[:path] read from git (path defaults to --to's),"
          + " or db:JDBC_URL, the schema a live database really has (read as modelc import reads it).")
  String from;

  @Mixin
  FromDatabaseOptions fromDatabase;

  @Option(names = "--to", required = true, paramLabel = "MODEL", description = "The new model: a file or folder.")
  Path to;

  @Option(names = "--out", paramLabel = "DIR", description = "Write plan.md, plan.json, plan.sql and summary.md here instead of printing.")
  Path out;

  @Option(names = "--format", defaultValue = "md",
      description = "What to print without --out, or to write with it: md (default), json, sql, summary (summary.md: at most "
          + "60,000 characters, for a pull-request comment), all.")
  Format format;

  @Option(names = "--plan-link", paramLabel = "URL", defaultValue = "plan.md",
      description = "Where the summary says the full plan is (a URL such as the CI artifact's, or a file name; default: ${DEFAULT-VALUE}).")
  String planLink;

  @Option(names = "--usage", paramLabel = "HISTORY",
      description = "A usage history (modelc usage record): each drop step shows its scans per node and last use;"
          + " dropping an index or table used inside the window needs droppedDespiteUse in its tombstone.")
  Path usage;

  @Option(names = "--usage-window", paramLabel = "DURATION",
      description = "The window for --usage: 30d, 12h, 15min (default: the new model's policy.usage.window).")
  String usageWindow;

  @Option(names = "--usage-as-of", paramLabel = "TIME", description = "The window's end for --usage (default: the newest snapshot).")
  String usageAsOf;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Compilation target = Compiler.compile(List.of(to));
    Compilation baseline;
    if (from.startsWith("db:")) {
      Optional<Compilation> live = fromDatabase.baseline(from.substring("db:".length()),
          target.model().map(m -> m.name()).orElse("database"), stderr);
      if (live.isEmpty()) {
        return Main.ERRORS;
      }
      baseline = live.get();
    } else if (GitSources.isGitSpec(from)) {
      Diagnostics gitProblems = new Diagnostics();
      List<SourceFile> files = GitSources.read(from, to, gitProblems);
      if (gitProblems.hasErrors()) {
        stderr.print(DiagnosticTextRenderer.render(gitProblems.sorted(), new SourceTexts()));
        return Main.ERRORS;
      }
      baseline = Compiler.compileFiles(files);
    } else {
      baseline = Compiler.compile(List.of(Path.of(from)));
    }
    Planning.Result result = Planning.plan(baseline, target);
    if (result.hasErrors() || result.plan().isEmpty()) {
      stderr.print(DiagnosticTextRenderer.render(result.diagnostics(), merged(baseline, target)));
      stderr.println("modelc: no plan: the models or the change between them have errors");
      return Main.ERRORS;
    }
    Plan plan = result.plan().get();
    stderr.print(DiagnosticTextRenderer.render(result.diagnostics(), merged(baseline, target)));
    Map<String, DropEvidence.Drop> evidence = Map.of();
    if (usage != null) {
      Optional<DropEvidence.Result> assessed = dropEvidence(plan, target, stderr);
      if (assessed.isEmpty()) {
        return Main.ERRORS;
      }
      stderr.print(DiagnosticTextRenderer.render(assessed.get().diagnostics(), merged(baseline, target)));
      if (assessed.get().hasErrors()) {
        stderr.println("modelc: no plan: it drops what the usage history shows in use");
        return Main.ERRORS;
      }
      evidence = assessed.get().evidence();
    }
    if (plan.isEmpty() && plan.queries().stream().allMatch(q -> q.status().equals("unchanged"))) {
      stderr.println("modelc: no changes between " + from + " and " + to);
      return Main.OK;
    }
    RepositoryPaths paths = RepositoryPaths.ofWorkingDirectory();
    String toLabel = paths.relative(to.toString());
    String fromLabel = GitSources.isGitSpec(from) ? from : paths.relative(from);
    // The compiled models are not needed from here on; on a model of thousands of tables they hold
    // a few hundred megabytes that rendering needs. Each output is rendered when it is printed or
    // staged, and let go before the next: a large plan's files are each about a hundred megabytes.
    baseline = null;
    target = null;
    Map<String, Supplier<String>> rendered = new LinkedHashMap<>();
    Map<String, DropEvidence.Drop> dropEvidence = evidence;
    boolean all = format == Format.all || out != null && format == Format.md
        && !spec.commandLine().getParseResult().hasMatchedOption("--format");
    if (format == Format.md || all) {
      rendered.put("plan.md", () -> PlanMarkdownRenderer.render(plan, fromLabel, toLabel, dropEvidence));
    }
    if (format == Format.json || all) {
      rendered.put("plan.json", () -> PlanJsonRenderer.render(plan, fromLabel, toLabel));
    }
    if (format == Format.sql || all) {
      rendered.put("plan.sql", () -> PlanSqlRenderer.render(plan, fromLabel, toLabel));
    }
    if (format == Format.summary || all) {
      rendered.put("summary.md", () -> PlanSummaryRenderer.render(plan, fromLabel, toLabel, planLink, dropEvidence));
    }
    if (out == null) {
      rendered.values().forEach(r -> stdout.print(r.get()));
    } else {
      Map<Path, Supplier<String>> files = new LinkedHashMap<>();
      rendered.forEach((name, content) -> files.put(out.resolve(name), content));
      int changed;
      try {
        changed = OutputFiles.writeAllRendered(files);
      } catch (OutputFiles.OutputException e) {
        stderr.print(DiagnosticTextRenderer.render(e.diagnostics(), new SourceTexts()));
        stderr.println("modelc: no plan files written: the output cannot be written");
        return Main.ERRORS;
      }
      stderr.println("modelc: wrote " + changed + " of " + files.size() + " plan files to " + out
          + " (" + plan.steps().size() + " steps, " + plan.approvalsRequired() + " approvals required)");
    }
    stdout.flush();
    return PLANNED;
  }

  /** The evidence of the plan's drops, or empty (after saying why) when the history or options are unusable. */
  private Optional<DropEvidence.Result> dropEvidence(Plan plan, Compilation target, PrintWriter stderr) {
    Duration window = Duration.ofDays(target.model().orElseThrow().policy().usage().windowDays());
    if (usageWindow != null) {
      Optional<Duration> parsed = UsageReport.parseWindow(usageWindow);
      if (parsed.isEmpty()) {
        stderr.println("modelc: --usage-window must be a duration such as 30d, 12h or 15min, not '" + usageWindow + "'");
        return Optional.empty();
      }
      window = parsed.get();
    }
    Instant asOf = null;
    if (usageAsOf != null) {
      try {
        asOf = Instant.parse(usageAsOf);
      } catch (DateTimeParseException e) {
        stderr.println("modelc: --usage-as-of must be a time such as 2026-11-30T12:00:00Z, not '" + usageAsOf + "'");
        return Optional.empty();
      }
    }
    UsageHistory.Read read;
    try {
      read = UsageHistory.read(usage);
    } catch (IOException e) {
      stderr.println("modelc: cannot read the usage history " + usage + ": " + e.getMessage());
      return Optional.empty();
    }
    if (read.hasErrors()) {
      stderr.print(DiagnosticTextRenderer.render(read.diagnostics(), new SourceTexts()));
      stderr.println("modelc: no plan: the usage history has lines modelc cannot read");
      return Optional.empty();
    }
    return Optional.of(DropEvidence.assess(plan, target.model().orElseThrow(), read.snapshots(), window, asOf));
  }

  private static SourceTexts merged(Compilation a, Compilation b) {
    return SourceTexts.merge(a.sources(), b.sources());
  }
}
