package dev.modelc.live;

import java.util.List;
import java.util.Objects;

/**
 * Any other object of the schema: a view, function, trigger, policy, rule, domain, ... or a kind
 * modelc does not know, which keeps PostgreSQL's own name for its kind in {@code kindName}
 * ({@code pg_identify_object}). Triggers, policies and rules carry their {@code table}.
 * {@code dependsOn} lists the tables ({@code orders}) and columns ({@code orders.total}) of the
 * schema the object reads, from {@code pg_depend}.
 */
public record LiveObject(Kind kind, String kindName, String name, String table, List<String> dependsOn) {

  /** The kinds modelc names; everything else is {@link #OTHER}. */
  public enum Kind {
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    TRIGGER("trigger"),
    POLICY("policy"),
    RULE("rule"),
    DOMAIN("domain"),
    COMPOSITE_TYPE("composite type"),
    RANGE_TYPE("range type"),
    BASE_TYPE("base type"),
    EVENT_TRIGGER("event trigger"),
    OTHER("object");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public LiveObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(kindName, "kindName");
    Objects.requireNonNull(name, "name");
    dependsOn = List.copyOf(dependsOn);
  }

  /** {@code table.name} for objects that live on a table, the name otherwise. */
  public String qualifiedName() {
    return table == null ? name : table + "." + name;
  }
}
