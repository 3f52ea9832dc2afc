package dev.modelc.cli;

import dev.modelc.evidence.UsageHistory;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.evidence.UsageRecorder;
import dev.modelc.live.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelc usage record --url ... [--replica ...] --history FILE}: appends one snapshot per
 * node to the usage history. Every node is read before anything is written: the history gets all
 * of this run's lines or none.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Snapshot index and table statistics of the primary and each replica into the usage history (JSON Lines).")
final class UsageRecordCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--node", paramLabel = "NAME", description = "The primary's name in the history (default: host:port/database).")
  String node;

  @Option(names = "--replica", paramLabel = "[NAME=]JDBC_URL",
      description = "A replica that serves reads; repeat for each. Same user and password as --url.")
  List<String> replicas = new ArrayList<>();

  @Option(names = "--history", required = true, paramLabel = "FILE", description = "The usage history to append to.")
  Path history;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    List<Snapshot> snapshots = new ArrayList<>();
    long started = System.nanoTime();
    try {
      long timeout = connection.statementTimeoutMillis();
      Database primary = connection.database("modelc usage record");
      snapshots.add(UsageRecorder.snapshot(node != null ? node : primary.describe(), primary, timeout));
      for (String replica : replicas) {
        int eq = replica.indexOf('=');
        boolean named = eq > 0 && !replica.substring(0, eq).startsWith("jdbc:");
        String url = named ? replica.substring(eq + 1) : replica;
        Database db = connection.database(url, "modelc usage record");
        snapshots.add(UsageRecorder.snapshot(named ? replica.substring(0, eq) : db.describe(), db, timeout));
      }
    } catch (IllegalArgumentException | SQLException e) {
      err.println("modelc: " + e.getMessage());
      err.println("modelc: nothing recorded");
      return Main.ERRORS;
    }
    try {
      UsageHistory.append(history, snapshots);
    } catch (IOException e) {
      err.println("modelc: cannot write the usage history " + history + ": " + e.getMessage());
      return Main.ERRORS;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    for (Snapshot s : snapshots) {
      err.println("modelc: recorded " + s.node() + (s.statistics().standby() ? " (standby)" : "") + ": "
          + s.statistics().indexes().size() + " indexes, " + s.statistics().tables().size() + " tables");
    }
    err.println("modelc: appended " + snapshots.size() + (snapshots.size() == 1 ? " snapshot" : " snapshots")
        + " to " + history + " in " + millis + " ms");
    return Main.OK;
  }
}
