package dev.modelc.importer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * YAML scalars and flow collections as the importer writes them: plain when the text cannot be
 * read as anything but that string (in block and in flow context, under YAML 1.1 and 1.2),
 * double-quoted with escapes otherwise. Conservative on purpose: a quoted scalar is always
 * correct, a plain one only when nothing in it is special.
 */
final class YamlText {
  /** Plain in flow and block context: no indicator YAML gives a meaning inside a scalar ({@code ": "}, {@code " #"}, {@code ,}, brackets). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .()'/<>=*+;!?%@&~^$|\\-]*");
  /** Plain in block context, where a comma is text too. */
  private static final Pattern PLAIN_BLOCK = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .,()'/<>=*+;!?%@&~^$|\\-]*");
  private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan",
      "inf");

  private YamlText() {}

  /** {@code text} as a YAML scalar that may stand anywhere, also inside {@code { }} and {@code [ ]}. */
  static String scalar(String text) {
    return plain(text, PLAIN) ? text : quoted(text);
  }

  /** {@code text} as a YAML scalar that stands as the value of a block mapping ({@code key: value} on its own line). */
  static String blockScalar(String text) {
    return plain(text, PLAIN_BLOCK) ? text : quoted(text);
  }

  private static boolean plain(String text, Pattern allowed) {
    return allowed.matcher(text).matches() && !text.endsWith(" ") && !text.contains("  ")
        && !SPECIAL.contains(text.toLowerCase(Locale.ROOT)) && !text.matches("[0-9._+\\-eE]+");
  }

  private static String quoted(String text) {
    StringBuilder b = new StringBuilder("\"");
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff
              || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff) {
            b.append(String.format(Locale.ROOT, cp <= 0xff ? "\\x%02x" : "\\u%04x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.append('"').toString();
  }

  /** A flow sequence: {@code [a, b]}. */
  static String list(List<String> items) {
    return items.stream().map(YamlText::scalar).collect(Collectors.joining(", ", "[", "]"));
  }
}
