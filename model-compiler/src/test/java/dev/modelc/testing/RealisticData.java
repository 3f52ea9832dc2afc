package dev.modelc.testing;

import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a model's tables with data shaped like production, so that PostgreSQL's planner sees
 * what it would see there: row counts follow each table's {@code rows:} estimate, compressed
 * (tables up to 2,000 rows keep their size, the largest get {@link #MAX_ROWS}, the order of sizes
 * is kept); foreign keys are skewed (a few parents own many rows); enum columns have a common
 * value and rare ones (the default, an initial state, is rare); nullable columns are mostly set,
 * except soft-delete style columns, which are mostly NULL; timestamps spread over two years;
 * primary keys and unique columns are distinct. Deterministic: the same model gives the same
 * rows. Ends with ANALYZE.
 */
public final class RealisticData {
  /** The largest table's row count. */
  public static final long MAX_ROWS = 60_000;
  private static final long KEEP_BELOW = 2_000;
  private static final long BIGGEST_ESTIMATE = 12_000_000_000L;

  private final Model model;
  private final Map<String, Long> rows = new HashMap<>();
  private final Map<String, Set<String>> distinctColumns = new HashMap<>();

  private RealisticData(Model model, long cap) {
    this.model = model;
    for (Table t : model.tables()) {
      rows.put(t.name(), Math.min(cap, scaled(t.rows() == null ? 10_000 : t.rows())));
      distinctColumns.put(t.name(), distinct(t));
    }
    // A unique foreign key needs a parent per row.
    for (Table t : model.tables()) {
      for (Column c : t.columns()) {
        Optional<ForeignKey> fk = reference(t, c);
        if (fk.isPresent() && distinctColumns.get(t.name()).contains(c.name())) {
          rows.put(t.name(), Math.min(rows.get(t.name()), rows.getOrDefault(fk.get().targetTable(), 0L)));
        }
      }
    }
  }

  /** The rows each table gets for an estimate of {@code estimate}. */
  public static long scaled(long estimate) {
    if (estimate <= KEEP_BELOW) {
      return Math.max(estimate, 50);
    }
    double exponent = Math.log((double) MAX_ROWS / KEEP_BELOW) / Math.log((double) BIGGEST_ESTIMATE / KEEP_BELOW);
    return Math.min(MAX_ROWS, Math.round(KEEP_BELOW * Math.pow((double) estimate / KEEP_BELOW, exponent)));
  }

  /** Creates nothing: fills the existing tables of {@code model} on {@code connection}, then analyzes them. */
  public static Map<String, Long> fill(Model model, Connection connection) throws SQLException {
    return fill(model, connection, MAX_ROWS);
  }

  /** {@link #fill(Model, Connection)} with at most {@code cap} rows per table (for tests that need shapes, not sizes). */
  public static Map<String, Long> fill(Model model, Connection connection, long cap) throws SQLException {
    RealisticData data = new RealisticData(model, cap);
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT setseed(0.42)");
      for (Table t : PostgresDdl.referencedFirst(model)) {
        s.execute(data.insert(t));
      }
      s.execute("ANALYZE");
    }
    return Map.copyOf(data.rows);
  }

  /** The row count each table gets. */
  public static Map<String, Long> rowCounts(Model model) {
    return Map.copyOf(new RealisticData(model, MAX_ROWS).rows);
  }

  /**
   * Columns whose values must be distinct: the primary key, unique columns, and for each
   * declared unique index without such a column, its first column that is no foreign key.
   */
  private static Set<String> distinct(Table t) {
    Set<String> out = new HashSet<>(t.primaryKey());
    List<List<String>> keys = new ArrayList<>();
    t.uniques().forEach(u -> keys.add(u.columns()));
    t.indexes().stream().filter(i -> i.unique() && i.where() == null).forEach(i -> keys.add(i.columnNames()));
    for (List<String> key : keys) {
      if (key.size() == 1) {
        out.add(key.get(0));
      } else if (key.stream().noneMatch(out::contains)) {
        out.add(key.stream().filter(n -> t.column(n).map(c -> reference(t, c).isEmpty()).orElse(false))
            .findFirst().orElse(key.get(0)));
      }
    }
    return out;
  }

  /** The single-column foreign key of {@code c}, if it has one. */
  private static Optional<ForeignKey> reference(Table t, Column c) {
    return t.foreignKeysOf(c.name()).stream().filter(k -> k.columns().size() == 1).findFirst();
  }

  private String insert(Table t) {
    long n = rows.get(t.name());
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Column c : t.columns()) {
      names.add(PostgresNames.quote(c.name()));
      values.add(value(t, c, n));
    }
    return "INSERT INTO " + PostgresNames.quote(t.name()) + " (" + String.join(", ", names) + ") SELECT "
        + String.join(", ", values) + " FROM generate_series(1, " + n + ") AS g(i)";
  }

  private String value(Table t, Column c, long n) {
    boolean distinct = distinctColumns.get(t.name()).contains(c.name());
    String v;
    Optional<ForeignKey> fk = reference(t, c);
    if (fk.isPresent()) {
      long parents = rows.getOrDefault(fk.get().targetTable(), 1L);
      // distinct: one parent per row; otherwise a power law, the first parents owning most rows
      String j = distinct ? "g.i" : "(1 + floor(" + parents + " * power(random(), 3)))::bigint";
      Table parent = model.table(fk.get().targetTable()).orElseThrow();
      v = keyValue(parent.name(), parent.column(fk.get().targetColumns().get(0)).orElseThrow(), j);
    } else if (distinct) {
      v = keyValue(t.name(), c, "g.i");
    } else {
      v = plainValue(t, c, n);
    }
    if (c.nullable() && !distinct) {
      double nulls = softDelete(c.name()) ? 0.95 : fk.isPresent() ? 0.1 : 0.3;
      v = "CASE WHEN random() < " + nulls + " THEN NULL ELSE " + v + " END";
    }
    return v;
  }

  /** The value of row {@code j} in a key column: what a referencing row computes for its parent too. */
  private static String keyValue(String table, Column c, String j) {
    String seed = PostgresNames.literal(table + "." + c.name() + ".");
    return switch (c.type().kind()) {
      case UUID -> "md5(" + seed + " || " + j + ")::uuid";
      case SMALLINT, INT, BIGINT -> j;
      case NUMERIC, REAL, DOUBLE -> j + "::" + c.type().kind().postgresName();
      case BYTES -> "decode(md5(" + seed + " || " + j + "), 'hex')";
      case DATE -> "date '2000-01-01' + " + j + "::int";
      case TIMESTAMP, TIMESTAMPTZ -> "timestamptz '2000-01-01' + " + j + " * interval '1 second'";
      case TEXT, VARCHAR, CHAR -> text(c.type(), j + "::text", true);
      default -> "(" + j + ")::text";
    };
  }

  private String plainValue(Table t, Column c, long n) {
    ColumnType type = c.type();
    return switch (type.kind()) {
      case BOOL -> "random() < " + ("true".equalsIgnoreCase(c.defaultValue()) ? 0.9
          : "false".equalsIgnoreCase(c.defaultValue()) ? 0.1 : 0.5);
      case SMALLINT -> "(1 + floor(random() * 1000))::smallint";
      case INT, BIGINT -> "(1 + floor(power(random(), 2) * 100000))::" + type.kind().postgresName();
      case NUMERIC -> numeric(type);
      case REAL, DOUBLE -> "(random() * 180 - 90)::" + type.kind().postgresName();
      case TEXT, VARCHAR, CHAR -> text(type, "floor(power(random(), 2) * 200)::text", false);
      case UUID -> "md5(random()::text)::uuid";
      case DATE -> "date '2024-01-01' + floor(random() * 730)::int";
      case TIME -> "time '00:00' + random() * interval '24 hours'";
      case TIMESTAMP, TIMESTAMPTZ -> {
        // creation times grow with the row number, like an append-only table; others spread out
        String at = c.name().startsWith("created") || c.name().equals("occurred_at") || c.name().endsWith("scanned_at")
            ? "timestamptz '2024-01-01' + (g.i::float8 / " + n + ") * interval '730 days' + random() * interval '1 hour'"
            : "timestamptz '2024-01-01' + random() * interval '730 days'";
        yield type.kind() == TypeKind.TIMESTAMP ? "(" + at + ")::timestamp" : at;
      }
      case BYTES -> "decode(md5(random()::text), 'hex')";
      case JSON, JSONB -> "('{\"n\": ' || floor(random() * 10) || '}')::" + type.kind().postgresName();
      case ENUM -> enumValue(t, c);
      default -> throw new IllegalArgumentException("no realistic values for a " + type.kind() + " column ("
          + t.name() + "." + c.name() + ")");
    };
  }

  /** A common value, a second one, and the rest rare; the default (an initial state) rarest. */
  private static String enumValue(Table t, Column c) {
    List<String> values = new ArrayList<>(c.type().enumValues());
    String initial = c.defaultValue() == null ? null : c.defaultValue().replace("'", "");
    if (initial != null && values.remove(initial)) {
      values.add(initial);
    }
    List<String> thresholds = new ArrayList<>();
    double cumulative = 0;
    double share = 0.7;
    for (int k = 0; k < values.size() - 1; k++) {
      cumulative += (1 - cumulative) * share;
      thresholds.add(String.format(Locale.ROOT, "%.4f", cumulative));
      share = 0.6;
    }
    // one draw per row: width_bucket says which share it fell in
    String bucket = thresholds.isEmpty() ? "1"
        : "width_bucket(random(), ARRAY[" + String.join(", ", thresholds) + "]::float8[]) + 1";
    return "CAST((ARRAY[" + String.join(", ", values.stream().map(PostgresNames::literal).toList()) + "])["
        + bucket + "] AS " + PostgresNames.quote(PostgresNames.enumType(t.name(), c.name())) + ")";
  }

  private static String numeric(ColumnType type) {
    int scale = type.scale() == null ? 2 : type.scale();
    int integerDigits = type.precision() == null ? 6 : Math.min(6, type.precision() - scale);
    double max = Math.pow(10, Math.max(0, integerDigits)) - 1;
    return "round((1 + random() * " + (long) Math.max(1, max - 1) + ")::numeric, " + scale + ")";
  }

  /** Text that fits the column's length: distinct when {@code unique}, else from a small skewed vocabulary. */
  private static String text(ColumnType type, String number, boolean unique) {
    Integer length = type.length();
    String v = unique ? number : "'v' || " + number;
    if (type.kind() == TypeKind.CHAR && length != null) {
      return "lpad(" + (unique ? number : "chr(65 + (" + number + ")::int % 26)") + ", " + length + ", 'A')";
    }
    if (length != null) {
      return "right(" + v + ", " + length + ")";
    }
    return v;
  }

  private static boolean softDelete(String column) {
    return column.startsWith("deleted") || column.startsWith("revoked") || column.startsWith("archived")
        || column.startsWith("canceled") || column.startsWith("cancelled");
  }
}
