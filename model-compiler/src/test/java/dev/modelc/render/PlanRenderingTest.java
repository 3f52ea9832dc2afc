package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.evidence.DropEvidence;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;
import dev.modelc.synth.SyntheticModel;
import dev.modelc.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  // ---- usage evidence in the summary (plan --usage) ----

  static final Instant BEFORE = Instant.parse("2026-11-29T12:00:00Z");
  static final Instant AFTER = Instant.parse("2026-11-30T12:00:00Z");

  /** A model of {@code indexes} (at most 400) indexes on one table; {@code retired}: the same table with each index retired. */
  static String indexedModel(int indexes, boolean retired, String despite) {
    StringBuilder m = new StringBuilder("model: shop\ntables:\n  orders:\n    columns:\n      id: { type: bigint, primaryKey: true }\n");
    for (int i = 0; i < 40; i++) {
      m.append("      c").append(i).append(": { type: text }\n");
    }
    m.append(retired ? "retired:\n  indexes:\n" : "    indexes:\n");
    for (int i = 0; i < indexes; i++) { // up to 400 distinct pairs of columns
      m.append(retired ? "    orders.orders_c" + i + ": { reason: Gone." + (i == 0 && !despite.isEmpty() ? ", " + despite : "") + " }\n"
          : "      orders_c" + i + ": { columns: [c" + i / 20 + ", c" + (20 + i % 20) + "], reason: r }\n");
    }
    return m.toString();
  }

  /** The plan from {@link #indexedModel} to its retirement, and its drops' evidence over a day of {@code history}. */
  private Map.Entry<Plan, DropEvidence.Result> retire(int indexes, String despite, List<Snapshot> history) throws IOException {
    Files.createDirectories(temp.resolve("u1"));
    Files.createDirectories(temp.resolve("u2"));
    Files.writeString(temp.resolve("u1/model.yaml"), indexedModel(indexes, false, despite));
    Files.writeString(temp.resolve("u2/model.yaml"), indexedModel(indexes, true, despite));
    var target = Compiler.compile(List.of(temp.resolve("u2")));
    Planning.Result r = Planning.plan(Compiler.compile(List.of(temp.resolve("u1"))), target);
    assertFalse(r.hasErrors(), r.diagnostics().toString());
    Plan plan = r.plan().orElseThrow();
    return Map.entry(plan, DropEvidence.assess(plan, target.model().orElseThrow(), history, Duration.ofDays(1), AFTER));
  }

  /** One node's snapshot: {@code scans} of index orders_c{i} (an index without a count is not on the node). */
  static Snapshot snapshot(String node, boolean standby, Instant taken, Instant statsReset, Map<Integer, Long> scans) {
    List<IndexStatistics> indexes = new ArrayList<>();
    scans.forEach((i, n) -> indexes.add(new IndexStatistics("public", "orders", "orders_c" + i, n,
        n == 0 ? null : taken.minusSeconds(60), 8192, false, false, true)));
    return new Snapshot(node, "db:5432/shop", new UsageStatistics(taken, "17.6", standby, statsReset, BEFORE.minusSeconds(86_400),
        BEFORE.minusSeconds(86_400), indexes, List.of()));
  }

  @Test
  void theSummaryShowsEachDropsEvidenceReplicaOnlyUseUnusedAndNoEvidence() throws IOException {
    // orders_c0: scanned on the replica only; orders_c1: unused; orders_c2: in no snapshot
    List<Snapshot> history = List.of(
        snapshot("primary", false, BEFORE, null, Map.of(0, 4L, 1, 0L)),
        snapshot("replica1", true, BEFORE, null, Map.of(0, 10L, 1, 0L)),
        snapshot("primary", false, AFTER, null, Map.of(0, 4L, 1, 0L)),
        snapshot("replica1", true, AFTER, null, Map.of(0, 25L, 1, 0L)));
    var planned = retire(3, "droppedDespiteUse: \"Reports </details> <script>alert(1)</script> | moved *now*\"", history);
    Plan plan = planned.getKey();
    DropEvidence.Result evidence = planned.getValue();
    assertFalse(evidence.hasErrors(), evidence.diagnostics().toString());
    String summary = PlanSummaryRenderer.render(plan, "v1", "v2", "plan.md", evidence.evidence());

    assertTrue(summary.contains("\n**Usage evidence** over the last 1 day, for the 3 drops of indexes and tables: 1 used inside"
        + " the window (1 dropped despite use, for the reason its tombstone gives), 1 without evidence, 1 unused.\n"), summary);
    assertTrue(summary.contains("| # | step | phase | why listed | lock | usage evidence |\n|---|---|---|---|---|---|\n"), summary);
    assertTrue(summary.contains(" | **used**: scans primary 0, replica1 (standby) 15; last used 2026-11-30T11:59:00Z; dropped"
        + " despite use: Reports &lt;/details> &lt;script>alert(1)&lt;/script> \\| moved \\*now\\* |\n"), summary);
    assertTrue(summary.contains(" | unused: scans primary 0, replica1 (standby) 0; last used never recorded |\n"), summary);
    assertTrue(summary.contains(" | **no evidence**: no snapshot of the usage history has it |\n"), summary);
    String outsideCode = summary.replaceAll("`[^`\n]*`", "");
    assertFalse(outsideCode.contains("<script") || outsideCode.contains("</details>"), summary);
    // every row of the critical-or-destructive table has the same number of cells
    for (String row : summary.split("\n")) {
      if (row.startsWith("| ") && row.contains("destructive")) {
        assertEquals(8, row.replace("\\|", "").split("\\|", -1).length, row);
      }
    }
  }

  @Test
  void aResetInsideTheWindowIsUnknownWithItsReason() throws IOException {
    Instant reset = Instant.parse("2026-11-30T06:00:00Z");
    List<Snapshot> history = List.of(
        snapshot("primary", false, BEFORE, null, Map.of(0, 0L)),
        snapshot("replica1", true, BEFORE, null, Map.of(0, 7L)),
        snapshot("primary", false, AFTER, null, Map.of(0, 0L)),
        snapshot("replica1", true, AFTER, reset, Map.of(0, 0L)));
    var planned = retire(1, "", history);
    String summary = PlanSummaryRenderer.render(planned.getKey(), "v1", "v2", "plan.md", planned.getValue().evidence());
    assertTrue(summary.contains("\n**Usage evidence** over the last 1 day, for the drop of an index or table: 1 of unknown use.\n"),
        summary);
    assertTrue(summary.contains(" | **unknown**: scans primary 0, replica1 (standby) 0; last used 2026-11-29T11:59:00Z; the counters"
        + " of node replica1 were reset between 2026-11-29T12:00:00Z and 2026-11-30T12:00:00Z (stats_reset changed to"
        + " 2026-11-30T06:00:00Z) |\n"), summary);
    assertTrue(planned.getValue().diagnostics().stream().anyMatch(d -> d.code().equals("MC621")), planned.getValue().diagnostics().toString());
  }

  @Test
  void withoutUsageTheSummaryHasNoEvidenceColumn() throws IOException {
    var planned = retire(2, "", List.of());
    String plain = PlanSummaryRenderer.render(planned.getKey(), "v1", "v2", "plan.md");
    assertEquals(plain, PlanSummaryRenderer.render(planned.getKey(), "v1", "v2", "plan.md", Map.of()));
    assertFalse(plain.contains("usage evidence") || plain.contains("Usage evidence"), plain);
    assertTrue(plain.contains("| # | step | phase | why listed | lock |\n|---|---|---|---|---|\n"), plain);
  }

  @Test
  void aTruncatedSummaryListsTheDropsInUseFirstAndCountsTheOthersByVerdict() throws IOException {
    // 400 retired indexes: the last three (in plan order) were used; the first has a reason far longer than a row
    int n = 400;
    Map<Integer, Long> before = new java.util.TreeMap<>();
    Map<Integer, Long> after = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      before.put(i, 0L);
      after.put(i, 0L);
    }
    List<Integer> used = List.of(0, n - 2, n - 1);
    used.forEach(i -> after.put(i, 3L));
    List<Snapshot> history = List.of(snapshot("primary", false, BEFORE, null, before), snapshot("primary", false, AFTER, null, after));
    String longReason = "droppedDespiteUse: \"" + "The reports moved to the warehouse. ".repeat(200) + "\"";
    var planned = retire(n, longReason, history);
    Plan plan = planned.getKey();
    String summary = PlanSummaryRenderer.render(plan, "v1", "v2", "plan.md", planned.getValue().evidence());
    System.out.println("summary of " + n + " drops with usage evidence: " + summary.length() + " characters");
    assertTrue(summary.length() <= PlanSummaryRenderer.MAX_CHARS, summary.length() + " characters");
    // the head counts every drop, whatever the tables show
    assertTrue(summary.contains("for the " + n + " drops of indexes and tables: 3 used inside the window (1 dropped despite use,"
        + " for the reason its tombstone gives), " + (n - 3) + " unused.\n"), summary.substring(0, 800));
    Matcher more = Pattern.compile("\n(\\d+) more critical or destructive steps are not listed here \\(among them drops with usage"
        + " evidence: (\\d+) unused\\): see the full plan\\.\n").matcher(summary);
    assertTrue(more.find(), summary.substring(summary.indexOf("## Critical")));
    assertEquals(more.group(1), more.group(2), "every step left out is an unused drop");
    int listed = 0;
    for (String row : summary.split("\n")) {
      listed += row.matches("\\| \\d+ \\| `[^`]+` \\| contract \\| destructive \\|.*") ? 1 : 0;
    }
    assertEquals(n, listed + Integer.parseInt(more.group(1)), "listed and left out add up to every drop");
    // the used drops are listed although they come last, and a long reason is cut in its cell
    for (int i : used) {
      assertTrue(Pattern.compile("\\| `[^`]*orders_c" + i + "` \\|[^\n]*\\| \\*\\*used\\*\\*: scans primary 3;").matcher(summary).find(),
          "orders_c" + i + " is listed");
    }
    String first = List.of(summary.split("\n")).stream().filter(r -> r.contains("`drop-index:orders_c0`")).findFirst().orElseThrow();
    assertTrue(first.endsWith("… (cut here: the full plan has all of it) |") && first.length() < PlanSummaryRenderer.EVIDENCE_CHARS + 200,
        first);
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
