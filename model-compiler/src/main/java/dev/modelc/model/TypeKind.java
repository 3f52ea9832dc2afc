package dev.modelc.model;

import java.util.Arrays;
import java.util.Optional;

/** The portable column types of the model language, with their PostgreSQL spelling. */
public enum TypeKind {
  BOOL("bool", "boolean"),
  SMALLINT("smallint", "smallint"),
  INT("int", "integer"),
  BIGINT("bigint", "bigint"),
  NUMERIC("numeric", "numeric"),
  REAL("real", "real"),
  DOUBLE("double", "double precision"),
  TEXT("text", "text"),
  VARCHAR("varchar", "varchar"),
  CHAR("char", "char"),
  UUID("uuid", "uuid"),
  DATE("date", "date"),
  TIME("time", "time"),
  TIMESTAMP("timestamp", "timestamp"),
  TIMESTAMPTZ("timestamptz", "timestamptz"),
  BYTES("bytes", "bytea"),
  JSON("json", "json"),
  JSONB("jsonb", "jsonb"),
  ENUM("enum", null);

  private final String modelName;
  private final String postgresName;

  TypeKind(String modelName, String postgresName) {
    this.modelName = modelName;
    this.postgresName = postgresName;
  }

  /** The name written in the model YAML, e.g. {@code timestamptz}. */
  public String modelName() {
    return modelName;
  }

  /** The PostgreSQL base type name; null for {@link #ENUM}, whose type is named per column. */
  public String postgresName() {
    return postgresName;
  }

  /** What a type takes in parentheses after its name. */
  public enum Parameters {
    /** Nothing: {@code text}, {@code uuid}; an enum's values come from {@code values:}. */
    NONE,
    /** An optional length: {@code varchar(64)}. */
    LENGTH,
    /** An optional precision and scale: {@code numeric(12)}, {@code numeric(12,2)}. */
    PRECISION_SCALE
  }

  /** The parameters the type takes; the parser and the JSON Schema read them from here. */
  public Parameters parameters() {
    return switch (this) {
      case VARCHAR, CHAR -> Parameters.LENGTH;
      case NUMERIC -> Parameters.PRECISION_SCALE;
      default -> Parameters.NONE;
    };
  }

  public static Optional<TypeKind> fromModelName(String name) {
    return Arrays.stream(values()).filter(k -> k.modelName.equals(name)).findFirst();
  }
}
