package dev.modelc.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Traffic;
import dev.modelc.plan.Gate;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;
import java.io.IOException;
import java.util.List;

/** {@code plan.json}, format version 1 (docs/plan-json.md): for tools and operators. */
public final class PlanJsonRenderer {
  public static final int FORMAT_VERSION = 1;

  private PlanJsonRenderer() {}

  public static String render(Plan plan, String fromLabel, String toLabel) {
    // written as a stream, not built as a tree first: a plan of 70,000 steps is a 100 MB file,
    // and its tree would be a few hundred megabytes more
    return DiagnosticJsonRenderer.stream(out -> write(out, plan, fromLabel, toLabel));
  }

  private static void write(JsonGenerator out, Plan plan, String fromLabel, String toLabel) throws IOException {
    out.writeStartObject();
    out.writeNumberField("formatVersion", FORMAT_VERSION);
    out.writeStringField("model", plan.model());
    out.writeStringField("from", fromLabel);
    out.writeStringField("to", toLabel);
    out.writeObjectFieldStart("summary");
    out.writeNumberField("steps", plan.steps().size());
    out.writeNumberField("approvalsRequired", plan.approvalsRequired());
    out.writeStringField("highestCriticality", name(plan.highestCriticality()));
    out.writeBooleanField("errors", plan.hasErrors());
    out.writeEndObject();
    out.writeObjectFieldStart("policy");
    out.writeStringField("lockTimeout", plan.policy().lockTimeout());
    out.writeNumberField("lockRetries", plan.policy().lockRetries());
    out.writeStringField("statementTimeout", plan.policy().statementTimeout());
    out.writeEndObject();
    out.writeArrayFieldStart("steps");
    for (Step s : plan.steps()) {
      step(out, s);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("queries");
    for (QueryChange q : plan.queries()) {
      out.writeStartObject();
      out.writeStringField("name", q.name());
      out.writeStringField("status", q.status());
      out.writeStringField("indexBefore", q.indexBefore());
      out.writeStringField("indexAfter", q.indexAfter());
      out.writeStringField("traffic", q.after() != null ? q.after().traffic().modelName() : q.before().traffic().modelName());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("diagnostics");
    for (Diagnostic d : plan.diagnostics()) {
      DiagnosticJsonRenderer.write(out, d);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void step(JsonGenerator out, Step s) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", s.id());
    out.writeStringField("kind", s.kind().label());
    out.writeStringField("phase", s.phase().label());
    out.writeStringField("target", s.target());
    out.writeStringField("summary", s.summary());
    out.writeStringField("reason", s.reason());
    out.writeBooleanField("transactional", s.transactional());
    strings(out, "dependsOn", s.dependsOn());
    strings(out, "sql", s.sql());
    out.writeArrayFieldStart("gates");
    for (Gate g : s.gates()) {
      out.writeStartObject();
      out.writeStringField("description", g.description());
      out.writeStringField("sql", g.sql());
      out.writeBooleanField("comparesWithDeployBaseline", g.baseline());
      out.writeStringField("kind", g.kind().label());
      out.writeStringField("object", g.object());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeObjectFieldStart("criticality");
    out.writeStringField("before", name(s.criticalityBefore()));
    out.writeStringField("after", name(s.criticalityAfter()));
    out.writeEndObject();
    out.writeObjectFieldStart("lock");
    out.writeStringField("level", s.lock().level());
    out.writeStringField("on", s.lock().on());
    out.writeStringField("blocks", s.lock().blocks());
    out.writeEndObject();
    out.writeStringField("estimate", s.estimate());
    strings(out, "rollback", s.rollback());
    strings(out, "serves", s.serves());
    out.writeObjectFieldStart("approval");
    out.writeBooleanField("required", s.approval().required());
    strings(out, "reasons", s.approval().reasons());
    out.writeEndObject();
    if (s.backfill() == null) {
      out.writeNullField("backfill");
    } else {
      out.writeObjectFieldStart("backfill");
      out.writeStringField("table", s.backfill().table());
      out.writeStringField("column", s.backfill().column());
      out.writeStringField("set", s.backfill().value());
      out.writeStringField("pending", s.backfill().pending());
      out.writeNumberField("batchRows", s.backfill().batchRows());
      out.writeEndObject();
    }
    out.writeStringField("appliedWhen", s.appliedWhen());
    out.writeEndObject();
  }

  private static void strings(JsonGenerator out, String field, List<String> values) throws IOException {
    out.writeArrayFieldStart(field);
    for (String v : values) {
      out.writeString(v);
    }
    out.writeEndArray();
  }

  private static String name(Traffic t) {
    return t == null ? null : t.modelName();
  }
}
