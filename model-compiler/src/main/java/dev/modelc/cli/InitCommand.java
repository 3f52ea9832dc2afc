package dev.modelc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.SourceRef;
import dev.modelc.parse.ModelGrammar;
import dev.modelc.parse.ModelSources;
import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import dev.modelc.render.ModelSchemaRenderer;
import dev.modelc.render.OutputCode;
import dev.modelc.render.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelc init DIR [--name NAME]}: a new model folder that checks clean, with the JSON
 * Schema beside it. Every YAML file's first line points at that schema by a relative path, so
 * editors validate and complete the model wherever the repository is checked out, offline, with
 * the schema of the modelc that wrote it ({@code modelc schema --out DIR/modelc.schema.json}
 * refreshes it after an upgrade).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a model folder that checks clean: model.yaml, tables/accounts.yaml and modelc.schema.json, which the files' $schema lines point at.")
final class InitCommand implements Callable<Integer> {
  /** The schema's file name in a model folder. */
  static final String SCHEMA_FILE = "modelc.schema.json";

  @Parameters(index = "0", paramLabel = "DIR", description = "The folder to create (or an empty one).")
  Path dir;

  @Option(names = "--name", paramLabel = "NAME", description = "The model's name (default: the folder's name).")
  String name;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    String model = name != null ? name : dir.toAbsolutePath().normalize().getFileName() == null ? "model"
        : dir.toAbsolutePath().normalize().getFileName().toString();
    if (!ModelGrammar.MODEL_NAME.matches(model)) {
      err.println("modelc: the model name must be " + ModelGrammar.MODEL_NAME.means() + "; give one with --name");
      return Main.USAGE;
    }
    boolean holdsModelFiles;
    try {
      holdsModelFiles = holdsModelFiles(dir);
    } catch (IOException | UncheckedIOException e) {
      err.println("modelc: cannot read " + dir + ": " + e.getMessage() + "; nothing written");
      return Main.ERRORS;
    }
    if (holdsModelFiles) {
      Diagnostic d = Diagnostic.of(OutputCode.MC703, SourceRef.ofFile(dir.toString().replace('\\', '/')),
          "already holds model files; modelc init writes a new model only into a new or empty folder");
      err.print(DiagnosticTextRenderer.render(List.of(d), new SourceTexts()));
      return Main.ERRORS;
    }
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(dir.resolve("model.yaml"), header("") + "model: " + quoted(model) + "\ndatabase: postgresql\n"
        + "description: The data model of this application, checked and planned by modelc.\n");
    files.put(dir.resolve("tables").resolve("accounts.yaml"), header("../") + ACCOUNTS);
    files.put(dir.resolve(SCHEMA_FILE), ModelSchemaRenderer.render());
    try {
      OutputFiles.writeAll(files);
    } catch (OutputFiles.OutputException e) {
      err.print(DiagnosticTextRenderer.render(e.diagnostics(), new SourceTexts()));
      err.println("modelc: nothing written: the folder cannot be written");
      return Main.ERRORS;
    } catch (IOException e) {
      err.println("modelc: cannot write " + dir + ": " + e.getMessage());
      return Main.ERRORS;
    }
    err.println("modelc: wrote " + files.size() + " files to " + dir + "; next: modelc check " + dir);
    return Main.OK;
  }

  private static String header(String up) {
    return "# yaml-language-server: $schema=" + up + SCHEMA_FILE + "\n";
  }

  private static String quoted(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text); // a JSON string is a YAML double-quoted scalar
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  /** Whether {@code dir} holds a file modelc would read as part of a model there. */
  private static boolean holdsModelFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> Files.isRegularFile(p) && ModelSources.isYaml(p));
    }
  }

  private static final String ACCOUNTS = """
      tables:
        accounts:
          description: One row per customer account.
          owner: team-accounts
          rows: 100000
          columns:
            id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
            email: { type: varchar(320), unique: true }
            status: { type: enum, values: [active, closed], default: active }
            created_at: { type: timestamptz, default: now() }
          indexes:
            accounts_status_created:
              columns: [status, created_at desc]
              reason: The support console lists the newest accounts of a status.
      queries:
        accountById:
          table: accounts
          where: { id: "=" }
          traffic: critical
          endpoints: ["GET /v1/accounts/{id}"]
        newestAccountsByStatus:
          table: accounts
          where: { status: "=" }
          orderBy: [created_at desc]
          limit: 50
          traffic: standard
      """;
}
