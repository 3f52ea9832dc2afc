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
  ENUM("enum", null),
  CITEXT("citext", "citext"),
  INET("inet", "inet"),
  CIDR("cidr", "cidr"),
  MACADDR("macaddr", "macaddr"),
  INTERVAL("interval", "interval"),
  MONEY("money", "money"),
  XML("xml", "xml"),
  TSVECTOR("tsvector", "tsvector"),
  BIT("bit", "bit"),
  VARBIT("varbit", "bit varying");

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

  /** Types that hold text and take a collation. */
  public boolean textLike() {
    return this == TEXT || this == VARCHAR || this == CHAR || this == CITEXT;
  }

  /** smallint, int and bigint: the types of identity and serial columns. */
  public boolean integer() {
    return this == SMALLINT || this == INT || this == BIGINT;
  }

  /** Whether {@code T[]} is a type: every type but enum and json (PostgreSQL has no equality for json). */
  public boolean arrays() {
    return this != ENUM && this != JSON;
  }

  /** What a type takes in parentheses after its name. */
  public enum Parameters {
    /** Nothing: {@code text}, {@code uuid}; an enum's values come from {@code values:}. */
    NONE,
    /** An optional length: {@code varchar(64)}, {@code bit(8)}. */
    LENGTH,
    /** An optional precision and scale: {@code numeric(12)}, {@code numeric(12,2)}. */
    PRECISION_SCALE,
    /** An optional number of fractional digits of seconds: {@code timestamptz(3)}. */
    FRACTIONAL_SECONDS
  }

  /** The parameters the type takes; the parser and the JSON Schema read them from here. */
  public Parameters parameters() {
    return switch (this) {
      case VARCHAR, CHAR, BIT, VARBIT -> Parameters.LENGTH;
      case NUMERIC -> Parameters.PRECISION_SCALE;
      case TIME, TIMESTAMP, TIMESTAMPTZ -> Parameters.FRACTIONAL_SECONDS;
      default -> Parameters.NONE;
    };
  }

  public static Optional<TypeKind> fromModelName(String name) {
    return Optional.ofNullable(BY_MODEL_NAME.get(name));
  }

  /** Read once per column of every model: a lookup, not a scan of the constants. */
  private static final java.util.Map<String, TypeKind> BY_MODEL_NAME =
      Arrays.stream(values()).collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k.modelName, k -> k));
}
