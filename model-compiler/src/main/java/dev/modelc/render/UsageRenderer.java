package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.evidence.NodeUsage;
import dev.modelc.evidence.UsageReport;
import dev.modelc.evidence.UsageReport.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report of {@code modelc usage report}, as text or JSON. */
public final class UsageRenderer {
  private UsageRenderer() {}

  /** One block per index, findings first, then a count per verdict. */
  public static String text(UsageReport.Report r) {
    StringBuilder out = new StringBuilder();
    out.append("usage of ").append(r.model()).append(" over ").append(UsageReport.describe(r.window())).append(", ")
        .append(r.from()).append(" to ").append(r.to()).append("; nodes: ")
        .append(r.nodes().isEmpty() ? "none" : String.join(", ", r.nodes())).append('\n');
    List<Entry> ordered = new ArrayList<>(r.entries());
    ordered.sort(java.util.Comparator.comparing(Entry::verdict)); // stable: table and name within a verdict
    for (Entry e : ordered) {
      out.append(String.format(Locale.ROOT, "%-32s %s.%s", e.verdict().label(), e.table(), e.index()));
      if (e.sizeBytes() > 0) {
        out.append(" (").append(size(e.sizeBytes())).append(')');
      }
      if (!e.inModel()) {
        out.append(" [not in the model]");
      }
      out.append('\n');
      if (!e.nodes().isEmpty()) {
        out.append("  scans: ").append(String.join(", ", e.nodes().stream().map(UsageRenderer::scans).toList()));
        out.append("; last used ").append(e.lastUsed() == null ? "never recorded" : e.lastUsed().toString()).append('\n');
      }
      if (!e.queries().isEmpty()) {
        out.append("  serves: ").append(String.join(", ", e.queries()))
            .append(e.criticality() == null ? "" : " (" + e.criticality().modelName() + ")").append('\n');
      }
      out.append("  ").append(e.why()).append('\n');
    }
    java.util.Map<UsageReport.Verdict, Integer> counts = new java.util.EnumMap<>(UsageReport.Verdict.class);
    r.entries().forEach(e -> counts.merge(e.verdict(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(n + " " + v.label()));
    out.append(r.entries().size()).append(r.entries().size() == 1 ? " index" : " indexes")
        .append(parts.isEmpty() ? "" : ": " + String.join(", ", parts)).append('\n');
    return out.toString();
  }

  private static String scans(NodeUsage n) {
    if (!n.present()) {
      return n.node() + " " + (n.why() == null ? "-" : "?");
    }
    return n.node() + (n.standby() ? " (standby) " : " ") + (n.scans() == null ? "?" : n.scans().toString())
        + (n.known() ? "" : " (unknown: reset)");
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
  }

  /**
   * Format version 1: {@code {"version":1,"model","from","to","windowSeconds","nodes":[...],
   * "indexes":[{"schema","table","index","inModel","file","line","column","sizeBytes","queries",
   * "criticality","lastUsed","verdict","why","nodes":[{"node","standby","present","scans","lastUsed",
   * "used","known","why"}]}]}}}.
   */
  public static String json(UsageReport.Report r) {
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("version", 1);
    root.put("model", r.model());
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    root.put("windowSeconds", r.window().toSeconds());
    ArrayNode nodes = root.putArray("nodes");
    r.nodes().forEach(nodes::add);
    ArrayNode indexes = root.putArray("indexes");
    for (Entry e : r.entries()) {
      ObjectNode i = indexes.addObject();
      i.put("schema", e.schema());
      i.put("table", e.table());
      i.put("index", e.index());
      i.put("inModel", e.inModel());
      i.put("file", e.source().file());
      i.put("line", e.source().line());
      i.put("column", e.source().column());
      i.put("sizeBytes", e.sizeBytes());
      ArrayNode q = i.putArray("queries");
      e.queries().forEach(q::add);
      i.put("criticality", e.criticality() == null ? null : e.criticality().modelName());
      i.put("lastUsed", e.lastUsed() == null ? null : e.lastUsed().toString());
      i.put("verdict", e.verdict().name().toLowerCase(Locale.ROOT));
      i.put("why", e.why());
      ArrayNode ns = i.putArray("nodes");
      for (NodeUsage n : e.nodes()) {
        ObjectNode o = ns.addObject();
        o.put("node", n.node());
        o.put("standby", n.standby());
        o.put("present", n.present());
        if (n.scans() == null) {
          o.putNull("scans");
        } else {
          o.put("scans", n.scans());
        }
        o.put("lastUsed", n.lastUsed() == null ? null : n.lastUsed().toString());
        o.put("used", n.used());
        o.put("known", n.known());
        o.put("why", n.why());
      }
    }
    return DiagnosticJsonRenderer.write(root);
  }
}
