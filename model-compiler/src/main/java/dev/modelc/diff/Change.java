package dev.modelc.diff;

import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.UniqueConstraint;
import java.util.List;

/**
 * One intended change between two model versions. A changed index is one {@link IndexModified},
 * never an unrelated add and drop; renames come only from {@code renamedFrom}; every removal
 * carries the tombstone that says why.
 */
public sealed interface Change {
  /** The table the change belongs to (the new name for renamed tables). */
  String table();

  record TableAdded(Table added) implements Change {
    public String table() {
      return added.name();
    }
  }

  record TableRemoved(Table removed, Tombstone tombstone) implements Change {
    public String table() {
      return removed.name();
    }
  }

  record TableRenamed(Table from, Table to) implements Change {
    public String table() {
      return to.name();
    }
  }

  record ColumnAdded(String table, Column column) implements Change {}

  record ColumnRemoved(String table, Column column, Tombstone tombstone) implements Change {}

  record ColumnRenamed(String table, Column from, Column to) implements Change {}

  record ColumnTypeChanged(String table, Column from, Column to) implements Change {}

  record ColumnNullabilityChanged(String table, Column from, Column to) implements Change {}

  record ColumnDefaultChanged(String table, Column from, Column to) implements Change {}

  record EnumValuesAdded(String table, Column column, List<String> values) implements Change {}

  /** A column whose identity, serial sequence or generation changes (a type change is a {@link ColumnTypeChanged}). */
  record ColumnGenerationChanged(String table, Column from, Column to) implements Change {}

  /** A description that becomes, changes or stops being the table's comment. */
  record TableCommentChanged(String table, String from, String to) implements Change {}

  record ColumnCommentChanged(String table, String column, String from, String to) implements Change {}

  /** An extension the new model lists and the baseline does not. */
  record ExtensionAdded(String name) implements Change {
    public String table() {
      return "";
    }
  }

  record ForeignKeyAdded(String table, ForeignKey key) implements Change {}

  record ForeignKeyRemoved(String table, ForeignKey key) implements Change {}

  /** The same constraint (same definition) under a new name: renamed in place. */
  record ConstraintRenamed(String table, String from, String to, String what) implements Change {}

  record UniqueAdded(String table, UniqueConstraint unique) implements Change {}

  record UniqueRemoved(String table, UniqueConstraint unique) implements Change {}

  record CheckAdded(String table, Check check) implements Change {}

  record CheckRemoved(String table, Check check) implements Change {}

  record CheckChanged(String table, Check from, Check to) implements Change {}

  record IndexAdded(String table, Index index) implements Change {}

  /** {@code replacement} is the new index that takes over its queries, when there is one. */
  record IndexRemoved(String table, Index index, Tombstone tombstone, Index replacement) implements Change {}

  record IndexModified(String table, Index from, Index to) implements Change {}

  record IndexRenamed(String table, Index from, Index to) implements Change {}
}
