package dev.modelc.render;

/**
 * Model text (reasons, endpoints, owners, names, descriptions) is untrusted input to a page a
 * reviewer reads: these helpers put it into Markdown so that it shows as the text it is. No
 * HTML passes ({@code <}, {@code >} and {@code &} become entities), no Markdown markup takes
 * effect (backslash escapes), and line breaks cannot start a new block (a {@code # heading} in
 * a reason stays text). Code spans and fences grow longer than any backtick run inside them.
 */
public final class MarkdownText {
  private MarkdownText() {}

  /** Text in a paragraph, list item, heading or table cell. */
  public static String inline(String text) {
    if (text == null) {
      return "";
    }
    if (plain(text)) {
      return text; // most names, summaries and estimates: nothing to escape, nothing to copy
    }
    return escaped(text);
  }

  /** {@link #inline} without its shortcut for text that needs no escaping. */
  static String escaped(String text) {
    String s = oneLine(text).stripLeading();
    // strikethrough needs an opening and a closing tilde: a lone one ("~2,000 rows") stays as it is
    boolean tildes = s.indexOf('~') != s.lastIndexOf('~');
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append(i == 0 ? "&gt;" : ">"); // without '<' no tag can close; first, it would quote a block
        case '\\', '`', '*', '[', ']', '|' -> b.append('\\').append(c);
        case '~' -> b.append(tildes ? "\\~" : "~");
        case '_' -> b.append(inWord(s, i) ? "_" : "\\_");
        default -> b.append(c);
      }
    }
    // at the start of a line, these would begin a heading, list, rule or quote: escape the marker
    String out = b.toString();
    if (out.isEmpty()) {
      return out;
    }
    if ("#-+=".indexOf(out.charAt(0)) >= 0) {
      return "\\" + out;
    }
    if (Character.isDigit(out.charAt(0))) {
      java.util.regex.Matcher ordered = ORDERED_ITEM.matcher(out);
      if (ordered.lookingAt()) {
        return ordered.group(1) + "\\" + out.substring(ordered.group(1).length());
      }
    }
    return out;
  }

  /**
   * True when {@link #inline} would return {@code text} unchanged: no character it escapes, no
   * line break, no leading space, and no first character that could start a block.
   */
  private static boolean plain(String text) {
    if (text.isEmpty()) {
      return true;
    }
    // a space, control or non-ASCII character first might be stripped; these could start a block
    char first = text.charAt(0);
    if (first <= ' ' || first > 0x7f || "#-+=>".indexOf(first) >= 0 || first >= '0' && first <= '9') {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("&<\\`*[]|~".indexOf(c) >= 0 || verticalSpace(c) || c == '_' && !inWord(text, i)) {
        return false;
      }
    }
    return true;
  }

  private static final java.util.regex.Pattern ORDERED_ITEM = java.util.regex.Pattern.compile("([0-9]{1,9})[.)]");

  /** An underscore inside a word (letters or digits on both sides, past other underscores) emphasises nothing. */
  private static boolean inWord(String s, int i) {
    int left = i;
    while (left > 0 && s.charAt(left - 1) == '_') {
      left--;
    }
    int right = i;
    while (right + 1 < s.length() && s.charAt(right + 1) == '_') {
      right++;
    }
    return left > 0 && right + 1 < s.length()
        && Character.isLetterOrDigit(s.charAt(left - 1)) && Character.isLetterOrDigit(s.charAt(right + 1));
  }

  /** A code span: {@code `text`}, with as many backticks as needed, on one line. */
  public static String code(String text) {
    String s = oneLine(text == null ? "" : text);
    String ticks = "`".repeat(longestRun(s, '`') + 1);
    boolean pad = s.startsWith("`") || s.endsWith("`") || s.isEmpty();
    return ticks + (pad ? " " : "") + s + (pad ? " " : "") + ticks;
  }

  /** The fence for a code block holding {@code text}: at least three backticks, more than any run inside. */
  public static String fence(String text) {
    return "`".repeat(Math.max(3, longestRun(text == null ? "" : text, '`') + 1));
  }

  /** A label of a Mermaid node: Mermaid's entity codes for the characters its syntax and HTML read. */
  public static String mermaidLabel(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : oneLine(text).toCharArray()) {
      switch (c) {
        case '"' -> b.append("#quot;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '&' -> b.append("#amp;");
        case '#' -> b.append("#35;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Line breaks (and other vertical space) become spaces: model text never starts a block. */
  static String oneLine(String text) {
    int first = 0;
    while (first < text.length() && !verticalSpace(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text; // the common case: nothing to replace, nothing to copy
    }
    StringBuilder b = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      if (!verticalSpace(text.charAt(i))) {
        b.append(text.charAt(i));
      } else if (i == first || !verticalSpace(text.charAt(i - 1))) {
        b.append(' '); // a run of breaks is one space
      }
    }
    return b.toString();
  }

  private static boolean verticalSpace(char c) {
    return c == '\r' || c == '\n' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static int longestRun(String s, char c) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
