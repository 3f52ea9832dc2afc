package dev.modelc.parse;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The hardened YAML reading of model files (size, encoding, nesting, alias and tag limits, every
 * problem a positioned diagnostic) for the other small YAML files modelc reads, such as the
 * approvals file of {@code modelc apply}.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /** The file's root node with positions, or empty when it is unreadable or empty (then diagnosed). */
  public static Optional<Node> read(SourceFile file, Diagnostics diagnostics) {
    return YamlReader.read(file, new SourceTexts(), diagnostics);
  }

  /** Where {@code node} starts in the file {@code name}. */
  public static SourceRef at(String name, Node node) {
    return YamlReader.at(name, node);
  }
}
