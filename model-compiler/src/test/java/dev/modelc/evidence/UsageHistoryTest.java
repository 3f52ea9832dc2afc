package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import dev.modelc.live.UsageStatistics.TableStatistics;
import dev.modelc.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage history file: lines round-trip, appends keep old lines, a bad line is MC974 at its line. */
class UsageHistoryTest {
  static Snapshot snapshot(String node, String taken, long scans) {
    Instant t = Instant.parse(taken);
    return new Snapshot(node, "localhost:5432/app", new UsageStatistics(t, "17.6", false, null,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
        List.of(new IndexStatistics("public", "orders", "orders_customer", scans, scans == 0 ? null : t, 8192, false,
            false, true)),
        List.of(new TableStatistics("public", "orders", 1, 10, scans, scans, 5, 0, 0, 0, 5, 0, null, null))));
  }

  @Test
  void linesRoundTripAndAppendsKeepWhatWasThere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("usage.jsonl");
    UsageHistory.append(file, List.of(snapshot("primary", "2026-11-01T00:00:00Z", 3)));
    UsageHistory.append(file, List.of(snapshot("primary", "2026-11-02T00:00:00Z", 9),
        snapshot("replica", "2026-11-02T00:00:01Z", 0)));
    UsageHistory.Read read = UsageHistory.read(file);
    assertEquals(List.of(), read.diagnostics());
    assertEquals(3, read.snapshots().size());
    assertEquals(snapshot("primary", "2026-11-02T00:00:00Z", 9), read.snapshots().get(1));
    assertEquals(3, Files.readAllLines(file).size());
  }

  @Test
  void aLineThatIsNoSnapshotIsReportedAtItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("usage.jsonl");
    String good = UsageHistory.line(snapshot("primary", "2026-11-01T00:00:00Z", 3));
    Files.writeString(file, good + "\n" + good.replace("\"format\":1", "\"format\":7") + "\n{not json\n",
        StandardCharsets.UTF_8);
    UsageHistory.Read read = UsageHistory.read(file);
    assertEquals(2, read.diagnostics().size(), read.diagnostics().toString());
    assertEquals("MC974", read.diagnostics().get(0).code());
    assertEquals(2, read.diagnostics().get(0).position().line());
    assertEquals("line 2 is not a usage snapshot of format 1: \"format\" is 7, not 1", read.diagnostics().get(0).message());
    assertEquals(3, read.diagnostics().get(1).position().line());

    Path model = dir.resolve("m.yaml");
    Files.writeString(model, "model: m\ntables:\n  orders:\n    columns:\n      id: { type: bigint, primaryKey: true }\n");
    Cli.Result cli = Cli.run("usage", "report", model.toString(), "--history", file.toString());
    assertEquals(1, cli.exitCode(), cli.all());
    assertTrue(cli.err().contains("usage.jsonl:2:1: error[MC974]: line 2 is not a usage snapshot of format 1"), cli.err());
  }
}
