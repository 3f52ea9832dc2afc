package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The keys the parser accepts, from its one list per element, are exactly the keys
 * docs/modelc.schema.json lists for that element: an editor completes what modelc reads.
 */
class SchemaKeysTest {
  @Test
  void everyElementHasTheSameKeysInTheParserAndTheSchema() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Path.of("../docs/modelc.schema.json").toFile());
    JsonNode defs = schema.get("definitions");
    assertKeys(ModelBuilder.TOP_KEYS, schema.get("properties"));
    assertKeys(ModelBuilder.TABLE_KEYS, defs.at("/table/properties"));
    assertKeys(ModelBuilder.PRIMARY_KEY_KEYS, defs.at("/table/properties/primaryKey/oneOf/1/properties"));
    assertKeys(ModelBuilder.UNIQUE_KEYS, defs.at("/table/properties/uniques/items/properties"));
    assertKeys(ModelBuilder.FOREIGN_KEY_KEYS, defs.at("/foreignKey/properties"));
    assertKeys(ModelBuilder.FOREIGN_KEY_TARGET_KEYS, defs.at("/foreignKey/properties/references/properties"));
    assertKeys(ModelBuilder.COLUMN_KEYS, defs.at("/column/oneOf/1/properties"));
    assertKeys(ModelBuilder.INDEX_KEYS, defs.at("/index/properties"));
    assertKeys(ModelBuilder.INDEX_KEY_KEYS, defs.at("/indexKey/oneOf/1/properties"));
    assertKeys(ModelBuilder.CHECK_KEYS, defs.at("/table/properties/checks/additionalProperties/properties"));
    assertKeys(ModelBuilder.QUERY_KEYS, defs.at("/query/properties"));
    assertKeys(ModelBuilder.RETIRED_KEYS, defs.at("/retired/properties"));
    assertKeys(ModelBuilder.UNMANAGED_KEYS, defs.at("/unmanaged/properties"));
    assertKeys(ModelBuilder.UNMANAGED_ENTRY_KEYS, defs.at("/unmanagedEntry/properties"));
    assertKeys(ModelBuilder.UNMANAGED_OTHER_KEYS, defs.at("/unmanagedOther/properties"));
    assertKeys(ModelBuilder.POLICY_KEYS, defs.at("/policy/properties"));
    assertKeys(ModelBuilder.APPROVAL_KEYS, defs.at("/policy/properties/approvals/properties"));
  }

  private static void assertKeys(List<String> parser, JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    Set<String> expected = new TreeSet<>(parser);
    assertEquals(expected, new TreeSet<>(names), "schema keys at " + properties);
  }
}
