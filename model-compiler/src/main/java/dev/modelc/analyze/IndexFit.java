package dev.modelc.analyze;

import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import java.util.List;

/**
 * How one candidate index fits one query: which of its columns the query's conditions use,
 * whether rows come out in the requested order, and in words why it serves or does not.
 * {@code equality} is the index's leading columns fixed by {@code =}, {@code in} or
 * {@code is null}; {@code narrowedByPredicate} counts the query's equality columns that a
 * partial index's predicate already fixes (a smaller index in place of a longer prefix);
 * {@code range} the column after them bounded by a range (null when none);
 * {@code backward} tells that the order comes from reading the index backwards; {@code sort}
 * what PostgreSQL still does to put the rows in order (nothing, a per-group incremental sort,
 * or a sort of the matching rows of an {@code in} list).
 */
record IndexFit(
    Index index,
    Access access,
    List<IndexColumn> equality,
    int narrowedByPredicate,
    IndexColumn range,
    boolean orderNeeded,
    boolean backward,
    OrderSort sort,
    boolean atMostOneRow,
    String why) {

  /** How the index reads the query's rows, or {@link #NONE} when it does not serve. */
  enum Access {
    /** Seeks to the rows matching the equality prefix and the range. */
    LOOKUP,
    /** Reads the whole of a partial index: its predicate, implied by the query, selects the rows. */
    PARTIAL_SCAN,
    /** Reads rows in the order asked and stops after {@code limit} of them. */
    ORDERED_SCAN,
    NONE
  }

  IndexFit {
    equality = List.copyOf(equality);
  }

  static IndexFit miss(Index index, String why) {
    return new IndexFit(index, Access.NONE, List.of(), 0, null, false, false, OrderSort.NONE, false, why);
  }

  boolean serves() {
    return access != Access.NONE;
  }

  /** Equality conditions the index narrows by: its prefix and its partial predicate. */
  int equalityUsed() {
    return equality.size() + narrowedByPredicate;
  }

  boolean rangeUsed() {
    return range != null;
  }

  /** Key and include columns: a smaller index is cheaper to read and to keep. */
  int width() {
    return index.columns().size() + index.include().size();
  }
}
