package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

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
  }

  @ParameterizedTest
  @CsvSource({"null", "true", "12", "1.5"})
  void quotedScalarsAreStrings(String value) {
    assertEquals(YamlScalars.Kind.STRING, YamlScalars.kind(new ScalarNode(Tag.STR, value, ScalarStyle.DOUBLE_QUOTED)));
  }
}
