package dev.modelc.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How model names become Java names: {@code merchant_id} -> {@code merchantId}, table
 * {@code charges} -> record {@code Charge} and class {@code ChargesQueries}. One place, so
 * the collision checks and the generator can never disagree. It knows Java's keywords, the
 * types of {@code java.lang} and the types the generated code uses, the methods of
 * {@code Object}, and the generator's own locals; every name it returns is a legal Java
 * identifier for any lower snake_case input.
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

  /** The methods of {@code java.lang.Object}: no record component or query method takes these names. */
  public static final Set<String> OBJECT_METHODS = Set.of("clone", "equals", "finalize", "getClass",
      "hashCode", "notify", "notifyAll", "toString", "wait");

  /**
   * Names the generated query methods use for their own variables and fields: a parameter
   * taken from the model with one of these names gets a trailing underscore.
   */
  public static final Set<String> GENERATOR_LOCALS = Set.of("ps", "rs", "rows", "connection", "java", "javax");

  /**
   * Simple names a generated type must not take: every public type of {@code java.lang}, and
   * the types the generated code imports. A record that would take one gets {@code Row}
   * appended, an enum {@code Enum}.
   */
  static final Set<String> RESERVED_TYPES = Set.of("AbstractMethodError", "Appendable",
      "ArithmeticException", "ArrayIndexOutOfBoundsException", "ArrayStoreException", "AssertionError",
      "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte", "CharSequence", "Character", "Class",
      "ClassCastException", "ClassCircularityError", "ClassFormatError", "ClassLoader",
      "ClassNotFoundException", "ClassValue", "CloneNotSupportedException", "Cloneable", "Comparable",
      "Compiler", "Deprecated", "Double", "Enum", "EnumConstantNotPresentException", "Error", "Exception",
      "ExceptionInInitializerError", "Float", "FunctionalInterface", "IllegalAccessError",
      "IllegalAccessException", "IllegalArgumentException", "IllegalCallerException",
      "IllegalMonitorStateException", "IllegalStateException", "IllegalThreadStateException",
      "IncompatibleClassChangeError", "IndexOutOfBoundsException", "InheritableThreadLocal",
      "InstantiationError", "InstantiationException", "Integer", "InternalError", "InterruptedException",
      "Iterable", "LayerInstantiationException", "LinkageError", "Long", "MatchException", "Math", "Module",
      "ModuleLayer", "NegativeArraySizeException", "NoClassDefFoundError", "NoSuchFieldError",
      "NoSuchFieldException", "NoSuchMethodError", "NoSuchMethodException", "NullPointerException", "Number",
      "NumberFormatException", "Object", "OutOfMemoryError", "Override", "Package", "Process",
      "ProcessBuilder", "ProcessHandle", "Readable", "Record", "ReflectiveOperationException", "Runnable",
      "Runtime", "RuntimeException", "RuntimePermission", "SafeVarargs", "ScopedValue", "SecurityException",
      "SecurityManager", "Short", "StackOverflowError", "StackTraceElement", "StackWalker", "StrictMath",
      "String", "StringBuffer", "StringBuilder", "StringIndexOutOfBoundsException", "StringTemplate",
      "SuppressWarnings", "System", "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal", "Throwable",
      "TypeNotPresentException", "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError",
      "UnsupportedOperationException", "VerifyError", "VirtualMachineError", "Void", "WrongThreadException",
      // imported by the generated code
      "ArrayList", "BigDecimal", "Collection", "Connection", "Generated", "List", "LocalDate",
      "LocalDateTime", "LocalTime", "Objects", "OffsetDateTime", "Optional", "PreparedStatement",
      "ResultSet", "SQLException", "Types", "UUID");

  private JavaNames() {}

  /** {@code created_at} -> {@code createdAt}; a keyword or a method of Object gets a trailing underscore. */
  public static String field(String snake) {
    String camel = identifier(camel(snake, false));
    return KEYWORDS.contains(camel) || OBJECT_METHODS.contains(camel) ? camel + "_" : camel;
  }

  /**
   * A method parameter or local named from the model: a keyword or one of the generator's own
   * locals gets a trailing underscore.
   */
  public static String parameter(String name) {
    return KEYWORDS.contains(name) || GENERATOR_LOCALS.contains(name) ? name + "_" : name;
  }

  /** {@code created_at} -> {@code CreatedAt}. */
  public static String type(String snake) {
    return identifier(camel(snake, true));
  }

  /** The row record of a table: {@code charges} -> {@code Charge}, {@code api_keys} -> {@code ApiKey}. */
  public static String record(String table) {
    int cut = table.lastIndexOf('_');
    String last = table.substring(cut + 1);
    String name = type(table.substring(0, cut + 1) + singular(last));
    return RESERVED_TYPES.contains(name) ? name + "Row" : name;
  }

  /** The query class of a table: {@code charges} -> {@code ChargesQueries}. */
  public static String queries(String table) {
    return type(table) + "Queries";
  }

  /** The Java enum of an enum column: {@code charges.status} -> {@code ChargeStatus}. */
  public static String enumType(String table, String column) {
    String name = record(table) + type(column);
    return RESERVED_TYPES.contains(name) ? name + "Enum" : name;
  }

  /** The record a query with {@code returns:} yields, nested in its query class. */
  public static String projection(String query) {
    return Character.toUpperCase(query.charAt(0)) + query.substring(1) + "Row";
  }

  /**
   * An enum constant: {@code past_due} -> {@code PAST_DUE}. ASCII letters and digits are kept
   * (upper case), every other ASCII run becomes one underscore, a non-ASCII character becomes
   * {@code U} and its code point in hex ({@code é} -> {@code U00E9}); a name that would start
   * with a digit or be only underscores gets a {@code V_} prefix.
   */
  public static String constant(String value) {
    StringBuilder c = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
      int cp = value.codePointAt(i);
      if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
        if (gap) {
          c.append('_');
          gap = false;
        }
        c.append(Character.toUpperCase((char) cp));
      } else if (cp < 0x80) {
        gap = true;
      } else {
        if (gap) {
          c.append('_');
          gap = false;
        }
        c.append(String.format(Locale.ROOT, "U%04X", cp));
      }
    }
    if (gap) {
      c.append('_');
    }
    String s = c.toString();
    if (s.isEmpty() || s.chars().allMatch(ch -> ch == '_') || Character.isDigit(s.charAt(0))) {
      s = "V_" + s;
    }
    return s;
  }

  /**
   * Why {@code name} cannot be the package of generated code, or empty when it can: dotted
   * lower-case segments, none a keyword, and not in {@code java} or {@code javax}'s
   * namespace (the JDK owns those packages).
   */
  public static Optional<String> packageProblem(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
      return Optional.of("is not a lower-case Java package name such as com.example.db");
    }
    for (String segment : name.split("\\.")) {
      if (KEYWORDS.contains(segment)) {
        return Optional.of("has the segment '" + segment + "', a Java keyword; choose another name such as com.example.db");
      }
    }
    if (name.equals("java") || name.startsWith("java.")) {
      return Optional.of("is in the 'java' namespace, which belongs to the JDK; choose another name such as com.example.db");
    }
    return Optional.empty();
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

  /**
   * A camel-case name that is not an identifier (empty: the name was only underscores; or
   * starting with a digit: {@code _1}) gets a leading underscore kept: {@code _1} -> {@code _1},
   * {@code _} -> {@code __}.
   */
  private static String identifier(String camel) {
    if (camel.isEmpty()) {
      return "__";
    }
    return Character.isDigit(camel.charAt(0)) ? "_" + camel : camel;
  }

  /**
   * Camel case of a database name: words split at every character that is not a letter or
   * digit ({@code created_at}, {@code "first name"}, {@code "a""b"}), a word written all in
   * capitals taken as a word ({@code ORDER_ID} -> {@code orderId}), mixed case kept
   * ({@code createdAt}); letters of any script stay as they are.
   */
  private static String camel(String name, boolean upperFirst) {
    StringBuilder out = new StringBuilder(name.length());
    int i = 0;
    while (i < name.length()) {
      int start = i;
      while (i < name.length() && Character.isLetterOrDigit(name.codePointAt(i))) {
        i += Character.charCount(name.codePointAt(i));
      }
      if (i > start) {
        String word = name.substring(start, i);
        if (word.length() > 1 && word.equals(word.toUpperCase(java.util.Locale.ROOT))
            && !word.equals(word.toLowerCase(java.util.Locale.ROOT))) {
          word = word.toLowerCase(java.util.Locale.ROOT);
        }
        boolean upper = out.length() > 0 || upperFirst;
        int first = word.codePointAt(0);
        out.appendCodePoint(upper ? Character.toUpperCase(first) : out.length() == 0 ? Character.toLowerCase(first) : first)
            .append(word, Character.charCount(first), word.length());
      }
      while (i < name.length() && !Character.isLetterOrDigit(name.codePointAt(i))) {
        i += Character.charCount(name.codePointAt(i));
      }
    }
    return out.toString();
  }
}
