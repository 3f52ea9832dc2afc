package dev.modelc.cli;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Importing;
import dev.modelc.importer.ModelImport;
import dev.modelc.live.Database;
import dev.modelc.parse.SourceFile;
import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code plan --from db:JDBC_URL}: the baseline is what the database really is, imported in
 * memory the way {@code modelc import} reads it (nothing is written).
 */
final class FromDatabaseOptions {
  @Option(names = "--from-user", paramLabel = "USER", description = "With --from db:...: the database user.")
  String user;

  @Option(names = "--from-password-env", paramLabel = "VAR", description = "With --from db:...: the environment variable that holds the password.")
  String passwordEnv;

  @Option(names = "--from-schema", paramLabel = "SCHEMA", defaultValue = "public", description = "With --from db:...: the schema (default public).")
  String schema;

  /** The imported baseline, compiled; empty (after saying why on {@code err}) when it cannot be had. */
  Optional<Compilation> baseline(String url, String modelName, PrintWriter err) {
    Database database;
    try {
      database = Database.of(url, user, passwordEnv, System.getenv(), "modelc plan");
    } catch (IllegalArgumentException e) {
      err.println("modelc: --from db:...: " + e.getMessage());
      return Optional.empty();
    }
    Importing.Result imported = Importing.fromDatabase(database, schema, new ModelImport.Options(modelName, null), 60_000);
    if (imported.hasErrors() || imported.imported().isEmpty()) {
      err.print(DiagnosticTextRenderer.render(imported.diagnostics(), new SourceTexts()));
      err.println("modelc: no plan: the baseline database cannot be read");
      return Optional.empty();
    }
    List<SourceFile> files = new ArrayList<>();
    for (Map.Entry<String, String> f : imported.imported().get().files().entrySet()) {
      files.add(new SourceFile("db:" + database.describe() + "/" + f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.of(Compiler.compileFiles(files));
  }
}
