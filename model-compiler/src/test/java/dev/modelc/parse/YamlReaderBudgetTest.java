package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The alias-bomb guard walks a file's nodes only when the file uses an alias, on the ground that
 * a document without aliases stays within {@link YamlReader#nodeBudget}: every node it has is
 * written out. SnakeYAML itself composes the densest alias-free documents below, hand-made and
 * generated, and their nodes are counted against the budget without its allowance for tiny files.
 */
class YamlReaderBudgetTest {
  private static final String[] DENSE = {
    "-\n", "- -\n", "[],", "{},", ":,", "? \n", "a:\n", "a,", "[[]],", "{a},", "- []\n", "- {}\n", "? : \n",
  };

  @Test
  void denseDocumentsWithoutAliasesStayWithinTheBudget() {
    double densest = 0;
    for (String unit : DENSE) {
      for (String doc : new String[] {unit.repeat(2000), "[" + unit.repeat(2000) + "]", "{" + unit.repeat(2000) + "}"}) {
        densest = Math.max(densest, check(doc));
      }
    }
    assertTrue(densest >= 0.9, "the hand-made documents come close to one node a byte: " + densest);
  }

  @Test
  void generatedDocumentsWithoutAliasesStayWithinTheBudget() {
    Random random = new Random(20261130L);
    int composed = 0;
    double densest = 0;
    for (int i = 0; i < 3_000; i++) {
      StringBuilder doc = new StringBuilder();
      // block sequences of flow collections: the shortest spellings YAML has for nodes
      for (int item = 1 + random.nextInt(60); item > 0; item--) {
        doc.append(random.nextBoolean() ? "- " : "-").append(flow(random, 0)).append('\n');
      }
      double density = check(doc.toString());
      if (density >= 0) {
        composed++;
        densest = Math.max(densest, density);
      }
    }
    assertTrue(composed > 1_000, "generated documents SnakeYAML composed: " + composed);
    assertTrue(densest >= 1, "generated documents reach one node a byte: " + densest);
    System.out.println("generated alias-free documents composed: " + composed + " of 3000, densest " + densest + " nodes a byte");
  }

  /** A random flow node: empty, a letter, or a sequence or mapping of such nodes (keys may be empty too). */
  private static String flow(Random random, int depth) {
    int kind = depth > 4 ? random.nextInt(2) : random.nextInt(4);
    if (kind == 0) {
      return "";
    }
    if (kind == 1) {
      return "a";
    }
    StringBuilder out = new StringBuilder(kind == 2 ? "[" : "{");
    for (int n = random.nextInt(6); n > 0; n--) {
      String entry = kind == 2 || random.nextBoolean() ? flow(random, depth + 1) : flow(random, depth + 1) + ":" + flow(random, depth + 1);
      out.append(entry.isEmpty() && kind == 2 ? "a" : entry).append(n > 1 ? "," : "");
    }
    return out.append(kind == 2 ? "]" : "}").toString();
  }

  /** Nodes per byte of {@code doc} once composed (-1 when it is not YAML), after checking the budget. */
  private static double check(String doc) {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setAllowDuplicateKeys(true).build()).composeString(doc);
    } catch (YamlEngineException | IllegalArgumentException e) {
      return -1;
    }
    int bytes = doc.getBytes(StandardCharsets.UTF_8).length;
    long nodes = root.map(YamlReaderBudgetTest::count).orElse(0L);
    assertTrue(nodes <= YamlReader.nodeBudget(bytes) - YamlReader.nodeBudget(0),
        nodes + " nodes from " + bytes + " bytes: " + doc.substring(0, Math.min(60, doc.length())).replace("\n", "\\n"));
    return (double) nodes / bytes;
  }

  private static long count(Node node) {
    long n = 1;
    if (node instanceof SequenceNode s) {
      for (Node child : s.getValue()) {
        n += count(child);
      }
    } else if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        n += count(t.getKeyNode()) + count(t.getValueNode());
      }
    }
    return n;
  }
}
