package dev.modelc.dialect;

import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a query parameter compared with an expression ({@code where: { "lower(email)": "=" }}):
 * the model type a trailing cast names ({@code length(note)::int}), else the type of the one
 * column the expression reads. modelc does not type SQL expressions beyond that; anything else
 * needs the cast.
 */
public final class ExpressionTypes {
  private static final Pattern TRAILING_CAST = Pattern.compile(".*::\\s*([a-z][a-z ]*[a-z])\\s*$", Pattern.DOTALL);
  /** PostgreSQL spellings of the model's types, for casts written in SQL. */
  private static final Map<String, TypeKind> SQL_NAMES = Map.ofEntries(Map.entry("integer", TypeKind.INT),
      Map.entry("int4", TypeKind.INT), Map.entry("int8", TypeKind.BIGINT), Map.entry("int2", TypeKind.SMALLINT),
      Map.entry("boolean", TypeKind.BOOL), Map.entry("double precision", TypeKind.DOUBLE),
      Map.entry("float8", TypeKind.DOUBLE), Map.entry("float4", TypeKind.REAL), Map.entry("bytea", TypeKind.BYTES),
      Map.entry("character varying", TypeKind.VARCHAR), Map.entry("timestamp with time zone", TypeKind.TIMESTAMPTZ),
      Map.entry("timestamp without time zone", TypeKind.TIMESTAMP));
  /** Types a cast may name: scalar, without a size. */
  private static final Set<TypeKind> CASTABLE = Set.of(TypeKind.BOOL, TypeKind.SMALLINT, TypeKind.INT, TypeKind.BIGINT,
      TypeKind.NUMERIC, TypeKind.REAL, TypeKind.DOUBLE, TypeKind.TEXT, TypeKind.VARCHAR, TypeKind.UUID, TypeKind.DATE,
      TypeKind.TIME, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ, TypeKind.BYTES, TypeKind.JSONB, TypeKind.CITEXT,
      TypeKind.INET, TypeKind.CIDR, TypeKind.MACADDR, TypeKind.INTERVAL);

  private ExpressionTypes() {}

  /** The parameter type of a condition on {@code expression} in {@code table}, or empty when it cannot be told. */
  public static Optional<ColumnType> parameterType(Table table, String expression) {
    Matcher m = TRAILING_CAST.matcher(expression.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      String name = m.group(1).replaceAll("\\s+", " ");
      TypeKind kind = SQL_NAMES.get(name);
      if (kind == null) {
        kind = TypeKind.fromModelName(name).orElse(null);
      }
      return kind != null && CASTABLE.contains(kind) ? Optional.of(ColumnType.of(kind)) : Optional.empty();
    }
    List<String> names = table.columns().stream().map(Column::name).toList();
    Set<String> read = PostgresExpressions.columnsIn(expression, names);
    if (read.size() != 1) {
      return Optional.empty();
    }
    ColumnType type = table.column(read.iterator().next()).orElseThrow().type();
    return type.kind() == TypeKind.ENUM ? Optional.empty() : Optional.of(type);
  }
}
