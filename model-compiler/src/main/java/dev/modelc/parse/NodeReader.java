package dev.modelc.parse;

import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Suggestions;
import dev.modelc.model.SourceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of one file's YAML nodes. Every failed read is reported (wrong type MC202,
 * duplicate key MC204, unknown key MC201) at the node's position and returns empty, so the
 * builder goes on and the author sees every problem of the file in one run.
 */
final class NodeReader {
  /** One {@code key: value} of a mapping, with the key's node for positions. */
  record Entry(String key, Node keyNode, Node value) {}

  private final String file;
  private final Diagnostics diagnostics;

  NodeReader(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  String file() {
    return file;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  SourceRef at(Node node) {
    return YamlReader.at(file, node.getStartMark());
  }

  /** The entries of a mapping in order; duplicates after the first are reported and dropped. */
  Optional<Map<String, Entry>> mapping(Node node, String what) {
    if (!(node instanceof MappingNode map)) {
      wrongType(node, what, "a mapping (key: value lines)");
      return Optional.empty();
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        wrongType(keyNode, "a key in " + what, "a plain name");
        continue;
      }
      String key = scalarKey.getValue();
      if (key.equals("<<")) {
        diagnostics.report(StructureCode.MC205, at(keyNode),
            "YAML merge keys ('<<') are not supported in models; write the keys out");
        continue;
      }
      Entry previous = entries.get(key);
      if (previous != null) {
        diagnostics.report(StructureCode.MC204, at(keyNode), "duplicate key '" + key + "' in "
            + what + " (first at line " + at(previous.keyNode()).line() + "); remove one of them");
        continue;
      }
      entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
    }
    return Optional.of(entries);
  }

  /** Reports keys not in {@code allowed}, with a "did you mean" where one is close. */
  void rejectUnknownKeys(Map<String, Entry> entries, Collection<String> allowed, String what) {
    for (Entry e : entries.values()) {
      if (!allowed.contains(e.key())) {
        if (e.value() instanceof ScalarNode v && v.getTag().equals(Tag.NULL)
            && e.keyNode().getStartMark().getLine() == e.value().getStartMark().getLine()
            && (e.key().contains(" ") || e.key().endsWith(")"))) {
          diagnostics.report(StructureCode.MC201, at(e.keyNode()), "'" + e.key() + "' in " + what
              + " looks like the rest of a value cut at a comma: inside { } quote text that contains commas");
          continue;
        }
        String hint = Suggestions.didYouMean(e.key(), allowed);
        if (hint.isEmpty()) {
          hint = "; allowed keys: " + String.join(", ", allowed);
        }
        diagnostics.report(StructureCode.MC201, at(e.keyNode()),
            "unknown key '" + e.key() + "' in " + what + hint);
      }
    }
  }

  /** Reports a missing required key at the mapping's owner position. */
  boolean require(Map<String, Entry> entries, String key, SourceRef owner, String what) {
    if (entries.containsKey(key)) {
      return true;
    }
    diagnostics.report(StructureCode.MC203, owner, what + " needs '" + key + ":'");
    return false;
  }

  Optional<String> string(Node node, String what) {
    if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
      return Optional.of(scalar.getValue());
    }
    wrongType(node, what, "a text value");
    return Optional.empty();
  }

  Optional<Boolean> bool(Node node, String what) {
    if (node instanceof ScalarNode scalar) {
      String v = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
      if (v.equals("true")) {
        return Optional.of(true);
      }
      if (v.equals("false")) {
        return Optional.of(false);
      }
    }
    wrongType(node, what, "true or false");
    return Optional.empty();
  }

  /** A whole number; YAML's {@code 2_000_000_000} digit grouping is accepted. */
  Optional<Long> integer(Node node, String what) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      String digits = scalar.getValue().replace("_", "");
      try {
        return Optional.of(Long.parseLong(digits));
      } catch (NumberFormatException e) {
        if (digits.matches("[-+]?[0-9]+")) {
          diagnostics.report(StructureCode.MC205, at(node), what + " is out of range: model numbers are at most "
              + Long.MAX_VALUE + " (and each key's own range is in docs/model-reference.md)");
          return Optional.empty();
        }
        // falls through to the diagnostic: hex, octal and the like are not model numbers
      }
    }
    wrongType(node, what, "a whole number such as 4_000_000");
    return Optional.empty();
  }

  /** A sequence of plain values; a single value is not silently promoted to a list. */
  Optional<List<String>> stringList(Node node, String what) {
    if (!(node instanceof SequenceNode seq)) {
      wrongType(node, what, "a list such as [a, b]");
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    boolean ok = true;
    for (Node item : seq.getValue()) {
      Optional<String> s = string(item, "an item of " + what);
      if (s.isPresent()) {
        values.add(s.get());
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(values) : Optional.empty();
  }

  /** The items of a sequence with their nodes, for lists whose items need positions. */
  Optional<List<Node>> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode seq)) {
      wrongType(node, what, "a list such as [a, b]");
      return Optional.empty();
    }
    return Optional.of(seq.getValue());
  }

  void invalid(Node node, String message) {
    diagnostics.report(StructureCode.MC205, at(node), message);
  }

  private void wrongType(Node node, String what, String expected) {
    diagnostics.report(StructureCode.MC202, at(node),
        what + " must be " + expected + ", not " + describe(node));
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    if (scalar.getTag().equals(Tag.NULL)) {
      return "an empty value";
    }
    String value = scalar.getValue();
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
  }
}
