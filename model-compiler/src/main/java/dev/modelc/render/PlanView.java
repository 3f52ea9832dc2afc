package dev.modelc.render;

import dev.modelc.diag.Diagnostic;
import dev.modelc.evidence.DropEvidence;
import dev.modelc.model.Traffic;
import dev.modelc.plan.Gate;
import dev.modelc.plan.Phase;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The typed variables of the plan templates: everything pre-formatted and escaped (model text
 * is untrusted: {@link MarkdownText}), so templates only lay text out. One instance per
 * rendering.
 */
public final class PlanView {
  /** One step as the templates show it. */
  public record StepView(int number, String node, String id, String phase, String kind, String summary, String reason,
      String dependsOn, String criticality, String lock, String estimate, boolean approval, String approvalReasons,
      String sql, String sqlFence, String rollback, String rollbackFence, List<GateView> gates, boolean transactional,
      String serves, String evidence) {}

  /** One gate: what it checks and the SQL that checks it. */
  public record GateView(String description, String sql) {}

  /** One query pattern whose serving index or shape changes. */
  public record QueryView(String name, String status, String before, String after) {}


  private final Plan plan;
  private final String fromLabel;
  private final String toLabel;
  private final Map<String, DropEvidence.Drop> evidence;
  /** Built when a template first asks: the summary reads only the head, never the steps or the graph. */
  private List<StepView> steps;
  private PlanGraph.Graph graph;

  public PlanView(Plan plan, String fromLabel, String toLabel) {
    this(plan, fromLabel, toLabel, Map.of());
  }

  /** {@code evidence}: the usage evidence per step id ({@code plan --usage}), shown next to each drop. */
  public PlanView(Plan plan, String fromLabel, String toLabel, Map<String, DropEvidence.Drop> evidence) {
    this.plan = plan;
    this.fromLabel = fromLabel;
    this.toLabel = toLabel;
    this.evidence = evidence;
  }

  private static List<StepView> stepViews(Plan plan, Map<String, DropEvidence.Drop> evidence) {
    List<StepView> steps = new ArrayList<>(plan.steps().size());
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      List<GateView> gates = new ArrayList<>();
      for (Gate g : s.gates()) {
        gates.add(new GateView(MarkdownText.inline(g.description()), MarkdownText.code(g.sql())));
      }
      String sql = statements(s.sql());
      String rollback = statements(s.rollback());
      steps.add(new StepView(n, "s" + n, MarkdownText.code(s.id()), s.phase().label(), s.kind().label(),
          MarkdownText.inline(s.summary()), MarkdownText.inline(s.reason() == null ? "" : s.reason()),
          s.dependsOn().isEmpty() ? "nothing" : String.join(", ", s.dependsOn().stream().map(MarkdownText::code).toList()),
          criticality(s), MarkdownText.inline(s.lock().level().equals("none") ? "none"
              : s.lock().level() + " on " + s.lock().on() + ": blocks " + s.lock().blocks()),
          MarkdownText.inline(s.estimate()), s.approval().required(), MarkdownText.inline(String.join("; ", s.approval().reasons())),
          sql, MarkdownText.fence(sql), rollback, MarkdownText.fence(rollback), gates, s.transactional(),
          MarkdownText.inline(String.join(", ", s.serves())), MarkdownText.inline(evidence.containsKey(s.id()) ? evidence.get(s.id()).text() : "")));
    }
    return steps;
  }

  static String statements(List<String> sql) {
    StringBuilder b = new StringBuilder();
    for (String s : sql) {
      b.append(s.startsWith("--") ? PlanSqlRenderer.comment(s) + "\n" : s + ";\n");
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
    return MarkdownText.inline(plan.model());
  }

  /** The baseline, as a code span. */
  public String getFrom() {
    return MarkdownText.code(fromLabel);
  }

  /** The new model, as a code span. */
  public String getTo() {
    return MarkdownText.code(toLabel);
  }

  public List<StepView> getSteps() {
    if (steps == null) {
      steps = stepViews(plan, evidence);
    }
    return steps;
  }

  private PlanGraph.Graph graph() {
    if (graph == null) {
      graph = PlanGraph.of(plan);
    }
    return graph;
  }

  /** The step graph in Mermaid, within Mermaid's default limits. */
  public String getGraph() {
    return graph().mermaid().stripTrailing();
  }

  /** What the graph shows, when it is not every step. */
  public String getGraphNote() {
    return switch (graph().level()) {
      case STEPS -> "";
      case TABLES -> "The plan has too many steps for one readable graph within Mermaid's limits: each node is the steps of one "
          + "phase on one table.";
      case PHASES -> "The plan has too many steps and tables for one graph within Mermaid's limits: the phases with their step counts.";
    };
  }

  /** True when the plan changes the schema (besides the deploy marker). */
  public boolean getHasSteps() {
    return !plan.isEmpty();
  }
  public List<StepView> stepsOf(String phase) {
    return getSteps().stream().filter(s -> s.phase().equals(phase)).toList();
  }

  public List<String> getPhases() {
    return List.of(Phase.EXPAND.label(), Phase.DEPLOY.label(), Phase.CONTRACT.label());
  }

  public String getSummary() {
    long expand = plan.steps().stream().filter(s -> s.phase() == Phase.EXPAND).count();
    long contract = plan.steps().stream().filter(s -> s.phase() == Phase.CONTRACT).count();
    Traffic highest = plan.highestCriticality();
    long approvals = plan.approvalsRequired();
    if (plan.isEmpty()) {
      return "**No schema changes**: only query patterns change; the deploy needs no migration step.";
    }
    return "**" + plan.steps().size() + " steps** (expand " + expand + ", deploy 1, contract " + contract + ")"
        + " · highest criticality touched: **" + (highest == null ? "none" : highest.modelName()) + "**"
        + " · **" + (approvals == 0 ? "no approvals" : approvals + (approvals == 1 ? " approval" : " approvals")) + " required**";
  }

  public List<QueryView> getQueries() {
    List<QueryView> out = new ArrayList<>();
    for (QueryChange q : plan.queries()) {
      if (!q.status().equals("unchanged")) {
        out.add(new QueryView(MarkdownText.code(q.name()), q.status(),
            MarkdownText.inline(q.indexBefore() == null ? (q.before() == null ? "" : "none") : q.indexBefore()),
            MarkdownText.inline(q.indexAfter() == null ? (q.after() == null ? "" : "none") : q.indexAfter())));
      }
    }
    return out;
  }

  public List<String> getDiagnostics() {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : plan.diagnostics()) {
      out.add(MarkdownText.code(d.position() + ": " + d.severity().label() + "[" + d.code() + "]: " + d.message()));
    }
    return out;
  }

}
