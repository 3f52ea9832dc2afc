package dev.modelc.render;

import dev.modelc.plan.Phase;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan's step graph as Mermaid, always within what Mermaid renders by default (at most
 * {@value #MERMAID_MAX_EDGES} edges and {@value #MERMAID_MAX_TEXT} characters): the steps with
 * the transitive reduction of their dependencies when that fits; otherwise a graph of phases and
 * the tables the steps change; otherwise the three phases with their step counts. Phases are
 * subgraphs joined by one arrow each ({@code expand --> deploy --> contract}: every step of a
 * phase runs before every step of the next), so only the dependencies within a phase are drawn
 * as arrows between steps.
 */
public final class PlanGraph {
  /** Mermaid's default {@code maxEdges}. */
  public static final int MERMAID_MAX_EDGES = 500;
  /** Mermaid's default {@code maxTextSize}. */
  public static final int MERMAID_MAX_TEXT = 50_000;

  /** What the graph shows. */
  public enum Level { STEPS, TABLES, PHASES }

  /**
   * The Mermaid text and its size: {@code edgesBefore} counts the dependencies the steps list,
   * {@code edgesReduced} those left by the transitive reduction, {@code edges} the arrows drawn
   * (within phases, plus the arrows between phases).
   */
  public record Graph(Level level, String mermaid, int nodes, int edges, int edgesBefore, int edgesReduced) {}

  private final List<Step> steps;
  private final Map<String, Integer> index = new HashMap<>();
  /** Step number -> the numbers of the steps it depends on, before reduction. */
  private final List<List<Integer>> dependsOn = new ArrayList<>();

  PlanGraph(Plan plan) {
    this.steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      index.put(steps.get(i).id(), i);
    }
    for (Step s : steps) {
      List<Integer> preds = new ArrayList<>();
      for (String d : s.dependsOn()) {
        Integer p = index.get(d);
        if (p != null) {
          preds.add(p);
        }
      }
      dependsOn.add(preds);
    }
  }

  /** The most detailed graph that fits Mermaid's defaults, with a margin. */
  public static Graph of(Plan plan) {
    return of(plan, MERMAID_MAX_EDGES * 9 / 10, MERMAID_MAX_TEXT * 9 / 10);
  }

  /** The most detailed graph with at most {@code maxEdges} edges and {@code maxText} characters. */
  public static Graph of(Plan plan, int maxEdges, int maxText) {
    PlanGraph g = new PlanGraph(plan);
    List<int[]> reduced = g.reduction();
    List<int[]> within = reduced.stream().filter(e -> g.steps.get(e[0]).phase() == g.steps.get(e[1]).phase()).toList();
    int before = g.edgesBefore();
    int phaseEdges = g.phases().size() - 1;
    if (within.size() + phaseEdges <= maxEdges) {
      String text = g.stepGraph(within);
      if (text.length() <= maxText) {
        return new Graph(Level.STEPS, text, g.steps.size(), within.size() + phaseEdges, before, reduced.size());
      }
    }
    Graph tables = g.tableGraph(within, before, reduced.size());
    if (tables.edges() <= maxEdges && tables.mermaid().length() <= maxText) {
      return tables;
    }
    return g.phaseGraph(before, reduced.size());
  }

  /** The phases that have steps, in order. */
  private List<Phase> phases() {
    return java.util.Arrays.stream(Phase.values()).filter(p -> steps.stream().anyMatch(s -> s.phase() == p)).toList();
  }

  /** One arrow from each phase's subgraph to the next. */
  private void phaseArrows(StringBuilder b) {
    List<Phase> phases = phases();
    for (int i = 1; i < phases.size(); i++) {
      b.append("  ").append(phases.get(i - 1).label()).append(" --> ").append(phases.get(i).label()).append('\n');
    }
  }

  /** Every dependency the steps list. */
  private int edgesBefore() {
    return dependsOn.stream().mapToInt(List::size).sum();
  }

  /**
   * The transitive reduction: an edge p -> s stays only when no other path leads from p to s.
   * Steps are in topological order. Every step of a later phase follows every step of an
   * earlier one through the deploy step, so reachability is tracked within a phase only, which
   * keeps the sets as small as the chains of steps on one object.
   */
  List<int[]> reduction() {
    List<Set<Integer>> ancestors = new ArrayList<>();
    List<int[]> edges = new ArrayList<>();
    for (int s = 0; s < steps.size(); s++) {
      Phase phase = steps.get(s).phase();
      List<Integer> preds = new ArrayList<>(new LinkedHashSet<>(dependsOn.get(s)));
      int latest = preds.stream().mapToInt(p -> steps.get(p).phase().ordinal()).max().orElse(-1);
      preds.removeIf(p -> steps.get(p).phase().ordinal() < latest); // implied through the later phase
      preds.sort((a, b) -> b - a); // latest first: its ancestors cover the earlier ones
      Set<Integer> covered = new HashSet<>();
      List<Integer> kept = new ArrayList<>();
      for (int p : preds) {
        if (!covered.contains(p)) {
          kept.add(p);
        }
        covered.add(p);
        covered.addAll(ancestors.get(p));
      }
      kept.sort(Integer::compare);
      for (int p : kept) {
        edges.add(new int[] {p, s});
      }
      // a step's ancestors within its phase; the deploy step starts afresh (everything before it is implied)
      Set<Integer> own = new HashSet<>();
      for (int p : kept) {
        if (steps.get(p).phase() == phase) {
          own.add(p);
          own.addAll(ancestors.get(p));
        }
      }
      ancestors.add(phase == Phase.DEPLOY ? Set.of() : own);
    }
    return edges;
  }

  private String stepGraph(List<int[]> edges) {
    StringBuilder b = new StringBuilder("graph TD\n");
    for (Phase phase : Phase.values()) {
      boolean open = false;
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        if (s.phase() != phase) {
          continue;
        }
        if (!open) {
          b.append("  subgraph ").append(phase.label()).append('\n');
          open = true;
        }
        b.append("    s").append(i + 1).append("[\"").append(i + 1).append(". ")
            .append(MarkdownText.mermaidLabel(s.id())).append("\"]\n");
      }
      if (open) {
        b.append("  end\n");
      }
    }
    phaseArrows(b);
    for (int[] e : edges) {
      b.append("  s").append(e[0] + 1).append(" --> s").append(e[1] + 1).append('\n');
    }
    return b.toString();
  }

  /** The table (or other top-level object) a step changes. */
  static String tableOf(Step s) {
    String on = s.lock().on();
    if (on != null && plainName(on)) {
      return on;
    }
    int dot = s.target().indexOf('.');
    return dot > 0 ? s.target().substring(0, dot) : s.target();
  }

  /** A lower-case SQL name that needs no quoting ({@code [a-z_][a-z0-9_]*}): a table, not a phrase. */
  private static boolean plainName(String on) {
    if (on.isEmpty() || Character.isDigit(on.charAt(0))) {
      return false;
    }
    for (int i = 0; i < on.length(); i++) {
      char c = on.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private Graph tableGraph(List<int[]> stepEdges, int before, int reducedCount) {
    Map<String, Integer> groups = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    int[] groupOf = new int[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String key = s.phase().label() + "\u0000" + (s.phase() == Phase.DEPLOY ? "deploy" : tableOf(s));
      groupOf[i] = groups.computeIfAbsent(key, k -> groups.size());
      counts.merge(key, 1, Integer::sum);
    }
    Set<Long> seen = new LinkedHashSet<>();
    for (int[] e : stepEdges) {
      int from = groupOf[e[0]];
      int to = groupOf[e[1]];
      if (from != to) {
        seen.add(((long) from << 32) | to);
      }
    }
    List<String> keys = new ArrayList<>(groups.keySet());
    StringBuilder b = new StringBuilder("graph TD\n");
    for (Phase phase : Phase.values()) {
      boolean open = false;
      for (int g = 0; g < keys.size(); g++) {
        String key = keys.get(g);
        if (!key.startsWith(phase.label() + "\u0000")) {
          continue;
        }
        if (!open) {
          b.append("  subgraph ").append(phase.label()).append('\n');
          open = true;
        }
        int n = counts.get(key);
        b.append("    g").append(g + 1).append("[\"").append(MarkdownText.mermaidLabel(key.substring(key.indexOf('\u0000') + 1)))
            .append(": ").append(n).append(n == 1 ? " step" : " steps").append("\"]\n");
      }
      if (open) {
        b.append("  end\n");
      }
    }
    phaseArrows(b);
    for (long e : seen) {
      b.append("  g").append((e >>> 32) + 1).append(" --> g").append((e & 0xffffffffL) + 1).append('\n');
    }
    return new Graph(Level.TABLES, b.toString(), keys.size(), seen.size() + phases().size() - 1, before, reducedCount);
  }

  private Graph phaseGraph(int before, int reducedCount) {
    StringBuilder b = new StringBuilder("graph TD\n");
    List<String> nodes = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      long n = steps.stream().filter(s -> s.phase() == phase).count();
      if (n > 0) {
        nodes.add(phase.label());
        b.append("  ").append(phase.label()).append("[\"").append(phase.label()).append(": ").append(n)
            .append(n == 1 ? " step" : " steps").append("\"]\n");
      }
    }
    for (int i = 1; i < nodes.size(); i++) {
      b.append("  ").append(nodes.get(i - 1)).append(" --> ").append(nodes.get(i)).append('\n');
    }
    return new Graph(Level.PHASES, b.toString(), nodes.size(), Math.max(0, nodes.size() - 1), before, reducedCount);
  }
}
