package dev.modelc.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An object the database has and the model does not manage, listed under {@code unmanaged:}
 * with why ({@code reason}) and what it reads ({@code dependsOn}: tables and {@code table.column}).
 * Plans never touch it, and refuse steps PostgreSQL would refuse because of it. {@code table} is
 * set for objects that live in a table (triggers, policies); {@code otherKind} names the kind of
 * an entry under {@code other:}.
 */
public record UnmanagedObject(Kind kind, String table, String name, String otherKind, String reason,
    List<String> dependsOn, SourceRef source) {

  public enum Kind {
    VIEWS("view", false),
    MATERIALIZED_VIEWS("materialized view", false),
    FUNCTIONS("function", false),
    TRIGGERS("trigger", true),
    POLICIES("policy", true),
    PARTITIONS("partition", false),
    SEQUENCES("sequence", false),
    TYPES("type", false),
    OTHER("object", false);

    private final String label;
    private final boolean inTable;

    Kind(String label, boolean inTable) {
      this.label = label;
      this.inTable = inTable;
    }

    /** The section name in the model: {@code materializedViews}. */
    public String section() {
      String[] words = name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder b = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      return b.toString();
    }

    /** One object of the kind in words: {@code materialized view}. */
    public String label() {
      return label;
    }

    /** Whether the kind's objects live in a table and are named {@code table.name}. */
    public boolean inTable() {
      return inTable;
    }
  }

  public UnmanagedObject {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(source, "source == null");
    dependsOn = List.copyOf(dependsOn);
  }

  /** How messages name it: {@code view active_users}, {@code trigger users.set_updated_at}. */
  public String describe() {
    return (kind == Kind.OTHER && otherKind != null ? otherKind : kind.label()) + " "
        + (table == null ? name : table + "." + name);
  }

  /** Whether the reason is still the placeholder an import writes ({@link Placeholder}). */
  public boolean reasonUnknown() {
    return Placeholder.is(reason);
  }
}
