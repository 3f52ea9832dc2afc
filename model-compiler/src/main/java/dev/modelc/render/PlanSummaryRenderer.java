package dev.modelc.render;

import dev.modelc.model.Traffic;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.md}: the plan as one pull-request comment, never longer than
 * {@value #MAX_CHARS} characters (GitHub takes 65,536 per comment), however large the plan.
 * It gives the counts, the steps that need approval, every critical or destructive step, the
 * query patterns whose serving index changes and a compact graph; when a list does not fit,
 * it says how many entries it leaves out, and the full plan.md has them all.
 */
public final class PlanSummaryRenderer {
  /** The longest summary written. */
  public static final int MAX_CHARS = 60_000;
  /** The compact graph's limits: small enough to read in a comment. */
  static final int GRAPH_EDGES = 60;
  static final int GRAPH_TEXT = 6_000;

  private PlanSummaryRenderer() {}

  /**
   * The summary; {@code fullPlan} says where the full plan is (a link or a file name), shown
   * as text when it is no http(s) URL.
   */
  public static String render(Plan plan, String fromLabel, String toLabel, String fullPlan) {
    PlanView view = new PlanView(plan, fromLabel, toLabel);
    StringBuilder head = new StringBuilder();
    head.append("# Migration plan summary: ").append(view.getModel()).append("\n\n");
    head.append(view.getSummary()).append("\n\n");
    head.append("Planned from ").append(view.getFrom()).append(" to ").append(view.getTo()).append('.');
    long warnings = plan.diagnostics().size();
    if (warnings > 0) {
      head.append(" ").append(warnings).append(warnings == 1 ? " diagnostic" : " diagnostics").append(" (see the full plan).");
    }
    head.append('\n');
    String footer = "\n" + pointer(fullPlan) + "\n";

    StringBuilder graph = new StringBuilder();
    if (!plan.isEmpty()) {
      PlanGraph.Graph g = PlanGraph.of(plan, GRAPH_EDGES, GRAPH_TEXT);
      graph.append("\n## Graph\n\n");
      if (g.level() != PlanGraph.Level.STEPS) {
        graph.append(g.level() == PlanGraph.Level.TABLES ? "Steps grouped by phase and table.\n\n" : "Steps by phase.\n\n");
      }
      graph.append("```mermaid\n").append(g.mermaid()).append("```\n");
    }

    List<Section> sections = List.of(approvals(plan), criticalOrDestructive(plan), queries(plan));
    int budget = MAX_CHARS - head.length() - footer.length() - graph.length();
    StringBuilder body = new StringBuilder();
    int left = sections.size();
    for (Section s : sections) {
      int share = budget / left--;
      String text = s.render(share);
      body.append(text);
      budget -= text.length();
    }
    return head.toString() + body + graph + footer;
  }

  private static String pointer(String fullPlan) {
    String where = fullPlan.matches("https?://\\S+") ? "[plan.md](" + fullPlan.replace(")", "%29").replace(" ", "%20") + ")"
        : MarkdownText.code(fullPlan);
    return "The full plan, with every step's SQL, rollback, locks, estimates and gates: " + where + ".";
  }

  /** A titled table whose rows are added while they fit. */
  private record Section(String title, String header, List<String> rows, String noun) {
    String render(int budget) {
      if (rows.isEmpty()) {
        return "";
      }
      StringBuilder b = new StringBuilder("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n").append(header);
      int shown = 0;
      int reserve = 160; // the line that says how many rows are left out
      for (String row : rows) {
        if (b.length() + row.length() + reserve > budget) {
          break;
        }
        b.append(row);
        shown++;
      }
      if (shown < rows.size()) {
        if (shown == 0) {
          b.setLength(0);
          b.append("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n");
        }
        b.append("\n").append(rows.size() - shown).append(" more ").append(noun).append(" not listed here: see the full plan.\n");
      }
      return b.length() > budget ? "" : b.toString();
    }
  }

  private static Section approvals(Plan plan) {
    List<String> rows = new ArrayList<>();
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      if (s.approval().required()) {
        rows.add("| " + n + " | " + MarkdownText.code(s.id()) + " | " + MarkdownText.inline(String.join("; ", s.approval().reasons())) + " |\n");
      }
    }
    return new Section("Approvals required", "| # | step | why |\n|---|---|---|\n", rows, "steps that need approval are");
  }

  private static Section criticalOrDestructive(Plan plan) {
    List<String> rows = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      boolean destructive = s.kind().label().startsWith("drop-");
      boolean critical = s.criticality() == Traffic.CRITICAL;
      if (destructive || critical) {
        kinds.merge(s.kind().label(), 1, Integer::sum);
        rows.add("| " + n + " | " + MarkdownText.code(s.id()) + " | " + s.phase().label() + " | "
            + (critical ? "critical" : "") + (critical && destructive ? ", " : "") + (destructive ? "destructive" : "") + " | "
            + MarkdownText.inline(s.lock().level()) + " |\n");
      }
    }
    StringBuilder header = new StringBuilder();
    if (!kinds.isEmpty()) {
      List<String> parts = new ArrayList<>();
      kinds.forEach((k, c) -> parts.add(c + " " + k));
      header.append("By kind: ").append(String.join(", ", parts)).append(".\n\n");
    }
    header.append("| # | step | phase | why listed | lock |\n|---|---|---|---|---|\n");
    return new Section("Critical or destructive steps", header.toString(), rows, "critical or destructive steps are");
  }

  private static Section queries(Plan plan) {
    List<String> rows = new ArrayList<>();
    for (QueryChange q : plan.queries()) {
      if (!q.status().equals("unchanged")) {
        String before = q.indexBefore() == null ? (q.before() == null ? "" : "none") : q.indexBefore();
        String after = q.indexAfter() == null ? (q.after() == null ? "" : "none") : q.indexAfter();
        rows.add("| " + MarkdownText.code(q.name()) + " | " + q.status() + " | " + MarkdownText.inline(before) + " | "
            + MarkdownText.inline(after) + " |\n");
      }
    }
    return new Section("Query patterns affected", "| query | change | serving index before | serving index after |\n|---|---|---|---|\n",
        rows, "query patterns are");
  }
}
