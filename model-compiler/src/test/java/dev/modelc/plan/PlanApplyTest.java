package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Planning;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Column;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import dev.modelc.testing.Catalog;
import dev.modelc.testing.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Applies every scenario's plan to a real PostgreSQL holding v1's schema and some rows,
 * checking each step's gates before running it, and then compares the catalog with v2's schema
 * created from scratch in a fresh database: they must be equal, and no row may be lost.
 */
class PlanApplyTest {
  static final int ROWS = 5;

  @TestFactory
  Stream<DynamicTest> everyPlanReachesTheTargetSchemaOnARealPostgres() {
    return Scenarios.all().stream().filter(dir -> Scenarios.plan(dir).plan().isPresent())
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> apply(dir)));
  }

  static void apply(Path dir) throws Exception {
    Planning.Result result = Scenarios.plan(dir);
    Plan plan = result.plan().orElseThrow();
    Model v1 = Scenarios.compile(dir, "v1").model().orElseThrow();
    Model v2 = Scenarios.compile(dir, "v2").model().orElseThrow();
    String migrated = Postgres.freshDatabase("apply_" + dir.getFileName());
    String fresh = Postgres.freshDatabase("fresh_" + dir.getFileName());
    try (Connection db = Postgres.connect(migrated); Connection target = Postgres.connect(fresh)) {
      execute(db, PostgresDdl.createSchema(v1));
      Map<String, Integer> counts = seed(db, v1);
      applyPlan(db, plan);
      execute(target, PostgresDdl.createSchema(v2));
      assertEquals(Catalog.snapshot(target), Catalog.snapshot(db), dir + ": migrated schema differs from v2 created from scratch");
      for (Table t : v2.tables()) {
        Integer seeded = counts.get(t.renamedFrom() != null && counts.containsKey(t.renamedFrom()) ? t.renamedFrom() : t.name());
        if (seeded != null) {
          assertEquals(seeded.intValue(), count(db, "select count(*) from " + quote(t.name())), "rows of " + t.name() + " kept");
        }
      }
      Path check = dir.resolve("after-apply.sql");
      if (Files.exists(check)) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(Files.readString(check))) {
          assertTrue(rs.next() && rs.getBoolean(1), dir + ": " + Files.readString(check));
        }
      }
    }
  }

  /** Runs the plan the way an operator would: gates first, then the statements, step by step. */
  static void applyPlan(Connection db, Plan plan) throws SQLException {
    for (Step step : plan.steps()) {
      for (Gate gate : step.gates()) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(gate.sql())) {
          assertTrue(rs.next(), step.id() + ": gate returns a row: " + gate.sql());
          if (!gate.baseline()) {
            assertTrue(rs.getBoolean(1), step.id() + ": gate must pass: " + gate.description());
          }
        }
      }
      if (step.appliedWhen() != null) {
        assertFalse(bool(db, step.appliedWhen()), step.id() + ": appliedWhen is false before the step runs: " + step.appliedWhen());
      }
      for (String sql : step.sql()) {
        if (!sql.startsWith("--")) {
          try (Statement s = db.createStatement()) {
            s.execute(sql);
          } catch (SQLException e) {
            throw new AssertionError(step.id() + " failed: " + sql + "\n" + e.getMessage(), e);
          }
        }
      }
      if (step.appliedWhen() != null) {
        assertTrue(bool(db, step.appliedWhen()), step.id() + ": appliedWhen is true once the step ran: " + step.appliedWhen());
      }
    }
  }

  /** Inserts rows into every table, referenced tables first, with values of each column's type. */
  static Map<String, Integer> seed(Connection db, Model model) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    List<Table> ordered = new ArrayList<>(model.tables());
    ordered.sort((a, b) -> Boolean.compare(references(a), references(b)));
    for (Table t : ordered) {
      for (int i = 0; i < ROWS; i++) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column c : t.columns()) {
          String v = c.writable() ? value(model, t, c, i) : null;
          if (v != null) {
            names.add(quote(c.name()));
            values.add(v);
          }
        }
        execute(db, "insert into " + quote(t.name()) + (names.isEmpty() ? " default values"
            : " (" + String.join(", ", names) + ") values (" + String.join(", ", values) + ")"));
      }
      counts.put(t.name(), ROWS);
    }
    return counts;
  }

  private static boolean references(Table t) {
    return !t.foreignKeys().isEmpty() || t.columns().stream().anyMatch(c -> c.name().endsWith("_id") && !c.primaryKey());
  }

  private static String value(Model model, Table t, Column c, int i) {
    // a key column takes its value from the i-th row of the target, so several key columns take one row's values
    for (dev.modelc.model.ForeignKey fk : t.foreignKeys()) {
      int at = fk.columns().indexOf(c.name());
      if (at >= 0 && model.table(fk.targetTable()).isPresent()) {
        return "(select " + quote(fk.targetColumns().get(at)) + " from " + quote(fk.targetTable()) + " order by "
            + String.join(", ", fk.targetColumns().stream().map(dev.modelc.dialect.PostgresNames::quote).toList())
            + " limit 1 offset " + (i % ROWS) + ")";
      }
    }
    String parent = c.name().endsWith("_id") ? c.name().replace("_id", "s") : null;
    if (parent != null && !c.primaryKey() && model.table(parent).isPresent()) {
      return "(select id from " + parent + " order by id limit 1 offset " + (i % ROWS) + ")";
    }
    if (c.type().array()) {
      return c.defaultValue() != null || c.nullable() ? null : "'{" + (i + 1) + "}'"; // distinct: unique constraints hold
    }
    if (c.generation() != null) {
      return null; // PostgreSQL fills it
    }
    TypeKind k = c.type().kind();
    return switch (k) {
      case UUID -> "gen_random_uuid()";
      case INT, BIGINT, SMALLINT -> String.valueOf(i + 1);
      case NUMERIC -> (i + 1) + ".25";
      case TEXT, VARCHAR, CHAR, CITEXT -> "'" + ("v" + i + "abcdefgh").substring(0, Math.min(8, c.type().length() == null ? 8 : c.type().length())) + "'";
      case ENUM, TIMESTAMPTZ -> c.defaultValue() != null ? null : k == TypeKind.ENUM ? "'" + c.type().enumValues().get(0) + "'" : "now()";
      case BOOL -> "true";
      default -> c.nullable() ? null : "default";
    };
  }

  private static String quote(String name) {
    return dev.modelc.dialect.PostgresNames.quote(name);
  }

  static void execute(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  static boolean bool(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  static int count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
