package dev.modelc.plan.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.diag.Diagnostic;
import dev.modelc.plan.differential.Generator.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model-pair generator without a database: deterministic, and its models check clean. */
class GeneratorTest {
  @Test
  void theSameSeedGivesTheSamePair() {
    for (long seed = 1; seed <= 50; seed++) {
      Pair a = Generator.pair(seed);
      Pair b = Generator.pair(seed);
      assertEquals(a.v1().yaml(), b.v1().yaml());
      assertEquals(a.v2().yaml(), b.v2().yaml());
      assertEquals(a.edits().toString(), b.edits().toString());
    }
  }

  @Test
  void generatedModelsCheckCleanAndDiffer() {
    List<String> invalid = new ArrayList<>();
    int changed = 0;
    for (long seed = 0; seed < 300; seed++) {
      Pair p = Generator.pair(DifferentialPlanTest.DEFAULT_SEED + seed);
      String v1 = p.v1().yaml();
      String v2 = p.v2().yaml();
      for (String[] version : new String[][] {{v1, "v1.yaml"}, {v2, "v2.yaml"}}) {
        Compilation c = PairRunner.compile(version[0], version[1]);
        c.diagnostics().stream().filter(Diagnostic::isError).findFirst()
            .ifPresent(d -> invalid.add(p.seed() + " " + version[1] + ": " + d.code() + " " + d.message() + "\n" + version[0]));
      }
      changed += v1.equals(v2) ? 0 : 1;
    }
    assertTrue(invalid.isEmpty(), invalid.size() + " invalid models, first:\n" + (invalid.isEmpty() ? "" : invalid.get(0)));
    assertTrue(changed >= 290, "almost every pair changes something: " + changed);
  }

  @Test
  void editsReplayOnAShrunkenBaselineWithoutFailing() {
    Pair p = Generator.pair(DifferentialPlanTest.DEFAULT_SEED);
    ModelSpec v1 = p.v1().copy();
    v1.forgetTable(v1.tables.get(0).name);
    String v2 = new Pair(p.seed(), v1, p.edits()).v2().yaml();
    assertFalse(v2.contains("references: " + p.v1().tables.get(0).name + "."), v2);
  }
}
