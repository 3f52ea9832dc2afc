package dev.modelc.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a plan's steps from what they declare. Besides the dependencies the planner states,
 * every object edge becomes a step edge: a step runs after the step that creates what it needs,
 * before the step that removes what it needs, after the steps that remove everything that would
 * block its own removal (a foreign key pointing at a dropped table), and after the step that
 * frees a name it takes. The order is a topological sort within expand, deploy, contract; ties
 * go to the order in which the planner emitted the steps, so the same model pair always gives
 * the same plan.
 */
final class StepOrder {
  /** The ordered steps, or the reason none exists. */
  record Result(List<StepDraft> steps, String problem) {}

  private final List<StepDraft> steps;
  private final CatalogState start;
  private final ListIndex<DbObject, StepDraft> creators;
  private final ListIndex<DbObject, StepDraft> removers;
  /**
   * Step edges by position: {@code preds[i]} holds the positions of the steps step i runs after,
   * the first {@code predCount[i]} of them, possibly repeated until {@link #topological} settles
   * them. Arrays of ints, not sets of steps: plans have tens of thousands of steps and edges.
   */
  private final int[][] preds;
  private final int[] predCount;
  /** The reverse edges, {@code next[i]} the first {@code nextCount[i]} steps that run after step i; built by {@link #topological}. */
  private int[][] next;
  private int[] nextCount;
  /** object -> the steps that drop it, explicitly or along with something that owns it. */
  private final ListIndex<DbObject, StepDraft> droppedBy;
  /** Tables the plan renames, old name -> new name: start objects are also known by their moved names. */
  private final Map<String, String> tableRenames = new HashMap<>();
  /** Other objects the plan renames (a column swapped out by a type change): also known by their new names. */
  private final Map<DbObject, DbObject> objectRenames = new HashMap<>();

  private StepOrder(List<StepDraft> steps, CatalogState start) {
    this.steps = steps;
    this.start = start;
    // about two objects made, taken or dropped per step
    int expected = steps.size() * 2;
    this.creators = new ListIndex<>(expected);
    this.removers = new ListIndex<>(expected);
    this.droppedBy = new ListIndex<>(expected);
    this.preds = new int[steps.size()][];
    this.predCount = new int[steps.size()];
  }

  static Result sort(List<StepDraft> steps, CatalogState start) {
    StepOrder o = new StepOrder(steps, start);
    o.index();
    o.edges();
    return o.topological();
  }

  private void index() {
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      s.emitted = i;
      s.creates.keySet().forEach(o -> creators.add(o, s));
      s.removes.forEach(o -> removers.add(o, s));
      for (DbObject[] r : s.renames) {
        removers.add(r[0], s);
        creators.add(r[1], s);
        if (r[0].kind() != DbObject.Kind.TABLE) {
          objectRenames.put(r[0], r[1]);
        }
        if (r[0].kind() == DbObject.Kind.TABLE) {
          tableRenames.put(r[0].name(), r[1].name());
          for (DbObject inner : start.inTable(r[0].name())) {
            removers.add(inner, s);
            creators.add(inner.movedTo(r[1].name()), s);
          }
        }
      }
    }
  }

  private void edges() {
    StepDraft deploy = steps.stream().filter(s -> s.phase == Phase.DEPLOY).findFirst().orElse(null);
    ListIndex<DbObject, DbObject> owned = ownership();
    ListIndex<DbObject, DbObject> referrers = referrers();
    // what each step drops, by emission position
    List<Set<DbObject>> drops = new ArrayList<>(java.util.Collections.nCopies(steps.size(), Set.<DbObject>of()));
    for (StepDraft s : steps) {
      if (!s.removes.isEmpty()) {
        Set<DbObject> dropped = closure(s.removes, owned);
        drops.set(s.emitted, dropped);
        dropped.forEach(o -> droppedBy.add(o, s));
      }
    }
    for (StepDraft s : steps) {
      s.deps.forEach(d -> edge(d, s));
      if (deploy != null && s != deploy) {
        if (s.phase == Phase.EXPAND) {
          edge(s, deploy);
        } else if (s.phase == Phase.CONTRACT) {
          edge(deploy, s);
        }
      }
      // what the step needs (repeats only repeat an edge, which the edge sets absorb)
      s.requires.forEach(o -> requirement(s, o));
      for (CatalogState.Deps d : s.creates.values()) {
        for (DbObject o : d.owners()) {
          if (!s.creates.containsKey(o)) {
            requirement(s, o);
          }
        }
        for (DbObject o : d.refs()) {
          if (!s.creates.containsKey(o)) {
            requirement(s, o);
          }
        }
      }
      s.removes.forEach(o -> requirement(s, o));
      s.renames.forEach(r -> requirement(s, r[0]));
      for (DbObject o : s.creates.keySet()) {
        nameFreed(s, o);
      }
      s.renames.forEach(r -> nameFreed(s, r[1]));
      Set<DbObject> dropped = drops.get(s.emitted);
      for (DbObject d : s.removes) {
        // an explicit drop runs while the object exists: before a step that drops its owner
        for (StepDraft other : droppedBy.get(d)) {
          if (other != s && !other.removes.contains(d)) {
            edge(s, other);
          }
        }
      }
      for (DbObject d : dropped) {
        for (DbObject blocker : union(start.referencedBy(d), referrers.get(d))) {
          if (!dropped.contains(blocker)) {
            // a step that drops the blocker by name is the one to wait for; otherwise whatever drops its owner
            List<StepDraft> named = removers.get(blocker);
            (named.isEmpty() ? droppedBy.get(blocker) : named).forEach(r -> edge(r, s));
          }
        }
      }
    }
  }

  /** {@code s} needs {@code o}: after the step that makes it, before the step that takes it away. */
  private void requirement(StepDraft s, DbObject o) {
    List<StepDraft> made = creators.get(o);
    List<StepDraft> taken = removers.get(o);
    int madeByOthers = made.size() - (made.contains(s) ? 1 : 0);
    boolean removesItself = s.removes.contains(o) || !s.renames.isEmpty() && s.renames.stream().anyMatch(r -> r[0].equals(o));
    boolean exists = start.contains(o);
    if (made.contains(s)) {
      // the step makes what it needs itself (a renamed table's view reads the columns the rename
      // moves): later steps that make the object again are not its prerequisites
      if (!removesItself) {
        taken.forEach(r -> edge(s, r));
      }
    } else if (!exists && madeByOthers <= 1) {
      made.forEach(c -> edge(c, s));
      if (!removesItself) {
        taken.forEach(r -> edge(s, r));
      }
    } else if (exists && madeByOthers == 0 && !removesItself) {
      taken.forEach(r -> edge(s, r));
    }
    // an object that exists (or is made by a rename), is removed and made again is ambiguous by
    // name alone: the planner's own dependencies order it, and the simulator proves the result
  }

  /** A name held at the start must be freed before another object takes it. */
  private void nameFreed(StepDraft s, DbObject o) {
    DbObject holder = start.holderOfName(o);
    if (holder != null) {
      removers.get(holder).forEach(r -> edge(r, s));
      droppedBy.get(holder).forEach(r -> edge(r, s));
    }
  }

  /**
   * owner -> what it owns, beyond what the start catalog records: the objects the plan creates,
   * and start objects under the names a rename gives them.
   */
  private ListIndex<DbObject, DbObject> ownership() {
    ListIndex<DbObject, DbObject> owned = new ListIndex<>(steps.size() * 2);
    for (StepDraft s : steps) {
      s.creates.forEach((o, d) -> d.owners().forEach(w -> owned.add(w, o)));
    }
    for (DbObject o : renamedStartObjects()) {
      start.ownedBy(o).forEach(d -> owned.add(moved(o), moved(d)));
    }
    return owned;
  }

  /** target -> what blocks dropping it, beyond what the start catalog records (as for {@link #ownership}). */
  private ListIndex<DbObject, DbObject> referrers() {
    ListIndex<DbObject, DbObject> out = new ListIndex<>(steps.size());
    for (StepDraft s : steps) {
      s.creates.forEach((o, d) -> d.refs().forEach(r -> out.add(r, o)));
    }
    for (DbObject o : renamedStartObjects()) {
      start.referencedBy(o).forEach(d -> out.add(moved(o), moved(d)));
    }
    return out;
  }

  /** Start objects a rename of the plan moves: renamed tables, their inner objects, other renamed objects. */
  private List<DbObject> renamedStartObjects() {
    List<DbObject> out = new ArrayList<>();
    for (String table : tableRenames.keySet()) {
      DbObject t = DbObject.table(table);
      if (start.contains(t)) {
        out.add(t);
        out.addAll(start.inTable(table));
      }
    }
    objectRenames.keySet().stream().filter(start::contains).forEach(out::add);
    return out;
  }

  private static List<DbObject> union(java.util.Collection<DbObject> a, List<DbObject> b) {
    if (b == null || b.isEmpty()) {
      return a instanceof List<DbObject> l ? l : new ArrayList<>(a);
    }
    List<DbObject> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** A start object under the name it has once its table is renamed by the plan. */
  private DbObject moved(DbObject o) {
    if (o.kind() == DbObject.Kind.TABLE && tableRenames.containsKey(o.name())) {
      return DbObject.table(tableRenames.get(o.name()));
    }
    DbObject m = o.table() != null && tableRenames.containsKey(o.table()) ? o.movedTo(tableRenames.get(o.table())) : o;
    return objectRenames.getOrDefault(m, m);
  }

  private Set<DbObject> closure(java.util.Collection<DbObject> roots, ListIndex<DbObject, DbObject> owned) {
    Set<DbObject> out = new LinkedHashSet<>();
    List<DbObject> todo = new ArrayList<>(roots);
    while (!todo.isEmpty()) {
      DbObject o = todo.remove(todo.size() - 1);
      if (out.add(o)) {
        todo.addAll(start.ownedBy(o));
        todo.addAll(owned.get(o));
      }
    }
    return out;
  }

  private void edge(StepDraft from, StepDraft to) {
    if (from != to && inPlan(from) && inPlan(to)) {
      int t = to.emitted;
      int[] p = preds[t];
      if (p == null) {
        p = preds[t] = new int[4];
      } else if (predCount[t] == p.length) {
        p = preds[t] = java.util.Arrays.copyOf(p, p.length * 2);
      }
      p[predCount[t]++] = from.emitted;
    }
  }

  private boolean inPlan(StepDraft s) {
    return s.emitted < steps.size() && steps.get(s.emitted) == s;
  }

  /** Sorts each step's predecessor positions and drops repeats: an edge stated twice counts once. */
  private void settleEdges() {
    for (int i = 0; i < preds.length; i++) {
      int n = predCount[i];
      if (n > 1) {
        int[] p = preds[i];
        java.util.Arrays.sort(p, 0, n);
        int kept = 1;
        for (int j = 1; j < n; j++) {
          if (p[j] != p[kept - 1]) {
            p[kept++] = p[j];
          }
        }
        predCount[i] = kept;
      }
    }
  }

  /** The steps {@code s} runs after, in emission order. */
  private List<StepDraft> predecessors(StepDraft s) {
    int n = predCount[s.emitted];
    List<StepDraft> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(steps.get(preds[s.emitted][j]));
    }
    return out;
  }

  private Result topological() {
    settleEdges();
    int n = steps.size();
    int[] waiting = predCount.clone();
    // successors per step, as predecessors are: small arrays, none of them the size of the plan
    next = new int[n][];
    nextCount = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < predCount[i]; j++) {
        int p = preds[i][j];
        if (next[p] == null) {
          next[p] = new int[4];
        } else if (nextCount[p] == next[p].length) {
          next[p] = java.util.Arrays.copyOf(next[p], next[p].length * 2);
        }
        next[p][nextCount[p]++] = i;
      }
    }
    // ready steps keyed by phase, then emission order: the tie-break that keeps the order stable
    LongHeap ready = new LongHeap(Math.min(n, 1 << 12));
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(key(steps.get(i), n));
      }
    }
    List<StepDraft> out = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      StepDraft s = steps.get((int) (ready.poll() % n));
      if (!out.isEmpty() && out.get(out.size() - 1).phase.ordinal() > s.phase.ordinal()) {
        return new Result(out, "step " + describe(s) + " (" + s.phase.label() + ") must run after "
            + describe(out.get(out.size() - 1)) + " (" + out.get(out.size() - 1).phase.label() + "), against the phase order");
      }
      out.add(s);
      for (int k = 0; k < nextCount[s.emitted]; k++) {
        int follower = next[s.emitted][k];
        if (--waiting[follower] == 0) {
          ready.add(key(steps.get(follower), n));
        }
      }
    }
    if (out.size() < n) {
      Set<StepDraft> done = new HashSet<>(out);
      List<String> cycle = cycle(steps.stream().filter(s -> !done.contains(s)).findFirst().orElseThrow(), done)
          .stream().map(StepOrder::describe).toList();
      return new Result(out, "these steps wait for each other in a cycle: " + String.join(" after ", cycle));
    }
    reduce(out);
    return new Result(out, null);
  }

  /** A step's place among ready steps: its phase first, then the order the planner emitted it in. */
  private static long key(StepDraft s, int n) {
    return (long) s.phase.ordinal() * n + s.emitted;
  }

  /** A cycle reached from {@code stuck} by walking to predecessors that never ran, each step after the next. */
  private List<StepDraft> cycle(StepDraft stuck, Set<StepDraft> done) {
    List<StepDraft> path = new ArrayList<>();
    Map<StepDraft, Integer> seen = new HashMap<>();
    StepDraft s = stuck;
    while (!seen.containsKey(s)) {
      seen.put(s, path.size());
      path.add(s);
      s = predecessors(s).stream().filter(p -> !done.contains(p)).findFirst().orElseThrow();
    }
    List<StepDraft> loop = new ArrayList<>(path.subList(seen.get(s), path.size()));
    loop.add(s);
    return loop;
  }

  /**
   * Records as each step's dependencies the transitive reduction of all its edges (the direct
   * predecessors no other predecessor already implies), plus the ones the planner stated as the
   * step's intent, such as the replacement index a drop waits for, so a reviewer reads the few
   * steps that matter.
   */
  private void reduce(List<StepDraft> ordered) {
    // Every step of a later phase follows every step of an earlier one (deploy waits for all of
    // expand, contract for the deploy), so only the edges from a step's latest phase can imply
    // one another. A predecessor is implied when another, later predecessor reaches it over such
    // edges; the walk stops at the deploy (it implies nothing inside a phase) and never goes
    // below the earliest predecessor in question. Marks are stamped per step, so nothing is
    // allocated per step but the result.
    int n = steps.size();
    int[] position = new int[n];
    for (int i = 0; i < ordered.size(); i++) {
      position[ordered.get(i).emitted] = i;
    }
    // phases by emission position, read once: the walks below touch each step many times
    int[] phase = new int[n];
    int deploy = -1;
    for (int i = 0; i < n; i++) {
      phase[i] = steps.get(i).phase.ordinal();
      if (steps.get(i).kind == StepKind.DEPLOY) {
        deploy = i;
      }
    }
    int[] latest = new int[n];
    for (int i = 0; i < n; i++) {
      int l = -1;
      for (int j = 0; j < predCount[i]; j++) {
        l = Math.max(l, phase[preds[i][j]]);
      }
      latest[i] = l;
    }
    int[] mark = new int[n];
    int stamp = 0;
    int[] candidates = new int[8];
    int[] stack = new int[8];
    for (StepDraft s : ordered) {
      if (s.kind == StepKind.DEPLOY) {
        s.dependOnly(lastOfPhase(s, position));
        continue;
      }
      int e = s.emitted;
      int count = 0;
      if (candidates.length < predCount[e]) {
        candidates = new int[Math.max(predCount[e], candidates.length * 2)];
      }
      for (int j = 0; j < predCount[e]; j++) {
        int p = preds[e][j];
        if (phase[p] == latest[e]) {
          candidates[count++] = position[p];
        }
      }
      java.util.Arrays.sort(candidates, 0, count);
      int lowest = count == 0 ? 0 : candidates[0];
      stamp++;
      List<StepDraft> kept = new ArrayList<>(Math.min(count, 4) + s.deps.size());
      for (int k = count - 1; k >= 0; k--) {
        StepDraft p = ordered.get(candidates[k]);
        if (mark[p.emitted] == stamp) {
          continue; // implied by a later predecessor
        }
        kept.add(p);
        mark[p.emitted] = stamp;
        int top = 0;
        stack[top++] = p.emitted;
        while (top > 0) {
          int x = stack[--top];
          if (x == deploy) {
            continue;
          }
          for (int j = 0; j < predCount[x]; j++) {
            int q = preds[x][j];
            if (mark[q] != stamp && position[q] >= lowest && phase[q] == latest[x]) {
              mark[q] = stamp;
              if (top == stack.length) {
                stack = java.util.Arrays.copyOf(stack, top * 2);
              }
              stack[top++] = q;
            }
          }
        }
      }
      for (StepDraft d : s.deps) {
        if (!kept.contains(d)) {
          kept.add(d);
        }
      }
      kept.sort(Comparator.comparingInt(p -> position[p.emitted]));
      s.dependOnly(kept);
    }
  }

  /**
   * The deploy's reduced dependencies: it follows every step of the phase before it, so a step
   * is implied exactly when another step of that phase follows it. Found from the successors,
   * without the ancestor sets of the whole phase that the general reduction would build.
   */
  private List<StepDraft> lastOfPhase(StepDraft deploy, int[] position) {
    List<StepDraft> preds = predecessors(deploy);
    int latestPhase = preds.stream().mapToInt(p -> p.phase.ordinal()).max().orElse(-1);
    List<StepDraft> kept = new ArrayList<>();
    for (StepDraft p : preds) {
      if (p.phase.ordinal() == latestPhase && !followedWithinPhase(p, deploy)) {
        kept.add(p);
      }
    }
    kept.sort(Comparator.comparingInt(p -> position[p.emitted]));
    return kept;
  }

  private boolean followedWithinPhase(StepDraft p, StepDraft deploy) {
    for (int k = 0; k < nextCount[p.emitted]; k++) {
      StepDraft follower = steps.get(next[p.emitted][k]);
      if (follower != deploy && follower.phase == p.phase) {
        return true;
      }
    }
    return false;
  }

  private static String describe(StepDraft s) {
    return s.kind.label() + ":" + s.target;
  }
}
