package dev.modelc.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** docs/modelc.schema.json, what editors validate model files against, as a judge of YAML text. */
public final class ModelSchema {
  public static final Path SCHEMA = Path.of("../docs/modelc.schema.json");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonSchema schema;

  private ModelSchema() {}

  private static synchronized JsonSchema schema() throws IOException {
    if (schema == null) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
    }
    return schema;
  }

  /** What the schema finds wrong with {@code yaml}; empty when it validates. */
  public static Set<ValidationMessage> validate(String yaml) throws IOException {
    return schema().validate(YAML.readTree(yaml));
  }
}
