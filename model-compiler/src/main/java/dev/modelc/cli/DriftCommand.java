package dev.modelc.cli;

import dev.modelc.diag.Diagnostic;
import dev.modelc.evidence.Drift;
import dev.modelc.live.CatalogReader;
import dev.modelc.live.LiveCatalog;
import dev.modelc.render.DiagnosticJsonRenderer;
import dev.modelc.render.DiagnosticSummary;
import dev.modelc.render.DiagnosticTextRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc drift MODEL --url ...}: the live catalog of one schema against the model.
 * Exit 0 in sync, 1 errors, 3 drift.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Compare a live database's schema with the model: missing and untracked objects, definitions that"
        + " differ, INVALID indexes, objects the model does not manage. Exit 0: in sync; 1: errors; 3: drift.")
final class DriftCommand implements Callable<Integer> {
  static final int DRIFT = 3;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--schema", defaultValue = "public", paramLabel = "SCHEMA", description = "The schema to compare (default public).")
  String schema;

  @Option(names = "--format", defaultValue = "text", description = "text (default), json or sarif.")
  OutputFormat format;

  @Mixin
  DocsUrlOption docs;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The schema as read, and the database it was read from ({@code host:port/db}). */
  private record Live(LiveCatalog catalog, String where) {}

  @Override
  public Integer call() {
    docs.check(spec, format);
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Optional<CheckedModel> checked = CheckedModel.compile(model, err, "comparing it with a database");
    if (checked.isEmpty()) {
      return Main.ERRORS;
    }
    CheckedModel c = checked.get();
    Optional<Live> live = connection.readOnly("modelc drift", err,
        (conn, at) -> new Live(CatalogReader.read(conn, schema), at));
    if (live.isEmpty()) {
      return Main.ERRORS;
    }
    String where = live.get().where();
    List<Diagnostic> findings = Drift.compare(c.model(), live.get().catalog());
    boolean drifted = Drift.drifted(findings);
    switch (format) {
      case text -> {
        out.print(DiagnosticTextRenderer.render(findings, c.sources()));
        out.println(drifted ? "drift: " + DiagnosticSummary.of(findings).line() + " between the model and " + where
            + " (schema " + schema + ")" : "in sync: " + where + " (schema " + schema + ") matches the model"
            + (findings.isEmpty() ? "" : "; " + DiagnosticSummary.of(findings).line()));
      }
      case json -> out.print(DiagnosticJsonRenderer.render(findings));
      case sarif -> out.print(docs.sarif(findings));
    }
    out.flush();
    return drifted ? DRIFT : Main.OK;
  }
}
