package dev.modelc.render;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Traffic;
import dev.modelc.plan.Gate;
import dev.modelc.plan.Phase;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed variables of the plan templates: everything pre-formatted, so templates only lay
 * text out. One instance per rendering.
 */
public final class PlanView {
  /** One step as the templates show it. */
  public record StepView(int number, String node, String id, String phase, String kind, String summary, String reason,
      String dependsOn, String criticality, String lock, String estimate, boolean approval, String approvalReasons,
      String sql, String rollback, List<GateView> gates, boolean transactional, String serves, String evidence) {}

  /** One gate: what it checks and the SQL that checks it. */
  public record GateView(String description, String sql) {}

  /** One query pattern whose serving index or shape changes. */
  public record QueryView(String name, String status, String before, String after) {}

  /** One edge of the step graph. */
  public record Edge(String from, String to) {}

  private final Plan plan;
  private final String fromLabel;
  private final String toLabel;
  private final List<StepView> steps = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  public PlanView(Plan plan, String fromLabel, String toLabel) {
    this(plan, fromLabel, toLabel, Map.of());
  }

  /** {@code evidence}: the usage evidence per step id ({@code plan --usage}), shown next to each drop. */
  public PlanView(Plan plan, String fromLabel, String toLabel, Map<String, String> evidence) {
    this.plan = plan;
    this.fromLabel = fromLabel;
    this.toLabel = toLabel;
    Map<String, String> nodes = new HashMap<>();
    int n = 0;
    for (Step s : plan.steps()) {
      nodes.put(s.id(), "s" + (++n));
    }
    n = 0;
    for (Step s : plan.steps()) {
      n++;
      List<GateView> gates = new ArrayList<>();
      for (Gate g : s.gates()) {
        gates.add(new GateView(g.description(), g.sql()));
      }
      for (String d : s.dependsOn()) {
        edges.add(new Edge(nodes.get(d), nodes.get(s.id())));
      }
      steps.add(new StepView(n, nodes.get(s.id()), s.id(), s.phase().label(), s.kind().label(), s.summary(),
          s.reason() == null ? "" : s.reason(), s.dependsOn().isEmpty() ? "nothing" : "`" + String.join("`, `", s.dependsOn()) + "`",
          criticality(s), s.lock().level().equals("none") ? "none" : s.lock().level() + " on " + s.lock().on() + ": blocks " + s.lock().blocks(),
          s.estimate(), s.approval().required(), String.join("; ", s.approval().reasons()),
          statements(s.sql()), statements(s.rollback()), gates, s.transactional(),
          String.join(", ", s.serves()), evidence.getOrDefault(s.id(), "")));
    }
  }

  static String statements(List<String> sql) {
    StringBuilder b = new StringBuilder();
    for (String s : sql) {
      b.append(s).append(s.startsWith("--") ? "\n" : ";\n");
    }
    return b.toString().stripTrailing();
  }

  private static String criticality(Step s) {
    return label(s.criticalityBefore()) + " -> " + label(s.criticalityAfter());
  }

  private static String label(Traffic t) {
    return t == null ? "none" : t.modelName();
  }

  public String getModel() {
    return plan.model();
  }

  public String getFrom() {
    return fromLabel;
  }

  public String getTo() {
    return toLabel;
  }

  public List<StepView> getSteps() {
    return steps;
  }

  public List<Edge> getEdges() {
    return edges;
  }

  public List<StepView> stepsOf(String phase) {
    return steps.stream().filter(s -> s.phase().equals(phase)).toList();
  }

  public List<String> getPhases() {
    return List.of(Phase.EXPAND.label(), Phase.DEPLOY.label(), Phase.CONTRACT.label());
  }

  public String getSummary() {
    long expand = plan.steps().stream().filter(s -> s.phase() == Phase.EXPAND).count();
    long contract = plan.steps().stream().filter(s -> s.phase() == Phase.CONTRACT).count();
    Traffic highest = plan.highestCriticality();
    long approvals = plan.approvalsRequired();
    return "**" + plan.steps().size() + " steps** (expand " + expand + ", deploy 1, contract " + contract + ")"
        + " · highest criticality touched: **" + (highest == null ? "none" : highest.modelName()) + "**"
        + " · **" + (approvals == 0 ? "no approvals" : approvals + (approvals == 1 ? " approval" : " approvals")) + " required**";
  }

  public List<QueryView> getQueries() {
    List<QueryView> out = new ArrayList<>();
    for (QueryChange q : plan.queries()) {
      if (!q.status().equals("unchanged")) {
        out.add(new QueryView(q.name(), q.status(), q.indexBefore() == null ? (q.before() == null ? "" : "none") : q.indexBefore(),
            q.indexAfter() == null ? (q.after() == null ? "" : "none") : q.indexAfter()));
      }
    }
    return out;
  }

  public List<String> getDiagnostics() {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : plan.diagnostics()) {
      out.add(d.position() + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message());
    }
    return out;
  }

  /** Mermaid needs labels without double quotes. */
  public String label(String text) {
    return text.replace("\"", "'");
  }
}
