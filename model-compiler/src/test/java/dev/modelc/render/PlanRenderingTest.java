package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;
import dev.modelc.synth.SyntheticModel;
import dev.modelc.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans as a reviewer reads them: the graph within Mermaid's defaults and reduced, the summary
 * within a comment, model text escaped, query-pattern-only plans, paths relative to the repository.
 */
class PlanRenderingTest {
  @TempDir
  Path temp;

  /** The plan of a synthetic change of {@code tables} tables (about four in five tables change). */
  static Plan synthetic(Path dir, int tables) throws IOException {
    SyntheticModel.write(dir.resolve("v1"), tables, 7, false);
    SyntheticModel.write(dir.resolve("v2"), tables, 7, true);
    Planning.Result r = Planning.plan(Compiler.compile(List.of(dir.resolve("v1"))), Compiler.compile(List.of(dir.resolve("v2"))));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    return r.plan().orElseThrow();
  }

  @Test
  void theGraphOfA300TableChangeIsReducedAndWithinMermaidsDefaults() throws IOException {
    Plan plan = synthetic(temp, 300);
    PlanGraph.Graph g = PlanGraph.of(plan);
    Pattern edge = Pattern.compile("(?m)^  \\S+ --> \\S+$");
    int drawn = 0;
    for (Matcher m = edge.matcher(g.mermaid()); m.find(); ) {
      drawn++;
    }
    long within = new PlanGraph(plan).reduction().stream()
        .filter(e -> plan.steps().get(e[0]).phase() == plan.steps().get(e[1]).phase()).count();
    System.out.println("300-table change: " + plan.steps().size() + " steps, " + g.edgesBefore() + " dependencies listed, "
        + g.edgesReduced() + " after transitive reduction (" + within + " within a phase), drawn as " + g.level() + ": "
        + g.nodes() + " nodes, " + g.edges() + " edges, " + g.mermaid().length() + " characters");
    assertEquals(g.edges(), drawn);
    assertTrue(g.edgesReduced() < g.edgesBefore(), "the reduction drops implied edges");
    assertTrue(g.edges() <= PlanGraph.MERMAID_MAX_EDGES && g.mermaid().length() <= PlanGraph.MERMAID_MAX_TEXT, g.toString());
  }

  @Test
  void theReductionKeepsEveryOrderAndNoImpliedEdge() throws IOException {
    Plan plan = synthetic(temp, 40);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      index.put(plan.steps().get(i).id(), i);
    }
    int n = plan.steps().size();
    List<List<Integer>> listed = new ArrayList<>();
    for (Step s : plan.steps()) {
      listed.add(s.dependsOn().stream().map(index::get).toList());
    }
    PlanGraph graph = new PlanGraph(plan);
    List<int[]> reduced = graph.reduction();
    List<List<Integer>> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      kept.add(new ArrayList<>());
    }
    reduced.forEach(e -> kept.get(e[1]).add(e[0]));
    for (int s = 0; s < n; s++) {
      BitSet before = reach(listed, s);
      assertEquals(before, reach(kept, s), "step " + plan.steps().get(s).id() + " waits for the same steps");
      for (int p : kept.get(s)) {
        List<List<Integer>> without = new ArrayList<>(kept);
        List<Integer> others = new ArrayList<>(kept.get(s));
        others.remove(Integer.valueOf(p));
        without.set(s, others);
        assertFalse(reach(without, s).get(p), "edge " + p + " -> " + s + " is implied by another path");
      }
    }
  }

  /** The steps {@code s} waits for, directly or not. */
  private static BitSet reach(List<List<Integer>> preds, int s) {
    BitSet seen = new BitSet();
    Deque<Integer> todo = new ArrayDeque<>(preds.get(s));
    while (!todo.isEmpty()) {
      int p = todo.pop();
      if (!seen.get(p)) {
        seen.set(p);
        todo.addAll(preds.get(p));
      }
    }
    return seen;
  }

  @Test
  void theSummaryOfALargeChangeFitsInOneComment() throws IOException {
    Plan plan = synthetic(temp, 1000);
    String summary = PlanSummaryRenderer.render(plan, "git:origin/main", "model", "https://ci.example/runs/1");
    System.out.println("summary of a 1,000-table change (" + plan.steps().size() + " steps): " + summary.length() + " characters");
    assertTrue(summary.length() <= PlanSummaryRenderer.MAX_CHARS, summary.length() + " characters");
    assertTrue(summary.contains("approvals required"), summary.substring(0, 400));
    assertTrue(summary.contains("## Approvals required ("));
    assertTrue(summary.contains("## Critical or destructive steps ("));
    assertTrue(summary.contains("## Query patterns affected ("));
    assertTrue(summary.contains("not listed here: see the full plan"));
    assertTrue(summary.contains("```mermaid\ngraph TD\n"));
    assertTrue(summary.contains("[plan.md](https://ci.example/runs/1)"));
  }

  static final String HOSTILE_V1 = """
      model: "shop <script>alert(1)</script>"
      tables:
        t:
          owner: "team | </details> <img src=x onerror=alert(1)>"
          columns:
            id: { type: bigint, primaryKey: true }
            a: { type: text }
      queries:
        byId: { table: t, where: { id: "=" }, endpoints: ["GET /x <script>"] }
      """;

  static final String HOSTILE_V2 = """
      model: "shop <script>alert(1)</script>"
      tables:
        t:
          owner: "team | </details> <img src=x onerror=alert(1)>"
          columns:
            id: { type: bigint, primaryKey: true }
            a: { type: text }
          indexes:
            t_a:
              columns: [a]
              reason: |-
                First line </details> <script>alert(1)</script>
                # Not a heading
                - not a list ``` [link](javascript:alert(1)) *bold* ~~gone~~
      queries:
        byId: { table: t, where: { id: "=" }, endpoints: ["GET /x <script>"] }
        byA: { table: t, where: { a: "=" }, endpoints: ["</details><b>x</b>"] }
      """;

  @Test
  void modelTextIsEscapedInThePlanAndTheSummary() throws IOException {
    Files.createDirectories(temp.resolve("v1"));
    Files.createDirectories(temp.resolve("v2"));
    Files.writeString(temp.resolve("v1/model.yaml"), HOSTILE_V1);
    Files.writeString(temp.resolve("v2/model.yaml"), HOSTILE_V2);
    Planning.Result r = Planning.plan(Compiler.compile(List.of(temp.resolve("v1"))), Compiler.compile(List.of(temp.resolve("v2"))));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    Plan plan = r.plan().orElseThrow();
    for (String md : List.of(PlanMarkdownRenderer.render(plan, "v1", "v2"), PlanSummaryRenderer.render(plan, "v1", "v2", "plan.md"))) {
      String outsideCode = md.replaceAll("(?s)```sql.*?```", "").replaceAll("`[^`\\n]*`", "");
      assertFalse(outsideCode.contains("<script"), md);
      assertFalse(outsideCode.contains("<img"), md);
      assertFalse(outsideCode.contains("<b>"), md);
      assertFalse(md.contains("\n# Not a heading"), md);
      assertFalse(md.contains("\n- not a list"), md);
      assertEquals(count(md, "<details>"), count(md, "</details>"), "only the template's own details blocks");
    }
  }

  @Test
  void modelTextInPlanSqlStaysInItsComment() throws IOException {
    Files.createDirectories(temp.resolve("s1"));
    Files.createDirectories(temp.resolve("s2"));
    String v1 = "model: shop\ntables:\n  t:\n    columns:\n      id: { type: bigint, primaryKey: true }\n      a: { type: text }\n";
    Files.writeString(temp.resolve("s1/model.yaml"), v1);
    Files.writeString(temp.resolve("s2/model.yaml"), v1 + "    indexes:\n      t_a:\n        columns: [a]\n        keep: x\n"
        + "        reason: |-\n          first\n          DROP TABLE t; --\n          \r\n    checks:\n"
        + "      a_short: { expression: \"length(a)\\n < 10\" }\n");
    Planning.Result r = Planning.plan(Compiler.compile(List.of(temp.resolve("s1"))), Compiler.compile(List.of(temp.resolve("s2"))));
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    String sql = PlanSqlRenderer.render(r.plan().orElseThrow(), "s1", "s2");
    List<String> lines = List.of(sql.split("\\R"));
    for (int i = 0; i < lines.size(); i++) {
      assertFalse(lines.get(i).startsWith("DROP TABLE t"), "model text ended a comment:\n" + sql);
      if (lines.get(i).startsWith("-- Gate: no row of t violates a_short")) {
        assertTrue(lines.get(i + 1).startsWith("--   ") && lines.get(i + 2).startsWith("-- ") && lines.get(i + 2).endsWith("< 10))"),
            "the gate's SQL stays in comment lines:\n" + sql);
      }
    }
    assertTrue(sql.contains("-- Reason: first\n-- DROP TABLE t; --"), sql);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aChangeOfQueryPatternsAloneIsAPlanThatShowsThem() throws IOException {
    String v1 = "model: shop\ntables:\n  t:\n    columns:\n      id: { type: bigint, primaryKey: true }\n      a: text\n"
        + "    indexes:\n      t_a: { columns: [a], reason: Lookups by a., keep: By hand. }\n";
    Files.createDirectories(temp.resolve("q1"));
    Files.createDirectories(temp.resolve("q2"));
    Files.writeString(temp.resolve("q1/model.yaml"), v1);
    Files.writeString(temp.resolve("q2/model.yaml"), v1 + "queries:\n  byA: { table: t, where: { a: \"=\" } }\n");
    Cli.Result r = Cli.run("plan", "--from", temp.resolve("q1").toString(), "--to", temp.resolve("q2").toString(), "--format", "md");
    assertEquals(3, r.exitCode(), r.all());
    assertTrue(r.out().contains("**No schema changes**"), r.out());
    assertTrue(r.out().contains("| `byA` | added |  | t\\_a |") || r.out().contains("| `byA` | added |  | t_a |"), r.out());
    assertFalse(r.out().contains("## Step graph"), r.out());
    Cli.Result same = Cli.run("plan", "--from", temp.resolve("q1").toString(), "--to", temp.resolve("q1").toString());
    assertEquals(0, same.exitCode(), same.all());
  }

  @Test
  void pathsInPlansAreRelativeToTheRepositoryRoot() {
    String base = Path.of("src/test/resources/plans/index-replacement-on-critical-table").toAbsolutePath().toString();
    Cli.Result r = Cli.run("plan", "--from", base + "/v1", "--to", base + "/v2", "--format", "md");
    assertEquals(3, r.exitCode(), r.all());
    assertTrue(r.out().contains("Planned from `model-compiler/src/test/resources/plans/index-replacement-on-critical-table/v1` to "
        + "`model-compiler/src/test/resources/plans/index-replacement-on-critical-table/v2`"), r.out().substring(0, 600));
    assertFalse(r.out().contains(Path.of("").toAbsolutePath().toString()), "no absolute path");
  }
}
