package dev.modelc.importer;

import dev.modelc.live.LiveType;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's spelling of a PostgreSQL column type ({@code character varying(64)} ->
 * {@code varchar(64)}, {@code timestamp(3) with time zone} -> {@code timestamptz(3)},
 * {@code text[]} -> {@code text[]}), read from {@code format_type}. Enums and serial columns are
 * decided by the caller, which knows the column; everything else the language cannot say is
 * empty.
 */
final class ModelTypes {
  private static final Map<String, String> PLAIN = Map.ofEntries(
      Map.entry("boolean", "bool"), Map.entry("smallint", "smallint"), Map.entry("integer", "int"),
      Map.entry("bigint", "bigint"), Map.entry("real", "real"), Map.entry("double precision", "double"),
      Map.entry("text", "text"), Map.entry("uuid", "uuid"), Map.entry("date", "date"), Map.entry("bytea", "bytes"),
      Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("inet", "inet"), Map.entry("cidr", "cidr"),
      Map.entry("macaddr", "macaddr"), Map.entry("interval", "interval"), Map.entry("money", "money"),
      Map.entry("xml", "xml"), Map.entry("tsvector", "tsvector"), Map.entry("numeric", "numeric"),
      Map.entry("character varying", "varchar"), Map.entry("bit varying", "varbit"),
      Map.entry("time without time zone", "time"), Map.entry("timestamp without time zone", "timestamp"),
      Map.entry("timestamp with time zone", "timestamptz"));
  private static final Pattern SIZED = Pattern.compile(
      "(character varying|character|bit varying|bit|numeric)\\((\\d+)(?:,(\\d+))?\\)");
  private static final Pattern PRECISION = Pattern.compile("(time|timestamp)\\((\\d)\\) (with|without) time zone");

  private ModelTypes() {}

  /** The model spelling of a built-in or citext type; empty when the language has no spelling for it. */
  static Optional<String> spelling(LiveType type) {
    if (type.array()) {
      if (type.elementTypeType() != 'b' || !type.formatted().endsWith("[]")) {
        return Optional.empty();
      }
      String element = type.formatted().substring(0, type.formatted().length() - 2);
      if (element.endsWith("[]") || element.equals("json")) {
        return Optional.empty();
      }
      return scalar(element, type.elementSchema(), type.elementName()).map(s -> s + "[]");
    }
    if (type.typeType() != 'b') {
      return Optional.empty();
    }
    return scalar(type.formatted(), type.schema(), type.name());
  }

  private static Optional<String> scalar(String formatted, String schema, String name) {
    if (!"pg_catalog".equals(schema)) {
      return "citext".equals(name) ? Optional.of("citext") : Optional.empty();
    }
    String plain = PLAIN.get(formatted);
    if (plain != null) {
      return Optional.of(plain);
    }
    Matcher sized = SIZED.matcher(formatted);
    if (sized.matches()) {
      String base = switch (sized.group(1)) {
        case "character varying" -> "varchar";
        case "character" -> "char";
        case "bit varying" -> "varbit";
        case "bit" -> "bit";
        default -> "numeric";
      };
      return Optional.of(base + "(" + sized.group(2) + (sized.group(3) == null ? "" : "," + sized.group(3)) + ")");
    }
    Matcher precision = PRECISION.matcher(formatted);
    if (precision.matches()) {
      String base = precision.group(1).equals("time") ? precision.group(3).equals("with") ? null : "time"
          : precision.group(3).equals("with") ? "timestamptz" : "timestamp";
      return Optional.ofNullable(base).map(b -> b + "(" + precision.group(2) + ")");
    }
    return Optional.empty();
  }

  /** True for types whose values a collation orders: the ones {@code collation:} may be given for. */
  static boolean textLike(String spelling) {
    return spelling.equals("text") || spelling.equals("citext") || spelling.startsWith("varchar")
        || spelling.startsWith("char");
  }

  /** True for the number types, whose literal defaults are written as numbers. */
  static boolean numeric(String spelling) {
    return spelling.equals("smallint") || spelling.equals("int") || spelling.equals("bigint")
        || spelling.startsWith("numeric") || spelling.equals("real") || spelling.equals("double")
        || spelling.endsWith("serial");
  }
}
