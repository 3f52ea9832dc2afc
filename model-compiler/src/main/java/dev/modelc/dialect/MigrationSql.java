package dev.modelc.dialect;

import dev.modelc.model.Column;
import dev.modelc.model.ForeignKey;
import dev.modelc.model.Index;
import dev.modelc.model.Table;
import java.util.List;
import java.util.Set;

/**
 * What a dialect must provide to render the steps of a migration plan: the text of every
 * statement a step runs or rolls back with, the queries behind its gates, and the names of the
 * lock modes its statements take. The planner decides which steps exist, what each one
 * requires, creates, removes and renames, and in which order they run; an implementation only
 * spells those decisions in its database's SQL.
 *
 * <p>Arguments are plain object names (tables, columns, constraints, indexes, types,
 * functions, triggers) unless stated otherwise; an implementation quotes them itself. Arguments
 * named {@code expression}, {@code value}, {@code condition} or {@code type} are SQL text that
 * this same dialect produced (or that the model declares verbatim, like a check expression) and
 * are used as they are.
 *
 * <p>Gate methods return a query that yields one row with one column: a boolean that is true
 * when the gate passes, or, for a baseline gate, a counter the plan records at the deploy step
 * and compares with afterwards.
 *
 * <p>Every method is deterministic: the same arguments give the same text, so plans stay
 * byte-for-byte reproducible.
 */
public interface MigrationSql {

  // ---- session settings and comments ------------------------------------------------------

  /** Bounds how long each following statement waits for its lock ({@code timeout} as the policy spells it). */
  String lockTimeout(String timeout);

  /** Lifts the statement time limit for a long, non-blocking statement (index build, validation, backfill). */
  String noStatementTimeout();

  /** A line that runs as nothing: a note for the reader of the plan or its rollback. */
  String comment(String text);

  // ---- lock modes ---------------------------------------------------------------------------

  /** The lock mode that blocks all reads and writes of a table (or type). */
  String exclusiveLock();

  /** The lock mode that blocks writes, and other schema changes, of a table. */
  String writeBlockingLock();

  /** The lock mode that blocks only other schema changes of a table: reads and writes continue. */
  String schemaChangeLock();

  /** The lock mode ordinary row writes take: nothing table-wide is blocked. */
  String rowWriteLock();

  // ---- extensions and comments ---------------------------------------------------------------

  /** Creates an extension the model needs, unless the database has it. */
  String createExtension(String name);

  /** Sets (or with a null text removes) a table's comment. */
  String commentOnTable(String table, String text);

  /** Sets (or with a null text removes) a column's comment. */
  String commentOnColumn(String table, String column, String text);

  // ---- identity, sequences, generated columns ------------------------------------------------

  /** Makes an existing NOT NULL column an identity column as {@code column} declares it. */
  String addIdentity(String table, Column column);

  /** Moves the sequence of {@code column} past the largest value the column holds. */
  String sequencePastMax(String table, String column);

  String dropIdentity(String table, String column);

  /** Switches an identity column between {@code ALWAYS} and {@code BY DEFAULT}. */
  String setIdentityGeneration(String table, String column, boolean always);

  String createSequence(String sequence, String type);

  String ownSequence(String sequence, String table, String column);

  String dropSequence(String sequence);

  /** The default that draws from {@code sequence}. */
  String nextval(String sequence);

  String renameSequence(String from, String to);

  /** Sets a column's default to an SQL expression of modelc's own (a sequence's {@link #nextval}). */
  String setDefaultExpression(String table, String column, String expression);

  /** Turns a generated column into a plain column that keeps its values. */
  String dropExpression(String table, String column);

  // ---- tables -------------------------------------------------------------------------------

  /**
   * Creates {@code table} with its columns, keys and checks, unless it exists; foreign keys to
   * tables not in {@code existing} (and not the table itself) are left out, for
   * {@link #addForeignKey(String, ForeignKey, String)} to add once their target exists.
   */
  String createTableIfNotExists(Table table, Set<String> existing);

  /** Creates one of a new table's indexes, unless it exists (the table is new and empty: no concurrent build). */
  String createIndexIfNotExists(Index index);

  String dropTable(String table);

  String renameTable(String from, String to);

  /**
   * A view named {@code view} that reads and writes {@code columns} of {@code table} unchanged (a
   * simple, updatable view). The columns are named, not {@code *}, so the view shows what the old
   * application knows whatever the plan adds to the table first.
   */
  String createCompatibilityView(String view, String table, List<String> columns);

  String dropView(String view);

  /** Gate: true when {@code table} exists. */
  String tableExistsGate(String table);

  /** Baseline gate: a counter of the reads and writes of {@code table}, unchanged while nothing uses it. */
  String tableUseCounter(String table);

  // ---- enum types ---------------------------------------------------------------------------

  /** Creates the enum type {@code type} with {@code values} in order, unless a type of that name exists. */
  String createEnumIfNotExists(String type, List<String> values);

  /**
   * Adds {@code value} to the enum type {@code type} unless it is there, placed before
   * {@code before} when that is not null, else after {@code after} when that is not null, else
   * at the end.
   */
  String addEnumValue(String type, String value, String before, String after);

  String renameType(String from, String to);

  String dropType(String type);

  // ---- columns ------------------------------------------------------------------------------

  /** The SQL type of {@code column}, a column of {@code table} (an enum column has its own named type). */
  String columnType(String table, Column column);

  /** The SQL spelling of the named type {@code type} (an enum type this dialect created) as a column type. */
  String namedType(String type);

  /** Adds {@code column} to {@code table} with its type, nullability and default, unless it exists. */
  String addColumn(String table, Column column);

  /** Adds a nullable column {@code column} of SQL type {@code type} to {@code table}, unless it exists. */
  String addColumn(String table, String column, String type);

  String dropColumn(String table, String column);

  String renameColumn(String table, String from, String to);

  /** Changes the type of {@code column} to the SQL type {@code type} in place. */
  String alterColumnType(String table, String column, String type);

  /** The default that {@code declared} (a column of {@code table}) has in the model, as a SQL expression. */
  String defaultValue(String table, Column declared);

  /** Sets the default of {@code column} to the model default of {@code declared}. */
  String setDefault(String table, String column, Column declared);

  String dropDefault(String table, String column);

  String setNotNull(String table, String column);

  String dropNotNull(String table, String column);

  /**
   * The condition a row still waiting for {@code column}'s default meets, in a backfill; the
   * column name is used as the model spells it.
   */
  String isUnset(String column);

  /** {@code expression} converted from the type of {@code source} to the SQL type {@code targetType}. */
  String cast(String expression, Column source, String targetType);

  /** The value of column {@code source} (of the row at hand) converted to the SQL type {@code targetType}. */
  String converted(Column source, String targetType);

  /**
   * The condition that {@code column} differs from {@code expression}, NULLs counting as values;
   * {@code declared} is the column's type in the model (json has no equality of its own).
   */
  String differs(String column, String expression, Column declared);

  /**
   * Sets {@code column} of {@code table} to {@code value} on every row meeting {@code condition},
   * in batches committed one by one so that no lock is held for long; runs outside a transaction.
   */
  String backfill(String table, String column, String value, String condition);

  /** The number of rows one batch of {@link #backfill} updates. */
  int backfillBatchRows();

  /**
   * One batch of a backfill for an applier that sizes its own batches: sets {@code column} to
   * {@code value} on the rows meeting {@code condition} among those stored in a range of the
   * table's pages, given as two parameters (PostgreSQL: the tids {@code '(first,0)'} and
   * {@code '(end,0)'}, end being the page after the last).
   */
  String backfillBatch(String table, String column, String value, String condition);

  /** Gate: true when no row of {@code table} has {@code column} NULL. */
  String noNullsGate(String table, String column);

  /** Gate: true when {@code column} of {@code table} equals {@code expression} on every row. */
  String columnsAgreeGate(String table, String column, String expression, Column declared);

  // ---- sync triggers ------------------------------------------------------------------------

  /**
   * Creates (or replaces) the row trigger function {@code function} that keeps {@code old} (of
   * SQL type {@code oldType}) and {@code shadow} (declared as {@code declared}, of SQL type
   * {@code newType}) equal, whichever one a writer sets: on insert it fills the one left NULL,
   * on update it copies the one that changed.
   */
  String syncTriggerFunction(String function, Column old, String shadow, Column declared, String oldType, String newType,
      String oldDefault);

  /** Runs {@code function} before every insert or update of a row of {@code table}. */
  String createSyncTrigger(String trigger, String table, String function);

  String dropTrigger(String trigger, String table);

  String dropFunction(String function);

  /** Gate: true when the trigger {@code trigger} exists. */
  String triggerExistsGate(String trigger);

  // ---- constraints --------------------------------------------------------------------------

  /** Adds the foreign key of {@code column} under its default name, checked at once (both tables are new). */
  String addForeignKey(String table, ForeignKey key, String name);

  /** Adds the foreign key of {@code column} under {@code name}, enforced for new writes only until validated. */
  String addForeignKeyNotValid(String table, ForeignKey key, String name);

  /** Gate: true when every non-NULL value of {@code column} exists in the table it references. */
  String noOrphansGate(String table, ForeignKey key);

  /** Adds the check {@code expression} under {@code name}, enforced for new writes only until validated. */
  String addCheckNotValid(String table, String name, String expression);

  /** Gate: true when every row of {@code table} satisfies {@code expression}. */
  String noViolationsGate(String table, String expression);

  /** Adds the check that {@code column} is not NULL under {@code name}, enforced for new writes only until validated. */
  String addNotNullCheckNotValid(String table, String name, String column);

  /** Checks the existing rows against a constraint added unvalidated, without blocking writes. */
  String validateConstraint(String table, String name);

  String renameConstraint(String table, String from, String to);

  String dropConstraint(String table, String name);

  /** Turns the valid unique index {@code index} into the unique constraint {@code name}, without a scan. */
  String addUniqueUsingIndex(String table, String name, String index);

  // ---- indexes ------------------------------------------------------------------------------

  /** Builds {@code index} under {@code name} without blocking reads or writes, unless it exists; runs outside a transaction. */
  String createIndexConcurrently(Index index, String name);

  /** Drops the index {@code name}, if it exists, without blocking reads or writes; runs outside a transaction. */
  String dropIndexConcurrently(String name);

  /** Renames the index {@code from}, if it exists. */
  String renameIndex(String from, String to);

  /** Gate: true when the index {@code name} exists and is valid and ready (a failed concurrent build leaves it invalid). */
  String indexValidGate(String name);

  /** Baseline gate: how often the index {@code name} has been scanned, unchanged while nothing uses it. */
  String indexScanCounter(String name);

  // ---- what a step leaves behind --------------------------------------------------------------
  // Conditions (SQL boolean expressions) that an applier combines with {@link #allOf} to see
  // whether a step's work is already in the database, so that it neither repeats a statement
  // that cannot run twice nor trusts a journal over the catalog.

  /** Condition: a table (not a view) named {@code table} exists. */
  String tablePresent(String table);

  /** Condition: a view named {@code view} exists. */
  String viewPresent(String view);

  /** Condition: the index {@code index} exists and is valid and ready. */
  String indexPresent(String index);

  /** Condition: an index named {@code index} exists, valid or not (a failed concurrent build or drop leaves it invalid). */
  String indexExists(String index);

  /** Condition: {@code table} has the column {@code column}. */
  String columnPresent(String table, String column);

  /** Condition: {@code table} has the constraint {@code name}. */
  String constraintPresent(String table, String name);

  /** Condition: {@code table} has the trigger {@code trigger}. */
  String triggerPresent(String table, String trigger);

  /** Condition: {@code column} of {@code table} is NOT NULL. */
  String columnNotNull(String table, String column);

  /** Condition: {@code column} of {@code table} has a default. */
  String columnHasDefault(String table, String column);

  /** Condition: the enum type {@code type} exists. */
  String typePresent(String type);

  /** Condition: the function {@code function} (without arguments) exists. */
  String functionPresent(String function);

  /** A query returning one boolean: every condition of {@code holds} is true and every one of {@code fails} false. */
  String allOf(List<String> holds, List<String> fails);
}
