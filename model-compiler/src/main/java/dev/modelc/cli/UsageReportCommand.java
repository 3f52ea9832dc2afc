package dev.modelc.cli;

import dev.modelc.evidence.UsageHistory;
import dev.modelc.evidence.UsageReport;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.UsageRenderer;
import dev.modelc.parse.SourceTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc usage report MODEL --history FILE [--window 30d]}: per index, the scans per node
 * over the window, the last use, the declared queries it serves and a verdict. Exit 0: nothing
 * to look at; 1: errors; 3: an index is unused, suspect, or used by no declared query.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Report index use per node over a window, with a verdict per index. Exit 0: no findings; 1: errors;"
        + " 3: an index is unused, suspect, or used by no declared query.")
final class UsageReportCommand implements Callable<Integer> {
  static final int FINDINGS = 3;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Option(names = "--history", required = true, paramLabel = "FILE", description = "The usage history (JSON Lines).")
  Path history;

  @Option(names = "--window", paramLabel = "DAYS", description = "How far back: 30d, 12h, 15min (default: the model's policy.usage.window).")
  String window;

  @Option(names = "--as-of", paramLabel = "TIME", description = "The window's end, e.g. 2026-11-30T12:00:00Z (default: the newest snapshot).")
  String asOf;

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
    Optional<CheckedModel> checked = CheckedModel.compile(model, err, "reporting usage");
    if (checked.isEmpty()) {
      return Main.ERRORS;
    }
    CheckedModel c = checked.get();
    Duration length = Duration.ofDays(c.model().policy().usage().windowDays());
    if (window != null) {
      Optional<Duration> parsed = UsageReport.parseWindow(window);
      if (parsed.isEmpty()) {
        err.println("modelc: --window must be a duration such as 30d, 12h, 15min or 90s, not '" + window + "'");
        return Main.USAGE;
      }
      length = parsed.get();
    }
    Instant end = null;
    if (asOf != null) {
      try {
        end = Instant.parse(asOf);
      } catch (DateTimeParseException e) {
        err.println("modelc: --as-of must be a time such as 2026-11-30T12:00:00Z, not '" + asOf + "'");
        return Main.USAGE;
      }
    }
    UsageHistory.Read read;
    try {
      read = UsageHistory.read(history);
    } catch (IOException e) {
      err.println("modelc: cannot read the usage history " + history + ": " + e.getMessage());
      return Main.ERRORS;
    }
    if (read.hasErrors()) {
      err.print(DiagnosticTextRenderer.render(read.diagnostics(), new SourceTexts()));
      err.println("modelc: the usage history has lines modelc cannot read; no report");
      return Main.ERRORS;
    }
    UsageReport.Report report = UsageReport.report(c.model(), c.coverage(), read.snapshots(), length, end);
    switch (format) {
      case text -> out.print(UsageRenderer.text(report));
      case json -> out.print(UsageRenderer.json(report));
      case sarif -> out.print(docs.sarif(report.diagnostics()));
    }
    out.flush();
    return report.hasFindings() ? FINDINGS : Main.OK;
  }
}
