package dev.modelc.plan;

/** What a step does; docs/plans.md shows an example of each. */
public enum StepKind {
  CREATE_EXTENSION,
  CREATE_ENUM_TYPE,
  ADD_ENUM_VALUE,
  CREATE_TABLE,
  ADD_COLUMN,
  SET_DEFAULT,
  DROP_NOT_NULL,
  ADD_NOT_NULL_CHECK,
  VALIDATE_CONSTRAINT,
  SET_NOT_NULL,
  ADD_FOREIGN_KEY,
  ADD_CHECK,
  DROP_CONSTRAINT,
  BUILD_INDEX,
  ATTACH_UNIQUE_CONSTRAINT,
  INSTALL_SYNC_TRIGGER,
  BACKFILL,
  ALTER_COLUMN_TYPE,
  SWAP_COLUMNS,
  RENAME_INDEX,
  RENAME_CONSTRAINT,
  SET_COMMENT,
  CHANGE_GENERATION,
  DEPLOY,
  DROP_TRIGGER,
  DROP_INDEX,
  DROP_COLUMN,
  DROP_TABLE;

  /** Asked for by every step id and message: spelled once per kind. */
  private final String label = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

  public String label() {
    return label;
  }
}
