package dev.modelc.plan;

import dev.modelc.dialect.PostgresNames;
import dev.modelc.diff.Change;
import dev.modelc.model.Column;
import java.util.List;

/**
 * Steps for the enum types of enum columns: created once however many steps need them,
 * created under a companion name for a type change (renamed when the columns swap), and
 * extended with new values in place.
 */
final class EnumTypePlanner extends StepPlanner {
  EnumTypePlanner(PlanningContext context) {
    super(context);
  }

  StepDraft createEnum(String table, Column c) {
    String type = PostgresNames.enumType(table, c.name());
    return enumCreated.computeIfAbsent(type, k -> {
      StepDraft e = step(StepKind.CREATE_ENUM_TYPE, Phase.EXPAND, type)
          .summary("Create enum type " + type + " (" + String.join(", ", c.type().enumValues()) + ")")
          .reason("Values of " + table + "." + c.name() + ".")
          .sql(sql.createEnumIfNotExists(type, c.type().enumValues()))
          .creates(DbObject.type(type), CatalogState.Deps.NONE)
          .rollback(sql.dropType(type));
      expand.add(e);
      return e;
    });
  }

  /** For an enum type change: the new enum is created under a companion name, swapped later. */
  StepDraft createEnumForShadow(String table, Column c) {
    String type = PostgresNames.companion(PostgresNames.enumType(table, c.name()), "new");
    StepDraft e = step(StepKind.CREATE_ENUM_TYPE, Phase.EXPAND, type)
        .summary("Create enum type " + type + " (" + String.join(", ", c.type().enumValues()) + ")")
        .reason("Values of " + table + "." + c.name() + "; renamed to " + PostgresNames.enumType(table, c.name()) + " in the contract phase.")
        .sql(sql.createEnumIfNotExists(type, c.type().enumValues()))
        .creates(DbObject.type(type), CatalogState.Deps.NONE)
        .rollback(sql.dropType(type));
    expand.add(e);
    return e;
  }

  void addEnumValues(Change.EnumValuesAdded e) {
    String type = PostgresNames.enumType(e.table(), e.column().name());
    StepDraft s = addValues(type, e.column().type().enumValues(), e.values(), e.table(), e.column().name())
        .reason("New values of " + e.table() + "." + e.column().name() + " in the model; existing values are kept.");
    expand.add(s);
  }

  /**
   * While a replaced enum column and its replacement both live, the sync trigger copies what the
   * new application writes back into the old column: its type must hold every new value too.
   * Returns the step that adds them, or null when the old type has them all.
   */
  StepDraft addValuesForSync(String table, Column old, Column replacement) {
    List<String> missing = replacement.type().enumValues().stream().filter(v -> !old.type().enumValues().contains(v)).toList();
    if (missing.isEmpty()) {
      return null;
    }
    List<String> all = new java.util.ArrayList<>(old.type().enumValues());
    all.addAll(missing);
    String type = PostgresNames.enumType(table, old.name());
    StepDraft s = addValues(type, all, missing, table, old.name())
        .reason("The sync trigger copies " + replacement.name() + " back into " + old.name() + " while both live, and "
            + replacement.name() + " can hold these values; the old type goes with the old column.");
    expand.add(s);
    return s;
  }

  private StepDraft addValues(String type, List<String> all, List<String> added, String table, String column) {
    StepDraft s = step(StepKind.ADD_ENUM_VALUE, Phase.EXPAND, type)
        .summary("Add value(s) " + String.join(", ", added) + " to enum " + type)
        .criticality(columnCriticality(from, before, table, column), columnCriticality(to, after, table, column))
        .lock(new Lock(sql.exclusiveLock(), "type " + type, "other changes to the type for milliseconds"))
        .nonTransactional()
        .requires(DbObject.type(type))
        .rollback(sql.comment("PostgreSQL cannot remove an enum value; it stays unused"));
    s.sql(lockTimeout());
    for (String v : added) {
      int i = all.indexOf(v);
      String beforeValue = i + 1 < all.size() && !added.contains(all.get(i + 1)) ? all.get(i + 1) : null;
      String afterValue = beforeValue == null && i > 0 ? all.get(i - 1) : null;
      s.sql(sql.addEnumValue(type, v, beforeValue, afterValue));
    }
    return s;
  }
}
