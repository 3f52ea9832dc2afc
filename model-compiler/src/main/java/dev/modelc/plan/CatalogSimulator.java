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
    for (StepDraft s : ordered) {
      String at = "step '" + s.kind.label() + ":" + s.target + "'";
      for (DbObject o : s.requires) {
        if (!state.contains(o)) {
          problems.add(at + " needs " + o + ", which does not exist at that point");
        }
      }
      if (!s.removes.isEmpty()) {
        List<DbObject> present = s.removes.stream().filter(state::contains).toList();
        s.removes.stream().filter(o -> !state.contains(o))
            .forEach(o -> problems.add(at + " drops " + o + ", which does not exist at that point"));
        Set<DbObject> dropped = state.cascade(present);
        Set<DbObject> blockers = state.blockers(dropped);
        if (!blockers.isEmpty()) {
          problems.add(at + " drops " + present + ", but " + blockers + " still depend(s) on it");
        }
        state.removeAll(dropped);
      }
      for (DbObject[] r : s.renames) {
        if (!state.contains(r[0])) {
          problems.add(at + " renames " + r[0] + ", which does not exist at that point");
          continue;
        }
        DbObject holder = state.holderOfName(r[1]);
        if (holder != null) {
          problems.add(at + " renames " + r[0] + " to " + r[1].name() + ", but " + holder + " already has that name");
          continue;
        }
        state.rename(r[0], r[1]);
      }
      s.creates.forEach((o, deps) -> {
        DbObject holder = state.holderOfName(o);
        if (holder != null) {
          problems.add(at + " creates " + o + ", but " + holder + " already has that name");
          return;
        }
        for (DbObject needed : deps.owners()) {
          if (!state.contains(needed)) {
            problems.add(at + " creates " + o + " on " + needed + ", which does not exist at that point");
          }
        }
        for (DbObject needed : deps.refs()) {
          if (!state.contains(needed)) {
            problems.add(at + " creates " + o + " referring to " + needed + ", which does not exist at that point");
          }
        }
        state.put(o, deps);
      });
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

  /**
   * Whether {@code state} holds exactly the objects of {@code target}, table by table, without a
   * set of all of them: every target object present and as many objects in the state as distinct
   * target objects. Objects inside a table are distinct by their table; only objects named in the
   * schema's namespaces (tables, indexes, types) could repeat across tables, so only they are
   * counted in a set.
   */
  private static boolean reachesTarget(CatalogState state, Model target) {
    ShardedMap<DbObject, Boolean> schemaLevel = new ShardedMap<>(target.tables().size() * 8);
    long[] distinct = {0};
    boolean[] missing = {false};
    for (Table t : target.tables()) {
      // inner objects a table gives twice (none do) would only send the check to the exact comparison
      CatalogState.forEachObject(target, t, (o, deps) -> {
        if (!state.contains(o)) {
          missing[0] = true;
        } else if (o.table() != null || schemaLevel.putIfAbsent(o, Boolean.TRUE) == null) {
          distinct[0]++;
        }
      });
      if (missing[0]) {
        return false;
      }
    }
    return distinct[0] == state.objects().size();
  }

  private static String first(Set<DbObject> objects) {
    List<String> names = objects.stream().limit(10).map(DbObject::toString).toList();
    return String.join(", ", names) + (objects.size() > names.size() ? " and " + (objects.size() - names.size()) + " more" : "");
  }
}
