package dev.modelc.analyze;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.IndexOrigin;
import dev.modelc.model.Model;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Policy;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds model records tersely for the analyze tests: {@code index("e_ac", "account_id",
 * "created_at desc").unique().where("state = 'open'")} and {@code query("q").where("state",
 * "= 'open'").orderBy("created_at desc").limit(10)}. Every element gets its own line in
 * {@code m.yaml}, so tests can assert diagnostic positions.
 */
final class Fixtures {
  private static final AtomicInteger LINE = new AtomicInteger(1);
  /** Operators longest first, as the parser reads them. */
  private static final List<String> OPERATORS =
      List.of("is not null", "is null", "in", "<=", ">=", "<>", "!=", "<", ">", "=");

  private Fixtures() {}

  static SourceRef at() {
    return new SourceRef("m.yaml", LINE.getAndIncrement(), 3);
  }

  /**
   * The table most tests use: {@code events}, key {@code id}, a unique column
   * {@code external_ref}, a nullable {@code deleted_at}, and the given indexes.
   */
  static Table events(IndexBuilder... indexes) {
    return table("events", List.of("id"), List.of(
        column("id", TypeKind.BIGINT), column("account_id", TypeKind.BIGINT), column("kind", TypeKind.TEXT),
        column("state", TypeKind.TEXT), column("created_at", TypeKind.TIMESTAMPTZ),
        nullable("deleted_at", TypeKind.TIMESTAMPTZ), unique("external_ref", TypeKind.TEXT),
        column("amount", TypeKind.BIGINT), column("active", TypeKind.BOOL)), indexes);
  }

  static Table table(String name, List<String> primaryKey, List<Column> columns, IndexBuilder... indexes) {
    List<Index> built = Arrays.stream(indexes).map(b -> b.build(name)).toList();
    List<dev.modelc.model.UniqueConstraint> uniques = columns.stream().filter(c -> UNIQUE.contains(c))
        .map(c -> new dev.modelc.model.UniqueConstraint(null, List.of(c.name()), false, true, c.source())).toList();
    return new Table(name, null, null, null, columns, primaryKey, null, uniques, List.of(), built, List.of(), null, at());
  }

  static Column column(String name, TypeKind type) {
    return new Column(name, ColumnType.of(type), false, null, false, null, null, at());
  }

  static Column nullable(String name, TypeKind type) {
    return new Column(name, ColumnType.of(type), true, null, false, null, null, at());
  }

  /** Columns made by {@link #unique}: the tables built here give them a unique constraint. */
  private static final java.util.Set<Column> UNIQUE = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  static Column unique(String name, TypeKind type) {
    Column c = new Column(name, ColumnType.of(type), false, null, false, null, null, at());
    UNIQUE.add(c);
    return c;
  }

  static Model model(List<Table> tables, List<QueryPattern> queries) {
    return new Model("m", "postgresql", tables, queries, List.of(), Policy.defaults(), SourceRef.ofFile("m.yaml"));
  }

  static IndexBuilder index(String name, String... columns) {
    return new IndexBuilder(name, List.of(columns));
  }

  static QueryBuilder query(String name) {
    return new QueryBuilder(name);
  }

  static final class IndexBuilder {
    private final String name;
    private final List<String> columns;
    private final SourceRef source = at();
    private boolean unique;
    private String where;
    private List<String> include = List.of();
    private String keep;

    private IndexBuilder(String name, List<String> columns) {
      this.name = name;
      this.columns = columns;
    }

    IndexBuilder unique() {
      this.unique = true;
      return this;
    }

    IndexBuilder where(String predicate) {
      this.where = predicate;
      return this;
    }

    IndexBuilder include(String... columns) {
      this.include = List.of(columns);
      return this;
    }

    IndexBuilder keep(String reason) {
      this.keep = reason;
      return this;
    }

    Index build(String table) {
      List<IndexColumn> keys = columns.stream().map(c -> {
        String[] parts = c.trim().split("\\s+");
        return new IndexColumn(parts[0], parts.length > 1 && parts[1].equalsIgnoreCase("desc"), source);
      }).toList();
      return new Index(name, table, keys, unique, where, include, "because", keep, null,
          IndexOrigin.DECLARED, source);
    }
  }

  static final class QueryBuilder {
    private final String name;
    private final SourceRef source = at();
    private String table = "events";
    private QueryKind kind = QueryKind.SELECT;
    private final List<Predicate> where = new ArrayList<>();
    private final List<OrderTerm> orderBy = new ArrayList<>();
    private Integer limit;
    private Traffic traffic = Traffic.STANDARD;
    private String pin;
    private String owner;
    private String rate;
    private List<String> endpoints = List.of();

    private QueryBuilder(String name) {
      this.name = name;
    }

    QueryBuilder table(String table) {
      this.table = table;
      return this;
    }

    QueryBuilder kind(QueryKind kind) {
      this.kind = kind;
      return this;
    }

    /** {@code where("created_at", ">=")}, {@code where("state", "= 'open'")}, {@code where("x", "is null")}. */
    QueryBuilder where(String column, String condition) {
      String lower = condition.trim().toLowerCase(java.util.Locale.ROOT);
      for (String spelling : OPERATORS) {
        if (lower.startsWith(spelling)) {
          String rest = condition.trim().substring(spelling.length()).trim();
          Operator op = Operator.fromSymbol(spelling).orElseThrow();
          where.add(new Predicate(column, op, rest.isEmpty() ? null : rest, at()));
          return this;
        }
      }
      throw new IllegalArgumentException("no operator in " + condition);
    }

    QueryBuilder orderBy(String... terms) {
      for (String t : terms) {
        String[] parts = t.trim().split("\\s+");
        orderBy.add(new OrderTerm(parts[0], parts.length > 1 && parts[1].equalsIgnoreCase("desc"), at()));
      }
      return this;
    }

    QueryBuilder limit(int limit) {
      this.limit = limit;
      return this;
    }

    QueryBuilder traffic(Traffic traffic) {
      this.traffic = traffic;
      return this;
    }

    QueryBuilder pin(String index) {
      this.pin = index;
      return this;
    }

    QueryBuilder owner(String owner) {
      this.owner = owner;
      return this;
    }

    QueryBuilder rate(String rate) {
      this.rate = rate;
      return this;
    }

    QueryBuilder endpoints(String... endpoints) {
      this.endpoints = List.of(endpoints);
      return this;
    }

    SourceRef source() {
      return source;
    }

    QueryPattern build() {
      return new QueryPattern(name, table, kind, where, orderBy, limit, List.of(), List.of(), traffic,
          rate, endpoints, owner, pin, null, source);
    }
  }
}
