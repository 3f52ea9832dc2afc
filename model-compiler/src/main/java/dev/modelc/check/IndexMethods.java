package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.IndexColumn;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each index method can hold (MC319), as PostgreSQL 15+ decides it: only btree is unique
 * and ordered, hash and spgist take one key, include columns need btree, gist or spgist, gin and
 * gist need an operator class for plain scalar types, and each method has its own storage
 * parameters. Checked here so that {@code ddl} never writes an index PostgreSQL refuses.
 */
final class IndexMethods {
  /** Storage parameters per method, with their kind of value. */
  private static final Map<String, Map<String, String>> PARAMETERS = Map.of(
      "btree", Map.of("fillfactor", "percent", "deduplicate_items", "boolean"),
      "hash", Map.of("fillfactor", "percent"),
      "gist", Map.of("fillfactor", "percent", "buffering", "buffering"),
      "spgist", Map.of("fillfactor", "percent"),
      "gin", Map.of("fastupdate", "boolean", "gin_pending_list_limit", "kilobytes"),
      "brin", Map.of("pages_per_range", "pages", "autosummarize", "boolean"));
  private static final Set<String> BOOLEANS = Set.of("true", "false", "on", "off", "yes", "no", "1", "0");
  /** Types gin indexes without an operator class: arrays (by type), jsonb, tsvector. */
  private static final Set<TypeKind> GIN_TYPES = Set.of(TypeKind.JSONB, TypeKind.TSVECTOR);
  /** Types with a default gist operator class in PostgreSQL's core (inet and cidr have inet_ops, which is not the default). */
  private static final Set<TypeKind> GIST_TYPES = Set.of(TypeKind.TSVECTOR);
  /** Types with a default spgist operator class in PostgreSQL's core. */
  private static final Set<TypeKind> SPGIST_TYPES = Set.of(TypeKind.TEXT, TypeKind.INET, TypeKind.CIDR);
  /** Types brin cannot index without an operator class: no minmax order. */
  private static final Set<TypeKind> NO_BRIN = Set.of(TypeKind.JSON, TypeKind.JSONB, TypeKind.XML, TypeKind.TSVECTOR,
      TypeKind.BOOL);
  /** Types hash cannot index: no equality (json, xml) or no hash support. */
  private static final Set<TypeKind> NO_HASH = Set.of(TypeKind.JSON, TypeKind.XML, TypeKind.TSVECTOR, TypeKind.BIT,
      TypeKind.VARBIT);

  private IndexMethods() {}

  /** Reports what {@code index}'s method cannot hold; false when something was reported. */
  static boolean check(Table table, Index index, Diagnostics out) {
    String what = "index '" + index.name() + "'";
    String method = index.method();
    int before = out.errorCount();
    if (index.unique() && !method.equals("btree")) {
      problem(index, what + " is unique, but only btree indexes can be; remove 'unique' or use method btree", out);
    }
    if (index.nullsNotDistinct() && !index.unique()) {
      problem(index, what + " has nullsNotDistinct, which applies to unique indexes only; add 'unique: true' or remove it", out);
    }
    if (!index.include().isEmpty() && !List.of("btree", "gist", "spgist").contains(method)) {
      problem(index, what + " has 'include', which " + method + " indexes do not support (btree, gist and spgist do)", out);
    }
    if ((method.equals("hash") || method.equals("spgist")) && index.columns().size() > 1) {
      problem(index, what + " has " + index.columns().size() + " keys, but " + method + " indexes take exactly one", out);
    }
    for (IndexColumn key : index.columns()) {
      if (!method.equals("btree") && (key.descending() || key.nullsFirst() != null)) {
        out.report(ReferenceCode.MC319, key.source(), "key '" + key.column() + "' of " + what + " has an order (desc or nulls"
            + " first/last), which only btree keys have");
      }
      Optional<Column> column = key.expression() ? Optional.empty() : table.column(key.column());
      if (column.isEmpty() || key.opclass() != null) {
        continue; // expressions and explicit operator classes: PostgreSQL's to judge
      }
      String missing = defaultOpclassProblem(method, column.get());
      if (missing != null) {
        out.report(ReferenceCode.MC319, key.source(), "column '" + column.get().name() + "' of " + what + " is "
            + column.get().type().modelSpelling() + ", which " + method + " cannot index without an operator class ("
            + missing + "); name one with { column: " + column.get().name() + ", opclass: ... } or choose another method");
      }
    }
    Map<String, String> allowed = PARAMETERS.get(method);
    index.with().forEach((name, value) -> {
      String kind = allowed.get(name);
      if (kind == null) {
        problem(index, "storage parameter '" + name + "' of " + what + " is not one of " + method + "'s: "
            + String.join(", ", allowed.keySet().stream().sorted().toList()), out);
      } else if (!fits(kind, value.toLowerCase(java.util.Locale.ROOT))) {
        problem(index, "storage parameter '" + name + "' of " + what + " must be " + describe(kind) + ", not '" + value + "'", out);
      }
    });
    return out.errorCount() == before;
  }

  private static String defaultOpclassProblem(String method, Column c) {
    TypeKind k = c.type().kind();
    boolean array = c.type().array();
    return switch (method) {
      case "gin" -> array || GIN_TYPES.contains(k) ? null : "gin indexes arrays, jsonb and tsvector";
      case "gist" -> !array && GIST_TYPES.contains(k) ? null : "gist indexes tsvector by default; inet and cidr need opclass inet_ops";
      case "spgist" -> !array && SPGIST_TYPES.contains(k) ? null : "spgist indexes text, inet and cidr by default";
      case "brin" -> !array && !NO_BRIN.contains(k) ? null : "brin needs values with an order";
      case "hash" -> !NO_HASH.contains(k) ? null : "hash needs values with hashable equality";
      default -> null;
    };
  }

  private static boolean fits(String kind, String value) {
    return switch (kind) {
      case "boolean" -> BOOLEANS.contains(value);
      case "buffering" -> value.equals("auto") || value.equals("on") || value.equals("off");
      case "percent" -> value.matches("\\d{2,3}") && Integer.parseInt(value) >= 10 && Integer.parseInt(value) <= 100;
      case "kilobytes" -> value.matches("\\d{2,7}") && Integer.parseInt(value) >= 64 && Integer.parseInt(value) <= 2_097_151;
      default -> value.matches("\\d{1,10}") && Long.parseLong(value) >= 1 && Long.parseLong(value) <= 131_072;
    };
  }

  private static String describe(String kind) {
    return switch (kind) {
      case "boolean" -> "true or false";
      case "buffering" -> "auto, on or off";
      case "percent" -> "a whole number from 10 to 100";
      case "kilobytes" -> "a number of kilobytes from 64 to 2097151";
      default -> "a number of pages from 1 to 131072";
    };
  }

  private static void problem(Index index, String message, Diagnostics out) {
    out.report(ReferenceCode.MC319, index.source(), message);
  }

  /** The extension an operator class comes from, when modelc knows it; null otherwise. */
  static String extensionOf(String opclass) {
    if (opclass == null) {
      return null;
    }
    return switch (opclass) {
      case "gin_trgm_ops", "gist_trgm_ops" -> "pg_trgm";
      default -> null;
    };
  }
}
