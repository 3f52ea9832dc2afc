package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.evidence.ObservedQueries;
import dev.modelc.evidence.ObservedQueries.Condition;
import dev.modelc.evidence.ObservedQueries.Observed;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@code modelc usage queries}: the proposed query patterns as YAML that can be
 * pasted under {@code queries:} of the model, with what was observed as comments; or JSON.
 * The model itself is never written.
 */
public final class ObservedQueriesRenderer {
  private static final long[] ROUND = {1, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000};

  private ObservedQueriesRenderer() {}

  public static String yaml(ObservedQueries.Report r) {
    StringBuilder out = new StringBuilder();
    List<Observed> proposals = r.proposals();
    out.append("# modelc usage queries: ").append(r.model()).append(" against ").append(r.database())
        .append(", pg_stat_statements since ").append(r.statistics().since()).append('\n');
    out.append("# ").append(r.observed().size()).append(" statement shapes on the model's tables: ")
        .append(r.observed().size() - proposals.size()).append(" match declared query patterns, ")
        .append(proposals.size()).append(proposals.size() == 1 ? " is" : " are").append(" missing from the model")
        .append("; ").append(r.skipped()).append(" other statements skipped (not single-table, or other tables)\n");
    out.append("# Proposed patterns (review them, then add them under queries: yourself):\n");
    out.append("queries:").append(proposals.isEmpty() ? " {}\n" : "\n");
    for (Observed o : proposals) {
      out.append("  # ").append(rate(o.callsPerSecond())).append(", ").append(o.calls()).append(" calls, ")
          .append(String.format(Locale.ROOT, "%.2f ms mean", o.meanMillis()));
      if (o.shape().kind() == QueryKind.SELECT) {
        out.append(String.format(Locale.ROOT, ", %.1f rows per call", o.calls() == 0 ? 0.0 : (double) o.rows() / o.calls()));
      }
      out.append("\n  # seen as: ").append(o.example().replaceAll("\\s+", " ")).append('\n');
      out.append("  ").append(o.proposedName()).append(":\n");
      out.append("    table: ").append(o.shape().table()).append('\n');
      if (o.shape().kind() != QueryKind.SELECT) {
        out.append("    kind: ").append(o.shape().kind().modelName()).append('\n');
      }
      if (!o.shape().where().isEmpty()) {
        List<String> conditions = new ArrayList<>();
        for (String column : o.shape().where().stream().map(Condition::column).distinct().toList()) {
          List<String> ops = o.shape().where().stream().filter(c -> c.column().equals(column))
              .map(c -> "\"" + c.operator().symbol() + "\"").toList();
          conditions.add(column + ": " + (ops.size() == 1 ? ops.get(0) : "[" + String.join(", ", ops) + "]"));
        }
        out.append("    where: { ").append(String.join(", ", conditions)).append(" }\n");
      }
      if (!o.shape().orderBy().isEmpty()) {
        out.append("    orderBy: [").append(String.join(", ", o.shape().orderBy())).append("]\n");
      }
      if (o.shape().limit()) {
        long perCall = o.calls() == 0 ? 1 : (long) Math.ceil((double) o.rows() / o.calls());
        out.append("    limit: ").append(round(perCall))
            .append("  # the statement's LIMIT is a parameter to pg_stat_statements: set the real one\n");
      }
      if (!o.shape().set().isEmpty()) {
        out.append("    set: [").append(String.join(", ", o.shape().set())).append("]\n");
      }
      out.append("    traffic: ").append(o.proposedTraffic().modelName()).append('\n');
      out.append("    rate: ").append(rate(o.callsPerSecond())).append('\n');
    }
    if (!r.neverSeen().isEmpty()) {
      out.append("# Declared patterns no recorded statement matched (never seen in production since ")
          .append(r.statistics().since()).append("):\n");
      for (QueryPattern q : r.neverSeen()) {
        out.append("#   ").append(q.name()).append(" (").append(q.source()).append(", ").append(q.traffic().modelName())
            .append(")\n");
      }
    }
    return out.toString();
  }

  /** {@code 1250/s}, {@code 12/min}, {@code 3/h}: the form of a query's {@code rate:}. */
  static String rate(double perSecond) {
    if (perSecond >= 1) {
      return Math.round(perSecond) + "/s";
    }
    if (perSecond * 60 >= 1) {
      return Math.round(perSecond * 60) + "/min";
    }
    return Math.max(1, Math.round(perSecond * 3600)) + "/h";
  }

  private static long round(long n) {
    for (long r : ROUND) {
      if (r >= n) {
        return r;
      }
    }
    return n;
  }

  /**
   * Format version 1: {@code {"version":1,"model","database","since","taken","skipped",
   * "observed":[{"table","kind","where":[{"column","operator"}],"orderBy","limit","set","calls","rows",
   * "meanMillis","callsPerSecond","example","declared":[...],"proposedName","proposedTraffic"}],
   * "neverSeen":[{"name","file","line","column","traffic"}]}}.
   */
  public static String json(ObservedQueries.Report r) {
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("version", 1);
    root.put("model", r.model());
    root.put("database", r.database());
    root.put("since", r.statistics().since().toString());
    root.put("taken", r.statistics().taken().toString());
    root.put("skipped", r.skipped());
    ArrayNode observed = root.putArray("observed");
    for (Observed o : r.observed()) {
      ObjectNode x = observed.addObject();
      x.put("table", o.shape().table());
      x.put("kind", o.shape().kind().modelName());
      ArrayNode where = x.putArray("where");
      o.shape().where().forEach(c -> where.addObject().put("column", c.column()).put("operator", c.operator().symbol()));
      ArrayNode order = x.putArray("orderBy");
      o.shape().orderBy().forEach(order::add);
      x.put("limit", o.shape().limit());
      ArrayNode set = x.putArray("set");
      o.shape().set().forEach(set::add);
      x.put("calls", o.calls());
      x.put("rows", o.rows());
      x.put("meanMillis", o.meanMillis());
      x.put("callsPerSecond", o.callsPerSecond());
      x.put("example", o.example());
      ArrayNode declared = x.putArray("declared");
      o.declared().forEach(declared::add);
      x.put("proposedName", o.proposedName());
      x.put("proposedTraffic", o.proposedTraffic() == null ? null : o.proposedTraffic().modelName());
    }
    ArrayNode never = root.putArray("neverSeen");
    for (QueryPattern q : r.neverSeen()) {
      never.addObject().put("name", q.name()).put("file", q.source().file()).put("line", q.source().line())
          .put("column", q.source().column()).put("traffic", q.traffic().modelName());
    }
    return DiagnosticJsonRenderer.write(root);
  }
}
