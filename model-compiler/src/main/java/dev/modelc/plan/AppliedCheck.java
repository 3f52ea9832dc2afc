package dev.modelc.plan;

import dev.modelc.dialect.MigrationSql;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives, from what each step declares it creates, removes and renames, the query that shows
 * the step's work already in the database ({@link Step#appliedWhen()}). An applier that finds a
 * step not recorded as done uses it to tell "already there" (someone ran the statement by hand,
 * or a crash came between the statement and the record) from "still to do", so it never repeats
 * a statement that cannot run twice. Steps without catalog effects (backfills, validations,
 * defaults, nullability, type changes in place, also when a view around the column is dropped and
 * made again) get none: they are written to be run again.
 */
final class AppliedCheck {
  private AppliedCheck() {}

  static void fill(List<StepDraft> steps, MigrationSql sql) {
    for (StepDraft s : steps) {
      s.appliedWhen = of(s, sql);
    }
  }

  static String of(StepDraft s, MigrationSql sql) {
    if (s.creates.isEmpty() && s.removes.isEmpty() && s.renames.isEmpty()) {
      return null;
    }
    // play the step's effects on two sets: what exists afterwards, and what no longer does
    // (insertion-ordered sets of a few objects each, kept in lists: a step has one to a few effects)
    List<DbObject> present = new ArrayList<>(2);
    List<DbObject> absent = new ArrayList<>(2);
    for (DbObject o : s.removes) {
      DbObject.addDistinct(absent, o);
      present.remove(o);
    }
    for (DbObject[] r : s.renames) {
      present.remove(r[0]);
      DbObject.addDistinct(absent, r[0]);
      absent.remove(r[1]);
      DbObject.addDistinct(present, r[1]);
    }
    for (DbObject o : s.creates.keySet()) {
      if (s.removes.contains(o)) {
        // dropped and made again in one step (a view around a column change): there before and after, it shows nothing
        absent.remove(o);
        continue;
      }
      absent.remove(o);
      DbObject.addDistinct(present, o);
    }
    if (present.isEmpty() && absent.isEmpty() && s.appliedAlso.isEmpty() && s.appliedNot.isEmpty()) {
      return null;
    }
    List<String> holds = new ArrayList<>();
    present.forEach(o -> holds.add(condition(o, sql)));
    holds.addAll(s.appliedAlso);
    List<String> fails = new ArrayList<>();
    // an index that is gone must be gone entirely: an INVALID one left by an interrupted drop still counts
    absent.forEach(o -> fails.add(o.kind() == DbObject.Kind.INDEX ? sql.indexExists(o.name()) : condition(o, sql)));
    fails.addAll(s.appliedNot);
    return sql.allOf(holds, fails);
  }

  private static String condition(DbObject o, MigrationSql sql) {
    return switch (o.kind()) {
      case TABLE -> sql.tablePresent(o.name());
      case VIEW -> sql.viewPresent(o.name());
      case INDEX -> sql.indexPresent(o.name());
      case COLUMN -> sql.columnPresent(o.table(), o.name());
      case CONSTRAINT -> sql.constraintPresent(o.table(), o.name());
      case TRIGGER -> sql.triggerPresent(o.table(), o.name());
      case TYPE -> sql.typePresent(o.name());
      case FUNCTION -> sql.functionPresent(o.name());
    };
  }
}
