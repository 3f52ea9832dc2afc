package dev.modelc.diff;

import dev.modelc.diag.Diagnostics;
import dev.modelc.dialect.PostgresTypes;
import dev.modelc.model.Model;
import dev.modelc.model.SourceRef;
import dev.modelc.model.UnmanagedObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps PostgreSQL would refuse because an unmanaged object depends on what they drop or
 * retype (MC630): a view, materialized view, trigger or policy that reads a column blocks
 * dropping it (a retired or renamed column's old incarnation), changing its type, and dropping
 * its table. Objects inside a table (its triggers and policies) go with the table, and
 * partitions go with their parent, so those drops are not refused; functions and sequences are
 * not tracked by PostgreSQL's dependencies, so they refuse nothing. Objects listed under
 * {@code other:} are of unknown kind and are taken to refuse.
 */
final class UnmanagedGuard {
  private static final Set<UnmanagedObject.Kind> BLOCKING = EnumSet.of(UnmanagedObject.Kind.VIEWS,
      UnmanagedObject.Kind.MATERIALIZED_VIEWS, UnmanagedObject.Kind.TRIGGERS, UnmanagedObject.Kind.POLICIES,
      UnmanagedObject.Kind.OTHER);

  private UnmanagedGuard() {}

  static void check(Model model, List<Change> changes, Diagnostics out) {
    List<UnmanagedObject> blocking = model.unmanaged().stream().filter(u -> BLOCKING.contains(u.kind())).toList();
    if (blocking.isEmpty()) {
      return;
    }
    for (Change c : changes) {
      Map<String, SourceRef> dropped = new LinkedHashMap<>(); // "table" or "table.column" -> where the change is written
      String verb;
      if (c instanceof Change.TableRemoved r) {
        dropped.put(r.removed().name(), r.tombstone().source());
        verb = "drops table " + r.removed().name();
      } else if (c instanceof Change.ColumnRemoved r) {
        dropped.put(r.table() + "." + r.column().name(), r.tombstone().source());
        verb = "drops column " + r.table() + "." + r.column().name();
      } else if (c instanceof Change.ColumnRenamed r) {
        dropped.put(r.table() + "." + r.from().name(), r.to().source());
        verb = "renames column " + r.table() + "." + r.from().name() + " through a new column and drops the old one";
      } else if (c instanceof Change.ColumnTypeChanged t) {
        dropped.put(t.table() + "." + t.from().name(), t.to().source());
        verb = "changes the type of " + t.table() + "." + t.from().name()
            + (PostgresTypes.changesWithoutRewrite(t.from(), t.to()) ? "" : " through a new column and drops the old one");
      } else {
        continue;
      }
      for (Map.Entry<String, SourceRef> d : dropped.entrySet()) {
        String table = d.getKey().contains(".") ? d.getKey().substring(0, d.getKey().indexOf('.')) : d.getKey();
        boolean wholeTable = !d.getKey().contains(".");
        for (UnmanagedObject u : blocking) {
          if (wholeTable && table.equals(u.table())) {
            continue; // a trigger or policy of the dropped table goes with it
          }
          boolean depends = u.dependsOn().stream().anyMatch(x -> x.equals(table) || x.equals(d.getKey())
              || (wholeTable && x.startsWith(table + ".")));
          if (depends) {
            out.report(DiffCode.MC630, d.getValue(), "the plan " + verb + ", but unmanaged " + u.describe() + " (at "
                + u.source() + ") depends on " + (wholeTable ? "it" : d.getKey()) + ", so PostgreSQL would refuse the step;"
                + " change or drop " + u.describe() + " first (plans never touch unmanaged objects), then plan again");
          }
        }
      }
    }
  }
}
