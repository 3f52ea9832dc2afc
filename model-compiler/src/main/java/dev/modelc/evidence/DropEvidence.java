package dev.modelc.evidence;

import dev.modelc.diag.Diagnostic;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import dev.modelc.live.UsageStatistics.TableStatistics;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Tombstone;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;
import dev.modelc.plan.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code plan --usage HISTORY}: the evidence next to every drop of an index or a table: scans on
 * each node over the window and the last use. Dropping a retired index or table that was used
 * inside the window is MC620 unless its tombstone says why ({@code droppedDespiteUse}); an index
 * replaced by a new definition is expected to be in use and is only annotated. Evidence that
 * cannot be had (a reset inside the window, a node without snapshots) is MC621.
 */
public final class DropEvidence {
  /** The evidence per drop step, by step id in plan order, and the diagnostics about the drops. */
  public record Result(Map<String, Drop> evidence, List<Diagnostic> diagnostics) {
    public Result {
      evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /** What the history says about one drop, most telling first. */
  public enum Verdict {
    /** Some node scanned it inside the window. */
    USED("used inside the window"),
    /** A node's counters cannot say (a reset inside the window, a node without snapshots in it). */
    UNKNOWN("of unknown use"),
    /** No snapshot of any node has it. */
    NO_EVIDENCE("without evidence"),
    /** Every node's counters cover the window and show no use. */
    UNUSED("unused");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /** As a count reads: "2 used inside the window", "1 of unknown use". */
    public String label() {
      return label;
    }
  }

  /**
   * The evidence of one drop over {@code window}: each node's scans ({@code nodes}, by name),
   * the newest last use (null: never recorded), the verdict, why it is unknown ({@code why},
   * for {@link Verdict#UNKNOWN}) and the tombstone's {@code droppedDespiteUse} (null when it
   * has none). Node names come from the history and reasons from the model: both are text to
   * escape wherever it is shown.
   */
  public record Drop(boolean table, Duration window, List<NodeUsage> nodes, Instant lastUsed, Verdict verdict,
      String why, String droppedDespiteUse) {
    public Drop {
      nodes = List.copyOf(nodes);
    }

    /** Scans per node: {@code primary 1, replica1 (standby) 0}, {@code -} where a node lacks it, {@code ?} where it cannot count. */
    public String scans() {
      return nodes.isEmpty() ? "no snapshots" : String.join(", ", nodes.stream().map(DropEvidence::scans).toList());
    }

    /** The last use as text. */
    public String lastUsedText() {
      return lastUsed == null ? "never recorded" : lastUsed.toString();
    }

    /** The line plan.md shows next to the step's reason. */
    public String text() {
      StringBuilder text = new StringBuilder(table ? "scans (sequential + index)" : "scans")
          .append(" over the last ").append(UsageReport.describe(window)).append(": ").append(scans())
          .append("; last used ").append(lastUsedText());
      switch (verdict) {
        case USED -> {
          text.append("; USED inside the window");
          if (droppedDespiteUse != null) {
            text.append("; dropped despite use: ").append(droppedDespiteUse);
          }
        }
        case NO_EVIDENCE -> text.append("; in no snapshot: usage unknown");
        case UNKNOWN -> text.append("; unknown: ").append(why);
        case UNUSED -> text.append("; unused on every node");
      }
      return text.toString();
    }
  }

  private DropEvidence() {}

  /** Assesses the drops of {@code plan} towards {@code target} over {@code window} before {@code asOf} (null: the newest snapshot). */
  public static Result assess(Plan plan, Model target, List<Snapshot> history, Duration window, Instant asOf) {
    Instant to = asOf != null ? asOf
        : history.stream().map(Snapshot::taken).max(Instant::compareTo).orElse(Instant.EPOCH);
    Instant from = to.minus(window);
    Map<String, List<Snapshot>> byNode = new TreeMap<>();
    history.forEach(s -> byNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(s));
    Map<String, Drop> evidence = new LinkedHashMap<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    long atMost = target.policy().usage().unusedAtMostScans();
    for (Step step : plan.steps()) {
      Function<Snapshot, NodeUsage.Reading> read;
      Tombstone.Kind kind;
      String what;
      if (step.kind() == StepKind.DROP_INDEX) {
        read = s -> index(s, step.target());
        kind = Tombstone.Kind.INDEX;
        what = "index '" + step.target() + "'";
      } else if (step.kind() == StepKind.DROP_TABLE) {
        read = s -> table(s, step.target());
        kind = Tombstone.Kind.TABLE;
        what = "table '" + step.target() + "'";
      } else {
        continue;
      }
      List<NodeUsage> nodes = new ArrayList<>();
      byNode.forEach((node, snaps) -> nodes.add(NodeUsage.of(node, snaps, read, from, to, atMost)));
      List<NodeUsage> present = nodes.stream().filter(NodeUsage::present).toList();
      boolean used = present.stream().anyMatch(NodeUsage::used);
      List<NodeUsage> unknown = nodes.stream().filter(n -> !n.known() && !n.used()).toList();
      Optional<Tombstone> tombstone = tombstone(target, kind, step.target());
      Instant last = nodes.stream().map(NodeUsage::lastUsed).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
      SourceRef at = tombstone.map(Tombstone::source).orElse(SourceRef.NONE);
      Verdict verdict;
      String why = null;
      String despite = null;
      if (used) {
        verdict = Verdict.USED;
        if (tombstone.isPresent() && tombstone.get().droppedDespiteUse() == null) {
          diagnostics.add(Diagnostic.of(PlanUsageCode.MC620, at, "the plan drops " + what + ", which was used inside"
              + " the last " + UsageReport.describe(window) + " (" + String.join(", ", present.stream()
                  .filter(NodeUsage::used).map(DropEvidence::scans).toList()) + "); keep it, or say why in its tombstone"
              + " with droppedDespiteUse: <reason>"));
        } else if (tombstone.isPresent()) {
          despite = tombstone.get().droppedDespiteUse();
        }
      } else if (present.isEmpty() && unknown.isEmpty()) {
        verdict = Verdict.NO_EVIDENCE;
        diagnostics.add(Diagnostic.of(PlanUsageCode.MC621, at, "the plan drops " + what + ", which no snapshot of the"
            + " usage history has: its use is unknown"));
      } else if (!unknown.isEmpty()) {
        verdict = Verdict.UNKNOWN;
        why = String.join("; ", unknown.stream().map(NodeUsage::why).toList());
        diagnostics.add(Diagnostic.of(PlanUsageCode.MC621, at, "the plan drops " + what + ", whose use over the last "
            + UsageReport.describe(window) + " is unknown: " + why));
      } else {
        verdict = Verdict.UNUSED;
      }
      evidence.put(step.id(), new Drop(kind == Tombstone.Kind.TABLE, window, nodes, last, verdict, why, despite));
    }
    return new Result(evidence, diagnostics);
  }

  private static String scans(NodeUsage n) {
    if (!n.present()) {
      return n.node() + " -";
    }
    return n.node() + (n.standby() ? " (standby) " : " ") + (n.scans() == null ? "?" : n.scans().toString());
  }

  private static Optional<Tombstone> tombstone(Model target, Tombstone.Kind kind, String name) {
    return target.retired().stream().filter(t -> t.kind() == kind
        && (kind == Tombstone.Kind.TABLE ? t.table().equals(name) : name.equals(t.name()))).findFirst();
  }

  private static NodeUsage.Reading index(Snapshot s, String name) {
    for (IndexStatistics x : s.statistics().indexes()) {
      if (x.index().equals(name)) {
        return new NodeUsage.Reading(x.scans(), x.lastScan());
      }
    }
    return null;
  }

  private static NodeUsage.Reading table(Snapshot s, String name) {
    for (TableStatistics t : s.statistics().tables()) {
      if (t.table().equals(name)) {
        Instant last = t.lastSeqScan() == null ? t.lastIdxScan()
            : t.lastIdxScan() == null || t.lastSeqScan().isAfter(t.lastIdxScan()) ? t.lastSeqScan() : t.lastIdxScan();
        return new NodeUsage.Reading(t.seqScan() + t.idxScan(), last);
      }
    }
    return null;
  }
}
