package dev.modelc.cli;

import dev.modelc.compile.Importing;
import dev.modelc.diag.Diagnostic;
import dev.modelc.importer.ImportCode;
import dev.modelc.importer.ModelImport;
import dev.modelc.live.Database;
import dev.modelc.model.SourceRef;
import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.ModelSchemaRenderer;
import dev.modelc.render.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelc import --url jdbc:postgresql://HOST:PORT/DB [--user U] [--password-env VAR]
 * [--schema public] --out DIR}: a model folder from a live database. Exit codes: 0 written,
 * 1 errors (nothing written), 2 usage. The folder appears whole or not at all: every file is
 * written into a new folder beside it, which is then renamed into place.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Write a model folder (model.yaml and one file per table) from a live PostgreSQL schema. "
        + "Exit 0: written; 1: errors, nothing written; 2: usage.")
final class ImportCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, paramLabel = "URL", description = "jdbc:postgresql://HOST:PORT/DATABASE")
  String url;

  @Option(names = "--user", paramLabel = "U", description = "Database user (default: the URL's or the driver's).")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable that holds the password.")
  String passwordEnv;

  @Option(names = "--schema", defaultValue = "public", description = "Schema to import (default: ${DEFAULT-VALUE}).")
  String schema;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty folder to write the model to.")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", description = "The model's name (default: the database's name).")
  String name;

  @Option(names = "--json-schema", paramLabel = "LOCATION", description = "Where editors find modelc.schema.json, "
      + "relative to DIR or a URL (default: a copy written into DIR).")
  String jsonSchema;

  @Option(names = "--statement-timeout", defaultValue = "60s", paramLabel = "DURATION",
      description = "Longest time any catalog query may take: 500ms, 30s, 2min (a bare number is seconds; default: ${DEFAULT-VALUE}).")
  String statementTimeout;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    java.util.Optional<java.time.Duration> timeout = CliDuration.parse(statementTimeout);
    if (timeout.isEmpty() || timeout.get().isZero()) {
      stderr.println("modelc: " + (timeout.isEmpty() ? CliDuration.expected("--statement-timeout", statementTimeout)
          : "--statement-timeout must be more than 0: a catalog read without a limit could hold locks for as long as it takes"));
      return Main.USAGE;
    }
    Database database;
    try {
      database = Database.of(url, user, passwordEnv, System.getenv(), "modelc import");
    } catch (IllegalArgumentException e) {
      stderr.println("modelc: " + e.getMessage());
      return Main.USAGE;
    }
    List<Diagnostic> outProblems = outputProblems(out);
    if (!outProblems.isEmpty()) {
      stderr.print(DiagnosticTextRenderer.render(outProblems, new SourceTexts()));
      stderr.println("modelc: nothing imported: the output folder cannot be used");
      return Main.ERRORS;
    }
    String modelName = name != null ? name : databaseName(database.describe());
    Importing.Result result = Importing.fromDatabase(database, schema,
        new ModelImport.Options(modelName, jsonSchema), timeout.get().toMillis());
    stderr.print(DiagnosticTextRenderer.render(result.diagnostics(), new SourceTexts()));
    if (result.hasErrors()) {
      stderr.println("modelc: nothing written");
      return Main.ERRORS;
    }
    ModelImport.Result imported = result.imported().orElseThrow();
    Map<String, String> files = new LinkedHashMap<>(imported.files());
    if (jsonSchema == null) {
      files.put(ModelImport.SCHEMA_FILE, ModelSchemaRenderer.render()); // the schema of the modelc that imported
    }
    try {
      writeFolder(out, files);
    } catch (OutputFiles.OutputException e) {
      stderr.print(DiagnosticTextRenderer.render(e.diagnostics(), new SourceTexts()));
      stderr.println("modelc: nothing written: the output cannot be written");
      return Main.ERRORS;
    }
    stdout.println("modelc: imported schema " + schema + " of " + database.describe() + " into " + out + " ("
        + files.size() + " files)");
    stdout.print(imported.summary().render());
    if (imported.placeholders() > 0) {
      stdout.println("  " + imported.placeholders() + (imported.placeholders() == 1 ? " reason is" : " reasons are")
          + " the placeholder 'unknown': fill them in over time ('modelc check' counts them in one note, MC325)");
    }
    stdout.flush();
    return Main.OK;
  }

  static String databaseName(String described) {
    String db = described.substring(described.indexOf('/') + 1);
    return db.startsWith("(") ? "imported" : db;
  }

  /** The output folder must be new or empty: an import never mixes with files already there. */
  private static List<Diagnostic> outputProblems(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          return List.of(Diagnostic.of(ImportCode.MC809, SourceRef.ofFile(out.toString().replace('\\', '/')),
              "is not empty; import writes a new model into a new or empty folder: choose another --out or empty it"));
        }
      }
      return List.of();
    }
    return OutputFiles.problems(List.of(out.resolve("model.yaml")));
  }

  /**
   * Writes every file into a new folder beside {@code out}, then renames that folder to
   * {@code out}: a reader sees no folder or the whole model, never part of it.
   */
  private static void writeFolder(Path out, Map<String, String> files) throws IOException {
    Path target = out.toAbsolutePath().normalize();
    Path staging = target.resolveSibling("." + target.getFileName() + ".import-" + ProcessHandle.current().pid());
    Map<Path, String> staged = new LinkedHashMap<>();
    files.forEach((path, text) -> staged.put(staging.resolve(path), text));
    try {
      OutputFiles.writeAll(staged);
      if (Files.isDirectory(target)) {
        Files.delete(target); // empty, checked before the import began
      }
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
    } finally {
      if (Files.exists(staging)) {
        try (Stream<Path> walk = Files.walk(staging)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
