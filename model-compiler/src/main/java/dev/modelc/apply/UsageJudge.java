package dev.modelc.apply;

import dev.modelc.live.NodeStatistics.Identity;
import dev.modelc.live.NodeStatistics.Reading;
import dev.modelc.live.NodeStatistics.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides a usage gate ("index X had no scans since the deploy", "table T had no reads or writes
 * since the deploy") from three readings of every node that serves reads: at the deploy step
 * ({@code deploy}), when the operator confirmed the deploy ({@code confirmed}), and now.
 *
 * <p>Use after the confirmation fails the gate: the counter grew, or the time of the last scan
 * moved (PostgreSQL 16+). A reading that cannot be compared fails it too, closed, with the
 * reason: the node restarted and discarded its statistics (crash recovery, immediate shutdown,
 * a rebuild), its statistics were reset, its system identifier changed, a counter went backwards,
 * the object or the node is missing. A gate that can only pass by not knowing never passes. The
 * gate also fails while less than the usage window has passed since the confirmation: no scans
 * in no time is no evidence.
 */
public final class UsageJudge {
  private UsageJudge() {}

  /** The verdict for one gate: {@code value} is what each node showed; {@code reasons} why it failed. */
  public record Verdict(boolean passed, String value, List<String> reasons) {
    public String reason() {
      return String.join("; ", reasons);
    }
  }

  /**
   * Judges the use of {@code object} ({@link Usage#INDEX} or {@link Usage#TABLE} {@code kind})
   * from the readings by node. {@code now} holds a reading per node named now, or an error text
   * for a node that could not be read; {@code confirmedAt} is when the deploy was confirmed
   * (primary's clock) and {@code checkedAt} the time of this check on the same clock.
   */
  public static Verdict judge(String kind, String object, Map<String, Reading> deploy, Map<String, Reading> confirmed,
      Map<String, Reading> now, Map<String, String> unreadable, Instant confirmedAt, Instant checkedAt, Duration window) {
    List<String> reasons = new ArrayList<>();
    List<String> values = new ArrayList<>();
    String counter = kind.equals(Usage.INDEX) ? "idx_scan" : "reads and writes";
    for (String node : deploy.keySet()) {
      if (!now.containsKey(node) && !unreadable.containsKey(node)) {
        reasons.add(node + " has a reading from the deploy but is not named now: name every node that serves reads (--replica) so its use is checked");
      }
    }
    for (Map.Entry<String, String> e : unreadable.entrySet()) {
      reasons.add("cannot read the statistics of " + e.getKey() + " (" + e.getValue() + "): its use since the deploy is unknown");
    }
    for (Map.Entry<String, Reading> e : now.entrySet()) {
      String node = e.getKey();
      Reading current = e.getValue();
      Reading atDeploy = deploy.get(node);
      Reading atConfirm = confirmed.get(node);
      if (atDeploy == null || atConfirm == null) {
        reasons.add("no reading of " + node + " from the deploy: it was not named when the deploy was recorded, so its use since then is unknown");
        continue;
      }
      String reset = resetBetween(atDeploy.identity(), current.identity());
      if (reset == null) {
        reset = resetBetween(atConfirm.identity(), current.identity());
      }
      if (reset != null) {
        reasons.add(node + " " + reset + ": the " + counter + " of " + object + " since the deploy cannot be known");
        continue;
      }
      Usage base = atConfirm.of(kind, object);
      Usage first = atDeploy.of(kind, object);
      Usage last = current.of(kind, object);
      if (last == null || !last.found() || base == null || !base.found()) {
        reasons.add(node + " has no statistics for " + kind + " " + object + (last == null || !last.found() ? " now" : " from the deploy")
            + " (it does not exist there): its use cannot be judged");
        continue;
      }
      if (last.counter() < base.counter() || (first != null && first.found() && last.counter() < first.counter())) {
        reasons.add(node + ": the " + counter + " of " + object + " went backwards (" + base.counter() + " at the confirmation, " + last.counter()
            + " now): its counters were reset, so its use since the deploy is unknown");
        continue;
      }
      long since = last.counter() - base.counter();
      boolean lastMoved = last.lastUsed() != null && (base.lastUsed() == null || last.lastUsed().isAfter(base.lastUsed()));
      String lastText = last.lastUsed() == null ? "" : ", last at " + last.lastUsed();
      values.add(node + ": " + since + (kind.equals(Usage.INDEX) ? " scans" : " reads and writes") + " since the deploy ("
          + counter + " " + base.counter() + " -> " + last.counter() + lastText + ")");
      if (since > 0 || lastMoved) {
        reasons.add(kind + " " + object + " was " + (kind.equals(Usage.INDEX) ? "scanned " + since + " times" : "used " + since + " times")
            + " on " + node + " since the deploy was confirmed at " + confirmedAt + " (" + counter + " " + base.counter() + " -> "
            + last.counter() + lastText + ")");
      }
    }
    if (reasons.isEmpty() && confirmedAt != null) {
      Duration observed = Duration.between(confirmedAt, checkedAt);
      if (observed.compareTo(window) < 0) {
        reasons.add("only " + human(observed) + " of evidence since the deploy was confirmed at " + confirmedAt
            + "; the usage window is " + human(window) + ": run apply again after " + confirmedAt.plus(window));
      }
    }
    return new Verdict(reasons.isEmpty(), String.join("; ", values), reasons);
  }

  /** Why two readings of one node cannot be compared, or null when they can. */
  static String resetBetween(Identity before, Identity now) {
    if (before.systemIdentifier() != null && now.systemIdentifier() != null && !before.systemIdentifier().equals(now.systemIdentifier())) {
      return "is another cluster now (system identifier " + before.systemIdentifier() + " at the deploy, " + now.systemIdentifier()
          + " now): it was rebuilt or replaced";
    }
    boolean restarted = !Objects.equals(before.postmasterStart(), now.postmasterStart());
    if (!Objects.equals(before.sharedStatsReset(), now.sharedStatsReset())) {
      return restarted
          ? "discarded its statistics when it started at " + now.postmasterStart()
              + " (crash recovery after a crash or an immediate shutdown, or a rebuild from a base backup)"
          : "had its statistics reset at " + now.sharedStatsReset();
    }
    if (!Objects.equals(before.databaseStatsReset(), now.databaseStatsReset())) {
      return now.databaseStatsReset() == null
          ? "discarded the statistics of its database" + (restarted ? " when it started at " + now.postmasterStart() : "")
          : "had the statistics of its database reset at " + now.databaseStatsReset() + " (pg_stat_reset)";
    }
    return null;
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 120) {
      return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    return s / 3600 + " h " + (s % 3600) / 60 + " min";
  }
}
