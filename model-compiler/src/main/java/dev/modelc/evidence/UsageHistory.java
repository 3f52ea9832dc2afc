package dev.modelc.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.live.UsageStatistics;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import dev.modelc.live.UsageStatistics.TableStatistics;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The usage history: snapshots of index and table statistics, one JSON object per line (JSON
 * Lines), oldest first, each line one node at one moment. The format is documented in
 * docs/evidence.md ({@code "format": 1}); lines are only ever appended, so the file can live next
 * to the model or be kept as a CI artifact and concatenated.
 */
public final class UsageHistory {
  /** The format version written in every line. */
  public static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One node at one moment: {@code node} is its name in reports, {@code database} where it is. */
  public record Snapshot(String node, String database, UsageStatistics statistics) {
    public Snapshot {
      Objects.requireNonNull(node, "node == null");
      Objects.requireNonNull(database, "database == null");
      Objects.requireNonNull(statistics, "statistics == null");
    }

    public Instant taken() {
      return statistics.taken();
    }
  }

  /** The snapshots read from a file, oldest first, and any problems with its lines. */
  public record Read(List<Snapshot> snapshots, List<Diagnostic> diagnostics) {
    public Read {
      snapshots = List.copyOf(snapshots);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private UsageHistory() {}

  /** One line of the history, without its line break. */
  public static String line(Snapshot s) {
    UsageStatistics n = s.statistics();
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("node", s.node());
    o.put("database", s.database());
    o.put("taken", n.taken().toString());
    o.put("server", n.server());
    o.put("standby", n.standby());
    putInstant(o, "statsReset", n.statsReset());
    putInstant(o, "sharedStatsReset", n.sharedStatsReset());
    putInstant(o, "postmasterStart", n.postmasterStart());
    ArrayNode indexes = o.putArray("indexes");
    for (IndexStatistics i : n.indexes()) {
      ObjectNode x = indexes.addObject();
      x.put("schema", i.schema());
      x.put("table", i.table());
      x.put("index", i.index());
      x.put("idxScan", i.scans());
      putInstant(x, "lastIdxScan", i.lastScan());
      x.put("sizeBytes", i.sizeBytes());
      x.put("unique", i.unique());
      x.put("primary", i.primary());
      x.put("valid", i.valid());
    }
    ArrayNode tables = o.putArray("tables");
    for (TableStatistics t : n.tables()) {
      ObjectNode x = tables.addObject();
      x.put("schema", t.schema());
      x.put("table", t.table());
      x.put("seqScan", t.seqScan());
      x.put("seqTupRead", t.seqTupRead());
      x.put("idxScan", t.idxScan());
      x.put("idxTupFetch", t.idxTupFetch());
      x.put("nTupIns", t.nTupIns());
      x.put("nTupUpd", t.nTupUpd());
      x.put("nTupDel", t.nTupDel());
      x.put("nTupHotUpd", t.nTupHotUpd());
      x.put("nLiveTup", t.nLiveTup());
      x.put("nDeadTup", t.nDeadTup());
      putInstant(x, "lastSeqScan", t.lastSeqScan());
      putInstant(x, "lastIdxScan", t.lastIdxScan());
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Appends the snapshots to {@code file} (created when missing). The old content and the new
   * lines are written to a temporary file that replaces the history in one move, so a failure
   * never leaves half a line behind.
   */
  public static void append(Path file, List<Snapshot> snapshots) throws IOException {
    StringBuilder text = new StringBuilder();
    if (Files.exists(file)) {
      String old = Files.readString(file, StandardCharsets.UTF_8);
      text.append(old);
      if (!old.isEmpty() && !old.endsWith("\n")) {
        text.append('\n');
      }
    }
    snapshots.forEach(s -> text.append(line(s)).append('\n'));
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads every line of {@code file}; a line that is not a snapshot is MC974 at its line. */
  public static Read read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Snapshot> snapshots = new ArrayList<>();
    Diagnostics problems = new Diagnostics();
    String name = file.toString().replace('\\', '/');
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).trim();
      if (text.isEmpty()) {
        continue;
      }
      try {
        snapshots.add(snapshot(JSON.readTree(text)));
      } catch (IOException | IllegalArgumentException | DateTimeParseException | NullPointerException e) {
        problems.report(EvidenceCode.MC974, new SourceRef(name, i + 1, 1), "line " + (i + 1)
            + " is not a usage snapshot of format " + FORMAT + ": " + firstLine(e.getMessage()));
      }
    }
    snapshots.sort(Comparator.comparing(Snapshot::taken));
    return new Read(snapshots, problems.sorted());
  }

  private static Snapshot snapshot(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (o.path("format").asInt(-1) != FORMAT) {
      throw new IllegalArgumentException("\"format\" is " + o.path("format") + ", not " + FORMAT);
    }
    List<IndexStatistics> indexes = new ArrayList<>();
    for (JsonNode x : array(o, "indexes")) {
      indexes.add(new IndexStatistics(text(x, "schema"), text(x, "table"), text(x, "index"), number(x, "idxScan"),
          instant(x, "lastIdxScan"), number(x, "sizeBytes"), x.path("unique").asBoolean(),
          x.path("primary").asBoolean(), x.path("valid").asBoolean(true)));
    }
    List<TableStatistics> tables = new ArrayList<>();
    for (JsonNode x : array(o, "tables")) {
      tables.add(new TableStatistics(text(x, "schema"), text(x, "table"), number(x, "seqScan"),
          number(x, "seqTupRead"), number(x, "idxScan"), number(x, "idxTupFetch"), number(x, "nTupIns"),
          number(x, "nTupUpd"), number(x, "nTupDel"), number(x, "nTupHotUpd"), number(x, "nLiveTup"),
          number(x, "nDeadTup"), instant(x, "lastSeqScan"), instant(x, "lastIdxScan")));
    }
    Instant taken = instant(o, "taken");
    if (taken == null) {
      throw new IllegalArgumentException("\"taken\" is missing");
    }
    UsageStatistics stats = new UsageStatistics(taken, text(o, "server"), o.path("standby").asBoolean(),
        instant(o, "statsReset"), instant(o, "sharedStatsReset"), instant(o, "postmasterStart"), indexes, tables);
    return new Snapshot(text(o, "node"), text(o, "database"), stats);
  }

  private static JsonNode array(JsonNode o, String field) {
    JsonNode a = o.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" is not an array");
    }
    return a;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a string");
    }
    return v.asText();
  }

  private static long number(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.canConvertToLong() || v.asLong() < 0) {
      throw new IllegalArgumentException("\"" + field + "\" is not a count");
    }
    return v.asLong();
  }

  private static Instant instant(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  private static void putInstant(ObjectNode o, String field, Instant value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value.toString());
    }
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
  }
}
