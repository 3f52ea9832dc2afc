package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/** The YAML 1.2 core schema's typing of plain scalars, and that quoted scalars are always strings. */
class YamlScalarsTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "~|NULL", "null|NULL", "Null|NULL", "NULL|NULL", "''|NULL",
      "nULL|STRING", "nullable|STRING", "none|STRING",
      "true|BOOLEAN", "True|BOOLEAN", "TRUE|BOOLEAN", "false|BOOLEAN", "False|BOOLEAN", "FALSE|BOOLEAN",
      "tRUE|STRING", "yes|STRING", "on|STRING", "off|STRING", "table|STRING", "from|STRING",
      "0|INTEGER", "-12|INTEGER", "+7|INTEGER", "0o17|INTEGER", "0x1F|INTEGER",
      "0o18|STRING", "0x1G|STRING", "2_000|STRING", "1,000|STRING",
      "1.5|FLOAT", ".5|FLOAT", "-1.|FLOAT", "1e3|FLOAT", "+1.5E-3|FLOAT", ".inf|FLOAT", "-.Inf|FLOAT", ".NaN|FLOAT",
      "-|STRING", "+|STRING", ".|STRING", "1.2.3|STRING", "-.nan|STRING", "9abc|STRING", "merchant_id|STRING",
  })
  void plainScalarsAreTypedByTheCoreSchema(String value, YamlScalars.Kind kind) {
    assertEquals(kind, YamlScalars.kind(new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN)));
    assertEquals(kind, CORE_TAGS.get(new CoreScalarResolver(false).resolve(value, true)), "SnakeYAML Engine agrees");
  }

  @ParameterizedTest
  @CsvSource({"null", "true", "12", "1.5"})
  void quotedScalarsAreStrings(String value) {
    assertEquals(YamlScalars.Kind.STRING, YamlScalars.kind(new ScalarNode(Tag.STR, value, ScalarStyle.DOUBLE_QUOTED)));
  }

  private static final Map<Tag, YamlScalars.Kind> CORE_TAGS = Map.of(Tag.NULL, YamlScalars.Kind.NULL,
      Tag.BOOL, YamlScalars.Kind.BOOLEAN, Tag.INT, YamlScalars.Kind.INTEGER, Tag.FLOAT, YamlScalars.Kind.FLOAT,
      Tag.STR, YamlScalars.Kind.STRING);

  /**
   * SnakeYAML Engine's own core schema resolver judges the hand-written typing: both read every
   * plain scalar alike (over an alphabet dense in the characters of the number, null and boolean forms).
   */
  @Property(tries = 20_000, seed = "20261130")
  void plainScalarsAreTypedAsSnakeYamlsCoreSchemaTypesThem(@ForAll @StringLength(max = 6)
      @Chars({'0', '1', '8', '+', '-', '.', 'e', 'E', 'o', 'x', 'F', 'G', 'i', 'n', 'N', 'a', 'l', 'u', 't', 'r', '~', '_'})
      String value) {
    Tag core = new CoreScalarResolver(false).resolve(value, true);
    assertEquals(CORE_TAGS.get(core), YamlScalars.kind(new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN)), value);
  }
}
