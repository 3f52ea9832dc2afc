package dev.modelc.importer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The names listed under {@code unmanaged:} in a model.yaml, read with plain SnakeYAML (not modelc's parser). */
final class UnmanagedNames {
  private UnmanagedNames() {}

  @SuppressWarnings("unchecked")
  static Set<String> of(String modelYaml) {
    Map<String, Object> model = new Yaml(new LoaderOptions()).load(modelYaml);
    Set<String> names = new HashSet<>();
    Object unmanaged = model.get("unmanaged");
    if (unmanaged instanceof Map<?, ?> groups) {
      for (Object group : groups.values()) {
        ((Map<String, Object>) group).keySet().forEach(names::add);
      }
    }
    return names;
  }
}
