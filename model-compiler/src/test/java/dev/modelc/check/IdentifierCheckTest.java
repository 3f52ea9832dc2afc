package dev.modelc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The byte length the 63-byte name limit (MC402) is measured in, counted without encoding. */
class IdentifierCheckTest {
  /** The JDK's encoder judges the count, over one-, two-, three- and four-byte characters and lone surrogates. */
  @Property(tries = 2000, seed = "20261130")
  void utf8LengthIsTheLengthOfTheEncodedName(@ForAll @StringLength(max = 12)
      @CharRange(from = 'a', to = 'c') @CharRange(from = '\u00e0', to = '\u00e2') @CharRange(from = '\u4e00', to = '\u4e02')
      @CharRange(from = '\ud83d', to = '\ud83d') @CharRange(from = '\ude00', to = '\ude01') String name) {
    assertEquals(name.getBytes(StandardCharsets.UTF_8).length, IdentifierCheck.utf8Length(name), name);
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsFourBytes() {
    assertEquals(4, IdentifierCheck.utf8Length("\ud83d\ude00"));
    assertEquals(1, IdentifierCheck.utf8Length("\ud83d"), "a lone surrogate is encoded as '?'");
  }
}
