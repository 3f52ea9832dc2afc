package dev.modelc.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * What a scalar is under the YAML 1.2 core schema, the reading editors (yaml-language-server)
 * and JSON Schema validators apply: a plain scalar is null, a boolean, an integer or a float
 * when it is spelled as one of the core schema's forms, and a string otherwise; a quoted or
 * block scalar is always a string. So {@code yes}, {@code on} and {@code 2_000} are strings,
 * as they are in every editor, and a model reads the same in modelc as it does there.
 *
 * <p>modelc resolves scalars itself instead of trusting a resolver's tags, so that the rule is
 * written down once, here, in the spec's own words and regular expressions.
 */
final class YamlScalars {
  /** The core schema's types of a scalar; JSON's, plus the difference between whole and other numbers. */
  enum Kind { NULL, BOOLEAN, INTEGER, FLOAT, STRING }

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private YamlScalars() {}

  static Kind kind(Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      throw new IllegalArgumentException("not a scalar: " + node.getNodeType());
    }
    if (!scalar.isPlain()) {
      return Kind.STRING;
    }
    String v = scalar.getValue();
    // the null and boolean forms are a few fixed words; every number form starts with a sign, a
    // dot or a digit, so nearly every scalar of a model (a name) is told apart without a pattern
    if (isNullWord(v)) {
      return Kind.NULL;
    }
    if (isBooleanWord(v)) {
      return Kind.BOOLEAN;
    }
    if (!mayBeNumber(v.charAt(0))) {
      return Kind.STRING;
    }
    if (DECIMAL.matcher(v).matches() || OCTAL.matcher(v).matches() || HEX.matcher(v).matches()) {
      return Kind.INTEGER;
    }
    if (FLOAT.matcher(v).matches() || SPECIAL_FLOAT.matcher(v).matches()) {
      return Kind.FLOAT;
    }
    return Kind.STRING;
  }

  /** {@code ~|null|Null|NULL|} (empty), compared by hand: every key and value of a model is asked. */
  private static boolean isNullWord(String v) {
    return switch (v.length()) {
      case 0 -> true;
      case 1 -> v.charAt(0) == '~';
      case 4 -> v.equals("null") || v.equals("Null") || v.equals("NULL");
      default -> false;
    };
  }

  /** {@code true|True|TRUE|false|False|FALSE}. */
  private static boolean isBooleanWord(String v) {
    return switch (v.length()) {
      case 4 -> v.equals("true") || v.equals("True") || v.equals("TRUE");
      case 5 -> v.equals("false") || v.equals("False") || v.equals("FALSE");
      default -> false;
    };
  }

  private static boolean mayBeNumber(char c) {
    return c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9';
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && kind(node) == Kind.NULL;
  }

  /**
   * The exact value of a number scalar ({@link Kind#INTEGER} or {@link Kind#FLOAT}); null for
   * infinities and NaN, which have none. Exponents too large to hold are returned as null too.
   */
  static BigDecimal number(ScalarNode scalar) {
    String v = scalar.getValue();
    if (OCTAL.matcher(v).matches()) {
      return new BigDecimal(new BigInteger(v.substring(2), 8));
    }
    if (HEX.matcher(v).matches()) {
      return new BigDecimal(new BigInteger(v.substring(2), 16));
    }
    if (SPECIAL_FLOAT.matcher(v).matches()) {
      return null;
    }
    try {
      return new BigDecimal(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      return null; // an exponent beyond what BigDecimal holds: far outside every model range
    }
  }
}
