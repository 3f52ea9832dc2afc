package dev.modelc.plan;

import dev.modelc.analyze.Coverage;
import dev.modelc.analyze.QueryResolver;
import dev.modelc.analyze.Resolution;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.diag.Severity;
import dev.modelc.diff.DiffCode;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the plan's invariant by simulating it: at every intermediate state, every query that is
 * live at that point (old queries before the deploy step, new ones after it) and that its own
 * model serves with an index still has a valid serving index. Only tables a step touches are
 * re-resolved, so the cost stays linear in the size of the plan.
 */
final class InvariantSimulator {
  private final Model from;
  private final Model to;
  private final Coverage before;
  private final Coverage after;
  private final Diagnostics out = new Diagnostics();
  /** The indexes of each table at the current point of the plan. */
  private final Map<String, List<Index>> state = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private boolean deployed;

  private InvariantSimulator(Model from, Model to, Coverage before, Coverage after) {
    this.from = from;
    this.to = to;
    this.before = before;
    this.after = after;
    for (Table t : from.tables()) {
      state.put(t.name(), new ArrayList<>(t.allIndexes()));
    }
  }

  static List<Diagnostic> check(Model from, Model to, Coverage before, Coverage after, List<StepDraft> steps) {
    InvariantSimulator simulation = new InvariantSimulator(from, to, before, after);
    // one call per step, not one loop body: the JIT compiles the step on its own early, instead
    // of the whole simulation at once (and again on the stack) while the plan waits for it
    for (StepDraft step : steps) {
      simulation.play(step);
    }
    simulation.unservedInTheNewModel();
    return simulation.out.sorted();
  }

  private void play(StepDraft step) {
    // the tables whose indexes the step changes: at most a few, and none for most steps
    List<String> touched = List.of();
    switch (step.kind) {
      case CREATE_TABLE -> {
        Table created = to.table(step.target).orElse(null);
        if (created != null) {
          Table renamedFrom = created.renamedFrom() == null ? null : from.table(created.renamedFrom()).orElse(null);
          List<Index> indexes = renamedFrom != null && state.containsKey(renamedFrom.name())
              ? state.remove(renamedFrom.name()) : new ArrayList<>(created.allIndexes());
          state.put(created.name(), indexes);
          touched = SmallLists.plusNew(touched, created.name());
        }
      }
      case DEPLOY -> deployed = true;
      default -> { }
    }
    if (step.drops != null) {
      List<Index> list = state.get(step.drops.table());
      if (list != null) {
        list.removeIf(i -> i.name().equals(step.dropsName));
        touched = SmallLists.plusNew(touched, step.drops.table());
      }
    }
    if (step.builds != null) {
      Index built = rename(step.builds, step.buildsAs);
      state.computeIfAbsent(built.table(), k -> new ArrayList<>()).add(built);
      touched = SmallLists.plusNew(touched, built.table());
    }
    Model live = deployed ? to : from;
    // only the queries of tables this step changed can lose their index; the deploy swaps them all
    if (step.kind == StepKind.DEPLOY) {
      for (QueryPattern q : live.queries()) {
        verify(step, q);
      }
    } else {
      for (String table : touched) {
        for (QueryPattern q : live.queriesOf(table)) {
          verify(step, q);
        }
      }
    }
  }

  /** Reports {@code q} (once) when the state after {@code step} no longer serves it as its own model does. */
  private void verify(StepDraft step, QueryPattern q) {
    Model live = deployed ? to : from;
    Resolution expected = (deployed ? after : before).resolution(q.name());
    if (expected == null || expected.index() == null) {
      return; // unserved in its own model: reported by the coverage check, not a plan ordering problem
    }
    Table table = live.table(q.table()).orElse(null);
    List<Index> indexes = state.getOrDefault(q.table(), List.of());
    if (table == null || !holds(indexes, expected.index()) && QueryResolver.resolve(table, q, indexes).index() == null) {
      if (reported.add(q.name())) {
        out.report(DiffCode.MC607, q.source(), q.traffic().modelName() + " query '" + q.name() + "' would have no valid serving index after step '"
            + step.id + "' (" + step.phase.label() + " phase); it needs " + expected.index().name()
            + ", so order its build before that step (or keep the old index until after the deploy)");
      }
    }
  }

  /** Queries the new model leaves unserved although the old one served them, or new ones served by nothing. */
  private void unservedInTheNewModel() {
    for (QueryPattern q : to.queries()) {
      Resolution r = after.resolution(q.name());
      QueryPattern old = from.query(q.name()).orElse(null);
      if (r == null || r.served()) {
        continue;
      }
      Resolution was = old == null ? null : before.resolution(old.name());
      if (was != null && was.index() != null) {
        out.report(DiffCode.MC602, q.source(), q.traffic().modelName() + " query '" + q.name() + "' was served by " + was.index().name()
            + " and has no serving index in the new model; keep that index (or a replacement) while the query exists");
      } else if (old == null || !old.sameShape(q)) {
        Severity s = switch (q.traffic()) {
          case CRITICAL -> Severity.ERROR;
          case STANDARD -> Severity.WARNING;
          case BATCH -> Severity.NOTE;
        };
        out.report(DiffCode.MC608, s, q.source(), (old == null ? "new " : "changed ") + q.traffic().modelName() + " query '" + q.name()
            + "' has no serving index in the new model; the plan adds none for it");
      }
    }
  }

  /**
   * Whether {@code indexes} hold {@code serving} or an index of the same definition under another
   * name (a replacement built under a companion name, not yet renamed): the resolver judges each
   * index by its definition, so the query is served without resolving it again. Most queries are
   * answered here: every query of the new model at the deploy, and the queries of every table a
   * contract step touches while its replacement indexes still carry their companion names.
   */
  private static boolean holds(List<Index> indexes, Index serving) {
    for (Index i : indexes) {
      if (i == serving || i.sameDefinition(serving)) {
        return true;
      }
    }
    return false;
  }

  private static Index rename(Index i, String name) {
    if (name == null || name.equals(i.name())) {
      return i;
    }
    return new Index(name, i.table(), i.columns(), i.unique(), i.where(), i.include(), i.reason(), i.keep(), i.renamedFrom(),
        i.origin(), i.method(), i.nullsNotDistinct(), i.with(), i.source());
  }
}
