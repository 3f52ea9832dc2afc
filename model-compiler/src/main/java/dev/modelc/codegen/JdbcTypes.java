package dev.modelc.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.modelc.dialect.PostgresNames;
import dev.modelc.dialect.PostgresQuerySql;
import dev.modelc.model.Column;
import dev.modelc.model.ColumnType;
import dev.modelc.model.JavaNames;
import dev.modelc.model.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How a column's values cross JDBC: the Java type (boxed when nullable), the code that reads it
 * from a ResultSet position and the code that binds it to a PreparedStatement position. Types
 * pgjdbc has no Java class for (network addresses, intervals, money, xml, text search vectors,
 * bit strings, citext) are their PostgreSQL text, bound untyped so that PostgreSQL parses them.
 * Arrays are {@code List}s, bound with {@code createArrayOf} and read element by element.
 */
final class JdbcTypes {
  /** Types carried as their PostgreSQL text. */
  static final Set<TypeKind> AS_TEXT = EnumSet.of(TypeKind.CITEXT, TypeKind.INET, TypeKind.CIDR, TypeKind.MACADDR,
      TypeKind.INTERVAL, TypeKind.MONEY, TypeKind.XML, TypeKind.TSVECTOR, TypeKind.BIT, TypeKind.VARBIT);
  /**
   * Array element types read through a text[] cast in the select list: pgjdbc's elements would
   * lose a time's fractions, print an interval its own way, or fail (money, bit). The other types
   * pgjdbc has no class for arrive as objects whose text is PostgreSQL's output.
   */
  private static final ClassName LIST = ClassName.get(List.class);

  private final String basePackage;

  JdbcTypes(String basePackage) {
    this.basePackage = basePackage;
  }

  TypeName javaType(String table, Column c) {
    if (c.type().array()) {
      return ParameterizedTypeName.get(LIST, scalar(table, c, c.type().kind()).box());
    }
    TypeName t = scalar(table, c, c.type().kind());
    return c.nullable() ? t.box() : t;
  }

  private TypeName scalar(String table, Column c, TypeKind kind) {
    return switch (kind) {
      case BOOL -> TypeName.BOOLEAN;
      case SMALLINT -> TypeName.SHORT;
      case INT -> TypeName.INT;
      case BIGINT -> TypeName.LONG;
      case REAL -> TypeName.FLOAT;
      case DOUBLE -> TypeName.DOUBLE;
      case NUMERIC -> ClassName.get(BigDecimal.class);
      case TEXT, VARCHAR, CHAR, JSON, JSONB, CITEXT, INET, CIDR, MACADDR, INTERVAL, MONEY, XML, TSVECTOR, BIT, VARBIT ->
          ClassName.get(String.class);
      case UUID -> ClassName.get(UUID.class);
      case DATE -> ClassName.get(LocalDate.class);
      case TIME -> ClassName.get(LocalTime.class);
      case TIMESTAMP -> ClassName.get(LocalDateTime.class);
      case TIMESTAMPTZ -> ClassName.get(OffsetDateTime.class);
      case BYTES -> ArrayTypeName.of(TypeName.BYTE);
      case ENUM -> enumType(table, c);
    };
  }

  ClassName enumType(String table, Column c) {
    return ClassName.get(basePackage, JavaNames.enumType(table, c.name()));
  }

  /** The column as the select list reads it: arrays of some types as text[], so that every element is its text. */
  static String selected(Column c, String quotedName) {
    return PostgresQuerySql.selected(c, quotedName);
  }

  /** Whether reading {@code c} needs the generated {@code list} helper. */
  static boolean readsArray(Column c) {
    return c.type().array();
  }

  /** Reads result column {@code position} of {@code rs}. */
  CodeBlock read(String table, Column c, int position) {
    TypeKind k = c.type().kind();
    if (c.type().array()) {
      return CodeBlock.of("list(rs.getArray($L), $L)", position, element(k));
    }
    if (k == TypeKind.ENUM) {
      return CodeBlock.of("$T.fromDatabase(rs.getString($L))", enumType(table, c), position);
    }
    if (c.nullable() || !javaType(table, c).isPrimitive()) {
      if (AS_TEXT.contains(k)) {
        return CodeBlock.of("rs.getString($L)", position);
      }
      return switch (k) {
        case NUMERIC -> CodeBlock.of("rs.getBigDecimal($L)", position);
        case TEXT, VARCHAR, CHAR, JSON, JSONB -> CodeBlock.of("rs.getString($L)", position);
        case BYTES -> CodeBlock.of("rs.getBytes($L)", position);
        default -> CodeBlock.of("rs.getObject($L, $T.class)", position, javaType(table, c).box());
      };
    }
    String getter = switch (k) {
      case BOOL -> "getBoolean";
      case SMALLINT -> "getShort";
      case INT -> "getInt";
      case BIGINT -> "getLong";
      case REAL -> "getFloat";
      case DOUBLE -> "getDouble";
      default -> throw new IllegalStateException("not a primitive: " + k);
    };
    return CodeBlock.of("rs.$L($L)", getter, position);
  }

  /** The lambda that turns one element pgjdbc returns for an array of {@code k} into its Java value. */
  private static CodeBlock element(TypeKind k) {
    if (PostgresQuerySql.arrayReadAsText(k)) {
      return k == TypeKind.TIME ? CodeBlock.of("v -> $T.parse((String) v)", LocalTime.class) : CodeBlock.of("v -> (String) v");
    }
    return switch (k) {
      case BOOL -> CodeBlock.of("v -> (Boolean) v");
      case SMALLINT -> CodeBlock.of("v -> (Short) v");
      case INT -> CodeBlock.of("v -> (Integer) v");
      case BIGINT -> CodeBlock.of("v -> (Long) v");
      case REAL -> CodeBlock.of("v -> (Float) v");
      case DOUBLE -> CodeBlock.of("v -> (Double) v");
      case NUMERIC -> CodeBlock.of("v -> ($T) v", BigDecimal.class);
      case UUID -> CodeBlock.of("v -> ($T) v", UUID.class);
      case DATE -> CodeBlock.of("v -> ((java.sql.Date) v).toLocalDate()");
      case TIMESTAMP -> CodeBlock.of("v -> ((java.sql.Timestamp) v).toLocalDateTime()");
      case TIMESTAMPTZ -> CodeBlock.of("v -> ((java.sql.Timestamp) v).toInstant().atOffset($T.UTC)", ZoneOffset.class);
      case BYTES -> CodeBlock.of("v -> (byte[]) v");
      case CITEXT, INET, CIDR, MACADDR, XML, TSVECTOR, VARBIT -> CodeBlock.of("v -> v.toString()");
      default -> CodeBlock.of("v -> (String) v"); // text, varchar, char, jsonb
    };
  }

  /** Binds {@code value} to parameter {@code position} of {@code ps}. */
  CodeBlock bind(String table, Column c, int position, String value) {
    if (c.type().array()) {
      return CodeBlock.of("ps.setArray($L, $L == null ? null : connection.createArrayOf($S, $L))", position, value,
          columnElement(table, c), arrayValues(c.type().kind(), value));
    }
    if (AS_TEXT.contains(c.type().kind())) {
      return CodeBlock.of("ps.setObject($L, $L, $T.OTHER)", position, value, java.sql.Types.class);
    }
    return switch (c.type().kind()) {
      case ENUM -> CodeBlock.of("ps.setObject($L, $L == null ? null : $L.databaseValue(), $T.OTHER)", position, value, value,
          java.sql.Types.class);
      case JSON, JSONB -> CodeBlock.of("ps.setObject($L, $L, $T.OTHER)", position, value, java.sql.Types.class);
      case BYTES -> CodeBlock.of("ps.setBytes($L, $L)", position, value);
      case BOOL -> c.nullable() ? CodeBlock.of("ps.setObject($L, $L, $T.BOOLEAN)", position, value, java.sql.Types.class)
          : CodeBlock.of("ps.setBoolean($L, $L)", position, value);
      case INT -> c.nullable() ? CodeBlock.of("ps.setObject($L, $L, $T.INTEGER)", position, value, java.sql.Types.class)
          : CodeBlock.of("ps.setInt($L, $L)", position, value);
      case BIGINT -> c.nullable() ? CodeBlock.of("ps.setObject($L, $L, $T.BIGINT)", position, value, java.sql.Types.class)
          : CodeBlock.of("ps.setLong($L, $L)", position, value);
      case SMALLINT -> c.nullable() ? CodeBlock.of("ps.setObject($L, $L, $T.SMALLINT)", position, value, java.sql.Types.class)
          : CodeBlock.of("ps.setShort($L, $L)", position, value);
      case TEXT, VARCHAR, CHAR -> CodeBlock.of("ps.setString($L, $L)", position, value);
      default -> CodeBlock.of("ps.setObject($L, $L)", position, value);
    };
  }

  /**
   * The elements handed to {@code createArrayOf}: pgjdbc encodes boxed numbers, booleans,
   * strings and byte arrays itself; other values go as their ISO text, which PostgreSQL parses.
   */
  static CodeBlock arrayValues(TypeKind k, String value) {
    return switch (k) {
      case BOOL, SMALLINT, INT, BIGINT, REAL, DOUBLE, BYTES, TEXT, VARCHAR, CHAR, JSON, JSONB, CITEXT, INET, CIDR, MACADDR,
          INTERVAL, MONEY, XML, TSVECTOR, BIT, VARBIT -> CodeBlock.of("$L.toArray()", value);
      case ENUM -> throw new IllegalStateException("enum arrays are bound by databaseValue");
      default -> CodeBlock.of("$L.stream().map(v -> v == null ? null : v.toString()).toArray()", value);
    };
  }

  /** The SQL element type for binding a collection to {@code = ANY (?)} or an array column. */
  static String arrayElement(String table, String column, ColumnType type) {
    return switch (type.kind()) {
      case UUID -> "uuid";
      case INT -> "integer";
      case BIGINT -> "bigint";
      case SMALLINT -> "smallint";
      case NUMERIC -> "numeric";
      case BOOL -> "boolean";
      case DATE -> "date";
      case TIMESTAMPTZ -> "timestamptz";
      case TIMESTAMP -> "timestamp";
      case TIME -> "time";
      case REAL -> "float4";
      case DOUBLE -> "float8";
      case BYTES -> "bytea";
      case JSON, JSONB, CITEXT, INET, CIDR, MACADDR, INTERVAL, MONEY, XML, TSVECTOR, BIT, VARBIT -> type.kind().postgresName()
          .replace("bit varying", "varbit");
      case ENUM -> PostgresNames.enumType(table, column);
      default -> "text"; // text, varchar, char: varchar and char compare with text
    };
  }

  /** The element type of an array column exactly: an array operator needs both sides of one type. */
  static String columnElement(String table, Column c) {
    return switch (c.type().kind()) {
      case VARCHAR -> "varchar";
      case CHAR -> "bpchar";
      default -> arrayElement(table, c.name(), c.type());
    };
  }

  /** The SQL element type of an {@code in} parameter on {@code c}. */
  static String arrayElement(String table, Column c) {
    return arrayElement(table, c.name(), c.type());
  }
}
