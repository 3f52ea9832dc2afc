package dev.modelc.importer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The names listed under {@code unmanaged:} in a model.yaml, read with SnakeYAML Engine's own loader (not modelc's parser). */
final class UnmanagedNames {
  private UnmanagedNames() {}

  @SuppressWarnings("unchecked")
  static Set<String> of(String modelYaml) {
    Map<String, Object> model = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(modelYaml);
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
