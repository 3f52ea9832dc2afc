package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Model;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of {@code modelc explain QUERY}: the query's shape and context, the serving index
 * and how its columns match (equality, range, order), or why each candidate does not serve.
 * The same model gives the same bytes: everything comes from the resolution, whose order is
 * deterministic.
 */
public final class Explainer {
  private Explainer() {}

  /** The explanation of {@code queryName}; null when the model has no such query. */
  public static String explain(Model model, Coverage coverage, String queryName) {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(coverage, "coverage == null");
    Objects.requireNonNull(queryName, "queryName == null");
    Optional<QueryPattern> found = model.query(queryName);
    if (found.isEmpty()) {
      return null;
    }
    QueryPattern q = found.get();
    StringBuilder out = new StringBuilder();
    header(q, out);
    Resolution r = coverage.resolution(queryName);
    if (r == null) {
      out.append("not resolved: table '").append(q.table()).append("' is not in the model\n");
      return out.toString();
    }
    Table table = model.table(q.table()).orElseThrow();
    // The resolver puts a line about the query itself first when no index is involved.
    boolean queryLine = r.index() == null && !r.reasons().isEmpty()
        && (r.served() || QueryShape.of(q, table).readsWholeTable());
    if (r.index() != null) {
      chosen(q, model.table(q.table()).orElse(null), r, out);
    } else if (r.served()) {
      out.append("needs no index").append(queryLine ? ": " + r.reasons().get(0) : "").append('\n');
    } else if (queryLine) {
      out.append("NOT SERVED: ").append(r.reasons().get(0)).append('\n');
    } else {
      out.append("NOT SERVED by any index");
      IndexSuggestion.columnsFor(table, q)
          .ifPresent(s -> out.append("; an index on (").append(s).append(") would serve it"));
      out.append('\n');
    }
    List<String> others = r.index() != null || queryLine
        ? r.reasons().subList(Math.min(1, r.reasons().size()), r.reasons().size()) : r.reasons();
    if (!others.isEmpty()) {
      out.append(r.index() != null ? "other candidates:\n" : "candidates:\n");
      others.forEach(line -> out.append("  ").append(line).append('\n'));
    }
    return out.toString();
  }

  private static void header(QueryPattern q, StringBuilder out) {
    out.append("query ").append(q.name()).append(" (").append(q.source()).append(")\n");
    out.append("  ").append(shape(q)).append('\n');
    out.append("  traffic: ").append(q.traffic().modelName());
    if (q.rate() != null) {
      out.append(", rate ").append(q.rate());
    }
    out.append('\n');
    if (q.owner() != null) {
      out.append("  owner: ").append(q.owner()).append('\n');
    }
    if (!q.endpoints().isEmpty()) {
      out.append("  endpoints: ").append(String.join(", ", q.endpoints())).append('\n');
    }
    if (q.index() != null) {
      out.append("  pinned index: ").append(q.index()).append('\n');
    }
  }

  /** {@code select from charges where merchant_id = ? and status = 'pending' order by created_at limit 100}. */
  static String shape(QueryPattern q) {
    String verb = switch (q.kind()) {
      case INSERT -> "insert into ";
      case UPDATE -> "update ";
      default -> q.kind().modelName() + " from ";
    };
    StringBuilder s = new StringBuilder(verb).append(q.table());
    if (!q.where().isEmpty()) {
      s.append(" where ").append(String.join(" and ", q.where().stream().map(Explainer::condition).toList()));
    }
    if (!q.orderBy().isEmpty()) {
      s.append(" order by ").append(String.join(", ", q.orderBy().stream().map(Object::toString).toList()));
    }
    if (q.limit() != null) {
      s.append(" limit ").append(q.limit());
    }
    return s.toString();
  }

  private static void chosen(QueryPattern q, dev.modelc.model.Table table, Resolution r, StringBuilder out) {
    Index index = r.index();
    IndexFit fit = QueryResolver.fit(QueryShape.of(q, table), index);
    out.append("served by ").append(index.name()).append(" (").append(QueryResolver.names(index.columns()))
        .append(')');
    if (index.unique()) {
      out.append(" unique");
    }
    if (index.where() != null) {
      out.append(" where ").append(index.where());
    }
    out.append('\n');
    if (!fit.equality().isEmpty()) {
      out.append("  equality: ").append(columnNames(fit.equality())).append('\n');
    }
    if (fit.range() != null) {
      out.append("  range: ").append(fit.range().column()).append('\n');
    }
    if (fit.orderNeeded()) {
      out.append("  order: ").append(String.join(", ", q.orderBy().stream().map(Object::toString).toList()));
      switch (fit.sort()) {
        case NONE -> out.append(fit.backward() ? ", reading the index backwards" : ", in index order");
        case INCREMENTAL -> out.append(", partly from the index, then an incremental sort within each group");
        case FULL -> out.append(", sorted: the index gives each value of the in list in order, PostgreSQL sorts them together");
      }
      out.append('\n');
    }
    if (index.where() != null) {
      out.append("  partial: the query implies where ").append(index.where()).append('\n');
    }
    switch (fit.access()) {
      case PARTIAL_SCAN -> out.append("  scan: the whole partial index, which holds only rows its predicate keeps\n");
      case ORDERED_SCAN -> out.append("  scan: in order, stopping after ").append(q.limit()).append(" rows\n");
      case LOOKUP, NONE -> { }
    }
    if (r.atMostOneRow()) {
      out.append("  rows: at most one (unique index, every column compared with =)\n");
    }
  }

  private static String columnNames(List<IndexColumn> columns) {
    return String.join(", ", columns.stream().map(IndexColumn::column).toList());
  }

  private static String condition(Predicate p) {
    String value = p.operator().isUnary() ? "" : " " + (p.literal() != null ? p.literal() : "?");
    return p.column() + " " + p.operator().symbol() + value;
  }
}
