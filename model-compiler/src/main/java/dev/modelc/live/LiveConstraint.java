package dev.modelc.live;

import java.util.List;
import java.util.Objects;

/**
 * A table constraint as {@code pg_constraint} has it, with its real name. Foreign keys carry the
 * referenced table and columns in order, the actions ({@code no action}, {@code restrict},
 * {@code cascade}, {@code set null}, {@code set default}), {@code match} ({@code simple},
 * {@code full}, {@code partial}) and the columns of {@code ON DELETE SET NULL (cols)}. Checks
 * carry their expression ({@code pg_get_expr}); every constraint its full definition
 * ({@code pg_get_constraintdef}). {@code inherited} is true for a constraint a partition or
 * child table got from its parent.
 */
public record LiveConstraint(
    String name,
    Kind kind,
    List<String> columns,
    String referencedSchema,
    String referencedTable,
    List<String> referencedColumns,
    String onDelete,
    String onUpdate,
    String match,
    List<String> onDeleteColumns,
    boolean deferrable,
    boolean initiallyDeferred,
    boolean validated,
    boolean noInherit,
    boolean inherited,
    String expression,
    String definition,
    String indexName,
    String comment) {

  /** {@code contype}; anything PostgreSQL adds later is {@link #OTHER}. */
  public enum Kind {
    PRIMARY_KEY("primary key"),
    UNIQUE("unique constraint"),
    FOREIGN_KEY("foreign key"),
    CHECK("check constraint"),
    EXCLUSION("exclusion constraint"),
    TRIGGER("constraint trigger"),
    OTHER("constraint");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The kind of a {@code pg_constraint.contype}; null for not-null constraints, which are column facts. */
    public static Kind of(char contype) {
      return switch (contype) {
        case 'p' -> PRIMARY_KEY;
        case 'u' -> UNIQUE;
        case 'f' -> FOREIGN_KEY;
        case 'c' -> CHECK;
        case 'x' -> EXCLUSION;
        case 't' -> TRIGGER;
        case 'n' -> null;
        default -> OTHER;
      };
    }
  }

  public LiveConstraint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
    onDeleteColumns = List.copyOf(onDeleteColumns);
  }
}
