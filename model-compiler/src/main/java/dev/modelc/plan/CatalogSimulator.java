package dev.modelc.plan;

import dev.modelc.model.Model;
import dev.modelc.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plays a plan against the catalog of its baseline, checking each step the way PostgreSQL would
 * before running it: what the step needs exists, a name it takes is free, nothing outside the
 * step still depends on what it drops. At the end the catalog must hold exactly the objects of
 * the target model. A problem here is a planner fault: the plan is not written, and the message
 * names the step, so that it never reaches a database.
 */
final class CatalogSimulator {
  private CatalogSimulator() {}

  /**
   * The problems found, each naming its step; empty when the plan reaches {@code target}. The
   * steps are played on {@code start} itself, which ends as the plan leaves the database.
   */
  static List<String> check(CatalogState start, Model target, List<StepDraft> ordered) {
    CatalogState state = start;
    List<String> problems = new ArrayList<>();
    // one call per step, not one loop body: the JIT compiles a step's play on its own, early,
    // instead of compiling the whole simulation at once while the plan waits for it
    for (StepDraft s : ordered) {
      play(state, s, problems);
    }
    if (reachesTarget(state, target)) {
      return problems;
    }
    // differences are few: find them by hashing, sort only them for the message
    Set<DbObject> wanted = CatalogState.objectsOf(target);
    Set<DbObject> missing = new TreeSet<>();
    wanted.stream().filter(o -> !state.contains(o)).forEach(missing::add);
    Set<DbObject> extra = new TreeSet<>();
    state.objects().stream().filter(o -> !wanted.contains(o)).forEach(extra::add);
    if (!missing.isEmpty()) {
      problems.add("after the last step the database lacks " + first(missing) + " of the target model");
    }
    if (!extra.isEmpty()) {
      problems.add("after the last step the database still has " + first(extra) + ", which the target model does not");
    }
    return problems;
  }

  /** Plays one step on {@code state}, adding a problem for each of its preconditions that fails. */
  private static void play(CatalogState state, StepDraft s, List<String> problems) {
    for (DbObject o : s.requires) {
      if (!state.contains(o)) {
        problems.add(at(s) + " needs " + o + ", which does not exist at that point");
      }
    }
    if (!s.removes.isEmpty()) {
      List<DbObject> present = new ArrayList<>(s.removes.size());
      for (DbObject o : s.removes) {
        if (state.contains(o)) {
          present.add(o);
        } else {
          problems.add(at(s) + " drops " + o + ", which does not exist at that point");
        }
      }
      java.util.Collection<DbObject> dropped = state.cascade(present);
      Set<DbObject> blockers = state.blockers(dropped);
      if (!blockers.isEmpty()) {
        problems.add(at(s) + " drops " + present + ", but " + blockers + " still depend(s) on it");
      }
      state.removeAll(dropped);
    }
    for (DbObject[] r : s.renames) {
      if (!state.contains(r[0])) {
        problems.add(at(s) + " renames " + r[0] + ", which does not exist at that point");
        continue;
      }
      DbObject holder = state.holderOfName(r[1]);
      if (holder != null) {
        problems.add(at(s) + " renames " + r[0] + " to " + r[1].name() + ", but " + holder + " already has that name");
        continue;
      }
      state.rename(r[0], r[1]);
    }
    s.creates.forEach((o, deps) -> {
      DbObject holder = state.holderOfName(o);
      if (holder != null) {
        problems.add(at(s) + " creates " + o + ", but " + holder + " already has that name");
        return;
      }
      for (DbObject needed : deps.owners()) {
        if (!state.contains(needed)) {
          problems.add(at(s) + " creates " + o + " on " + needed + ", which does not exist at that point");
        }
      }
      for (DbObject needed : deps.refs()) {
        if (!state.contains(needed)) {
          problems.add(at(s) + " creates " + o + " referring to " + needed + ", which does not exist at that point");
        }
      }
      state.put(o, deps);
    });
  }

  /**
   * Whether {@code state} holds exactly the objects of {@code target}, decided without a lookup
   * per object: the two must have as many objects and the same {@link CatalogState#fingerprint}.
   * A model gives an object twice only within one table (an index named as a key constraint), so
   * repeats are dropped table by table; a name two tables share would only make the sums differ
   * and send the check to the exact comparison, which finds no difference and passes. Catalogs
   * that differ and still agree on both would need a 64-bit collision of sums of well-mixed
   * hashes: not a risk a planner fault runs into.
   */
  private static boolean reachesTarget(CatalogState state, Model target) {
    TableHashes hashes = new TableHashes();
    for (Table t : target.tables()) {
      hashes.size = 0;
      CatalogState.forEachObject(target, t, (o, deps) -> hashes.add(o.fingerprint()));
      hashes.countDistinct();
    }
    return hashes.count == state.size() && hashes.sum == state.fingerprint();
  }

  /**
   * The fingerprints of one table's objects, in a buffer reused from table to table, and the
   * count and sum of the distinct ones of every table so far.
   */
  private static final class TableHashes {
    long[] values = new long[64];
    int size;
    long sum;
    long count;

    /** Adds the distinct fingerprints of the table in the buffer to the count and sum. */
    void countDistinct() {
      java.util.Arrays.sort(values, 0, size);
      for (int i = 0; i < size; i++) {
        if (i == 0 || values[i] != values[i - 1]) {
          sum += values[i];
          count++;
        }
      }
    }

    void add(long hash) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = hash;
    }
  }

  /** How a problem names its step (made only when there is a problem: most steps have none). */
  private static String at(StepDraft s) {
    return "step '" + s.kind.label() + ":" + s.target + "'";
  }

  private static String first(Set<DbObject> objects) {
    List<String> names = objects.stream().limit(10).map(DbObject::toString).toList();
    return String.join(", ", names) + (objects.size() > names.size() ? " and " + (objects.size() - names.size()) + " more" : "");
  }
}
