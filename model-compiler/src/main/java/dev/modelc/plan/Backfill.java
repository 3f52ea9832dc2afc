package dev.modelc.plan;

import java.util.Objects;

/**
 * What a backfill step does, in parts an applier can run in batches of its own size: set
 * {@code column} of {@code table} to the SQL expression {@code value} on every row that meets
 * {@code pending} (a SQL condition that is false once a row is done, so a batch run twice does
 * nothing the second time). {@code batchRows} is the batch size of the step's own SQL.
 */
public record Backfill(String table, String column, String value, String pending, int batchRows) {
  public Backfill {
    Objects.requireNonNull(table, "table == null");
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(pending, "pending == null");
  }
}
