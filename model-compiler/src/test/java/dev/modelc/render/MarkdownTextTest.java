package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The escaping helpers run on every text of every step of a plan (hundreds of thousands of
 * strings on a large model), so they are plain loops: these hold them to the definitions they
 * replace.
 */
class MarkdownTextTest {
  private static final String VERTICAL_SPACE = "[\\r\\n\\u000B\\f\\u0085\\u2028\\u2029]+";

  @Property(tries = 3000)
  void oneLineTurnsEachRunOfLineBreaksIntoOneSpace(
      @ForAll @StringLength(max = 40) @Chars({'\r', '\n', '\u000B', '\f', '\u0085', '\u2028', '\u2029', ' ', '\t', 'a', '#', '1'})
      @CharRange(from = 'x', to = 'z') String text) {
    assertEquals(text.replaceAll(VERTICAL_SPACE, " "), MarkdownText.oneLine(text));
  }

  @Test
  void textWithoutLineBreaksIsReturnedAsItIs() {
    String text = "add index orders_by_customer (customer_id)";
    assertSame(text, MarkdownText.oneLine(text));
    assertEquals("a b c ", MarkdownText.oneLine("a\r\nb\u2028\u2029c\n"));
  }

  @Property(tries = 5000)
  void theShortcutForPlainTextAgreesWithTheFullEscaping(
      @ForAll @StringLength(max = 12) @Chars({'a', '7', '_', ' ', '#', '-', '+', '=', '>', '<', '&', '\\', '`', '*', '[', ']',
          '|', '~', '\n', '\u2028', '\u00a0', '\u3000', '.', ')', '\u0663', 'é', '\t', '\u0001', '\r'}) String text) {
    assertEquals(MarkdownText.escaped(text), MarkdownText.inline(text));
  }

  @Test
  void namesWithUnderscoresInsideWordsAreReturnedAsTheyAre() {
    String name = "orders_by_customer_id";
    assertSame(name, MarkdownText.inline(name));
    assertEquals("\\_private", MarkdownText.inline("_private"));
    assertEquals("a\\_", MarkdownText.inline("a_"));
  }

  @Property(tries = 2000)
  void anOrderedListMarkerAtTheStartIsEscapedAndNothingElseStartsAList(
      @ForAll @StringLength(max = 14) @Chars({'1', '2', '0', '.', ')', ' ', 'a', '\u0663'}) String text) {
    String out = MarkdownText.inline(text);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})[.)]").matcher(out);
    if (m.lookingAt()) {
      throw new AssertionError("an ordered-list marker passes unescaped: " + out);
    }
  }
}
