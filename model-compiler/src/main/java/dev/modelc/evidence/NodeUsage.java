package dev.modelc.evidence;

import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one node's snapshots say about the use of one index (or table) over a window. {@code scans} counts the scans
 * inside the window (null when the snapshots cannot separate them from earlier ones);
 * {@code used} is proof of use inside the window (more scans than the policy allows, or a last
 * scan inside it); {@code known} says the counters cover the whole window without a reset, the
 * only case in which "not used" may be concluded; {@code why} explains an unknown.
 */
public record NodeUsage(String node, boolean standby, boolean present, Long scans, Instant lastUsed, boolean used,
    boolean known, String why) {

  public NodeUsage {
    Objects.requireNonNull(node, "node == null");
  }

  /** One reading of a counter: how many uses so far, and the last one (null when unknown). */
  public record Reading(long count, Instant lastUsed) {}

  /**
   * The evidence of {@code node}'s snapshots ({@code snapshots}, oldest first, this node only)
   * for index {@code schema.table.index} over {@code (start, end]}.
   */
  public static NodeUsage of(String node, List<Snapshot> snapshots, Lookup lookup, String schema, String table,
      String index, Instant start, Instant end, long unusedAtMostScans) {
    String key = key(schema, table, index);
    return of(node, snapshots, s -> {
      IndexStatistics x = lookup.find(s, key);
      return x == null ? null : new Reading(x.scans(), x.lastScan());
    }, start, end, unusedAtMostScans);
  }

  /**
   * The evidence of {@code node}'s snapshots for the counter {@code read} gives (null where a
   * snapshot does not have the object) over {@code (start, end]}.
   */
  public static NodeUsage of(String node, List<Snapshot> snapshots, Function<Snapshot, Reading> read,
      Instant start, Instant end, long unusedAtMostScans) {
    Snapshot baseline = null;
    List<Snapshot> inside = new ArrayList<>();
    for (Snapshot s : snapshots) {
      if (!s.taken().isAfter(start)) {
        baseline = s;
      } else if (!s.taken().isAfter(end)) {
        inside.add(s);
      }
    }
    if (inside.isEmpty()) {
      return new NodeUsage(node, false, false, null, null, false, false, "no snapshot of node " + node
          + " inside the window");
    }
    Snapshot last = inside.get(inside.size() - 1);
    boolean standby = last.statistics().standby();
    if (read.apply(last) == null) {
      return new NodeUsage(node, standby, false, null, null, false, true, "not on node " + node);
    }
    List<Snapshot> chain = new ArrayList<>();
    if (baseline != null) {
      chain.add(baseline);
    }
    chain.addAll(inside);
    Instant lastUsed = null;
    for (Snapshot s : chain) {
      Reading x = read.apply(s);
      if (x != null && x.lastUsed() != null && (lastUsed == null || x.lastUsed().isAfter(lastUsed))) {
        lastUsed = x.lastUsed();
      }
    }
    Long scans = 0L;
    boolean known = true;
    String why = null;
    Snapshot first = chain.get(0);
    Reading firstIndex = read.apply(first);
    if (baseline == null && firstIndex != null) {
      // No snapshot before the window: the first one's counter runs from the last reset.
      Instant counterStart = later(first.statistics().statsReset(), first.statistics().sharedStatsReset());
      if (counterStart != null && counterStart.isAfter(start)) {
        known = false;
        why = "statistics of node " + node + " were reset at " + counterStart + ", inside the window";
        scans = firstIndex.count(); // every one of them inside the window
      } else if (firstIndex.count() > 0 && !(firstIndex.lastUsed() != null && !firstIndex.lastUsed().isAfter(start))) {
        // scans since the reset, some perhaps before the window: how many fall inside is unknown
        scans = null;
        if (firstIndex.lastUsed() == null) {
          known = false;
          why = "node " + node + " has no snapshot before the window and no last scan time (PostgreSQL 15 or"
              + " older): its " + firstIndex.count() + " scans may fall inside the window";
        }
      }
    }
    for (int i = 1; i < chain.size(); i++) {
      Reading a = read.apply(chain.get(i - 1));
      Reading b = read.apply(chain.get(i));
      if (b == null) {
        continue; // dropped and perhaps recreated later: the next pair starts over
      }
      boolean reset = a != null && (b.count() < a.count()
          || !Objects.equals(chain.get(i - 1).statistics().statsReset(), chain.get(i).statistics().statsReset())
          || !Objects.equals(chain.get(i - 1).statistics().sharedStatsReset(), chain.get(i).statistics().sharedStatsReset()));
      if (reset) {
        known = false;
        why = "the counters of node " + node + " were reset between " + chain.get(i - 1).taken() + " and "
            + chain.get(i).taken() + " (" + reason(chain.get(i - 1).statistics(), chain.get(i).statistics()) + ")";
      }
      long delta = a == null || reset ? b.count() : b.count() - a.count();
      scans = scans == null ? null : scans + delta;
    }
    boolean used = (scans != null && scans > unusedAtMostScans) || (lastUsed != null && lastUsed.isAfter(start));
    return new NodeUsage(node, standby, true, scans, lastUsed, used, known, why);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static String reason(UsageStatistics a, UsageStatistics b) {
    if (!Objects.equals(a.statsReset(), b.statsReset())) {
      return "stats_reset changed to " + b.statsReset();
    }
    if (!Objects.equals(a.sharedStatsReset(), b.sharedStatsReset())) {
      return "the server discarded its statistics at " + b.sharedStatsReset() + " (a crash, an immediate shutdown"
          + " or a restored backup)";
    }
    if (!Objects.equals(a.postmasterStart(), b.postmasterStart())) {
      return "the server restarted at " + b.postmasterStart() + " and its counters went down";
    }
    return "its counters went down";
  }

  /** {@code schema.table.index}: how snapshots name an index. */
  static String key(String schema, String table, String index) {
    return schema + "." + table + "." + index;
  }

  /** Each snapshot's indexes by key, built once per snapshot. */
  public static final class Lookup {
    private final java.util.IdentityHashMap<Snapshot, java.util.Map<String, IndexStatistics>> bySnapshot =
        new java.util.IdentityHashMap<>();

    IndexStatistics find(Snapshot s, String key) {
      return bySnapshot.computeIfAbsent(s, k -> {
        java.util.Map<String, IndexStatistics> m = new java.util.HashMap<>();
        for (IndexStatistics x : k.statistics().indexes()) {
          m.put(key(x.schema(), x.table(), x.index()), x);
        }
        return m;
      }).get(key);
    }
  }
}
