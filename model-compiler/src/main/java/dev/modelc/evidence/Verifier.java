package dev.modelc.evidence;

import dev.modelc.analyze.Coverage;
import dev.modelc.analyze.OrderSort;
import dev.modelc.analyze.Resolution;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Severity;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresQuerySql;
import dev.modelc.live.GenericPlans;
import dev.modelc.live.QueryPlan;
import dev.modelc.model.Model;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code modelc verify}: the resolver checked by PostgreSQL's planner. For every query pattern it
 * asks the live database for the generic plan of the SQL the generated accessor runs, and
 * compares it with modelc's claim: the serving index (or none), the sort that remains, and the
 * columns the index condition must use.
 *
 * <p>A plan can differ from the claim for two reasons: the claim is wrong (the index cannot
 * deliver the order, a cast defeats the index condition), or PostgreSQL's estimates make another
 * plan cheaper for these statistics (a table of three pages is read whole; a key with a handful
 * of rows is fetched by a bitmap and sorted). To tell them apart, a differing plan is asked for
 * again with the methods it preferred switched off ({@code enable_seqscan}, {@code enable_sort},
 * for that statement only): when PostgreSQL then plans exactly what modelc claims, the claim
 * holds and the choice was one of cost; the report says so and shows both plans. Otherwise each
 * difference is a diagnostic at the query, an error for critical traffic.
 */
public final class Verifier {
  /**
   * One query compared. {@code claim} is modelc's side in words, {@code plan} PostgreSQL's (its
   * plan in one line, or the error that stopped it planning); {@code disagreements} is empty
   * when both sides agree.
   */
  public record QueryCheck(QueryPattern query, Resolution resolution, String claim, String plan,
      List<String> discouraged, String discouragedPlan, List<Diagnostic> disagreements) {
    public QueryCheck {
      Objects.requireNonNull(query, "query == null");
      discouraged = List.copyOf(discouraged);
      disagreements = List.copyOf(disagreements);
    }

    public boolean agrees() {
      return disagreements.isEmpty();
    }

    /**
     * Agrees only once PostgreSQL's preferred methods are switched off: the claim holds, and
     * its estimates make another plan cheaper for the data it has.
     */
    public boolean agreesByCost() {
      return agrees() && discouragedPlan != null;
    }
  }

  /** Every query's comparison, in model order, with notes about the database itself. */
  public record Report(String model, String database, String server, List<QueryCheck> checks, List<Diagnostic> notes) {
    public Report {
      checks = List.copyOf(checks);
      notes = List.copyOf(notes);
    }

    public long agreeing() {
      return checks.stream().filter(QueryCheck::agrees).count();
    }

    /** Agreements where PostgreSQL prefers another plan for cost (see {@link QueryCheck#agreesByCost()}). */
    public long agreeingByCost() {
      return checks.stream().filter(QueryCheck::agreesByCost).count();
    }

    public long disagreeing() {
      return checks.size() - agreeing();
    }

    /** Disagreements about critical queries: these fail the run. */
    public long criticalDisagreements() {
      return checks.stream().filter(c -> !c.agrees() && c.query().traffic() == Traffic.CRITICAL).count();
    }

    /** Every disagreement and note, for the diagnostic renderers. */
    public List<Diagnostic> diagnostics() {
      List<Diagnostic> all = new ArrayList<>(notes);
      checks.forEach(c -> all.addAll(c.disagreements()));
      return all;
    }
  }

  private Verifier() {}

  /**
   * Compares every query of {@code model} whose table exists in the model.
   *
   * @throws SQLException when the connection fails, or the server is older than PostgreSQL 16
   */
  public static Report verify(Model model, Coverage coverage, Connection connection, String database)
      throws SQLException {
    int version = GenericPlans.serverVersion(connection);
    if (version < GenericPlans.MINIMUM_VERSION) {
      throw new SQLException("verify needs PostgreSQL 16 or newer (EXPLAIN (GENERIC_PLAN)); " + database
          + " runs " + GenericPlans.versionLabel(version));
    }
    List<Diagnostic> notes = new ArrayList<>();
    Set<String> tablesRead = new LinkedHashSet<>();
    List<QueryCheck> checks = new ArrayList<>();
    for (Resolution r : coverage.resolutions()) {
      QueryPattern q = r.query();
      Optional<Table> table = model.table(q.table());
      if (table.isEmpty()) {
        continue;
      }
      if (tablesRead.add(table.get().name())) {
        unanalyzed(connection, table.get()).ifPresent(notes::add);
      }
      String sql = PostgresQuerySql.of(table.get(), q);
      QueryPlan plan;
      try {
        plan = GenericPlans.explain(connection, sql);
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
          throw e; // the connection is gone: nothing else can be compared
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        checks.add(new QueryCheck(q, r, claim(r), "cannot plan: " + message, List.of(), null,
            List.of(disagreement(q, EvidenceCode.MC954, "PostgreSQL cannot plan query '" + q.name() + "' on "
                + database + ": " + message + " (SQL: " + sql + ")"))));
        continue;
      }
      List<Diagnostic> found = compare(table.get(), r, plan);
      List<String> discouraged = found.isEmpty() ? List.of() : discouraged(r);
      if (discouraged.isEmpty()) {
        checks.add(new QueryCheck(q, r, claim(r), plan.summary(), List.of(), null, found));
        continue;
      }
      QueryPlan second = GenericPlans.explain(connection, sql, discouraged);
      List<Diagnostic> secondFound = compare(table.get(), r, second);
      checks.add(new QueryCheck(q, r, claim(r), plan.summary(), discouraged, second.summary(),
          secondFound.isEmpty() ? List.of() : found));
    }
    return new Report(model.name(), database, GenericPlans.versionLabel(version), checks, notes);
  }

  /**
   * The planner methods to switch off to see whether the claimed plan is possible: the
   * sequential scan when an index is claimed, and the sorts the claim says are not needed. None
   * for a query modelc says no index serves (nothing to force).
   */
  static List<String> discouraged(Resolution r) {
    if (r.index() == null) {
      return List.of();
    }
    List<String> off = new ArrayList<>(List.of("enable_seqscan"));
    QueryPattern q = r.query();
    if (q.kind() == QueryKind.SELECT && !q.orderBy().isEmpty() && !r.atMostOneRow()) {
      if (r.sort() != OrderSort.FULL) {
        off.add("enable_sort");
      }
      if (r.sort() == OrderSort.NONE) {
        off.add("enable_incremental_sort");
      }
    }
    return off;
  }

  /** modelc's claim in one line. */
  static String claim(Resolution r) {
    String first = r.reasons().isEmpty() ? "" : r.reasons().get(0);
    if (r.index() != null) {
      String prefix = r.index().name() + ": serves: ";
      return "served by " + r.index().name() + ": " + (first.startsWith(prefix) ? first.substring(prefix.length()) : first);
    }
    if (r.served()) {
      return "needs no index: " + first;
    }
    if (!first.isEmpty() && !first.contains(": does not serve: ")) {
      return "no index serves it: " + first;
    }
    return "no index serves it" + (r.sort() == OrderSort.FULL ? ", every matching row is sorted" : "");
  }

  /**
   * The disagreements between the claim {@code r} and PostgreSQL's {@code plan} of the query on
   * {@code table}; empty when they agree.
   */
  public static List<Diagnostic> compare(Table table, Resolution r, QueryPlan plan) {
    QueryPattern q = r.query();
    List<QueryPlan.Node> scans = plan.scansOf(table.name());
    List<QueryPlan.Node> indexScans = scans.stream().filter(QueryPlan.Node::isIndexScan).toList();
    OrderSort planned = plannedSort(plan);
    List<Diagnostic> out = new ArrayList<>();
    String what = "query '" + q.name() + "'";
    if (r.index() != null) {
      String name = r.index().name();
      List<QueryPlan.Node> claimed = indexScans.stream().filter(n -> name.equals(n.index())).toList();
      if (claimed.isEmpty()) {
        out.add(disagreement(q, EvidenceCode.MC950, what + ": modelc claims index '" + name + "' serves it ("
            + claim(r) + "); PostgreSQL plans " + plan.summary()));
        return out;
      }
      Set<String> used = new LinkedHashSet<>();
      claimed.forEach(n -> used.addAll(QueryPlan.columnsIn(n.indexCondition())));
      List<String> missing = r.conditionColumns().stream().filter(c -> !used.contains(c)).toList();
      if (!missing.isEmpty()) {
        out.add(disagreement(q, EvidenceCode.MC952, what + ": modelc claims index '" + name + "' narrows the scan by ("
            + String.join(", ", r.conditionColumns()) + "); PostgreSQL's index condition does not use ("
            + String.join(", ", missing) + "): " + plan.summary()));
      }
      boolean needsOrder = q.kind() == QueryKind.SELECT && !q.orderBy().isEmpty();
      if (needsOrder && !r.atMostOneRow() && planned != r.sort()) {
        out.add(disagreement(q, EvidenceCode.MC951, what + ": modelc claims " + r.sort().label() + " with index '"
            + name + "'; PostgreSQL plans " + planned.label() + ": " + plan.summary()));
      }
      return out;
    }
    if (r.served()) {
      return out; // needs no index: whatever PostgreSQL does is fine
    }
    boolean needsOrder = q.kind() == QueryKind.SELECT && !q.orderBy().isEmpty();
    for (QueryPlan.Node n : indexScans) {
      if (n.indexCondition() != null && (!needsOrder || planned != OrderSort.FULL)) {
        out.add(disagreement(q, EvidenceCode.MC953, what + ": modelc says no index serves it"
            + (needsOrder ? " and every matching row is sorted" : "") + "; PostgreSQL narrows the scan with index '"
            + n.index() + "'" + (needsOrder ? " with " + planned.label() : "") + ": " + plan.summary()));
        break;
      }
    }
    return out;
  }

  /** The sort left in the plan: a full Sort anywhere, else an Incremental Sort, else none. */
  static OrderSort plannedSort(QueryPlan plan) {
    List<QueryPlan.Node> sorts = plan.sorts();
    if (sorts.stream().anyMatch(n -> n.type().equals("Sort"))) {
      return OrderSort.FULL;
    }
    return sorts.isEmpty() ? OrderSort.NONE : OrderSort.INCREMENTAL;
  }

  private static Diagnostic disagreement(QueryPattern q, EvidenceCode code, String message) {
    Severity severity = q.traffic() == Traffic.CRITICAL ? Severity.ERROR : Severity.WARNING;
    return Diagnostic.of(code, severity, q.source(), message);
  }

  /** MC955 when the planner has no statistics for the table (never analyzed or vacuumed). */
  private static Optional<Diagnostic> unanalyzed(Connection connection, Table table) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT reltuples FROM pg_catalog.pg_class WHERE oid = to_regclass(?)")) {
      s.setString(1, PostgresNames.quote(table.name()));
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next() && rs.getDouble(1) < 0) {
          return Optional.of(Diagnostic.of(EvidenceCode.MC955, table.source(), "table '" + table.name()
              + "' has never been analyzed: PostgreSQL plans it with default estimates; run ANALYZE "
              + PostgresNames.quote(table.name()) + " for plans that reflect its data"));
        }
      }
    }
    return Optional.empty();
  }
}
