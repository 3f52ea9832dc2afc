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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** The evidence text per step id, and the diagnostics about the drops. */
  public record Result(Map<String, String> evidence, List<Diagnostic> diagnostics) {
    public Result {
      evidence = Map.copyOf(evidence);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
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
    Map<String, String> evidence = new LinkedHashMap<>();
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
      StringBuilder text = new StringBuilder(kind == Tombstone.Kind.TABLE ? "scans (sequential + index)" : "scans")
          .append(" over the last ").append(UsageReport.describe(window)).append(": ");
      text.append(nodes.isEmpty() ? "no snapshots" : String.join(", ", nodes.stream().map(DropEvidence::scans).toList()));
      Instant last = nodes.stream().map(NodeUsage::lastUsed).filter(java.util.Objects::nonNull)
          .max(Instant::compareTo).orElse(null);
      text.append("; last used ").append(last == null ? "never recorded" : last.toString());
      SourceRef at = tombstone.map(Tombstone::source).orElse(SourceRef.NONE);
      if (used) {
        text.append("; USED inside the window");
        if (tombstone.isPresent() && tombstone.get().droppedDespiteUse() == null) {
          diagnostics.add(Diagnostic.of(PlanUsageCode.MC620, at, "the plan drops " + what + ", which was used inside"
              + " the last " + UsageReport.describe(window) + " (" + String.join(", ", present.stream()
                  .filter(NodeUsage::used).map(DropEvidence::scans).toList()) + "); keep it, or say why in its tombstone"
              + " with droppedDespiteUse: <reason>"));
        } else if (tombstone.isPresent()) {
          text.append("; dropped despite use: ").append(tombstone.get().droppedDespiteUse());
        }
      } else if (present.isEmpty() && unknown.isEmpty()) {
        text.append("; in no snapshot: usage unknown");
        diagnostics.add(Diagnostic.of(PlanUsageCode.MC621, at, "the plan drops " + what + ", which no snapshot of the"
            + " usage history has: its use is unknown"));
      } else if (!unknown.isEmpty()) {
        String why = String.join("; ", unknown.stream().map(NodeUsage::why).toList());
        text.append("; unknown: ").append(why);
        diagnostics.add(Diagnostic.of(PlanUsageCode.MC621, at, "the plan drops " + what + ", whose use over the last "
            + UsageReport.describe(window) + " is unknown: " + why));
      } else {
        text.append("; unused on every node");
      }
      evidence.put(step.id(), text.toString());
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
