package dev.modelc.evidence;

import dev.modelc.analyze.Coverage;
import dev.modelc.diag.Diagnostic;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.live.UsageStatistics.IndexStatistics;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.UsagePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code modelc usage report}: per index of the database and of the model, the scans on each
 * node over the window, when it was last used, the declared queries it serves, and a verdict.
 * "Unused" needs proof from every node that serves reads: each one's counters must cover the
 * whole window without a reset; otherwise the verdict is "unknown", never "unused".
 */
public final class UsageReport {
  /** What the evidence says about an index, most urgent first. */
  public enum Verdict {
    /** Declared as serving a critical query, yet no node scanned it: the model's claim is suspect. */
    SUSPECT("declared for a critical query, never scanned"),
    /** Scanned, but no declared query is served by it: the model lacks a query pattern. */
    USED_UNDECLARED("used, serves no declared query"),
    /** Not scanned on any node over the whole window. */
    UNUSED("unused on every node"),
    /** Not enough evidence: a counter reset inside the window, or a node without snapshots. */
    UNKNOWN("unknown"),
    /** Unused, but the policy keeps it (a primary key, a unique index, a tiny index). */
    KEPT_BY_POLICY("unused, kept by policy"),
    /** Scanned inside the window. */
    USED("used"),
    /** In the model, but in no snapshot of any node. */
    NOT_FOUND("not in the database");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One index: where it is ({@code source} in the model, {@link SourceRef#NONE} when the model
   * does not declare it), its size on the largest node, the queries it serves (chosen or
   * runner-up), each node's evidence, and the verdict with its reason.
   */
  public record Entry(String schema, String table, String index, boolean inModel, SourceRef source, long sizeBytes,
      List<String> queries, Traffic criticality, List<NodeUsage> nodes, Instant lastUsed, Verdict verdict,
      String why) {
    public Entry {
      nodes = List.copyOf(nodes);
      queries = List.copyOf(queries);
    }

    /** Scans inside the window summed over the nodes; null when a node's count is unknown. */
    public Long totalScans() {
      long sum = 0;
      for (NodeUsage n : nodes) {
        if (n.present() && n.scans() == null) {
          return null;
        }
        sum += n.present() ? n.scans() : 0;
      }
      return sum;
    }
  }

  /** The window {@code (from, to]}, the nodes, and one entry per index, by table and name. */
  public record Report(String model, Instant from, Instant to, Duration window, List<String> nodes,
      List<Entry> entries, List<Diagnostic> diagnostics) {
    public Report {
      nodes = List.copyOf(nodes);
      entries = List.copyOf(entries);
      diagnostics = List.copyOf(diagnostics);
    }

    public Optional<Entry> entry(String table, String index) {
      return entries.stream().filter(e -> e.table().equals(table) && e.index().equals(index)).findFirst();
    }

    /** Whether any index needs a look: unused, used without a declared query, or suspect. */
    public boolean hasFindings() {
      return entries.stream().anyMatch(e -> e.verdict() == Verdict.UNUSED || e.verdict() == Verdict.SUSPECT
          || e.verdict() == Verdict.USED_UNDECLARED);
    }
  }

  private UsageReport() {}

  /**
   * The report over the {@code window} before {@code asOf} (null: the newest snapshot's time),
   * judged by the model's usage policy.
   */
  public static Report report(Model model, Coverage coverage, List<Snapshot> history, Duration window, Instant asOf) {
    Objects.requireNonNull(model, "model == null");
    UsagePolicy policy = model.policy().usage();
    Instant to = asOf != null ? asOf
        : history.stream().map(Snapshot::taken).max(Instant::compareTo).orElse(Instant.EPOCH);
    Instant from = to.minus(window);
    Map<String, List<Snapshot>> byNode = new TreeMap<>();
    for (Snapshot s : history) {
      byNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(s);
    }
    // every index any node's newest snapshot in the window holds, then the model's indexes
    Map<String, IndexStatistics> found = new TreeMap<>();
    for (List<Snapshot> snaps : byNode.values()) {
      Snapshot newest = null;
      for (Snapshot s : snaps) {
        if (s.taken().isAfter(from) && !s.taken().isAfter(to)) {
          newest = s;
        }
      }
      if (newest != null) {
        for (IndexStatistics x : newest.statistics().indexes()) {
          found.merge(NodeUsage.key(x.schema(), x.table(), x.index()), x,
              (a, b) -> a.sizeBytes() >= b.sizeBytes() ? a : b);
        }
      }
    }
    Map<String, Index> declared = new LinkedHashMap<>();
    for (Table t : model.tables()) {
      for (Index i : t.allIndexes()) {
        declared.put(t.name() + "." + i.name(), i);
      }
    }
    NodeUsage.Lookup lookup = new NodeUsage.Lookup();
    List<Entry> entries = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (IndexStatistics x : found.values()) {
      Index modelIndex = declared.get(x.table() + "." + x.index());
      seen.add(x.table() + "." + x.index());
      List<NodeUsage> nodes = new ArrayList<>();
      byNode.forEach((node, snaps) -> nodes.add(NodeUsage.of(node, snaps, lookup, x.schema(), x.table(), x.index(),
          from, to, policy.unusedAtMostScans())));
      entries.add(entry(x, modelIndex, coverage, nodes, policy));
    }
    for (Map.Entry<String, Index> d : declared.entrySet()) {
      if (!seen.contains(d.getKey()) && !history.isEmpty()) {
        Index i = d.getValue();
        entries.add(new Entry("", i.table(), i.name(), true, i.source(), 0, queries(coverage, i.name()),
            coverage.criticalityOf(i.name()).orElse(null), List.of(), null, Verdict.NOT_FOUND,
            "no node's snapshot in the window has index '" + i.name() + "' (modelc drift shows what differs)"));
      }
    }
    entries.sort(java.util.Comparator.comparing(Entry::table).thenComparing(Entry::index));
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Entry e : entries) {
      diagnostic(e, window).ifPresent(diagnostics::add);
    }
    return new Report(model.name(), from, to, window, List.copyOf(byNode.keySet()), entries, diagnostics);
  }

  private static Entry entry(IndexStatistics x, Index modelIndex, Coverage coverage, List<NodeUsage> nodes,
      UsagePolicy policy) {
    List<String> queries = modelIndex == null ? List.of() : queries(coverage, modelIndex.name());
    Traffic criticality = modelIndex == null ? null : coverage.criticalityOf(modelIndex.name()).orElse(null);
    Instant lastUsed = nodes.stream().map(NodeUsage::lastUsed).filter(Objects::nonNull).max(Instant::compareTo)
        .orElse(null);
    List<NodeUsage> present = nodes.stream().filter(NodeUsage::present).toList();
    boolean used = present.stream().anyMatch(NodeUsage::used);
    List<NodeUsage> unknown = nodes.stream().filter(n -> !n.known() && !n.used()).toList();
    Verdict verdict;
    String why;
    if (used) {
      String where = String.join(", ", present.stream().filter(NodeUsage::used).map(NodeUsage::node).toList());
      if (queries.isEmpty()) {
        verdict = Verdict.USED_UNDECLARED;
        why = "scanned on " + where + ", but " + (modelIndex == null ? "the model does not declare it"
            : "no declared query is served by it") + ": declare the query that uses it";
      } else {
        verdict = Verdict.USED;
        why = "scanned on " + where;
      }
    } else if (!unknown.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      why = String.join("; ", unknown.stream().map(NodeUsage::why).toList());
    } else if (criticality == Traffic.CRITICAL) {
      verdict = Verdict.SUSPECT;
      why = "modelc says it serves critical " + (queries.size() == 1 ? "query " : "queries ")
          + String.join(", ", queries) + ", yet no node scanned it in the window: check the claim with modelc verify";
    } else if (x.primary() && policy.ignorePrimaryKeys()) {
      verdict = Verdict.KEPT_BY_POLICY;
      why = "a primary key (policy.usage.ignorePrimaryKeys)";
    } else if (x.unique() && policy.ignoreUnique()) {
      verdict = Verdict.KEPT_BY_POLICY;
      why = "a unique index (policy.usage.ignoreUnique)";
    } else if (x.sizeBytes() < policy.ignoreSmallerThanBytes()) {
      verdict = Verdict.KEPT_BY_POLICY;
      why = "smaller than " + policy.ignoreSmallerThanBytes() + " bytes (policy.usage.ignoreSmallerThan)";
    } else {
      verdict = Verdict.UNUSED;
      why = "no scans on " + String.join(", ", present.stream().map(NodeUsage::node).toList())
          + (policy.unusedAtMostScans() > 0 ? " beyond " + policy.unusedAtMostScans() + " per node" : "")
          + (modelIndex != null && modelIndex.keep() != null ? " (the model keeps it: " + modelIndex.keep() + ")" : "");
    }
    return new Entry(x.schema(), x.table(), x.index(), modelIndex != null,
        modelIndex == null ? SourceRef.NONE : modelIndex.source(), x.sizeBytes(), queries, criticality, nodes,
        lastUsed, verdict, why);
  }

  /** {@code 30 days}, {@code 12 hours}, {@code 90 seconds}. */
  public static String describe(Duration d) {
    if (d.toSeconds() % 86_400 == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    }
    return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
  }

  /** {@code 30d}, {@code 12h}, {@code 15min}, {@code 90s}; empty when it is none of these or not positive. */
  public static Optional<Duration> parseWindow(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(d|h|min|s)").matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "min" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    });
  }

  private static List<String> queries(Coverage coverage, String index) {
    return coverage.queriesServableBy(index).stream().map(QueryPattern::name).toList();
  }

  private static Optional<Diagnostic> diagnostic(Entry e, Duration length) {
    String what = "index '" + e.index() + "' on table '" + e.table() + "'";
    String window = " over the last " + describe(length);
    return Optional.ofNullable(switch (e.verdict()) {
      case UNUSED -> Diagnostic.of(EvidenceCode.MC970, e.source(), what + " was not scanned on any node" + window
          + " (" + e.why() + "); retire it with a tombstone, or add keep: <reason>");
      case USED_UNDECLARED -> Diagnostic.of(EvidenceCode.MC971, e.source(), what + " is used" + window + " but "
          + e.why().substring(e.why().indexOf("but ") + 4));
      case SUSPECT -> Diagnostic.of(EvidenceCode.MC972, e.source(), what + ": " + e.why());
      case UNKNOWN -> Diagnostic.of(EvidenceCode.MC973, e.source(), what + ": usage unknown" + window + ": " + e.why());
      case USED, KEPT_BY_POLICY, NOT_FOUND -> null;
    });
  }
}
