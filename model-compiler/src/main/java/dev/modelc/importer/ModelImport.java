package dev.modelc.importer;

import dev.modelc.diag.Diagnostic;
import dev.modelc.live.LiveCatalog;
import dev.modelc.model.SourceRef;
import dev.modelc.model.UnmanagedObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A live catalog as a model folder shaped like {@code example-models/payments}: {@code model.yaml}
 * (header, extensions, unmanaged objects) and {@code tables/<table>.yaml} per managed table,
 * each starting with the schema line. Deterministic: the same catalog gives the same bytes.
 * Reasons only a person knows are written as the placeholder {@code unknown}, which
 * {@code check} counts in one note (MC325).
 */
public final class ModelImport {
  /** The JSON Schema written next to model.yaml unless the caller points elsewhere. */
  public static final String SCHEMA_FILE = "modelc.schema.json";

  private static final Pattern SAFE_FILE = Pattern.compile("[a-z0-9_]+");
  private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
      "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  /**
   * @param modelName the model's name
   * @param schemaLocation where editors find the JSON Schema, relative to the output folder or a
   *     URL; null to point at {@link #SCHEMA_FILE} beside model.yaml
   */
  public record Options(String modelName, String schemaLocation) {}

  /**
   * The files (relative paths, {@code /}-separated, in order) and what the import did.
   *
   * @param findings what the model cannot carry, per table file: INVALID indexes, objects and
   *     settings left to the database
   */
  public record Result(Map<String, String> files, ImportSummary summary, List<Diagnostic> findings, int placeholders) {}

  private ModelImport() {}

  public static Result of(LiveCatalog catalog, Options options) {
    Importer decided = Importer.decide(catalog);
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> tableFiles = fileNames(decided.managed().keySet());
    int placeholders = 0;
    files.put("model.yaml", modelYaml(decided, options));
    for (Importer.TableSpec t : decided.managed().values()) {
      String path = "tables/" + tableFiles.get(t.live().name()) + ".yaml";
      files.put(path, TableYaml.render(t, schemaLine(options, "../")));
      placeholders += 2 * t.indexes().size();
    }
    placeholders += (int) decided.unmanaged().stream().filter(u -> u.reason().equals(Importer.PLACEHOLDER)).count();
    List<Diagnostic> findings = new ArrayList<>();
    for (Importer.Finding f : decided.findings()) {
      String file = f.table() != null && tableFiles.containsKey(f.table()) ? "tables/" + tableFiles.get(f.table()) + ".yaml"
          : "model.yaml";
      findings.add(Diagnostic.of(f.code(), SourceRef.ofFile(file), f.message()));
    }
    return new Result(files, decided.summary(), findings, placeholders);
  }

  private static String schemaLine(Options options, String up) {
    String location = options.schemaLocation() == null ? SCHEMA_FILE : options.schemaLocation();
    boolean relative = !location.contains("://") && !location.startsWith("/");
    return "# yaml-language-server: $schema=" + (relative ? up : "") + location;
  }

  private static String modelYaml(Importer decided, Options options) {
    LiveCatalog catalog = decided.catalog();
    StringBuilder y = new StringBuilder();
    y.append(schemaLine(options, "")).append('\n');
    y.append("model: ").append(YamlText.blockScalar(options.modelName())).append('\n');
    y.append("database: postgresql\n");
    y.append("description: ").append(YamlText.blockScalar("Imported by modelc from schema " + catalog.schema() + "."))
        .append('\n');
    if (!decided.extensions().isEmpty()) {
      y.append("extensions: ").append(YamlText.list(decided.extensions())).append('\n');
    }
    Map<UnmanagedObject.Kind, List<Importer.Unmanaged>> sections = new TreeMap<>(); // in the model's order of sections
    for (Importer.Unmanaged u : decided.unmanaged()) {
      sections.computeIfAbsent(u.section(), g -> new ArrayList<>()).add(u);
    }
    if (!sections.isEmpty()) {
      y.append("unmanaged:\n");
      sections.forEach((section, entries) -> {
        y.append("  ").append(section.section()).append(":\n");
        entries.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(u -> {
          y.append("    ").append(YamlText.scalar(u.name())).append(": { ");
          if (u.kind() != null) {
            y.append("kind: ").append(YamlText.scalar(u.kind())).append(", ");
          }
          y.append("reason: ").append(YamlText.scalar(u.reason()));
          if (!u.dependsOn().isEmpty()) {
            y.append(", dependsOn: ").append(YamlText.list(u.dependsOn()));
          }
          y.append(" }\n");
        });
      });
    }
    return y.toString();
  }

  /**
   * A file name per table that every file system keeps apart: the name itself when it is
   * lower-case letters, digits and underscores, otherwise those characters of it (letters
   * without their accents) plus a short hash of the real name (so {@code Users} and
   * {@code users}, or {@code a/b}, never collide).
   */
  static Map<String, String> fileNames(Iterable<String> tables) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (String table : tables) {
      if (SAFE_FILE.matcher(table).matches() && !DEVICE_NAMES.contains(table) && used.add(table)) {
        names.put(table, table);
      }
    }
    for (String table : tables) {
      if (names.containsKey(table)) {
        continue;
      }
      String base = Normalizer.normalize(table, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
          .replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
      String name = (base.isEmpty() ? "table" : base) + "-" + hash(table);
      while (!used.add(name)) {
        name = name + "_";
      }
      names.put(table, name);
    }
    return names;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
