package dev.modelc.dialect;

import static dev.modelc.dialect.PostgresNames.literal;
import static dev.modelc.dialect.PostgresNames.quote;

import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The migration statements and gate queries of PostgreSQL (12 or later): constraints added
 * {@code NOT VALID} and validated separately, indexes built and dropped {@code CONCURRENTLY},
 * {@code SET NOT NULL} proved by a valid check, batched backfills in a {@code DO} block that
 * commits per batch (PostgreSQL 11+), PL/pgSQL sync triggers, and gates over the system catalogs
 * and statistics views.
 */
public final class PostgresMigrationSql implements MigrationSql {
  /** Rows a backfill updates per batch (and transaction). */
  private static final int BACKFILL_BATCH = 10000;

  @Override
  public String lockTimeout(String timeout) {
    return "SET lock_timeout = " + literal(timeout);
  }

  @Override
  public String noStatementTimeout() {
    return "SET statement_timeout = 0";
  }

  @Override
  public String comment(String text) {
    return "-- " + text;
  }

  @Override
  public String exclusiveLock() {
    return "ACCESS EXCLUSIVE";
  }

  @Override
  public String writeBlockingLock() {
    return "SHARE ROW EXCLUSIVE";
  }

  @Override
  public String schemaChangeLock() {
    return "SHARE UPDATE EXCLUSIVE";
  }

  @Override
  public String rowWriteLock() {
    return "ROW EXCLUSIVE";
  }

  // ---- extensions and comments ---------------------------------------------------------------

  @Override
  public String createExtension(String name) {
    return PostgresDdl.createExtension(name);
  }

  @Override
  public String commentOnTable(String table, String text) {
    return PostgresDdl.commentOnTable(table, text);
  }

  @Override
  public String commentOnColumn(String table, String column, String text) {
    return PostgresDdl.commentOnColumn(table, column, text);
  }

  // ---- identity, sequences, generated columns ------------------------------------------------

  @Override
  public String addIdentity(String table, Column column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column.name()) + " ADD"
        + PostgresDdl.identityClause(column.generation());
  }

  @Override
  public String sequencePastMax(String table, String column) {
    return "SELECT setval(pg_get_serial_sequence(" + literal(quote(table)) + ", " + literal(column) + "), coalesce(max("
        + quote(column) + "), 0) + 1, false) FROM " + quote(table);
  }

  @Override
  public String dropIdentity(String table, String column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " DROP IDENTITY IF EXISTS";
  }

  @Override
  public String setIdentityGeneration(String table, String column, boolean always) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET GENERATED " + (always ? "ALWAYS" : "BY DEFAULT");
  }

  @Override
  public String createSequence(String sequence, String type) {
    return "CREATE SEQUENCE IF NOT EXISTS " + quote(sequence) + " AS " + type;
  }

  @Override
  public String ownSequence(String sequence, String table, String column) {
    return "ALTER SEQUENCE " + quote(sequence) + " OWNED BY " + quote(table) + "." + quote(column);
  }

  @Override
  public String dropSequence(String sequence) {
    return "DROP SEQUENCE IF EXISTS " + quote(sequence);
  }

  @Override
  public String nextval(String sequence) {
    return PostgresDdl.nextval(sequence);
  }

  @Override
  public String renameSequence(String from, String to) {
    return "ALTER SEQUENCE " + quote(from) + " RENAME TO " + quote(to);
  }

  @Override
  public String setDefaultExpression(String table, String column, String expression) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET DEFAULT " + expression;
  }

  @Override
  public String dropExpression(String table, String column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " DROP EXPRESSION IF EXISTS";
  }

  // ---- tables -------------------------------------------------------------------------------

  @Override
  public String createTableIfNotExists(Table table, Set<String> existing) {
    return PostgresDdl.createTable(table, existing, new ArrayList<>()).replaceFirst("^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ");
  }

  @Override
  public String createIndexIfNotExists(Index index) {
    return PostgresDdl.createIndex(index, false).replaceFirst(" INDEX ", " INDEX IF NOT EXISTS ");
  }

  @Override
  public String dropTable(String table) {
    return "DROP TABLE IF EXISTS " + quote(table);
  }

  @Override
  public String renameTable(String from, String to) {
    return "ALTER TABLE " + quote(from) + " RENAME TO " + quote(to);
  }

  @Override
  public String createCompatibilityView(String view, String table, List<String> columns) {
    return "CREATE VIEW " + quote(view) + " AS SELECT " + String.join(", ", columns.stream().map(PostgresNames::quote).toList())
        + " FROM " + quote(table);
  }

  @Override
  public String dropView(String view) {
    return "DROP VIEW IF EXISTS " + quote(view);
  }

  @Override
  public String tableExistsGate(String table) {
    return "SELECT to_regclass(" + literal(quote(table)) + ") IS NOT NULL";
  }

  @Override
  public String tableUseCounter(String table) {
    return "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
        + "WHERE relid = to_regclass(" + literal(quote(table)) + ")";
  }

  // ---- enum types ---------------------------------------------------------------------------

  @Override
  public String createEnumIfNotExists(String type, List<String> values) {
    return "DO $$ BEGIN CREATE TYPE " + quote(type) + " AS ENUM (" + String.join(", ", values.stream().map(PostgresNames::literal).toList())
        + "); EXCEPTION WHEN duplicate_object THEN NULL; END $$";
  }

  @Override
  public String addEnumValue(String type, String value, String before, String after) {
    String position = before != null ? " BEFORE " + literal(before) : after != null ? " AFTER " + literal(after) : "";
    return "ALTER TYPE " + quote(type) + " ADD VALUE IF NOT EXISTS " + literal(value) + position;
  }

  @Override
  public String renameType(String from, String to) {
    return "ALTER TYPE " + quote(from) + " RENAME TO " + quote(to);
  }

  @Override
  public String dropType(String type) {
    return "DROP TYPE IF EXISTS " + quote(type);
  }

  // ---- columns ------------------------------------------------------------------------------

  /** The type with the column's collation, so that a replacement column and a cast keep it. */
  @Override
  public String columnType(String table, Column column) {
    return PostgresTypes.sql(table, column) + (column.collation() == null ? "" : " COLLATE " + PostgresDdl.collation(column.collation()));
  }

  @Override
  public String namedType(String type) {
    return quote(type);
  }

  @Override
  public String addColumn(String table, Column column) {
    return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + PostgresDdl.columnDefinition(table, column);
  }

  @Override
  public String addColumn(String table, String column, String type) {
    return "ALTER TABLE " + quote(table) + " ADD COLUMN IF NOT EXISTS " + quote(column) + " " + type;
  }

  @Override
  public String dropColumn(String table, String column) {
    return "ALTER TABLE " + quote(table) + " DROP COLUMN IF EXISTS " + quote(column);
  }

  @Override
  public String renameColumn(String table, String from, String to) {
    return "ALTER TABLE " + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
  }

  @Override
  public String alterColumnType(String table, String column, String type) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " TYPE " + type;
  }

  @Override
  public String defaultValue(String table, Column declared) {
    return PostgresDdl.defaultSql(table, declared);
  }

  @Override
  public String setDefault(String table, String column, Column declared) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET DEFAULT " + PostgresDdl.defaultSql(table, declared);
  }

  @Override
  public String dropDefault(String table, String column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " DROP DEFAULT";
  }

  @Override
  public String setNotNull(String table, String column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET NOT NULL";
  }

  @Override
  public String dropNotNull(String table, String column) {
    return "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " DROP NOT NULL";
  }

  @Override
  public String isUnset(String column) {
    return column + " IS NULL";
  }

  /** Enum values, quoted type names and anything beyond plain built-in types go through text. */
  @Override
  public String cast(String expression, Column source, String targetType) {
    boolean viaText = source.type().kind() == TypeKind.ENUM || targetType.startsWith("\"") || !targetType.matches("[a-z ()0-9,]+");
    return "(" + expression + ")" + (viaText ? "::text" : "") + "::" + targetType;
  }

  @Override
  public String converted(Column source, String targetType) {
    return cast(quote(source.name()), source, targetType);
  }

  @Override
  public String differs(String column, String expression, Column declared) {
    return comparable(quote(column), declared) + " IS DISTINCT FROM " + comparable(expression, declared);
  }

  /** json has no equality operator: its values are compared as text. */
  private static String comparable(String expression, Column declared) {
    return declared.type().kind() == dev.modelc.model.TypeKind.JSON ? "(" + expression + ")::text" : expression;
  }

  /** A {@code DO} block that updates by {@code ctid} in batches and commits after each (PostgreSQL 11+). */
  @Override
  public String backfill(String table, String column, String value, String condition) {
    return "DO $$\nDECLARE\n  n bigint;\nBEGIN\n  LOOP\n    UPDATE " + quote(table) + " SET " + quote(column) + " = " + value
        + "\n    WHERE ctid IN (SELECT ctid FROM " + quote(table) + " WHERE " + condition + " LIMIT " + BACKFILL_BATCH + ");\n"
        + "    GET DIAGNOSTICS n = ROW_COUNT;\n    EXIT WHEN n = 0;\n    COMMIT;\n  END LOOP;\nEND $$";
  }

  @Override
  public int backfillBatchRows() {
    return BACKFILL_BATCH;
  }

  /** One batch over a range of heap pages, bound as tids {@code '(first,0)'} and {@code '(end,0)'}; PostgreSQL 14+ reads only those pages (a TID range scan). */
  @Override
  public String backfillBatch(String table, String column, String value, String condition) {
    return "UPDATE " + quote(table) + " SET " + quote(column) + " = " + value
        + " WHERE ctid >= ?::tid AND ctid < ?::tid AND (" + condition + ")";
  }

  @Override
  public String noNullsGate(String table, String column) {
    return "SELECT NOT EXISTS (SELECT 1 FROM " + quote(table) + " WHERE " + quote(column) + " IS NULL)";
  }

  @Override
  public String columnsAgreeGate(String table, String column, String expression, Column declared) {
    return "SELECT NOT EXISTS (SELECT 1 FROM " + quote(table) + " WHERE " + differs(column, expression, declared) + ")";
  }

  // ---- sync triggers ------------------------------------------------------------------------

  @Override
  public String syncTriggerFunction(String function, Column old, String shadow, Column declared, String oldType, String newType,
      String oldDefault) {
    // the old value as its column stores it (a BEFORE trigger sees it before the column's typmod applies)
    String toNew = cast("(NEW." + quote(old.name()) + ")::" + oldType, old, newType);
    String toOld = cast("NEW." + quote(shadow), declared, oldType);
    return "CREATE OR REPLACE FUNCTION " + quote(function) + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        + "  IF TG_OP = 'INSERT' THEN\n"
        // the columns carry no defaults while both live (a default would hide which one a writer
        // set), so a row that sets neither gets the old column's default here
        + (oldDefault == null ? "" : "    IF NEW." + quote(shadow) + " IS NULL AND NEW." + quote(old.name()) + " IS NULL THEN NEW."
            + quote(old.name()) + " := " + oldDefault + "; END IF;\n")
        + "    IF NEW." + quote(shadow) + " IS NULL THEN NEW." + quote(shadow) + " := " + toNew + ";\n"
        + "    ELSIF NEW." + quote(old.name()) + " IS NULL THEN NEW." + quote(old.name()) + " := " + toOld + ";\n    END IF;\n"
        + "  ELSIF " + comparable("NEW." + quote(shadow), declared) + " IS NOT DISTINCT FROM " + comparable("OLD." + quote(shadow), declared)
        + " THEN\n"
        + "    NEW." + quote(shadow) + " := " + toNew + ";\n"
        + "  ELSE\n    NEW." + quote(old.name()) + " := " + toOld + ";\n  END IF;\n  RETURN NEW;\nEND $$";
  }

  @Override
  public String createSyncTrigger(String trigger, String table, String function) {
    return "CREATE TRIGGER " + quote(trigger) + " BEFORE INSERT OR UPDATE ON " + quote(table)
        + " FOR EACH ROW EXECUTE FUNCTION " + quote(function) + "()";
  }

  @Override
  public String dropTrigger(String trigger, String table) {
    return "DROP TRIGGER IF EXISTS " + quote(trigger) + " ON " + quote(table);
  }

  @Override
  public String dropFunction(String function) {
    return "DROP FUNCTION IF EXISTS " + quote(function) + "()";
  }

  @Override
  public String triggerExistsGate(String trigger) {
    return "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = " + literal(trigger) + ")";
  }

  // ---- constraints --------------------------------------------------------------------------

  @Override
  public String addForeignKey(String table, ForeignKey key, String name) {
    return "ALTER TABLE " + quote(table) + " ADD " + PostgresDdl.foreignKeyClause(table, key, name);
  }

  @Override
  public String addForeignKeyNotValid(String table, ForeignKey key, String name) {
    return "ALTER TABLE " + quote(table) + " ADD " + PostgresDdl.foreignKeyClause(table, key, name) + " NOT VALID";
  }

  /**
   * No row of {@code table} whose key points at nothing: under MATCH SIMPLE a key with a null
   * column is not checked; under MATCH FULL it must be all null or all set, and then found.
   */
  @Override
  public String noOrphansGate(String table, ForeignKey key) {
    List<String> set = new ArrayList<>();
    List<String> match = new ArrayList<>();
    for (int i = 0; i < key.columns().size(); i++) {
      set.add("t." + quote(key.columns().get(i)) + " IS NOT NULL");
      match.add("r." + quote(key.targetColumns().get(i)) + " = t." + quote(key.columns().get(i)));
    }
    String orphan = String.join(" AND ", set) + " AND NOT EXISTS (SELECT 1 FROM " + quote(key.targetTable()) + " r WHERE "
        + String.join(" AND ", match) + ")";
    if (key.matchFull() && key.columns().size() > 1) {
      String anyNull = key.columns().stream().map(c -> "t." + quote(c) + " IS NULL").reduce((a, b) -> a + " OR " + b).orElseThrow();
      orphan = "(" + orphan + ") OR ((" + anyNull + ") AND NOT (" + key.columns().stream().map(c -> "t." + quote(c) + " IS NULL")
          .reduce((a, b) -> a + " AND " + b).orElseThrow() + "))";
    }
    return "SELECT NOT EXISTS (SELECT 1 FROM " + quote(table) + " t WHERE " + orphan + ")";
  }

  @Override
  public String addCheckNotValid(String table, String name, String expression) {
    return "ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(name) + " CHECK (" + expression + ") NOT VALID";
  }

  @Override
  public String noViolationsGate(String table, String expression) {
    return "SELECT NOT EXISTS (SELECT 1 FROM " + quote(table) + " WHERE NOT (" + expression + "))";
  }

  @Override
  public String addNotNullCheckNotValid(String table, String name, String column) {
    return addCheckNotValid(table, name, quote(column) + " IS NOT NULL");
  }

  @Override
  public String validateConstraint(String table, String name) {
    return "ALTER TABLE " + quote(table) + " VALIDATE CONSTRAINT " + quote(name);
  }

  @Override
  public String renameConstraint(String table, String from, String to) {
    return "ALTER TABLE " + quote(table) + " RENAME CONSTRAINT " + quote(from) + " TO " + quote(to);
  }

  @Override
  public String dropConstraint(String table, String name) {
    return "ALTER TABLE " + quote(table) + " DROP CONSTRAINT IF EXISTS " + quote(name);
  }

  @Override
  public String addUniqueUsingIndex(String table, String name, String index) {
    return "ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(name) + " UNIQUE USING INDEX " + quote(index);
  }

  // ---- indexes ------------------------------------------------------------------------------

  @Override
  public String createIndexConcurrently(Index index, String name) {
    return PostgresDdl.createIndex(index, name, true);
  }

  @Override
  public String dropIndexConcurrently(String name) {
    return "DROP INDEX CONCURRENTLY IF EXISTS " + quote(name);
  }

  @Override
  public String renameIndex(String from, String to) {
    return "ALTER INDEX IF EXISTS " + quote(from) + " RENAME TO " + quote(to);
  }

  @Override
  public String indexValidGate(String name) {
    return "SELECT coalesce((SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = to_regclass(" + literal(quote(name)) + ")), false)";
  }

  @Override
  public String tablePresent(String table) {
    return relationOfKind(table, "'r', 'p'");
  }

  @Override
  public String viewPresent(String view) {
    return relationOfKind(view, "'v', 'm'");
  }

  private static String relationOfKind(String name, String kinds) {
    return "EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(" + literal(name) + ") AND relkind IN (" + kinds + "))";
  }

  @Override
  public String indexPresent(String index) {
    return "coalesce((SELECT indisvalid AND indisready FROM pg_index WHERE indexrelid = to_regclass(" + literal(index) + ")), false)";
  }

  @Override
  public String indexExists(String index) {
    return relationOfKind(index, "'i', 'I'");
  }

  @Override
  public String columnPresent(String table, String column) {
    return "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(" + literal(table) + ") AND attname = " + literal(column)
        + " AND attnum > 0 AND NOT attisdropped)";
  }

  @Override
  public String columnNotNull(String table, String column) {
    return attributeFlag(table, column, "attnotnull");
  }

  @Override
  public String columnHasDefault(String table, String column) {
    return attributeFlag(table, column, "atthasdef");
  }

  /** A boolean column of the column's pg_attribute row; false when the column does not exist. */
  private static String attributeFlag(String table, String column, String flag) {
    return "coalesce((SELECT " + flag + " FROM pg_attribute WHERE attrelid = to_regclass(" + literal(table) + ") AND attname = "
        + literal(column) + " AND NOT attisdropped), false)";
  }

  @Override
  public String constraintPresent(String table, String name) {
    return "EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(" + literal(table) + ") AND conname = " + literal(name) + ")";
  }

  @Override
  public String triggerPresent(String table, String trigger) {
    return "EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(" + literal(table) + ") AND tgname = " + literal(trigger) + ")";
  }

  @Override
  public String typePresent(String type) {
    return "EXISTS (SELECT 1 FROM pg_type WHERE oid = to_regtype(" + literal(quote(type)) + ") AND typtype = 'e')";
  }

  @Override
  public String functionPresent(String function) {
    return "to_regprocedure(" + literal(quote(function) + "()") + ") IS NOT NULL";
  }

  @Override
  public String allOf(List<String> holds, List<String> fails) {
    if (holds.isEmpty() && fails.isEmpty()) {
      return "SELECT true";
    }
    // one buffer, not a list and a string per condition: every step with catalog effects has one
    StringBuilder out = new StringBuilder(8 + 128 * (holds.size() + fails.size()));
    out.append("SELECT ");
    String and = "";
    for (String h : holds) {
      out.append(and).append(h);
      and = " AND ";
    }
    for (String f : fails) {
      out.append(and).append("NOT ").append(f);
      and = " AND ";
    }
    return out.toString();
  }

  @Override
  public String indexScanCounter(String name) {
    return "SELECT coalesce((SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = to_regclass(" + literal(quote(name)) + ")), 0)";
  }
}
