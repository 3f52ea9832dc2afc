package dev.modelc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelc.dialect.PostgresTypes;
import dev.modelc.model.ColumnType;
import dev.modelc.model.TypeKind;
import dev.modelc.testing.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which foreign keys between two column types PostgreSQL accepts, asked of PostgreSQL itself for
 * every pair of model types (sizes and arrays included), against the table modelc checks with
 * (MC303 for the refused pairs, MC320 for accepted pairs of different types).
 */
class ForeignKeyTypesTest {
  static final List<ColumnType> TYPES = types();

  private static List<ColumnType> types() {
    List<ColumnType> out = new ArrayList<>();
    for (TypeKind k : TypeKind.values()) {
      if (k != TypeKind.ENUM && k != TypeKind.JSON && k != TypeKind.XML) { // no equality: never keys
        out.add(ColumnType.of(k));
      }
    }
    out.add(new ColumnType(TypeKind.VARCHAR, 10, null, null, List.of()));
    out.add(new ColumnType(TypeKind.CHAR, 3, null, null, List.of()));
    out.add(new ColumnType(TypeKind.NUMERIC, null, 12, 2, List.of()));
    out.add(new ColumnType(TypeKind.TIMESTAMPTZ, null, 3, null, List.of()));
    out.add(new ColumnType(TypeKind.BIT, 3, null, null, List.of()));
    out.add(ColumnType.of(TypeKind.INT).arrayOf());
    out.add(ColumnType.of(TypeKind.BIGINT).arrayOf());
    out.add(ColumnType.of(TypeKind.TEXT).arrayOf());
    out.add(new ColumnType(TypeKind.VARCHAR, 10, null, null, List.of()).arrayOf());
    out.add(new ColumnType(TypeKind.VARCHAR, 20, null, null, List.of()).arrayOf());
    return out;
  }

  @Test
  void modelcAcceptsExactlyTheKeysPostgresAccepts() throws SQLException {
    List<String> disagreements = new ArrayList<>();
    try (Connection db = Postgres.connect(Postgres.freshDatabase("fk_types")); Statement s = db.createStatement()) {
      s.execute("CREATE EXTENSION citext");
      db.setAutoCommit(false);
      for (ColumnType target : TYPES) {
        for (ColumnType key : TYPES) {
          Savepoint before = db.setSavepoint();
          boolean accepted;
          try {
            s.execute("CREATE TABLE p (k " + PostgresTypes.sql("p", "k", target) + " PRIMARY KEY)");
            s.execute("CREATE TABLE f (k " + PostgresTypes.sql("f", "k", key) + " REFERENCES p (k))");
            accepted = true;
          } catch (SQLException e) {
            accepted = false;
          }
          db.rollback(before);
          if (accepted != ForeignKeyTypes.comparable(key, target)) {
            disagreements.add(key.modelSpelling() + " -> " + target.modelSpelling() + ": PostgreSQL "
                + (accepted ? "accepts" : "refuses"));
          }
          if (ForeignKeyTypes.difference(key, target).isEmpty() != key.sameBaseType(target)) {
            disagreements.add(key.modelSpelling() + " -> " + target.modelSpelling() + ": difference");
          }
        }
      }
      db.rollback();
    }
    assertEquals(List.of(), disagreements);
  }
}
