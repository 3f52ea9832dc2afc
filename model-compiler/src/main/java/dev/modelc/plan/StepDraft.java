package dev.modelc.plan;

import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A step being assembled by the planner; {@link #build} freezes it. */
final class StepDraft {
  final StepKind kind;
  final Phase phase;
  final String target;
  String id;
  String summary;
  // Collections a step may not need start as shared empty ones and are made on the first write:
  // plans have tens of thousands of steps, and a dozen empty collections each would be most of
  // the planner's memory.
  final List<String> sql = new ArrayList<>(2);
  boolean transactional = true;
  final List<String> dependsOn = new ArrayList<>(2);
  /**
   * The steps this one waits for, each once; their ids are assigned once all steps exist. A set
   * while the planner adds to it, a list once the order has reduced it to the few that matter.
   */
  java.util.Collection<StepDraft> deps = List.of();
  List<Gate> gates = List.of();
  String reason;
  Traffic before;
  Traffic after;
  Lock lock = Lock.NONE;
  String estimate = Estimates.instant();
  List<String> rollback = List.of();
  List<String> approvalReasons = List.of();
  List<String> serves = List.of();
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
  List<String> appliedAlso = List.of();
  List<String> appliedNot = List.of();

  /** What must exist before the step runs (besides what it removes or renames); no repeats. */
  List<DbObject> requires = List.of();
  /** What the step creates, with what each new object hangs on. */
  Map<DbObject, CatalogState.Deps> creates = Map.of();
  /** What the step drops explicitly (what those own goes with them); no repeats. */
  List<DbObject> removes = List.of();
  /** Renames in the order the step's statements run them. */
  List<DbObject[]> renames = List.of();
  /** Position in which the planner emitted the step: the tie-break that keeps the order stable. */
  int emitted;

  StepDraft(StepKind kind, Phase phase, String target) {
    this.kind = kind;
    this.phase = phase;
    this.target = target;
  }

  StepDraft requires(DbObject... objects) {
    requires = addNew(requires, objects);
    return this;
  }

  StepDraft creates(DbObject object, CatalogState.Deps deps) {
    writableCreates().put(object, deps);
    return this;
  }

  StepDraft creates(Map<DbObject, CatalogState.Deps> objects) {
    writableCreates().putAll(objects);
    return this;
  }

  private Map<DbObject, CatalogState.Deps> writableCreates() {
    if (creates.isEmpty()) {
      creates = new LinkedHashMap<>(4);
    }
    return creates;
  }

  StepDraft removes(DbObject... objects) {
    removes = addNew(removes, objects);
    return this;
  }

  StepDraft renames(DbObject from, DbObject to) {
    renames = SmallLists.plus(renames, new DbObject[] {from, to});
    return this;
  }

  /** {@code list} with those of {@code objects} it does not hold yet. */
  private static List<DbObject> addNew(List<DbObject> list, DbObject... objects) {
    List<DbObject> out = list;
    for (DbObject o : objects) {
      out = SmallLists.plusNew(out, o);
    }
    return out;
  }

  /** Waits for {@code step}. */
  void dependOn(StepDraft step) {
    if (!(deps instanceof LinkedHashSet)) {
      LinkedHashSet<StepDraft> set = new LinkedHashSet<>(4);
      set.addAll(deps);
      deps = set;
    }
    deps.add(step);
  }

  /** Replaces what the step waits for with {@code steps}, which holds no step twice. */
  void dependOnly(List<StepDraft> steps) {
    deps = steps.isEmpty() ? List.of() : steps;
  }

  void approval(String why) {
    approvalReasons = SmallLists.plus(approvalReasons, why);
  }

  /** A reason that reads before the others. */
  void approvalFirst(String why) {
    approvalReasons = SmallLists.plus(approvalReasons, why);
    java.util.Collections.rotate(approvalReasons, 1);
  }

  void serves(java.util.Collection<String> queries) {
    queries.forEach(q -> serves = SmallLists.plus(serves, q));
  }

  void appliedAlso(String condition) {
    appliedAlso = SmallLists.plus(appliedAlso, condition);
  }

  void appliedNot(String condition) {
    appliedNot = SmallLists.plus(appliedNot, condition);
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
        dependOn(s);
      }
    }
    return this;
  }

  StepDraft gate(Gate g) {
    gates = SmallLists.plus(gates, g);
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
    for (String statement : statements) {
      rollback = SmallLists.plus(rollback, statement);
    }
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
