package dev.modelc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.modelc.render.ModelSchemaRenderer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML the way editors do (YAML 1.2 core schema, SnakeYAML Engine's own loader, which
 * shares no code with modelc's scalar rules) into JSON, with keys turned into strings as a
 * JavaScript YAML library does, and validates it against the generated schema with networknt.
 */
public final class Yaml12 {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Patterns are ECMAScript regular expressions (joni), as in the editors: Java's '$' also matches before a final line break. */
  private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
      .getSchema(ModelSchemaRenderer.render(), SchemaValidatorsConfig.builder()
          .regularExpressionFactory(JoniRegularExpressionFactory.getInstance()).build());

  private Yaml12() {}

  /** The document as JSON, or empty when it is no valid YAML 1.2 (a syntax error, a duplicate key). */
  public static Optional<JsonNode> read(String yaml) {
    try {
      Load load = new Load(LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false).build());
      return Optional.of(json(load.loadFromString(yaml)));
    } catch (YamlEngineException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The schema's findings for one model file; a file that is no valid YAML has one finding. */
  public static Set<ValidationMessage> validate(String yaml) {
    Optional<JsonNode> json = read(yaml);
    if (json.isEmpty()) {
      return Set.of(ValidationMessage.builder().message("not valid YAML 1.2").build());
    }
    return SCHEMA.validate(json.get());
  }

  private static JsonNode json(Object value) {
    if (value == null) {
      return F.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = F.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = key(e.getKey());
        if (o.has(key)) {
          throw new ClassCastException("two keys read as '" + key + "'"); // a JavaScript reader sees one
        }
        o.set(key, json(e.getValue()));
      }
      return o;
    }
    if (value instanceof List<?> list) {
      ArrayNode a = F.arrayNode();
      list.forEach(item -> a.add(json(item)));
      return a;
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return F.numberNode(i.longValue());
    }
    if (value instanceof Long l) {
      return F.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return F.numberNode(b);
    }
    if (value instanceof Double d) {
      return F.numberNode(d);
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    throw new ClassCastException("no JSON value: " + value.getClass());
  }

  /** A mapping key as a string, the way JavaScript's String() spells a scalar. */
  private static String key(Object key) {
    if (key == null) {
      return "";
    }
    if (key instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString(d.longValue()) : d.toString();
    }
    if (key instanceof Map || key instanceof List) {
      throw new ClassCastException("a collection as a key");
    }
    return key.toString();
  }

  /** For messages. */
  public static String toJson(JsonNode node) {
    try {
      return new ObjectMapper().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(node);
    }
  }
}
