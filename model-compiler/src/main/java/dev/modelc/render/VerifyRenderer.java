package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import dev.modelc.evidence.Verifier;
import dev.modelc.evidence.Verifier.QueryCheck;

/** The report of {@code modelc verify}, as text or JSON (SARIF goes through {@link SarifRenderer}). */
public final class VerifyRenderer {
  private VerifyRenderer() {}

  /** Both sides of every query, disagreements first marked, then the notes and a count. */
  public static String text(Verifier.Report report) {
    StringBuilder out = new StringBuilder();
    out.append("verify ").append(report.model()).append(" against ").append(report.database())
        .append(" (PostgreSQL ").append(report.server()).append("): generic plans of ")
        .append(report.checks().size()).append(report.checks().size() == 1 ? " query\n" : " queries\n");
    for (QueryCheck c : report.checks()) {
      out.append(c.agrees() ? "agree     " : "DISAGREE  ").append(c.query().name()).append(" (")
          .append(c.query().traffic().modelName()).append(", ").append(c.query().source()).append(")\n");
      out.append("  modelc:     ").append(c.claim()).append('\n');
      out.append("  PostgreSQL: ").append(c.plan()).append('\n');
      if (c.discouragedPlan() != null) {
        out.append("  with ").append(String.join(", ", c.discouraged())).append(" off: ").append(c.discouragedPlan())
            .append('\n');
        if (c.agrees()) {
          out.append("  (agrees by cost: PostgreSQL can do what modelc claims; its estimates prefer the first plan)\n");
        }
      }
      for (Diagnostic d : c.disagreements()) {
        out.append("  ").append(d.severity().label()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
      }
    }
    for (Diagnostic d : report.notes()) {
      out.append(d.position()).append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ")
          .append(d.message()).append('\n');
    }
    out.append(report.checks().size()).append(report.checks().size() == 1 ? " query: " : " queries: ")
        .append(report.agreeing()).append(" agree (").append(report.agreeingByCost()).append(" by cost), ")
        .append(report.disagreeing())
        .append(report.disagreeing() == 1 ? " disagrees" : " disagree").append(" (")
        .append(report.criticalDisagreements()).append(" critical)\n");
    return out.toString();
  }

  /**
   * Format version 1: {@code {"version":1,"model","database","server","queries":[{"name","table",
   * "traffic","file","line","column","agree","modelc":{"claim","index","sort","conditionColumns"},
   * "postgresql":{"plan","discouraged","discouragedPlan"},"agreeByCost","disagreements":[{"code","severity","message"}]}],"notes":[...],
   * "summary":{"queries","agree","agreeByCost","disagree","criticalDisagreements"}}}.
   */
  public static String json(Verifier.Report report) {
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("version", 1);
    root.put("model", report.model());
    root.put("database", report.database());
    root.put("server", report.server());
    ArrayNode queries = root.putArray("queries");
    for (QueryCheck c : report.checks()) {
      ObjectNode q = queries.addObject();
      q.put("name", c.query().name());
      q.put("table", c.query().table());
      q.put("traffic", c.query().traffic().modelName());
      q.put("file", c.query().source().file());
      q.put("line", c.query().source().line());
      q.put("column", c.query().source().column());
      q.put("agree", c.agrees());
      ObjectNode modelc = q.putObject("modelc");
      modelc.put("claim", c.claim());
      if (c.resolution().index() == null) {
        modelc.putNull("index");
      } else {
        modelc.put("index", c.resolution().index().name());
      }
      modelc.put("sort", c.resolution().sort().label());
      ArrayNode columns = modelc.putArray("conditionColumns");
      c.resolution().conditionColumns().forEach(columns::add);
      ObjectNode postgres = q.putObject("postgresql");
      postgres.put("plan", c.plan());
      if (c.discouragedPlan() != null) {
        ArrayNode off = postgres.putArray("discouraged");
        c.discouraged().forEach(off::add);
        postgres.put("discouragedPlan", c.discouragedPlan());
      }
      q.put("agreeByCost", c.agreesByCost());
      ArrayNode disagreements = q.putArray("disagreements");
      for (Diagnostic d : c.disagreements()) {
        disagreements.addObject().put("code", d.code()).put("severity", d.severity().label()).put("message", d.message());
      }
    }
    ArrayNode notes = root.putArray("notes");
    for (Diagnostic d : report.notes()) {
      notes.addObject().put("code", d.code()).put("severity", d.severity().label()).put("message", d.message())
          .put("file", d.position().file()).put("line", d.position().line()).put("column", d.position().column());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("queries", report.checks().size());
    summary.put("agree", report.agreeing());
    summary.put("agreeByCost", report.agreeingByCost());
    summary.put("disagree", report.disagreeing());
    summary.put("criticalDisagreements", report.criticalDisagreements());
    return DiagnosticJsonRenderer.write(root);
  }
}
