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
    List<String> all = e.column().type().enumValues();
    StepDraft s = step(StepKind.ADD_ENUM_VALUE, Phase.EXPAND, type)
        .summary("Add value(s) " + String.join(", ", e.values()) + " to enum " + type)
        .reason("New values of " + e.table() + "." + e.column().name() + " in the model; existing values are kept.")
        .criticality(columnCriticality(from, before, e.table(), e.column().name()), columnCriticality(to, after, e.table(), e.column().name()))
        .lock(new Lock(sql.exclusiveLock(), "type " + type, "other changes to the type for milliseconds"))
        .nonTransactional()
        .requires(DbObject.type(type))
        .rollback(sql.comment("PostgreSQL cannot remove an enum value; it stays unused"));
    s.sql(lockTimeout());
    for (String v : e.values()) {
      int i = all.indexOf(v);
      String beforeValue = i + 1 < all.size() && !e.values().contains(all.get(i + 1)) ? all.get(i + 1) : null;
      String afterValue = beforeValue == null && i > 0 ? all.get(i - 1) : null;
      s.sql(sql.addEnumValue(type, v, beforeValue, afterValue));
    }
    expand.add(s);
  }
}
