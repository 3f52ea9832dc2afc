package dev.modelc.analyze;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Severity;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reports what the coverage analysis found (MC5xx): unserved queries, pins that do not serve,
 * indexes nothing uses, and indexes that repeat a prefix of another. Queries and indexes that
 * name an unknown table or column are skipped: the reference check reports those, and a
 * coverage finding on top would only repeat it. Linear in the size of the model.
 */
public final class CoverageCheck {
  private CoverageCheck() {}

  public static List<Diagnostic> check(Model model, Coverage coverage) {
    return check(model, coverage, t -> true);
  }

  /**
   * The same, judging the use of indexes only on tables where {@code indexUseKnown} holds: where
   * an index or a query has errors, whether an index serves nothing is not known.
   */
  public static List<Diagnostic> check(Model model, Coverage coverage, java.util.function.Predicate<Table> indexUseKnown) {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(coverage, "coverage == null");
    Diagnostics out = new Diagnostics();
    Map<String, Set<String>> columnsByTable = new HashMap<>();
    Map<String, Map<String, Index>> indexesByTable = new HashMap<>();
    for (Resolution r : coverage.resolutions()) {
      QueryPattern q = r.query();
      Optional<Table> table = model.table(q.table());
      if (table.isEmpty() || !namesKnownColumns(q, columns(table.get(), columnsByTable))) {
        continue;
      }
      // One finding per query: a pin that does not serve says what would, so an unserved
      // pinned query is not reported twice. A pin naming no index of the table is skipped here:
      // the reference check reports it, and the query is judged as if it had no pin.
      Index pinned = q.index() == null ? null
          : indexesByTable.computeIfAbsent(table.get().name(), k -> byName(table.get())).get(q.index());
      if (pinned != null && (r.index() == null || !r.index().name().equals(pinned.name()))) {
        wrongPin(table.get(), q, pinned, r, out);
      } else if (!r.served()) {
        unserved(table.get(), q, out);
      }
    }
    for (Table table : model.tables()) {
      if (!indexUseKnown.test(table)) {
        continue;
      }
      Set<String> known = columns(table, columnsByTable);
      List<Index> checked = table.indexes().stream()
          .filter(i -> i.columns().stream().allMatch(k -> k.expression() || known.contains(k.column()))).toList();
      Set<String> redundant = RedundantIndexes.report(checked, out);
      for (Index index : checked) {
        if (index.keep() == null && !redundant.contains(index.name())
            && coverage.queriesServableBy(index.name()).isEmpty()) {
          out.report(CoverageCode.MC503, index.source(), "index '" + index.name() + "' on table '"
              + table.name() + "' serves no declared query; declare the query that needs it, add"
              + " keep: <reason>, or retire it");
        }
      }
    }
    return out.sorted();
  }

  /** MC501, with a severity that follows the query's traffic tier. */
  private static void unserved(Table table, QueryPattern q, Diagnostics out) {
    Severity severity = switch (q.traffic()) {
      case CRITICAL -> Severity.ERROR;
      case STANDARD -> Severity.WARNING;
      case BATCH -> Severity.NOTE;
    };
    String what = q.traffic().modelName() + " query '" + q.name() + "'";
    String explain = " (modelc explain " + q.name() + " shows why each index does not serve)";
    if (QueryShape.of(q, table).readsWholeTable()) {
      out.report(CoverageCode.MC501, severity, q.source(), what + " has no conditions and reads every"
          + " row of table '" + table.name() + "', which no index can serve; add a condition an"
          + " index can use" + (q.traffic() == Traffic.BATCH ? ""
              : ", or mark it 'traffic: batch' if the full scan is intended"));
      return;
    }
    Optional<String> suggestion = IndexSuggestion.columnsFor(table, q);
    out.report(CoverageCode.MC501, severity, q.source(), what + " has no index on table '"
        + table.name() + "' that serves it; "
        + suggestion.map(s -> "add an index on (" + s + ")")
            .orElse("none of its conditions can narrow an index scan (only =, in, is null and"
                + " ranges can): add one, or an orderBy with a limit")
        + explain);
  }

  /** MC502: the pinned index exists on the table but is not the one that serves. */
  private static void wrongPin(Table table, QueryPattern q, Index pinned, Resolution r, Diagnostics out) {
    IndexFit fit = QueryResolver.fit(QueryShape.of(q, table), pinned);
    String why = fit.serves() ? "it serves, but ranks below the chosen index" : fit.why();
    String instead;
    if (r.index() != null) {
      instead = "; index '" + r.index().name() + "' serves it: pin that one or remove the pin";
    } else if (r.served()) {
      instead = "; the query needs no index: remove the pin";
    } else {
      instead = "; no index serves the query" + IndexSuggestion.columnsFor(table, q)
          .map(s -> ": add an index on (" + s + ") and pin it").orElse("");
    }
    out.report(CoverageCode.MC502, q.source(), "query '" + q.name() + "' pins index '" + pinned.name()
        + "', which does not serve it: " + why + instead);
  }

  private static boolean namesKnownColumns(QueryPattern q, Set<String> known) {
    for (Predicate p : q.where()) {
      if (!p.onExpression() && !known.contains(p.column())) {
        return false;
      }
    }
    for (OrderTerm t : q.orderBy()) {
      if (!dev.modelc.model.SqlText.isExpression(t.column()) && !known.contains(t.column())) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> columns(Table table, Map<String, Set<String>> cache) {
    return cache.computeIfAbsent(table.name(), k -> {
      Set<String> names = new HashSet<>();
      for (Column c : table.columns()) {
        names.add(c.name());
      }
      return names;
    });
  }

  private static Map<String, Index> byName(Table table) {
    Map<String, Index> indexes = new LinkedHashMap<>();
    for (Index i : table.allIndexes()) {
      indexes.putIfAbsent(i.name(), i);
    }
    return indexes;
  }

  /** MC504: declared non-unique indexes whose key repeats the start of another's. */
  private static final class RedundantIndexes {
    private RedundantIndexes() {}

    /**
     * Reports each redundant index once and returns their names. Indexes are grouped by their
     * first key column and canonical predicate, so only indexes that could be prefixes of each
     * other are compared. Of two identical indexes, the one declared later is the redundant one.
     */
    static Set<String> report(List<Index> declared, Diagnostics out) {
      Map<String, List<Index>> groups = new LinkedHashMap<>();
      for (Index index : declared) {
        if (index.unique() || index.columns().isEmpty()) {
          continue; // a unique index enforces a rule: never redundant, never made redundant
        }
        String where = index.where() == null ? "" : IndexPredicate.canonical(index.where());
        // only indexes of one method and storage are prefixes of each other (a gin index is no btree)
        groups.computeIfAbsent(index.method() + "\u0000" + index.with() + "\u0000" + QueryShape.key(index.columns().get(0))
            + "\u0000" + where, k -> new ArrayList<>()).add(index);
      }
      Set<String> redundant = new HashSet<>();
      for (List<Index> group : groups.values()) {
        for (int i = 0; i < group.size(); i++) {
          Index shorter = group.get(i);
          Index covering = null;
          for (int j = 0; j < group.size() && covering == null; j++) {
            Index other = group.get(j);
            boolean longer = other.columns().size() > shorter.columns().size();
            boolean earlierTwin = other.columns().size() == shorter.columns().size() && j < i;
            boolean prefixOk = shorter.method().equals("btree") || shorter.columns().size() == other.columns().size();
            if ((longer || earlierTwin) && prefixOk && isPrefix(shorter.columns(), other.columns())) {
              covering = other;
            }
          }
          if (covering != null) {
            boolean same = covering.columns().size() == shorter.columns().size();
            out.report(CoverageCode.MC504, shorter.source(), "index '" + shorter.name() + "' ("
                + QueryResolver.names(shorter.columns()) + ") is " + (same ? "the same as" : "a prefix of")
                + " index '" + covering.name() + "' (" + QueryResolver.names(covering.columns())
                + ")" + (shorter.where() == null ? "" : " with the same predicate")
                + ", which can serve every query it serves; retire '" + shorter.name() + "'");
            redundant.add(shorter.name());
          }
        }
      }
      return redundant;
    }

    private static boolean isPrefix(List<IndexColumn> shorter, List<IndexColumn> longer) {
      for (int i = 0; i < shorter.size(); i++) {
        IndexColumn a = shorter.get(i);
        IndexColumn b = longer.get(i);
        if (!QueryShape.key(a).equals(QueryShape.key(b)) || a.descending() != b.descending()
            || !java.util.Objects.equals(a.nullsFirst(), b.nullsFirst()) || !java.util.Objects.equals(a.opclass(), b.opclass())) {
          return false;
        }
      }
      return true;
    }
  }
}
