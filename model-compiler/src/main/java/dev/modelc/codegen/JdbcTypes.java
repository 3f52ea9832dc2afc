package dev.modelc.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.modelc.model.Column;
import dev.modelc.model.JavaNames;
import dev.modelc.model.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * How a column's values cross JDBC: the Java type (boxed when nullable), the code that reads it
 * from a ResultSet position and the code that binds it to a PreparedStatement position.
 */
final class JdbcTypes {
  private final String basePackage;

  JdbcTypes(String basePackage) {
    this.basePackage = basePackage;
  }

  TypeName javaType(String table, Column c) {
    TypeName t = switch (c.type().kind()) {
      case BOOL -> TypeName.BOOLEAN;
      case SMALLINT -> TypeName.SHORT;
      case INT -> TypeName.INT;
      case BIGINT -> TypeName.LONG;
      case REAL -> TypeName.FLOAT;
      case DOUBLE -> TypeName.DOUBLE;
      case NUMERIC -> ClassName.get(BigDecimal.class);
      case TEXT, VARCHAR, CHAR, JSON, JSONB -> ClassName.get(String.class);
      case UUID -> ClassName.get(UUID.class);
      case DATE -> ClassName.get(LocalDate.class);
      case TIME -> ClassName.get(LocalTime.class);
      case TIMESTAMP -> ClassName.get(LocalDateTime.class);
      case TIMESTAMPTZ -> ClassName.get(OffsetDateTime.class);
      case BYTES -> ArrayTypeName.of(TypeName.BYTE);
      case ENUM -> enumType(table, c);
    };
    return c.nullable() ? t.box() : t;
  }

  ClassName enumType(String table, Column c) {
    return ClassName.get(basePackage, JavaNames.enumType(table, c.name()));
  }

  /** Reads result column {@code position} of {@code rs}. */
  CodeBlock read(String table, Column c, int position) {
    TypeKind k = c.type().kind();
    if (k == TypeKind.ENUM) {
      return CodeBlock.of("$T.fromDatabase(rs.getString($L))", enumType(table, c), position);
    }
    if (c.nullable() || !javaType(table, c).isPrimitive()) {
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

  /** Binds {@code value} to parameter {@code position} of {@code ps}. */
  CodeBlock bind(Column c, int position, String value) {
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
}
