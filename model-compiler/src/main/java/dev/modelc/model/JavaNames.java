package dev.modelc.model;

import java.util.Locale;
import java.util.Set;

/**
 * How model names become Java names: {@code merchant_id} -> {@code merchantId}, table
 * {@code charges} -> record {@code Charge} and class {@code ChargesQueries}. One place, so
 * the collision checks and the generator can never disagree.
 */
public final class JavaNames {
  /** Java's reserved words and literals: a generated name may not be one of them. */
  public static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break",
      "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double",
      "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements",
      "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
      "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
      "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
      "true", "false", "null", "var", "yield", "record", "sealed", "permits", "non-sealed", "_");

  /** Names a record component may not take (they clash with Object's and Record's methods). */
  static final Set<String> RESERVED_COMPONENTS = Set.of("clone", "finalize", "getClass", "hashCode", "notify",
      "notifyAll", "toString", "wait", "equals");

  /** java.lang types a generated type must not shadow inside the generated package. */
  static final Set<String> JAVA_LANG = Set.of("String", "Object", "Integer", "Long", "Short", "Byte", "Boolean",
      "Double", "Float", "Character", "Class", "Enum", "Record", "Number", "Math", "System", "Thread", "Exception",
      "Error", "Override", "Deprecated", "Void", "Iterable", "Comparable", "Runtime", "Process", "Module", "Package");

  private JavaNames() {}

  /** {@code created_at} -> {@code createdAt}; a keyword gets a trailing underscore. */
  public static String field(String snake) {
    String camel = camel(snake, false);
    return KEYWORDS.contains(camel) || RESERVED_COMPONENTS.contains(camel) ? camel + "_" : camel;
  }

  /** {@code created_at} -> {@code CreatedAt}. */
  public static String type(String snake) {
    return camel(snake, true);
  }

  /** The row record of a table: {@code charges} -> {@code Charge}, {@code api_keys} -> {@code ApiKey}. */
  public static String record(String table) {
    int cut = table.lastIndexOf('_');
    String last = table.substring(cut + 1);
    String name = type(table.substring(0, cut + 1) + singular(last));
    return JAVA_LANG.contains(name) ? name + "Row" : name;
  }

  /** The query class of a table: {@code charges} -> {@code ChargesQueries}. */
  public static String queries(String table) {
    return type(table) + "Queries";
  }

  /** The Java enum of an enum column: {@code charges.status} -> {@code ChargeStatus}. */
  public static String enumType(String table, String column) {
    return record(table) + type(column);
  }

  /** An enum constant: {@code past_due} -> {@code PAST_DUE}; a leading digit gets a prefix. */
  public static String constant(String value) {
    String c = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    if (c.isEmpty() || Character.isDigit(c.charAt(0))) {
      c = "V_" + c;
    }
    return c;
  }

  /** English plural to singular for table names: enough for names, deterministic. */
  static String singular(String word) {
    if (word.endsWith("ies") && word.length() > 3) {
      return word.substring(0, word.length() - 3) + "y";
    }
    for (String ending : new String[] {"sses", "xes", "ches", "shes", "tuses", "buses", "nuses", "ruses", "zzes"}) {
      if (word.endsWith(ending)) {
        return word.substring(0, word.length() - 2);
      }
    }
    if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 1) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  private static String camel(String snake, boolean upperFirst) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean upper = upperFirst;
    for (int i = 0; i < snake.length(); i++) {
      char ch = snake.charAt(i);
      if (ch == '_') {
        upper = out.length() > 0 || upperFirst;
        continue;
      }
      out.append(upper ? Character.toUpperCase(ch) : ch);
      upper = false;
    }
    return out.toString();
  }
}
