package dev.modelc.compile;

import dev.modelc.diag.Diagnostic;
import dev.modelc.importer.ImportCode;
import dev.modelc.importer.ModelImport;
import dev.modelc.live.CatalogReader;
import dev.modelc.live.Database;
import dev.modelc.live.LiveCatalog;
import dev.modelc.model.SourceRef;
import dev.modelc.parse.SourceFile;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a model from a live database as one call: connect read-only, read the schema's
 * catalog in one snapshot, decide and write the model files in memory, then compile them as
 * {@code check} would. Files are handed back only when they check without errors, so an import
 * never leaves a model modelc itself would reject.
 */
public final class Importing {
  /** The imported files and figures (absent on errors), and every diagnostic. */
  public record Result(Optional<ModelImport.Result> imported, List<Diagnostic> diagnostics) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private Importing() {}

  public static Result fromDatabase(Database database, String schema, ModelImport.Options options, long timeoutMillis) {
    SourceRef where = SourceRef.ofFile(database.describe());
    LiveCatalog catalog;
    try (Connection c = database.connect(Database.Access.READ_ONLY, timeoutMillis)) {
      try {
        catalog = CatalogReader.read(c, schema);
      } catch (SQLException e) {
        ImportCode code = CatalogReader.NO_SUCH_SCHEMA.equals(e.getSQLState()) ? ImportCode.MC804 : ImportCode.MC803;
        String message = code == ImportCode.MC804 ? e.getMessage()
            : "cannot read the catalog of " + database.describe() + ": " + firstLine(e.getMessage())
                + ("57014".equals(e.getSQLState()) ? " (the statement timeout of " + timeoutMillis + " ms ran out)" : "");
        return new Result(Optional.empty(), List.of(Diagnostic.of(code, where, message)));
      }
    } catch (SQLException e) {
      return new Result(Optional.empty(), List.of(Diagnostic.of(ImportCode.MC802, where, firstLine(e.getMessage()))));
    }
    return fromCatalog(catalog, options);
  }

  /** The import of an already read catalog, checked. */
  public static Result fromCatalog(LiveCatalog catalog, ModelImport.Options options) {
    ModelImport.Result imported = ModelImport.of(catalog, options);
    List<SourceFile> files = new ArrayList<>();
    for (Map.Entry<String, String> f : imported.files().entrySet()) {
      files.add(new SourceFile(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    Compilation check = Compiler.compileFiles(files);
    List<Diagnostic> diagnostics = new ArrayList<>(imported.findings());
    if (check.hasErrors()) {
      diagnostics.addAll(check.diagnostics().stream().filter(Diagnostic::isError).toList());
      diagnostics.add(Diagnostic.of(ImportCode.MC810, SourceRef.ofFile("model.yaml"), "the imported model of schema '"
          + catalog.schema() + "' does not check (the errors above); nothing is written. This is a fault of modelc's "
          + "importer: please report it with the schema"));
      return new Result(Optional.empty(), diagnostics);
    }
    return new Result(Optional.of(imported), diagnostics);
  }

  private static String firstLine(String message) {
    return message == null ? "no reason given" : message.lines().findFirst().orElse(message);
  }
}
