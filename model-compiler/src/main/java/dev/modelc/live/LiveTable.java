package dev.modelc.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of the schema with what hangs on it. {@code parent} is the table it is a partition of
 * or inherits from (null for neither); {@code options} are its storage parameters
 * ({@code fillfactor=70}); {@code accessMethod} is null for the default ({@code heap}).
 */
public record LiveTable(
    String name,
    Kind kind,
    boolean unlogged,
    boolean partition,
    String parent,
    boolean rowSecurity,
    boolean forceRowSecurity,
    List<String> options,
    String tablespace,
    String accessMethod,
    boolean typed,
    char replicaIdentity,
    String comment,
    List<LiveColumn> columns,
    List<LiveConstraint> constraints,
    List<LiveIndex> indexes) {

  /** What kind of table PostgreSQL says it is ({@code relkind}). */
  public enum Kind {
    ORDINARY("table"),
    PARTITIONED("partitioned table"),
    FOREIGN("foreign table");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public LiveTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    options = List.copyOf(options);
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
    indexes = List.copyOf(indexes);
  }

  public Optional<LiveColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public Optional<LiveConstraint> primaryKey() {
    return constraints.stream().filter(c -> c.kind() == LiveConstraint.Kind.PRIMARY_KEY).findFirst();
  }
}
