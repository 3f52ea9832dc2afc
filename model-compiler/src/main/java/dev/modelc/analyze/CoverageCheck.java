package dev.modelc.analyze;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Severity;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Model;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reports what the coverage analysis found: unserved queries, wrong pins, idle indexes. */
public final class CoverageCheck {
  private CoverageCheck() {}

  public static List<Diagnostic> check(Model model, Coverage coverage) {
    Diagnostics out = new Diagnostics();
    for (Resolution r : coverage.resolutions()) {
      QueryPattern q = r.query();
      if (q.index() != null) {
        pin(model, q, r, out);
      } else if (!r.served()) {
        unserved(q, r, out);
      }
    }
    for (Table table : model.tables()) {
      Set<String> redundant = redundantPrefixes(table, out);
      for (Index index : table.indexes()) {
        if (index.keep() == null && !redundant.contains(index.name())
            && coverage.queriesServedBy(index.name()).isEmpty()) {
          out.report(CoverageCode.MC503, index.source(), "index '" + index.name()
              + "' serves no declared query; declare the query that needs it, add 'keep: <reason>', or retire it");
        }
      }
    }
    return out.sorted();
  }

  private static void unserved(QueryPattern q, Resolution r, Diagnostics out) {
    Severity severity = switch (q.traffic()) {
      case CRITICAL -> Severity.ERROR;
      case STANDARD -> Severity.WARNING;
      case BATCH -> Severity.NOTE;
    };
    String suggestion = suggestedColumns(q);
    out.report(CoverageCode.MC501, severity, q.source(), q.traffic().modelName() + " query '" + q.name()
        + "' has no index on table '" + q.table() + "' that serves it"
        + (suggestion.isEmpty() ? "" : "; add an index on (" + suggestion + ")")
        + " (modelc explain " + q.name() + " shows why each index does not)");
  }

  private static void pin(Model model, QueryPattern q, Resolution r, Diagnostics out) {
    Table table = model.table(q.table()).orElse(null);
    if (table == null || table.allIndexes().stream().noneMatch(i -> i.name().equals(q.index()))) {
      return; // an unknown pin is a reference error, reported by the check stage
    }
    if (r.index() != null && r.index().name().equals(q.index())) {
      return;
    }
    String why = r.reasons().stream().filter(s -> s.startsWith(q.index() + ": "))
        .map(s -> s.substring(q.index().length() + 2)).findFirst().orElse("it does not fit the query");
    out.report(CoverageCode.MC502, q.source(), "query '" + q.name() + "' pins index '" + q.index()
        + "', which " + why.replaceFirst("^does not serve: ", "does not serve it: ")
        + (r.index() != null ? "; index '" + r.index().name() + "' does: pin that one or remove the pin"
            : "; no index serves the query"));
  }

  /** Reports indexes whose key is a prefix of another's; returns their names. */
  private static Set<String> redundantPrefixes(Table table, Diagnostics out) {
    Set<String> redundant = new HashSet<>();
    List<Index> indexes = table.allIndexes();
    for (Index shorter : table.indexes()) {
      if (shorter.unique() || shorter.keep() != null) {
        continue; // a unique index enforces something; a kept one has its reason
      }
      for (Index longer : indexes) {
        if (longer == shorter || !Objects.equals(longer.where(), shorter.where())
            || longer.columns().size() < shorter.columns().size()) {
          continue;
        }
        boolean equal = longer.columns().size() == shorter.columns().size();
        if (equal && longer.origin() == IndexOrigin.DECLARED && longer.name().compareTo(shorter.name()) > 0
            && !longer.unique()) {
          continue; // of two identical indexes, report the later name only once
        }
        if (isPrefix(shorter.columns(), longer.columns())) {
          out.report(CoverageCode.MC504, shorter.source(), "index '" + shorter.name() + "' ("
              + cols(shorter) + ") is " + (equal ? "the same as" : "a prefix of") + " index '" + longer.name()
              + "' (" + cols(longer) + "), which serves the same lookups; retire '" + shorter.name() + "'");
          redundant.add(shorter.name());
          break;
        }
      }
    }
    return redundant;
  }

  private static boolean isPrefix(List<IndexColumn> a, List<IndexColumn> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).column().equals(b.get(i).column()) || a.get(i).descending() != b.get(i).descending()) {
        return false;
      }
    }
    return true;
  }

  private static String cols(Index index) {
    return String.join(", ", index.columns().stream().map(IndexColumn::toString).toList());
  }

  /** Equality columns, then the order or the range column: the index that would serve. */
  static String suggestedColumns(QueryPattern q) {
    Set<String> cols = new LinkedHashSet<>();
    List<String> range = new ArrayList<>();
    for (Predicate p : q.where()) {
      if (p.operator().shape() == Operator.Shape.EQUALITY && p.operator() != Operator.IN) {
        cols.add(p.column());
      }
    }
    for (Predicate p : q.where()) {
      if (p.operator() == Operator.IN) {
        cols.add(p.column());
      } else if (p.operator().shape() == Operator.Shape.RANGE) {
        range.add(p.column());
      }
    }
    List<String> out = new ArrayList<>(cols);
    if (!q.orderBy().isEmpty() && q.kind() == dev.modelc.model.QueryKind.SELECT) {
      for (OrderTerm t : q.orderBy()) {
        if (!cols.contains(t.column())) {
          out.add(t.toString());
          cols.add(t.column());
        }
      }
    } else if (!range.isEmpty() && !cols.contains(range.get(0))) {
      out.add(range.get(0));
    }
    return String.join(", ", out);
  }
}
