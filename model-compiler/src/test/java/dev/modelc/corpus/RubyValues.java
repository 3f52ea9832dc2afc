package dev.modelc.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Ruby literals a Rails schema dump writes as method arguments: strings, symbols,
 * numbers, true/false/nil, arrays, hashes (both {@code key: v} and {@code :key => v}), and
 * lambdas ({@code -> { "now()" }}). Anything else is kept as {@link Raw} text.
 */
final class RubyValues {
  /** A symbol, {@code :cascade}. */
  record Sym(String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A number as written, {@code 0}, {@code -1.5}. */
  record Num(String text) {}

  /** {@code -> { body }}: the body's single string when it is one, else the body text. */
  record Lambda(String body) {}

  /** Text this reader does not interpret. */
  record Raw(String text) {}

  /** Ruby's nil. */
  enum Nil { NIL }

  /** Positional arguments then keyword arguments of one call. */
  record Args(List<Object> positional, Map<String, Object> keywords) {
    Object keyword(String name) {
      return keywords.get(name);
    }

    String string(int index) {
      return index < positional.size() ? text(positional.get(index)) : null;
    }
  }

  private final String s;
  private int pos;

  private RubyValues(String s) {
    this.s = s;
  }

  /** Parses {@code a, b, key: v, :k => v} (the text after a method name). */
  static Args args(String text) {
    RubyValues r = new RubyValues(text);
    List<Object> positional = new ArrayList<>();
    Map<String, Object> keywords = new LinkedHashMap<>();
    r.entries(positional, keywords, (char) 0);
    return new Args(positional, keywords);
  }

  /** The text of a string or symbol value, null otherwise. */
  static String text(Object value) {
    if (value instanceof String str) {
      return str;
    }
    if (value instanceof Sym sym) {
      return sym.name();
    }
    return null;
  }

  private void entries(List<Object> positional, Map<String, Object> keywords, char close) {
    while (true) {
      ws();
      if (pos >= s.length() || s.charAt(pos) == close) {
        if (pos < s.length()) {
          pos++;
        }
        return;
      }
      String key = keyLabel();
      if (key != null) {
        keywords.put(key, value());
      } else {
        Object v = value();
        ws();
        if (s.startsWith("=>", pos)) {
          pos += 2;
          keywords.put(String.valueOf(text(v) != null ? text(v) : v), value());
        } else {
          positional.add(v);
        }
      }
      ws();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos < s.length() && s.charAt(pos) != close) {
        // something this reader does not understand: skip to the next comma at this depth
        int start = pos;
        skipToComma(close);
        positional.add(new Raw(s.substring(start, pos).trim()));
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        }
      }
    }
  }

  /** {@code name:} or {@code "name":} (not {@code ::}); returns the label and consumes it. */
  private String keyLabel() {
    int save = pos;
    if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '?')) {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == ':' && !s.startsWith("::", pos)) {
        String label = s.substring(start, pos);
        pos++;
        return label;
      }
    } else if (pos < s.length() && s.charAt(pos) == '"') {
      String str = string('"');
      if (pos < s.length() && s.charAt(pos) == ':' && !s.startsWith("::", pos)) {
        pos++;
        return str;
      }
    }
    pos = save;
    return null;
  }

  private Object value() {
    ws();
    if (pos >= s.length()) {
      return new Raw("");
    }
    char c = s.charAt(pos);
    if (c == '"' || c == '\'') {
      return string(c);
    }
    if (c == ':' && pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
      pos++;
      return new Sym(string('"'));
    }
    if (c == ':' && pos + 1 < s.length() && (Character.isLetter(s.charAt(pos + 1)) || s.charAt(pos + 1) == '_')) {
      pos++;
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_?!".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      return new Sym(s.substring(start, pos));
    }
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      Map<String, Object> ignored = new LinkedHashMap<>();
      entries(list, ignored, ']');
      return list;
    }
    if (c == '{') {
      pos++;
      List<Object> ignored = new ArrayList<>();
      Map<String, Object> map = new LinkedHashMap<>();
      entries(ignored, map, '}');
      return map;
    }
    if (s.startsWith("->", pos)) {
      pos += 2;
      ws();
      if (pos < s.length() && s.charAt(pos) == '{') {
        int start = pos + 1;
        pos++;
        List<Object> inner = new ArrayList<>();
        entries(inner, new LinkedHashMap<>(), '}');
        if (inner.size() == 1 && inner.get(0) instanceof String str) {
          return new Lambda(str);
        }
        return new Lambda(s.substring(start, pos - 1).trim());
      }
      return new Raw("->");
    }
    if (s.startsWith("%w[", pos) || s.startsWith("%i[", pos)) {
      boolean symbols = s.charAt(pos + 1) == 'i';
      int end = s.indexOf(']', pos);
      String body = s.substring(pos + 3, end < 0 ? s.length() : end).trim();
      pos = end < 0 ? s.length() : end + 1;
      List<Object> list = new ArrayList<>();
      for (String w : body.isEmpty() ? new String[0] : body.split("\\s+")) {
        list.add(symbols ? new Sym(w) : w);
      }
      return list;
    }
    if (Character.isDigit(c) || (c == '-' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
      int start = pos;
      pos++;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_'
          || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
      }
      return new Num(s.substring(start, pos).replace("_", ""));
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_.:".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      String word = s.substring(start, pos);
      switch (word) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "nil":
          return Nil.NIL;
        default:
          if (pos < s.length() && s.charAt(pos) == '(') {
            skipBalanced('(', ')');
          }
          return new Raw(s.substring(start, pos));
      }
    }
    int start = pos;
    skipToComma((char) 0);
    return new Raw(s.substring(start, pos).trim());
  }

  private String string(char quote) {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < s.length() && s.charAt(pos) != quote) {
      char c = s.charAt(pos);
      if (c == '\\' && pos + 1 < s.length()) {
        char n = s.charAt(++pos);
        if (quote == '\'') {
          out.append(n == '\'' || n == '\\' ? "" : "\\").append(n);
        } else {
          switch (n) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '0' -> out.append('\0');
            case 'e' -> out.append('\u001b');
            case 's' -> out.append(' ');
            default -> out.append(n);
          }
        }
      } else {
        out.append(c);
      }
      pos++;
    }
    pos++;
    return out.toString();
  }

  private void skipBalanced(char open, char close) {
    int depth = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"' || c == '\'') {
        string(c);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        pos++;
        return;
      }
      pos++;
    }
  }

  private void skipToComma(char close) {
    int depth = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"' || c == '\'') {
        string(c);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          return;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return;
      }
      pos++;
    }
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  /** How many brackets the text leaves open, outside strings (used to join continued lines). */
  static int openBrackets(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        break;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    return depth;
  }
}
