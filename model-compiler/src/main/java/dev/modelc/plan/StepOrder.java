package dev.modelc.plan;

import dev.modelc.model.ShardedMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

  /**
   * What the order knows of one object. Each mention of an object in a step is looked up once,
   * here, and every later question (who makes it, who takes it, does it exist at the start, who
   * holds its name) is a field: a plan of tens of thousands of steps asks several per mention,
   * and each lookup in a map of that size is a few cache misses.
   */
  private static final class Node {
    final DbObject object;
    final boolean atStart;
    /** The steps that make it (or give it this name), take it (or its name) away, and drop it with something it belongs to. */
    List<StepDraft> creators = List.of();
    List<StepDraft> removers = List.of();
    List<StepDraft> droppedBy = List.of();
    /** What it owns and what blocks its removal beyond the start catalog: objects the plan creates, start objects under moved names. */
    List<Node> owned = List.of();
    List<Node> referrers = List.of();
    /** The start catalog's own, resolved on first use. */
    private List<Node> startOwned;
    private List<Node> startReferrers;
    private Node holder;
    private boolean holderKnown;
    /** Stamps of the walk or step that last visited it. */
    int seen;
    int dropping;

    Node(DbObject object, boolean atStart) {
      this.object = object;
      this.atStart = atStart;
    }
  }

  private final List<StepDraft> steps;
  private final CatalogState start;
  private final ShardedMap<DbObject, Node> nodes;
  /** Per step by emission position: the nodes of what it creates, removes, and renames (from, to). */
  private final Node[][] made;
  private final Node[][] taken;
  private final Node[][] renamed;
  /**
   * Per step by emission position: what it needs that it does not make itself (its requirements,
   * then the owners and references of what it makes), resolved once for both passes over them.
   */
  private final Node[][] needs;
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
  /** Tables the plan renames, old name -> new name: start objects are also known by their moved names. */
  private final Map<String, String> tableRenames = new HashMap<>();
  /** Other objects the plan renames (a column swapped out by a type change): also known by their new names. */
  private final Map<DbObject, DbObject> objectRenames = new HashMap<>();
  private int stamp;

  private static final Node[] NONE = {};
  /** Makes the node of an object seen for the first time; one instance, not a new lambda per lookup. */
  private final java.util.function.Function<DbObject, Node> newNode;

  private StepOrder(List<StepDraft> steps, CatalogState start) {
    this.steps = steps;
    this.start = start;
    // about three objects made, taken, needed or dropped per step
    this.nodes = new ShardedMap<>(steps.size() * 3);
    this.made = new Node[steps.size()][];
    this.taken = new Node[steps.size()][];
    this.renamed = new Node[steps.size()][];
    this.needs = new Node[steps.size()][];
    this.preds = new int[steps.size()][];
    this.predCount = new int[steps.size()];
    this.newNode = x -> new Node(x, start.contains(x));
  }

  static Result sort(List<StepDraft> steps, CatalogState start) {
    StepOrder o = new StepOrder(steps, start);
    o.index();
    o.edges();
    return o.topological();
  }

  private Node node(DbObject o) {
    return nodes.computeIfAbsent(o, newNode);
  }

  private void index() {
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      s.emitted = i;
      Node[] m = made[i] = s.creates.isEmpty() ? NONE : new Node[s.creates.size()];
      int k = 0;
      for (DbObject o : s.creates.keySet()) {
        m[k] = node(o);
        m[k].creators = SmallLists.plus(m[k].creators, s);
        k++;
      }
      Node[] t = taken[i] = s.removes.isEmpty() ? NONE : new Node[s.removes.size()];
      for (int j = 0; j < t.length; j++) {
        t[j] = node(s.removes.get(j));
        t[j].removers = SmallLists.plus(t[j].removers, s);
      }
      Node[] r = renamed[i] = s.renames.isEmpty() ? NONE : new Node[s.renames.size() * 2];
      for (int j = 0; j < s.renames.size(); j++) {
        DbObject[] pair = s.renames.get(j);
        r[2 * j] = node(pair[0]);
        r[2 * j].removers = SmallLists.plus(r[2 * j].removers, s);
        r[2 * j + 1] = node(pair[1]);
        r[2 * j + 1].creators = SmallLists.plus(r[2 * j + 1].creators, s);
        if (pair[0].kind() != DbObject.Kind.TABLE) {
          objectRenames.put(pair[0], pair[1]);
        } else {
          tableRenames.put(pair[0].name(), pair[1].name());
          for (DbObject inner : start.inTable(pair[0].name())) {
            Node from = node(inner);
            from.removers = SmallLists.plus(from.removers, s);
            Node to = node(inner.movedTo(pair[1].name()));
            to.creators = SmallLists.plus(to.creators, s);
          }
        }
      }
    }
  }

  private void edges() {
    StepDraft deploy = steps.stream().filter(s -> s.phase == Phase.DEPLOY).findFirst().orElse(null);
    ownershipAndReferrers();
    // what each step drops, by emission position
    Node[][] drops = new Node[steps.size()][];
    for (StepDraft s : steps) {
      Node[] dropped = taken[s.emitted].length == 0 ? NONE : closure(taken[s.emitted]);
      drops[s.emitted] = dropped;
      for (Node o : dropped) {
        o.droppedBy = SmallLists.plus(o.droppedBy, s);
      }
    }
    // one call per step, not one loop body: the JIT compiles a step's edges on its own, early,
    // instead of the whole loop at once while the plan waits for it
    for (StepDraft s : steps) {
      edgesOf(s, deploy, drops[s.emitted]);
    }
  }

  /** The edges of one step: its declared dependencies, the phase order, and what its effects need. */
  private void edgesOf(StepDraft s, StepDraft deploy, Node[] dropped) {
    int e = s.emitted;
    for (StepDraft d : s.deps) {
      edge(d, s);
    }
    if (deploy != null && s != deploy) {
      // the deploy usually names every expand step itself: one edge each keeps its array of
      // predecessors under the size the collector allocates outside the young generation
      if (s.phase == Phase.EXPAND && !deploy.deps.contains(s)) {
        edge(s, deploy);
      } else if (s.phase == Phase.CONTRACT) {
        edge(deploy, s);
      }
    }
    // what the step needs (repeats only repeat an edge, which the edge sets absorb)
    for (Node o : needs[e]) {
      requirement(s, o);
    }
    for (Node o : taken[e]) {
      requirement(s, o);
    }
    for (int j = 0; j < renamed[e].length; j += 2) {
      requirement(s, renamed[e][j]);
    }
    for (Node o : made[e]) {
      nameFreed(s, o);
    }
    for (int j = 1; j < renamed[e].length; j += 2) {
      nameFreed(s, renamed[e][j]);
    }
    for (Node d : taken[e]) {
      // an explicit drop runs while the object exists: before a step that drops its owner
      for (StepDraft other : d.droppedBy) {
        if (other != s && !contains(taken[other.emitted], d)) {
          edge(s, other);
        }
      }
    }
    if (dropped.length > 0) {
      int mark = ++stamp;
      for (Node d : dropped) {
        d.dropping = mark;
      }
      for (Node d : dropped) {
        blockersOf(s, d, startReferrers(d), mark);
        blockersOf(s, d, d.referrers, mark);
      }
    }
  }

  /** A step that drops {@code d} waits for whatever drops the objects that would block it. */
  private void blockersOf(StepDraft s, Node d, List<Node> blockers, int mark) {
    for (Node blocker : blockers) {
      if (blocker.dropping != mark) {
        // a step that drops the blocker by name is the one to wait for; otherwise whatever drops its owner
        edgesFrom(blocker.removers.isEmpty() ? blocker.droppedBy : blocker.removers, s);
      }
    }
  }

  private static boolean contains(Node[] nodes, Node n) {
    for (Node x : nodes) {
      if (x == n) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} needs {@code o}: after the step that makes it, before the step that takes it away. */
  private void requirement(StepDraft s, Node o) {
    List<StepDraft> made = o.creators;
    List<StepDraft> taken = o.removers;
    boolean makesItself = made.contains(s);
    int madeByOthers = made.size() - (makesItself ? 1 : 0);
    boolean removesItself = contains(this.taken[s.emitted], o) || renamesAway(s, o);
    if (makesItself) {
      // the step makes what it needs itself (a renamed table's view reads the columns the rename
      // moves): later steps that make the object again are not its prerequisites
      if (!removesItself) {
        edgesTo(s, taken);
      }
    } else if (!o.atStart && madeByOthers <= 1) {
      edgesFrom(made, s);
      if (!removesItself) {
        edgesTo(s, taken);
      }
    } else if (o.atStart && madeByOthers == 0 && !removesItself) {
      edgesTo(s, taken);
    }
    // an object that exists (or is made by a rename), is removed and made again is ambiguous by
    // name alone: the planner's own dependencies order it, and the simulator proves the result
  }

  private boolean renamesAway(StepDraft s, Node o) {
    Node[] r = renamed[s.emitted];
    for (int j = 0; j < r.length; j += 2) {
      if (r[j] == o) {
        return true;
      }
    }
    return false;
  }

  /** A name held at the start must be freed before another object takes it. */
  private void nameFreed(StepDraft s, Node o) {
    if (!o.holderKnown) {
      DbObject holder = start.holderOfName(o.object);
      o.holder = holder == null ? null : node(holder);
      o.holderKnown = true;
    }
    if (o.holder != null) {
      edgesFrom(o.holder.removers, s);
      edgesFrom(o.holder.droppedBy, s);
    }
  }

  /**
   * What objects own and what blocks their removal, beyond what the start catalog records: the
   * objects the plan creates, and start objects under the names a rename gives them.
   */
  private void ownershipAndReferrers() {
    List<Node> need = new ArrayList<>();
    for (StepDraft s : steps) {
      ownershipAndNeeds(s, need); // a call per step: compiled on its own, early, not as one long loop
    }
    for (DbObject o : renamedStartObjects()) {
      Node moved = node(moved(o));
      for (DbObject d : start.ownedBy(o)) {
        moved.owned = SmallLists.plus(moved.owned, node(moved(d)));
      }
      for (DbObject d : start.referencedBy(o)) {
        moved.referrers = SmallLists.plus(moved.referrers, node(moved(d)));
      }
    }
  }

  /** Lists what {@code s} makes under its owners and referents, and resolves what it needs. */
  private void ownershipAndNeeds(StepDraft s, List<Node> need) {
    need.clear();
    for (DbObject o : s.requires) {
      need.add(node(o));
    }
    int k = 0;
    for (CatalogState.Deps d : s.creates.values()) {
      Node o = made[s.emitted][k++];
      for (DbObject w : d.owners()) {
        Node owner = node(w);
        owner.owned = SmallLists.plus(owner.owned, o);
        if (!s.creates.containsKey(w)) {
          need.add(owner);
        }
      }
      for (DbObject r : d.refs()) {
        Node target = node(r);
        target.referrers = SmallLists.plus(target.referrers, o);
        if (!s.creates.containsKey(r)) {
          need.add(target);
        }
      }
    }
    needs[s.emitted] = need.isEmpty() ? NONE : need.toArray(NONE);
  }

  private List<Node> startOwned(Node o) {
    if (o.startOwned == null) {
      o.startOwned = nodes(start.ownedBy(o.object));
    }
    return o.startOwned;
  }

  private List<Node> startReferrers(Node o) {
    if (o.startReferrers == null) {
      o.startReferrers = nodes(start.referencedBy(o.object));
    }
    return o.startReferrers;
  }

  private List<Node> nodes(List<DbObject> objects) {
    if (objects.isEmpty()) {
      return List.of();
    }
    List<Node> out = new ArrayList<>(objects.size());
    for (DbObject o : objects) {
      out.add(node(o));
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

  /** A start object under the name it has once its table is renamed by the plan. */
  private DbObject moved(DbObject o) {
    if (o.kind() == DbObject.Kind.TABLE && tableRenames.containsKey(o.name())) {
      return DbObject.table(tableRenames.get(o.name()));
    }
    DbObject m = o.table() != null && tableRenames.containsKey(o.table()) ? o.movedTo(tableRenames.get(o.table())) : o;
    return objectRenames.getOrDefault(m, m);
  }

  /** The roots and everything they own, transitively, each once. */
  private Node[] closure(Node[] roots) {
    int mark = ++stamp;
    List<Node> out = new ArrayList<>(roots.length * 4);
    List<Node> todo = new ArrayList<>(java.util.Arrays.asList(roots));
    while (!todo.isEmpty()) {
      Node o = todo.remove(todo.size() - 1);
      if (o.seen != mark) {
        o.seen = mark;
        out.add(o);
        todo.addAll(startOwned(o));
        todo.addAll(o.owned);
      }
    }
    return out.toArray(NONE);
  }

  /** Edges from each of {@code froms} to {@code to} (loops, not lambdas: nothing allocated per call). */
  private void edgesFrom(List<StepDraft> froms, StepDraft to) {
    for (int i = 0; i < froms.size(); i++) {
      edge(froms.get(i), to);
    }
  }

  private void edgesTo(StepDraft from, List<StepDraft> tos) {
    for (int i = 0; i < tos.size(); i++) {
      edge(from, tos.get(i));
    }
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
    Reduction reduction = new Reduction(ordered);
    // a call per step, not one loop body: the JIT compiles a step's reduction on its own, early
    for (StepDraft s : ordered) {
      if (s.kind == StepKind.DEPLOY) {
        s.dependOnly(lastOfPhase(s, reduction.position));
      } else {
        reduction.reduce(s);
      }
    }
  }

  /**
   * Every step of a later phase follows every step of an earlier one (deploy waits for all of
   * expand, contract for the deploy), so only the edges from a step's latest phase can imply
   * one another. A predecessor is implied when another, later predecessor reaches it over such
   * edges; the walk stops at the deploy (it implies nothing inside a phase) and never goes
   * below the earliest predecessor in question. Marks are stamped per step, so nothing is
   * allocated per step but the result.
   */
  private final class Reduction {
    private final List<StepDraft> ordered;
    /** Position in the order, by emission position. */
    final int[] position;
    /** Phases by emission position, read once: the walks touch each step many times. */
    private final int[] phase;
    /** The latest phase among each step's predecessors. */
    private final int[] latest;
    private final int[] mark;
    private int deploy = -1;
    private int stamp;
    private int[] candidates = new int[8];
    private int[] stack = new int[8];

    Reduction(List<StepDraft> ordered) {
      this.ordered = ordered;
      int n = steps.size();
      position = new int[n];
      for (int i = 0; i < ordered.size(); i++) {
        position[ordered.get(i).emitted] = i;
      }
      phase = new int[n];
      for (int i = 0; i < n; i++) {
        phase[i] = steps.get(i).phase.ordinal();
        if (steps.get(i).kind == StepKind.DEPLOY) {
          deploy = i;
        }
      }
      latest = new int[n];
      for (int i = 0; i < n; i++) {
        int l = -1;
        for (int j = 0; j < predCount[i]; j++) {
          l = Math.max(l, phase[preds[i][j]]);
        }
        latest[i] = l;
      }
      mark = new int[n];
    }

    /** Keeps the predecessors of {@code s} no later one implies, and the dependencies it declared. */
    void reduce(StepDraft s) {
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
        markAncestors(p.emitted, lowest);
      }
      for (StepDraft d : s.deps) {
        if (!kept.contains(d)) {
          kept.add(d);
        }
      }
      kept.sort(Comparator.comparingInt(p -> position[p.emitted]));
      s.dependOnly(kept);
    }

    /** Marks what {@code from} reaches within its phase, down to position {@code lowest}. */
    private void markAncestors(int from, int lowest) {
      int top = 0;
      stack[top++] = from;
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
