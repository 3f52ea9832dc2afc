package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Index;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps for indexes: built concurrently before the deploy, dropped concurrently after it once
 * the database shows them unused, a changed index built next to the old one and renamed into
 * place, a renamed index renamed in place.
 */
final class IndexPlanner extends StepPlanner {
  IndexPlanner(PlanningContext context) {
    super(context);
  }

  StepDraft buildIndex(String table, Index index, String buildName, String reason) {
    if (newTables.contains(table)) {
      return tableCreated.get(table);
    }
    StepDraft s = step(StepKind.BUILD_INDEX, Phase.EXPAND, buildName)
        .summary("Build index " + buildName + " on " + table + " " + keys(index) + (index.where() == null ? "" : " WHERE " + index.where())
            + " concurrently: reads and writes continue")
        .reason(reason)
        .criticality(indexCriticality(before, index.name()), indexCriticality(after, index.name()))
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes and VACUUM of the table; reads and writes continue"))
        .estimate(Estimates.indexBuild(rows(table)))
        .nonTransactional()
        .sql(lockTimeout(), sql.noStatementTimeout(), sql.createIndexConcurrently(onShadowColumns(index), buildName))
        .rollback(sql.dropIndexConcurrently(buildName));
    for (String column : keyColumns(index)) {
      s.after(columnReady.get(table + "." + column));
    }
    for (String inc : index.include()) {
      s.after(columnReady.get(table + "." + inc));
    }
    s.builds = index;
    s.buildsAs = buildName;
    s.creates(DbObject.index(buildName), CatalogState.indexDeps(table, onShadowColumns(index), columnsNow(table)));
    Long rows = rows(table);
    if (rows != null && rows > policy.approveIndexBuildsOverRows()) {
      s.approval("builds an index over ~" + Estimates.grouped(rows) + " rows (policy: approval over "
          + Estimates.grouped(policy.approveIndexBuildsOverRows()) + ")");
    }
    indexBuilt.put(buildName, s);
    expand.add(s);
    return s;
  }

  /** The index as it must be built while type-changed columns still live under their shadow names. */
  private Index onShadowColumns(Index index) {
    boolean any = false;
    List<dev.modelc.model.IndexColumn> cols = new ArrayList<>();
    java.util.Map<String, String> shadows = shadowsByTable.getOrDefault(index.table(), java.util.Map.of());
    for (dev.modelc.model.IndexColumn ic : index.columns()) {
      if (ic.expression()) {
        String expression = ic.column();
        for (java.util.Map.Entry<String, String> e : shadows.entrySet()) {
          expression = dev.modelc.dialect.PostgresExpressions.renameColumn(expression, e.getKey(), e.getValue());
        }
        any |= !expression.equals(ic.column());
        cols.add(new dev.modelc.model.IndexColumn(expression, true, ic.descending(), ic.nullsFirst(), ic.opclass(), ic.source()));
        continue;
      }
      String shadow = shadowOf.get(index.table() + "." + ic.column());
      any |= shadow != null;
      cols.add(shadow == null ? ic : ic.onColumn(shadow));
    }
    List<String> include = index.include().stream().map(c -> shadowOf.getOrDefault(index.table() + "." + c, c)).toList();
    any |= !include.equals(index.include());
    String where = index.where();
    for (java.util.Map.Entry<String, String> e : shadowsByTable.getOrDefault(index.table(), java.util.Map.of()).entrySet()) {
      where = dev.modelc.dialect.PostgresExpressions.renameColumn(where, e.getKey(), e.getValue());
    }
    any |= !java.util.Objects.equals(where, index.where());
    return !any ? index : index.withDefinition(cols, include, where);
  }

  void dropIndex(Change.IndexRemoved r) {
    Index index = r.index();
    StepDraft replacement = r.replacement() == null ? null : indexBuilt.get(r.replacement().name());
    StepDraft s = dropIndexStep(r.table(), index, index.name(), r.tombstone().reason()
        + (r.replacement() == null ? "" : " Replaced by " + r.replacement().name() + "."), replacement,
        r.replacement() == null ? null : r.replacement().name());
    contract.add(s);
  }

  private StepDraft dropIndexStep(String table, Index index, String name, String reason, StepDraft replacementBuild, String replacementName) {
    StepDraft s = step(StepKind.DROP_INDEX, Phase.CONTRACT, name)
        .summary("Drop index " + name + " on " + table + " " + keys(index) + " concurrently")
        .reason(reason)
        .criticality(indexCriticality(before, index.name()), null)
        .after(deploy).after(replacementBuild)
        .lock(new Lock(sql.schemaChangeLock(), table, "other schema changes; reads and writes continue"))
        .nonTransactional()
        .sql(lockTimeout(), sql.dropIndexConcurrently(name))
        .removes(DbObject.index(name))
        .rollback(sql.createIndexConcurrently(index, name));
    if (replacementName != null) {
      s.gate(indexValid(replacementName));
    }
    s.gate(new Gate("index " + name + " had no scans since the deploy (idx_scan unchanged from the value recorded at the deploy step)",
        sql.indexScanCounter(name), Gate.Kind.INDEX_UNUSED, name));
    s.drops = index;
    s.dropsName = name;
    return s;
  }

  void modifyIndex(Change.IndexModified m) {
    boolean sameName = m.from().name().equals(m.to().name());
    String buildName = sameName ? PostgresNames.companion(m.to().name(), "new") : m.to().name();
    StepDraft build = buildIndex(m.table(), m.to(), buildName, (m.to().reason() != null ? m.to().reason() + " " : "")
        + "Replaces " + m.from().name() + " " + keys(m.from()) + (m.from().where() == null ? "" : " WHERE " + m.from().where())
        + ": built and verified before the old one is dropped.");
    StepDraft drop = dropIndexStep(m.table(), m.from(), m.from().name(), "Replaced by " + buildName + " "
        + keys(m.to()) + ", which was built before the deploy; dropped only once the database shows no scans of it.",
        build, buildName);
    contract.add(drop);
    if (sameName) {
      StepDraft rename = step(StepKind.RENAME_INDEX, Phase.CONTRACT, buildName)
          .summary("Rename " + buildName + " to " + m.to().name())
          .criticality(null, indexCriticality(after, m.to().name()))
          .reason("The replacement takes the model's name; PostgreSQL picks indexes by definition, so queries are unaffected.")
          .after(drop).after(keyColumns(m.to()).stream().map(col -> oldColumnDropped.get(m.table() + "." + col)).toArray(StepDraft[]::new))
          .lock(new Lock(sql.schemaChangeLock(), m.table(), "other schema changes for milliseconds"))
          .sql(lockTimeout(), sql.renameIndex(buildName, m.to().name()))
          .renames(DbObject.index(buildName), DbObject.index(m.to().name()))
          .rollback(sql.renameIndex(m.to().name(), buildName));
      contract.add(rename);
    }
  }

  void renameIndex(Change.IndexRenamed r) {
    StepDraft s = step(StepKind.RENAME_INDEX, Phase.EXPAND, r.to().name())
        .summary("Rename index " + r.from().name() + " to " + r.to().name() + " (same definition)")
        .reason("Renamed in the model (renamedFrom: " + r.from().name() + "); queries are unaffected.")
        .lock(new Lock(sql.schemaChangeLock(), r.table(), "other schema changes for milliseconds"))
        .sql(lockTimeout(), sql.renameIndex(r.from().name(), r.to().name()))
        .renames(DbObject.index(r.from().name()), DbObject.index(r.to().name()))
        .rollback(sql.renameIndex(r.to().name(), r.from().name()));
    s.builds = r.to();
    s.buildsAs = r.to().name();
    s.drops = r.from();
    s.dropsName = r.from().name();
    expand.add(s);
  }
}
