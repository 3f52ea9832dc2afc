package dev.modelc.plan.differential;

import dev.modelc.plan.differential.Generator.Edit;
import dev.modelc.plan.differential.Generator.Pair;
import dev.modelc.plan.differential.ModelSpec.Col;
import dev.modelc.plan.differential.ModelSpec.Tab;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Makes a failing pair smaller while it keeps failing the same way: drops one edit, or one
 * table, column, index, check or query of v1 (with what depends on it), replays the remaining
 * edits, and keeps the change when the pair still fails with the same class. Candidates whose
 * models no longer check clean are rejected. Greedy, to a fixed point or the budget.
 */
final class Shrinker {
  private final PairRunner runner;
  private final String failureClass;
  private int runs;
  private final int budget;

  private Shrinker(PairRunner runner, String failureClass, int budget) {
    this.runner = runner;
    this.failureClass = failureClass;
    this.budget = budget;
  }

  /** The smallest pair found that still fails with {@code failureClass}. */
  static Pair shrink(Pair pair, String failureClass, PairRunner runner, int budget) {
    return new Shrinker(runner, failureClass, budget).shrink(pair);
  }

  private Pair shrink(Pair pair) {
    Pair current = pair;
    boolean progress = true;
    while (progress && runs < budget) {
      progress = false;
      for (Pair candidate : candidates(current)) {
        if (runs >= budget) {
          break;
        }
        if (fails(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  private boolean fails(Pair p) {
    runs++;
    PairRunner.Outcome o = runner.run(p.v1(), p.v2());
    return o.kind() == PairRunner.Kind.FAILED && Objects.equals(o.failureClass(), failureClass);
  }

  private static List<Pair> candidates(Pair p) {
    List<Pair> out = new ArrayList<>();
    for (Tab t : p.v1().tables) {
      out.add(withV1(p, m -> m.forgetTable(t.name)));
    }
    for (int i = 0; i < p.edits().size(); i++) {
      List<Edit> edits = new ArrayList<>(p.edits());
      edits.remove(i);
      out.add(new Pair(p.seed(), p.v1(), edits));
    }
    for (int i = 0; i < p.edits().size(); i++) {
      for (var simpler : p.edits().get(i).simpler()) {
        List<Edit> edits = new ArrayList<>(p.edits());
        edits.set(i, simpler.get());
        out.add(new Pair(p.seed(), p.v1(), edits));
      }
    }
    for (Tab t : p.v1().tables) {
      for (Col c : t.cols) {
        if (!c.pk) {
          out.add(withV1(p, m -> m.forgetColumn(m.table(t.name), c.name)));
        }
      }
      for (var i : t.idx) {
        out.add(withV1(p, m -> {
          m.table(t.name).idx.removeIf(x -> x.name.equals(i.name));
          m.dropQueriesOn(t.name, i.lead());
        }));
      }
      for (var k : t.checks) {
        out.add(withV1(p, m -> m.table(t.name).checks.removeIf(x -> x.name.equals(k.name))));
      }
      for (Col c : t.cols) {
        if (c.nullable || c.dflt != null || c.unique || c.onDelete != null) {
          out.add(withV1(p, m -> {
            Col x = m.table(t.name).col(c.name);
            x.nullable = false;
            x.hasNulls = false;
            x.dflt = null;
            x.unique = false;
            x.onDelete = null;
          }));
        }
      }
    }
    for (var q : p.v1().queries) {
      out.add(withV1(p, m -> m.queries.removeIf(x -> x.name.equals(q.name))));
    }
    return out;
  }

  private static Pair withV1(Pair p, Consumer<ModelSpec> change) {
    ModelSpec v1 = p.v1().copy();
    change.accept(v1);
    return new Pair(p.seed(), v1, p.edits());
  }
}
