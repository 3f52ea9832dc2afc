package dev.modelc.render;

import dev.modelc.evidence.DropEvidence;
import dev.modelc.evidence.UsageReport;
import dev.modelc.model.Traffic;
import dev.modelc.plan.Plan;
import dev.modelc.plan.QueryChange;
import dev.modelc.plan.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code summary.md}: the plan as one pull-request comment, never longer than
 * {@value #MAX_CHARS} characters (GitHub takes 65,536 per comment), however large the plan.
 * It gives the counts, the steps that need approval, every critical or destructive step, the
 * query patterns whose serving index changes and a compact graph; when a list does not fit,
 * it says how many entries it leaves out, and the full plan.md has them all.
 *
 * <p>With usage evidence ({@code plan --usage}), the head counts the drops by verdict and each
 * drop's row shows its evidence. The head's counts are never cut; when the table does not fit,
 * the drops that need a reviewer's eye (used, unknown, without evidence) are listed before the
 * others, and the line that counts what is left out counts the drops among it by verdict.
 */
public final class PlanSummaryRenderer {
  /** The longest summary written. */
  public static final int MAX_CHARS = 60_000;
  /** The compact graph's limits: small enough to read in a comment. */
  static final int GRAPH_EDGES = 60;
  static final int GRAPH_TEXT = 6_000;
  /** The longest evidence in one row, before escaping: a long reason must not crowd out other drops. */
  static final int EVIDENCE_CHARS = 400;

  private PlanSummaryRenderer() {}

  /**
   * The summary; {@code fullPlan} says where the full plan is (a link or a file name), shown
   * as text when it is no http(s) URL.
   */
  public static String render(Plan plan, String fromLabel, String toLabel, String fullPlan) {
    return render(plan, fromLabel, toLabel, fullPlan, Map.of());
  }

  /** The summary with the usage evidence of each drop step ({@code plan --usage}), by step id. */
  public static String render(Plan plan, String fromLabel, String toLabel, String fullPlan,
      Map<String, DropEvidence.Drop> evidence) {
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
    if (!evidence.isEmpty()) {
      head.append('\n').append(evidenceCounts(evidence)).append('\n');
    }
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

    List<Section> sections = List.of(approvals(plan), criticalOrDestructive(plan, evidence), queries(plan));
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

  /**
   * One row of a table; {@code verdict} is the usage evidence of a drop (null for any other
   * row), by which rows are chosen when not all fit and counted when left out.
   */
  private record Row(String text, DropEvidence.Verdict verdict) {
    Row(String text) {
      this(text, null);
    }

    /** Drops a reviewer must look at come first when not every row fits. */
    boolean urgent() {
      return verdict != null && verdict != DropEvidence.Verdict.UNUSED;
    }
  }

  /**
   * A titled table whose rows are added while they fit: urgent rows first, then the others,
   * each in plan order, and shown in plan order.
   */
  private record Section(String title, String header, List<Row> rows, String noun) {
    String render(int budget) {
      if (rows.isEmpty()) {
        return "";
      }
      StringBuilder b = new StringBuilder("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n").append(header);
      List<Row> byUrgency = new ArrayList<>(rows.stream().filter(Row::urgent).toList());
      rows.stream().filter(r -> !r.urgent()).forEach(byUrgency::add);
      // the line that says how many rows are left out (longer when it counts drops by verdict)
      int reserve = rows.stream().anyMatch(r -> r.verdict() != null) ? 360 : 160;
      Set<Row> fit = Collections.newSetFromMap(new IdentityHashMap<>());
      int length = b.length();
      for (Row row : byUrgency) {
        if (length + row.text().length() + reserve > budget) {
          break;
        }
        fit.add(row);
        length += row.text().length();
      }
      List<Row> left = new ArrayList<>();
      for (Row row : rows) {
        if (fit.contains(row)) {
          b.append(row.text());
        } else {
          left.add(row);
        }
      }
      if (!left.isEmpty()) {
        if (fit.isEmpty()) {
          b.setLength(0);
          b.append("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n");
        }
        b.append("\n").append(left.size()).append(" more ").append(noun).append(" not listed here").append(dropsAmong(left))
            .append(": see the full plan.\n");
      }
      return b.length() > budget ? "" : b.toString();
    }

    /** " (among them drops with usage evidence: 2 used inside the window, 1 unused)", or nothing. */
    private static String dropsAmong(List<Row> left) {
      List<DropEvidence.Verdict> verdicts = left.stream().map(Row::verdict).filter(v -> v != null).toList();
      return verdicts.isEmpty() ? "" : " (among them drops with usage evidence: " + counts(byVerdict(verdicts), 0) + ")";
    }
  }

  /** "2 used inside the window, 1 of unknown use", most telling first; {@code despite} follows the used ones. */
  private static String counts(Map<DropEvidence.Verdict, Integer> counts, long despite) {
    List<String> parts = new ArrayList<>();
    counts.forEach((v, c) -> parts.add(c + " " + v.label()
        + (v == DropEvidence.Verdict.USED && despite > 0 ? " (" + despite + " dropped despite use, for the reason its tombstone gives)" : "")));
    return String.join(", ", parts);
  }

  private static Map<DropEvidence.Verdict, Integer> byVerdict(List<DropEvidence.Verdict> verdicts) {
    Map<DropEvidence.Verdict, Integer> counts = new EnumMap<>(DropEvidence.Verdict.class);
    verdicts.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts;
  }

  /** The head's line about the drops' evidence: the window and the drops by verdict, never cut. */
  private static String evidenceCounts(Map<String, DropEvidence.Drop> evidence) {
    int drops = evidence.size();
    long despite = evidence.values().stream().filter(d -> d.droppedDespiteUse() != null).count();
    return "**Usage evidence** over the last " + UsageReport.describe(evidence.values().iterator().next().window())
        + ", for the " + (drops == 1 ? "drop of an index or table" : drops + " drops of indexes and tables") + ": "
        + counts(byVerdict(evidence.values().stream().map(DropEvidence.Drop::verdict).toList()), despite) + ".";
  }

  /** A drop's evidence as one table cell: the verdict, then scans per node, the last use and the reason. */
  private static String evidenceCell(DropEvidence.Drop d) {
    String use = "scans " + d.scans() + "; last used " + d.lastUsedText();
    String rest = switch (d.verdict()) {
      case USED -> use + (d.droppedDespiteUse() == null ? "" : "; dropped despite use: " + d.droppedDespiteUse());
      case UNUSED -> use;
      case UNKNOWN -> use + "; " + d.why();
      case NO_EVIDENCE -> "no snapshot of the usage history has it";
    };
    String verdict = switch (d.verdict()) {
      case USED -> "**used**";
      case UNKNOWN -> "**unknown**";
      case NO_EVIDENCE -> "**no evidence**";
      case UNUSED -> "unused";
    };
    return verdict + ": " + MarkdownText.inline(capped(rest));
  }

  /** {@code text} cut to {@value #EVIDENCE_CHARS} characters (never inside a surrogate pair), saying so. */
  static String capped(String text) {
    if (text.length() <= EVIDENCE_CHARS) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(EVIDENCE_CHARS - 1)) ? EVIDENCE_CHARS - 1 : EVIDENCE_CHARS;
    return text.substring(0, end) + "… (cut here: the full plan has all of it)";
  }

  private static Section approvals(Plan plan) {
    List<Row> rows = new ArrayList<>();
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      if (s.approval().required()) {
        rows.add(new Row("| " + n + " | " + MarkdownText.code(s.id()) + " | " + MarkdownText.inline(String.join("; ", s.approval().reasons())) + " |\n"));
      }
    }
    return new Section("Approvals required", "| # | step | why |\n|---|---|---|\n", rows, "steps that need approval are");
  }

  private static Section criticalOrDestructive(Plan plan, Map<String, DropEvidence.Drop> evidence) {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      boolean destructive = s.kind().label().startsWith("drop-");
      boolean critical = s.criticality() == Traffic.CRITICAL;
      if (destructive || critical) {
        kinds.merge(s.kind().label(), 1, Integer::sum);
        String row = "| " + n + " | " + MarkdownText.code(s.id()) + " | " + s.phase().label() + " | "
            + (critical ? "critical" : "") + (critical && destructive ? ", " : "") + (destructive ? "destructive" : "") + " | "
            + MarkdownText.inline(s.lock().level()) + " |";
        DropEvidence.Drop drop = evidence.get(s.id());
        if (evidence.isEmpty()) {
          rows.add(new Row(row + "\n"));
        } else {
          rows.add(new Row(row + " " + (drop == null ? "" : evidenceCell(drop) + " ") + "|\n", drop == null ? null : drop.verdict()));
        }
      }
    }
    StringBuilder header = new StringBuilder();
    if (!kinds.isEmpty()) {
      List<String> parts = new ArrayList<>();
      kinds.forEach((k, c) -> parts.add(c + " " + k));
      header.append("By kind: ").append(String.join(", ", parts)).append(".\n\n");
    }
    header.append(evidence.isEmpty() ? "| # | step | phase | why listed | lock |\n|---|---|---|---|---|\n"
        : "| # | step | phase | why listed | lock | usage evidence |\n|---|---|---|---|---|---|\n");
    return new Section("Critical or destructive steps", header.toString(), rows, "critical or destructive steps are");
  }

  private static Section queries(Plan plan) {
    List<Row> rows = new ArrayList<>();
    for (QueryChange q : plan.queries()) {
      if (!q.status().equals("unchanged")) {
        String before = q.indexBefore() == null ? (q.before() == null ? "" : "none") : q.indexBefore();
        String after = q.indexAfter() == null ? (q.after() == null ? "" : "none") : q.indexAfter();
        rows.add(new Row("| " + MarkdownText.code(q.name()) + " | " + q.status() + " | " + MarkdownText.inline(before) + " | "
            + MarkdownText.inline(after) + " |\n"));
      }
    }
    return new Section("Query patterns affected", "| query | change | serving index before | serving index after |\n|---|---|---|---|\n",
        rows, "query patterns are");
  }
}
