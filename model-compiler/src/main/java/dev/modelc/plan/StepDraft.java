package dev.modelc.plan;

import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.List;

/** A step being assembled by the planner; {@link #build} freezes it. */
final class StepDraft {
  final StepKind kind;
  final Phase phase;
  final String target;
  String id;
  String summary;
  final List<String> sql = new ArrayList<>();
  boolean transactional = true;
  final List<String> dependsOn = new ArrayList<>();
  /** The steps this one waits for; their ids are assigned once all steps exist. */
  final java.util.LinkedHashSet<StepDraft> deps = new java.util.LinkedHashSet<>();
  final List<Gate> gates = new ArrayList<>();
  String reason;
  Traffic before;
  Traffic after;
  Lock lock = Lock.NONE;
  String estimate = Estimates.instant();
  final List<String> rollback = new ArrayList<>();
  final List<String> approvalReasons = new ArrayList<>();
  final List<String> serves = new ArrayList<>();
  /** For the invariant simulation: indexes this step makes valid, or removes (table -> index). */
  dev.modelc.model.Index builds;
  String buildsAs;
  dev.modelc.model.Index drops;
  String dropsName;
  /** A backfill step's batches, for an applier that runs them itself. */
  Backfill backfill;
  /** The query that shows the step's catalog effects already in place (set once the plan is ordered). */
  String appliedWhen;
  /** Conditions that also hold (appliedAlso) or fail (appliedNot) once the step ran: what its effects do not name (nullability, defaults). */
  final List<String> appliedAlso = new ArrayList<>(1);
  final List<String> appliedNot = new ArrayList<>(1);

  /** What must exist before the step runs (besides what it removes or renames). */
  final java.util.Set<DbObject> requires = new java.util.LinkedHashSet<>(4);
  /** What the step creates, with what each new object hangs on. */
  final java.util.Map<DbObject, CatalogState.Deps> creates = new java.util.LinkedHashMap<>(4);
  /** What the step drops explicitly (what those own goes with them). */
  final java.util.Set<DbObject> removes = new java.util.LinkedHashSet<>(4);
  /** Renames in the order the step's statements run them. */
  final List<DbObject[]> renames = new ArrayList<>();
  /** Position in which the planner emitted the step: the tie-break that keeps the order stable. */
  int emitted;

  StepDraft(StepKind kind, Phase phase, String target) {
    this.kind = kind;
    this.phase = phase;
    this.target = target;
  }

  StepDraft requires(DbObject... objects) {
    requires.addAll(List.of(objects));
    return this;
  }

  StepDraft creates(DbObject object, CatalogState.Deps deps) {
    creates.put(object, deps);
    return this;
  }

  StepDraft creates(java.util.Map<DbObject, CatalogState.Deps> objects) {
    creates.putAll(objects);
    return this;
  }

  StepDraft removes(DbObject... objects) {
    removes.addAll(List.of(objects));
    return this;
  }

  StepDraft renames(DbObject from, DbObject to) {
    renames.add(new DbObject[] {from, to});
    return this;
  }

  StepDraft summary(String s) {
    summary = s;
    return this;
  }

  StepDraft sql(String... statements) {
    sql.addAll(List.of(statements));
    return this;
  }

  StepDraft nonTransactional() {
    transactional = false;
    return this;
  }

  StepDraft after(StepDraft... steps) {
    for (StepDraft s : steps) {
      if (s != null && s != this) {
        deps.add(s);
      }
    }
    return this;
  }

  StepDraft gate(Gate g) {
    gates.add(g);
    return this;
  }

  StepDraft reason(String r) {
    reason = r;
    return this;
  }

  StepDraft criticality(Traffic b, Traffic a) {
    before = b;
    after = a;
    return this;
  }

  StepDraft lock(Lock l) {
    lock = l;
    return this;
  }

  StepDraft estimate(String e) {
    estimate = e;
    return this;
  }

  StepDraft rollback(String... statements) {
    rollback.addAll(List.of(statements));
    return this;
  }

  /** The higher of the before and after criticality, as {@link Step#criticality()} says. */
  Traffic criticality() {
    if (before == null || after == null) {
      return before == null ? after : before;
    }
    return before.higherThan(after) ? before : after;
  }

  Step build() {
    return new Step(id, kind, phase, target, summary, sql, transactional, dependsOn, gates, reason, before,
        after, lock, estimate, rollback, new Approval(!approvalReasons.isEmpty(), approvalReasons), serves, backfill, appliedWhen);
  }
}
