package dev.modelc.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Traffic;
import dev.modelc.plan.Gate;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;

/** {@code plan.json}, format version 1 (docs/plan-json.md): for tools and operators. */
public final class PlanJsonRenderer {
  public static final int FORMAT_VERSION = 1;

  private PlanJsonRenderer() {}

  public static String render(Plan plan, String fromLabel, String toLabel) {
    ObjectNode root = DiagnosticJsonRenderer.JSON.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("model", plan.model());
    root.put("from", fromLabel);
    root.put("to", toLabel);
    ObjectNode summary = root.putObject("summary");
    summary.put("steps", plan.steps().size());
    summary.put("approvalsRequired", plan.approvalsRequired());
    summary.put("highestCriticality", name(plan.highestCriticality()));
    summary.put("errors", plan.hasErrors());
    ObjectNode policy = root.putObject("policy");
    policy.put("lockTimeout", plan.policy().lockTimeout());
    policy.put("lockRetries", plan.policy().lockRetries());
    policy.put("statementTimeout", plan.policy().statementTimeout());
    ArrayNode steps = root.putArray("steps");
    for (Step s : plan.steps()) {
      ObjectNode n = steps.addObject();
      n.put("id", s.id());
      n.put("kind", s.kind().label());
      n.put("phase", s.phase().label());
      n.put("target", s.target());
      n.put("summary", s.summary());
      n.put("reason", s.reason());
      n.put("transactional", s.transactional());
      s.dependsOn().forEach(n.putArray("dependsOn")::add);
      s.sql().forEach(n.putArray("sql")::add);
      ArrayNode gates = n.putArray("gates");
      for (Gate g : s.gates()) {
        ObjectNode gate = gates.addObject();
        gate.put("description", g.description());
        gate.put("sql", g.sql());
        gate.put("comparesWithDeployBaseline", g.baseline());
        gate.put("kind", g.kind().label());
        gate.put("object", g.object());
      }
      ObjectNode crit = n.putObject("criticality");
      crit.put("before", name(s.criticalityBefore()));
      crit.put("after", name(s.criticalityAfter()));
      ObjectNode lock = n.putObject("lock");
      lock.put("level", s.lock().level());
      lock.put("on", s.lock().on());
      lock.put("blocks", s.lock().blocks());
      n.put("estimate", s.estimate());
      s.rollback().forEach(n.putArray("rollback")::add);
      s.serves().forEach(n.putArray("serves")::add);
      ObjectNode approval = n.putObject("approval");
      approval.put("required", s.approval().required());
      s.approval().reasons().forEach(approval.putArray("reasons")::add);
      if (s.backfill() == null) {
        n.putNull("backfill");
      } else {
        ObjectNode fill = n.putObject("backfill");
        fill.put("table", s.backfill().table());
        fill.put("column", s.backfill().column());
        fill.put("set", s.backfill().value());
        fill.put("pending", s.backfill().pending());
        fill.put("batchRows", s.backfill().batchRows());
      }
      n.put("appliedWhen", s.appliedWhen());
    }
    ArrayNode queries = root.putArray("queries");
    for (QueryChange q : plan.queries()) {
      ObjectNode n = queries.addObject();
      n.put("name", q.name());
      n.put("status", q.status());
      n.put("indexBefore", q.indexBefore());
      n.put("indexAfter", q.indexAfter());
      n.put("traffic", q.after() != null ? q.after().traffic().modelName() : q.before().traffic().modelName());
    }
    ArrayNode diagnostics = root.putArray("diagnostics");
    for (Diagnostic d : plan.diagnostics()) {
      ObjectNode n = diagnostics.addObject();
      n.put("code", d.code());
      n.put("severity", d.severity().label());
      n.put("message", d.message());
      n.put("file", d.position().file());
      n.put("line", d.position().line());
      n.put("column", d.position().column());
    }
    return DiagnosticJsonRenderer.write(root);
  }

  private static String name(Traffic t) {
    return t == null ? null : t.modelName();
  }
}
