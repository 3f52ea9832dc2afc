package dev.modelc.analyze;

import dev.modelc.model.ColumnType;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Operator;
import dev.modelc.model.Predicate;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an index of another method than btree fits a query: it serves only the conditions its
 * method and operator classes answer, each key on its own (no prefix rule), returns rows in no
 * order and never proves a single row. Hash: {@code =} on its one key. Gin: {@code @>}, {@code &&},
 * {@code @@}, and {@code <@} / {@code =} on arrays; {@code like} / {@code ilike} with
 * {@code gin_trgm_ops}; only {@code @>} with {@code jsonb_path_ops}. Gist: {@code @@},
 * {@code like} / {@code ilike} with {@code gist_trgm_ops}, {@code =} on inet and cidr. Spgist:
 * {@code =} and ranges. Brin: {@code =} and ranges, reading block ranges.
 */
final class MethodFit {
  private MethodFit() {}

  static IndexFit fit(QueryShape shape, Index index) {
    if (index.where() != null) {
      // partial non-btree indexes are rare: they serve only when the predicate is implied, like a btree
      IndexFit partial = QueryResolver.fit(shape, btreeView(index));
      if (!partial.serves() && partial.why().startsWith("it is partial")) {
        return IndexFit.miss(index, partial.why());
      }
    }
    List<IndexColumn> used = new ArrayList<>();
    List<String> how = new ArrayList<>();
    for (IndexColumn key : index.columns()) {
      for (Predicate p : shape.where()) {
        if (QueryShape.key(p.column()).equals(QueryShape.key(key)) && serves(index, key, p, shape)) {
          used.add(key);
          how.add(key.column() + " " + p.operator().symbol());
          break;
        }
      }
    }
    String method = index.method();
    if (used.isEmpty()) {
      return IndexFit.miss(index, "a " + method + " index serves " + serves(index) + " on its keys ("
          + QueryResolver.names(index.columns()) + "), and the query has no such condition");
    }
    if (shape.needsOrder()) {
      return IndexFit.miss(index, "it serves " + String.join(", ", how) + ", but a " + method
          + " index returns rows in no order, so every matching row would have to be sorted for the orderBy");
    }
    return new IndexFit(index, IndexFit.Access.LOOKUP, used, 0, null, false, false, OrderSort.NONE, false,
        method + " lookup on " + String.join(", ", how) + (method.equals("brin") ? " (block ranges, rechecked)" : ""));
  }

  /** Whether {@code index}'s key {@code key} answers the condition {@code p}. */
  private static boolean serves(Index index, IndexColumn key, Predicate p, QueryShape shape) {
    Operator op = p.operator();
    String opclass = key.opclass();
    Optional<ColumnType> type = key.expression() ? Optional.empty() : shape.type(key.column());
    boolean array = type.map(ColumnType::array).orElse(false);
    return switch (index.method()) {
      case "hash" -> op == Operator.EQ && index.columns().size() == 1;
      case "brin", "spgist" -> op == Operator.EQ || op.shape() == Operator.Shape.RANGE;
      case "gin" -> {
        if ("gin_trgm_ops".equals(opclass)) {
          yield op == Operator.LIKE || op == Operator.ILIKE;
        }
        if ("jsonb_path_ops".equals(opclass)) {
          yield op == Operator.CONTAINS;
        }
        yield op == Operator.CONTAINS || op == Operator.OVERLAPS || op == Operator.MATCHES
            || (array && (op == Operator.CONTAINED_BY || op == Operator.EQ));
      }
      case "gist" -> {
        if ("gist_trgm_ops".equals(opclass)) {
          yield op == Operator.LIKE || op == Operator.ILIKE;
        }
        TypeKind kind = type.map(ColumnType::kind).orElse(null);
        yield op == Operator.MATCHES || (op == Operator.EQ && !array && (kind == TypeKind.INET || kind == TypeKind.CIDR));
      }
      default -> false;
    };
  }

  private static String serves(Index index) {
    return switch (index.method()) {
      case "hash" -> "only = on its one key";
      case "brin", "spgist" -> "= and ranges";
      case "gin" -> index.columns().stream().anyMatch(k -> "gin_trgm_ops".equals(k.opclass())) ? "like and ilike"
          : "@>, <@, && and @@";
      case "gist" -> index.columns().stream().anyMatch(k -> "gist_trgm_ops".equals(k.opclass())) ? "like and ilike" : "@@";
      default -> "nothing modelc knows";
    };
  }

  /** The same keys as a btree: used to read a partial predicate the way a btree's is read. */
  private static Index btreeView(Index index) {
    return new Index(index.name(), index.table(), index.columns(), false, index.where(), List.of(), index.reason(),
        index.keep(), index.renamedFrom(), index.origin(), index.source());
  }
}
