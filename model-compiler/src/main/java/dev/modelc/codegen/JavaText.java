package dev.modelc.codegen;

/**
 * Model text (descriptions, owners, endpoints, the model name) made safe for the comments of
 * generated code. Java reads unicode escapes ({@code \u000a}) before anything else, even in
 * comments, so a backslash is never copied as is; {@code *}{@code /} would end a Javadoc
 * comment, {@code @} would start a tag, and HTML characters would be read as markup.
 */
final class JavaText {
  private JavaText() {}

  /** Text for a Javadoc comment: HTML-escaped, backslashes and comment ends as entities. */
  static String doc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String s = text.replace("\r\n", "\n");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '@' -> out.append("&#64;");
        case '{' -> out.append("&#123;");
        case '}' -> out.append("&#125;");
        case '\\' -> out.append("&#92;");
        case '/' -> out.append(i > 0 && s.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\n' -> out.append('\n');
        default -> out.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return out.toString();
  }

  /**
   * Text for a {@code //} comment: one line (line breaks and control characters become
   * spaces), backslashes doubled so that no unicode escape can start.
   */
  static String lineComment(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else {
        out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
