package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.evidence.UsageHistory;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ci-plan.sh, the logic of the GitHub Actions recipe in docs/ci.md, run against a real git
 * repository with an origin: what it writes, its exit status, and that it posts one pull-request
 * comment and then updates that one (the GitHub CLI is a stand-in that records its calls).
 */
class CiPlanScriptTest {
  static final Path SCRIPT = Path.of("../bin/ci-plan.sh").toAbsolutePath().normalize();

  @TempDir
  Path temp;

  static final String V1 = """
      model: shop
      tables:
        orders:
          rows: 1000000
          columns:
            id: { type: bigint, primaryKey: true }
            customer_id: bigint
      queries:
        orderById: { table: orders, where: { id: "=" }, traffic: critical }
      """;

  static final String V2 = V1.replace("queries:", """
          indexes:
            orders_customer:
              columns: [customer_id]
              reason: Customers list their orders.
      queries:
        ordersOfCustomer: { table: orders, where: { customer_id: "=" } }""");

  record Run(int exit, String output) {}

  Run sh(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("GIT_AUTHOR_NAME", "t");
    pb.environment().put("GIT_AUTHOR_EMAIL", "t@example.com");
    pb.environment().put("GIT_COMMITTER_NAME", "t");
    pb.environment().put("GIT_COMMITTER_EMAIL", "t@example.com");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    return new Run(p.exitValue(), out);
  }

  void git(Path dir, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Run r = sh(dir, Map.of(), command);
    assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.output());
  }

  /** A repository whose origin/main holds V1 and whose working copy holds {@code model}. */
  Path repository(String model) throws Exception {
    return repository(V1, model);
  }

  /** A repository whose origin/main holds {@code baseline} and whose working copy holds {@code model}. */
  Path repository(String baseline, String model) throws Exception {
    Path origin = temp.resolve("origin.git");
    Path work = temp.resolve("work");
    git(temp, "init", "-q", "--bare", "-b", "main", origin.toString());
    git(temp, "init", "-q", "-b", "main", work.toString());
    Files.createDirectories(work.resolve("src/main/modelc"));
    Files.writeString(work.resolve("src/main/modelc/model.yaml"), baseline);
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "v1");
    git(work, "remote", "add", "origin", origin.toString());
    git(work, "push", "-q", "origin", "main");
    git(work, "checkout", "-q", "-b", "change");
    Files.writeString(work.resolve("src/main/modelc/model.yaml"), model);
    return work;
  }

  Map<String, String> env(Path work) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path fakeGh = Files.createDirectories(temp.resolve("bin")).resolve("gh");
    // the GitHub CLI's stand-in: records each call; lists the comment ids kept in comments.txt
    Files.writeString(fakeGh, """
        #!/usr/bin/env bash
        echo "$*" >> "$GH_LOG"
        if [ "$1 $2" = "api --paginate" ]; then cat "$GH_STATE" 2>/dev/null; exit 0; fi
        if [ "$3" = "POST" ]; then echo 4711 > "$GH_STATE"; fi
        for a in "$@"; do case "$a" in body=@*) cp "${a#body=@}" "$GH_LOG.body";; esac; done
        """);
    Files.setPosixFilePermissions(fakeGh, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Map.of(
        "MODELC", System.getProperty("java.home") + "/bin/java -cp " + classpath + " dev.modelc.cli.Main",
        "PATH", fakeGh.getParent() + File.pathSeparator + System.getenv("PATH"),
        "GH_LOG", temp.resolve("gh.log").toString(),
        "GH_STATE", temp.resolve("comments.txt").toString(),
        "GITHUB_REPOSITORY", "acme/shop",
        "MODELC_PLAN_LINK", "https://ci.example/run/1");
  }

  @Test
  void aChangedModelIsCheckedAndPlannedAndTheCommentIsPostedOnceThenUpdated() throws Exception {
    Path work = repository(V2);
    Map<String, String> env = env(work);
    Run run = sh(work, env, "bash", SCRIPT.toString(), "run");
    assertEquals(0, run.exit(), run.output());
    Path out = work.resolve("target/modelc");
    for (String file : List.of("modelc.sarif", "plan.md", "plan.json", "plan.sql", "summary.md", "comment.md")) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + "\n" + run.output());
    }
    JsonNode sarif = new ObjectMapper().readTree(out.resolve("modelc.sarif").toFile());
    assertEquals(0, sarif.get("runs").get(0).get("results").size());
    assertFalse(sarif.get("runs").get(0).get("tool").get("driver").get("rules").get(0).has("helpUri"),
        "without MODELC_DOCS_URL the rules link nowhere");
    String plan = Files.readString(out.resolve("plan.md"));
    assertTrue(plan.contains("Planned from `git:origin/main` to `src/main/modelc`"), plan.substring(0, 400));
    assertFalse(plan.contains(temp.toString()), "no absolute path of the machine");
    String comment = Files.readString(out.resolve("comment.md"));
    assertTrue(comment.startsWith("<!-- modelc-plan-comment -->\n# Migration plan summary: shop"), comment);
    assertTrue(comment.contains("build-index:orders_customer") && comment.contains("[plan.md](https://ci.example/run/1)"), comment);

    Run first = sh(work, env, "bash", SCRIPT.toString(), "comment", "7");
    assertEquals(0, first.exit(), first.output());
    Run second = sh(work, env, "bash", SCRIPT.toString(), "comment", "7");
    assertEquals(0, second.exit(), second.output());
    List<String> calls = Files.readAllLines(temp.resolve("gh.log"));
    assertEquals(4, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("api --paginate repos/acme/shop/issues/7/comments"), calls.get(0));
    assertTrue(calls.get(1).startsWith("api --method POST repos/acme/shop/issues/7/comments -F body=@"), calls.get(1));
    assertTrue(calls.get(3).startsWith("api --method PATCH repos/acme/shop/issues/comments/4711 -F body=@"), calls.get(3));
    assertEquals(comment, Files.readString(Path.of(temp.resolve("gh.log") + ".body")));
  }

  @Test
  void aModelWithErrorsFailsTheRunButStillWritesTheSarifAndTheComment() throws Exception {
    Path work = repository(V2.replace("customer_id: bigint", "customer_id: bigint\n      total: { type: numerc }"));
    Map<String, String> env = new java.util.HashMap<>(env(work));
    env.put("MODELC_DOCS_URL", "https://github.com/acme/shop/blob/main/tools/modelc/docs/");
    Run run = sh(work, env, "bash", SCRIPT.toString(), "run");
    assertEquals(1, run.exit(), run.output());
    Path out = work.resolve("target/modelc");
    JsonNode sarifRun = new ObjectMapper().readTree(out.resolve("modelc.sarif").toFile()).get("runs").get(0);
    JsonNode results = sarifRun.get("results");
    assertEquals("MC205", results.get(0).get("ruleId").asText());
    JsonNode rule = sarifRun.get("tool").get("driver").get("rules").get(results.get(0).get("ruleIndex").asInt());
    assertEquals("https://github.com/acme/shop/blob/main/tools/modelc/docs/diagnostics.md#mc205-invalid-value",
        rule.get("helpUri").asText());
    assertEquals("src/main/modelc/model.yaml",
        results.get(0).get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    String comment = Files.readString(out.resolve("comment.md"));
    assertTrue(comment.contains("No plan: modelc found errors") && comment.contains("error[MC205]"), comment);
  }

  /** The primary's snapshot of orders_customer with {@code scans} scans so far, the last at {@code lastScan}. */
  static Snapshot snapshot(String taken, long scans, String lastScan) {
    Instant t = Instant.parse(taken);
    Instant start = Instant.parse("2026-09-01T00:00:00Z");
    return new Snapshot("primary", "db:5432/shop", new UsageStatistics(t, "17.6", false, null, start, start,
        List.of(new IndexStatistics("public", "orders", "orders_customer", scans, Instant.parse(lastScan), 8192, false, false,
            true)), List.of()));
  }

  @Test
  void withAUsageHistoryTheCommentShowsEachDropsEvidenceAndAnIndexInUseIsNotDropped() throws Exception {
    Path work = repository(V2, V1 + "retired:\n  indexes:\n    orders.orders_customer: { reason: Customers moved to search. }\n");
    Map<String, String> env = new java.util.HashMap<>(env(work));
    env.put("MODELC_USAGE", "usage.jsonl");
    UsageHistory.append(work.resolve("usage.jsonl"), List.of(snapshot("2026-10-01T00:00:00Z", 12, "2026-09-15T00:00:00Z"),
        snapshot("2026-11-30T00:00:00Z", 12, "2026-09-15T00:00:00Z")));
    Run run = sh(work, env, "bash", SCRIPT.toString(), "run");
    assertEquals(0, run.exit(), run.output() + Files.readString(work.resolve("target/modelc/plan.log")));
    String comment = Files.readString(work.resolve("target/modelc/comment.md"));
    assertTrue(comment.contains("**Usage evidence** over the last 30 days, for the drop of an index or table: 1 unused."), comment);
    assertTrue(comment.contains(" | unused: scans primary 0; last used 2026-09-15T00:00:00Z |"), comment);

    UsageHistory.append(work.resolve("usage.jsonl"), List.of(snapshot("2026-11-30T01:00:00Z", 20, "2026-11-30T00:30:00Z")));
    Run used = sh(work, env, "bash", SCRIPT.toString(), "run");
    assertEquals(1, used.exit(), used.output());
    comment = Files.readString(work.resolve("target/modelc/comment.md"));
    assertTrue(comment.contains("No plan: modelc found errors") && comment.contains("error[MC620]: the plan drops index"
        + " 'orders_customer', which was used inside the last 30 days (primary 8)"), comment);
  }

  @Test
  void anUnchangedModelSaysSo() throws Exception {
    Path work = repository(V1);
    Run run = sh(work, env(work), "bash", SCRIPT.toString(), "run");
    assertEquals(0, run.exit(), run.output());
    assertTrue(Files.readString(work.resolve("target/modelc/comment.md")).contains("No changes to the model since `git:origin/main`"));
  }
}
