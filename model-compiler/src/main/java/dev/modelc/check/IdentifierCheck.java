package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Check;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.JavaNames;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifiers: every name of the database (tables, columns, indexes, constraints, sequences,
 * extensions, unmanaged objects) is 1 to 63 bytes (PostgreSQL truncates longer names silently)
 * without control characters. Any other name is fine: modelc quotes names that are not lower
 * snake_case, and reserved words, wherever it writes SQL, and never changes them (a reserved
 * word is a warning, because SQL written by hand must quote it too). Query names are Java method
 * names, and no two names become the same Java name after case conversion.
 */
final class IdentifierCheck {
  static final int MAX_BYTES = 63;
  private static final Pattern LOWER_CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

  static final Set<String> RESERVED = dev.modelc.dialect.PostgresReserved.WORDS;

  private IdentifierCheck() {}

  /** A table's SQL names, and the Java names its record, query class, components and enums take. */
  private static void table(Map<String, String> types, Table table, Diagnostics out) {
    sqlName(table.name(), "table", table.source(), out);
    javaCollision(types, JavaNames.record(table.name()), "table '" + table.name() + "'",
        "row record", table.source(), out);
    javaCollision(types, JavaNames.queries(table.name()), "table '" + table.name() + "'",
        "query class", table.source(), out);
    Map<String, String> fields = new HashMap<>();
    for (Column column : table.columns()) {
      sqlName(column.name(), "column", column.source(), out);
      String what = "column '" + table.name() + "." + column.name() + "'";
      javaCollision(fields, JavaNames.field(column.name()), what, "record component", column.source(), out);
      if (column.type().kind() == TypeKind.ENUM) {
        javaCollision(types, JavaNames.enumType(table.name(), column.name()), "enum " + what,
            "enum", column.source(), out);
        Map<String, String> constants = new HashMap<>();
        for (String value : column.type().enumValues()) {
          String constant = JavaNames.constant(value);
          String first = constants.putIfAbsent(constant, value);
          if (first != null && !first.equals(value)) {
            out.report(IdentifierCode.MC405, column.source(), "enum values '" + printable(value) + "' and '"
                + printable(first) + "' of " + what + " both become the Java constant '" + constant
                + "'; rename one of them");
          }
        }
      }
    }
    for (Index index : table.indexes()) {
      sqlName(index.name(), "index", index.source(), out);
    }
    for (Check check : table.checks()) {
      sqlName(check.name(), "check", check.source(), out);
    }
    if (table.primaryKeyName() != null) {
      sqlName(table.primaryKeyName(), "primary key", table.source(), out);
    }
    for (var u : table.uniques()) {
      if (u.name() != null) {
        sqlName(u.name(), "unique constraint", u.source(), out);
      }
    }
    for (var fk : table.foreignKeys()) {
      if (fk.name() != null) {
        sqlName(fk.name(), "foreign key", fk.source(), out);
      }
    }
    for (Column column : table.columns()) {
      if (column.generation() != null && column.generation().sequence() != null) {
        sqlName(column.generation().sequence(), "sequence", column.source(), out);
      }
    }
  }

  static void check(Model model, Diagnostics out) {
    // One namespace: every top-level type of the generated package, and the nested projection
    // records, which would shadow a top-level type of the same name. Compared ignoring case,
    // because the files they go into may live on a case-insensitive file system.
    Map<String, String> types = new HashMap<>();
    for (Table table : model.tables()) {
      table(types, table, out); // a call per table: compiled on its own, early, not as one long loop
    }
    for (String extension : model.extensions()) {
      sqlName(extension, "extension", model.source(), out);
    }
    for (var u : model.unmanaged()) {
      sqlName(u.name(), u.kind().label(), u.source(), out);
    }
    Map<String, String> methods = new HashMap<>();
    for (QueryPattern query : model.queries()) {
      String name = query.name();
      if (!LOWER_CAMEL.matcher(name).matches()) {
        out.report(IdentifierCode.MC404, query.source(), "query name '" + printable(name)
            + "' must be a lowerCamelCase Java method name such as 'chargeById' (letters and digits, starting lower case)");
      } else if (JavaNames.KEYWORDS.contains(name)) {
        out.report(IdentifierCode.MC404, query.source(), "query name '" + name
            + "' is a Java keyword; choose a name such as '" + name + "Rows'");
      } else if (JavaNames.OBJECT_METHODS.contains(name)) {
        out.report(IdentifierCode.MC404, query.source(), "query name '" + name
            + "' is a method of java.lang.Object, which every query class has; choose a name such as '" + name + "Rows'");
      } else {
        javaCollision(methods, query.table() + "#" + name.toLowerCase(java.util.Locale.ROOT),
            "query '" + name + "'", "method of " + JavaNames.queries(query.table()),
            query.source(), out);
        if (!query.returns().isEmpty()) {
          javaCollision(types, JavaNames.projection(name), "query '" + name + "'",
              "result record", query.source(), out);
        }
      }
    }
  }

  /** The length of {@code s} in UTF-8, counted without encoding it: every name of a model passes here. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n += 1; // a lone surrogate is encoded as '?', as String.getBytes does
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static boolean hasControl(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }

  private static void sqlName(String name, String what, SourceRef at, Diagnostics out) {
    if (name.isBlank() || hasControl(name)) {
      out.report(IdentifierCode.MC401, at, what + " name '" + printable(name) + "' "
          + (name.isBlank() ? "is empty" : "holds a control character") + "; PostgreSQL names are printable text");
      return;
    }
    int bytes = utf8Length(name);
    if (bytes > MAX_BYTES) {
      out.report(IdentifierCode.MC402, at, what + " name '" + name + "' is " + bytes
          + " bytes; PostgreSQL keeps only " + MAX_BYTES + " and would cut the rest silently, so shorten it");
      return;
    }
    if (RESERVED.contains(name)) {
      out.report(IdentifierCode.MC403, at, what + " name '" + name
          + "' is a PostgreSQL reserved word: modelc quotes it (\"" + name + "\"), and so must every SQL text"
          + " of the model and the application; a name such as '" + name + "_" + what.replace(' ', '_') + "' needs no quotes");
    }
  }

  private static void javaCollision(Map<String, String> seen, String javaName, String what,
      String role, SourceRef at, Diagnostics out) {
    String lower = javaName.toLowerCase(java.util.Locale.ROOT);
    String first = seen.putIfAbsent(lower, what + "\u0000" + role);
    if (first != null) {
      String firstWhat = first.substring(0, first.indexOf('\u0000'));
      String firstRole = first.substring(first.indexOf('\u0000') + 1);
      String name = javaName.substring(javaName.indexOf('#') + 1);
      out.report(IdentifierCode.MC405, at, what + " and " + firstWhat + " both become the Java "
          + (role.equals(firstRole) ? role + " '" + name + "' (names differing only in case or underscores collide)"
              : "type '" + name + "' (" + article(role) + " and " + article(firstRole) + ")")
          + "; rename one of them");
    }
  }

  private static String article(String role) {
    return ("aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ") + role;
  }

  /** Shows control characters and quotes visibly so hostile names cannot garble the output. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
