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
import java.math.BigDecimal;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed reads of one file's YAML nodes. Every failed read is reported (wrong type MC202,
 * duplicate key MC204, unknown key MC201) at the node's position and returns empty, so the
 * builder goes on and the author sees every problem of the file in one run. Values are read
 * as the YAML 1.2 core schema types them ({@link YamlScalars}), the way editors and JSON Schema
 * validators see them: text is a string ({@code "123"}, not {@code 123}), a flag is
 * {@code true} or {@code false}, a number is a number.
 */
final class NodeReader {
  /** One {@code key: value} of a mapping, with the key's node for positions. */
  record Entry(String key, Node keyNode, Node value) {}

  private final String file;
  private final Diagnostics diagnostics;
  private final Interner interner;

  /** A reader whose texts are shared with the other files of the load through {@code interner}. */
  NodeReader(String file, Diagnostics diagnostics, Interner interner) {
    this.file = file;
    this.diagnostics = diagnostics;
    this.interner = interner;
  }

  /** The load's shared copy of {@code value}: names and other texts the model keeps. */
  <T> T shared(T value) {
    return interner.intern(value);
  }

  String file() {
    return file;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  SourceRef at(Node node) {
    return YamlReader.at(file, node);
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
      if (YamlScalars.isNull(keyNode)) {
        // YAML 1.2 reads '~:', 'null:' and an empty key as no key at all, as editors do: a name is quoted text
        wrongType(keyNode, "a key in " + what, "a name (quote \"null\" or \"~\" to use them as names)");
        continue;
      }
      String key = shared(scalarKey.getValue());
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
        if (YamlScalars.isNull(e.value()) && at(e.keyNode()).line() == at(e.value()).line()
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

  /** A text value: a string in YAML 1.2 terms, so numbers, flags and empty values are not text. */
  Optional<String> string(Node node, String what) {
    if (node instanceof ScalarNode scalar && YamlScalars.kind(node) == YamlScalars.Kind.STRING) {
      return Optional.of(shared(scalar.getValue()));
    }
    if (node instanceof ScalarNode scalar && YamlScalars.kind(node) != YamlScalars.Kind.NULL) {
      diagnostics.report(StructureCode.MC202, at(node), what + " must be a text value, not "
          + describe(node) + "; quote it (\"" + shortened(scalar.getValue()) + "\") if it is text");
      return Optional.empty();
    }
    wrongType(node, what, "a text value");
    return Optional.empty();
  }

  /** A scalar value as written, for SQL text, which may be a string, a number or a flag. */
  Optional<String> sqlText(Node node, String what) {
    if (node instanceof ScalarNode scalar && YamlScalars.kind(node) != YamlScalars.Kind.NULL) {
      return Optional.of(shared(scalar.getValue()));
    }
    wrongType(node, what, "a value");
    return Optional.empty();
  }

  /** {@code true} or {@code false} (also {@code True}, {@code TRUE} ...: YAML 1.2's booleans). */
  Optional<Boolean> bool(Node node, String what) {
    if (node instanceof ScalarNode scalar && YamlScalars.kind(node) == YamlScalars.Kind.BOOLEAN) {
      return Optional.of(scalar.getValue().equalsIgnoreCase("true"));
    }
    wrongType(node, what, "true or false");
    return Optional.empty();
  }

  /** A whole number in the range every model number has (plus or minus 2^53 - 1). */
  Optional<Long> integer(Node node, String what) {
    return integer(node, what, -ModelGrammar.MAX_NUMBER, ModelGrammar.MAX_NUMBER);
  }

  /**
   * A whole number from {@code min} to {@code max}. Any YAML 1.2 number whose value is whole
   * is one ({@code 2000000000}, {@code 2e9}, {@code 0x10}), because that is what a JSON reader
   * sees; a fraction, infinity and text such as {@code 2_000} are not.
   */
  Optional<Long> integer(Node node, String what, long min, long max) {
    YamlScalars.Kind kind = node instanceof ScalarNode ? YamlScalars.kind(node) : null;
    if (kind == YamlScalars.Kind.INTEGER || kind == YamlScalars.Kind.FLOAT) {
      BigDecimal value = YamlScalars.number((ScalarNode) node);
      if (value != null && value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0) {
        if (value.stripTrailingZeros().scale() <= 0) {
          return Optional.of(value.longValueExact());
        }
      } else if (value != null) {
        diagnostics.report(StructureCode.MC205, at(node), what + " must be between " + min + " and " + max
            + ", not " + shortened(((ScalarNode) node).getValue()));
        return Optional.empty();
      }
    }
    wrongType(node, what, "a whole number such as 4000000");
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
    String value = "'" + shortened(scalar.getValue()) + "'";
    return switch (YamlScalars.kind(node)) {
      case NULL -> "an empty value";
      case BOOLEAN -> "the flag " + value;
      case INTEGER, FLOAT -> "the number " + value;
      case STRING -> value;
    };
  }

  private static String shortened(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
