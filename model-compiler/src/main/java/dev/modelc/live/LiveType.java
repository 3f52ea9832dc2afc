package dev.modelc.live;

import java.util.Objects;

/**
 * A column's type as PostgreSQL names it. {@code formatted} is {@code format_type} with the
 * modifier ({@code character varying(64)}, {@code numeric(12,2)}, {@code text[]}); for an array,
 * {@code elementSchema}/{@code elementName}/{@code elementTypeType} describe the element type.
 * {@code typeType} is {@code pg_type.typtype}: b base, c composite, d domain, e enum, r range,
 * m multirange, p pseudo.
 */
public record LiveType(
    String formatted,
    String schema,
    String name,
    char typeType,
    boolean array,
    String elementSchema,
    String elementName,
    char elementTypeType) {

  public LiveType {
    Objects.requireNonNull(formatted, "formatted");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /** True for a built-in type of {@code pg_catalog}. */
  public boolean builtIn() {
    return schema.equals("pg_catalog");
  }
}
