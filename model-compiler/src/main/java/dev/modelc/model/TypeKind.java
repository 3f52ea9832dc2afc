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

  public static Optional<TypeKind> fromModelName(String name) {
    return Arrays.stream(values()).filter(k -> k.modelName.equals(name)).findFirst();
  }
}
