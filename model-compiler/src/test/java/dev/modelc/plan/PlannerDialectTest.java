package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.analyze.Coverage;
import dev.modelc.compile.Compilation;
import dev.modelc.dialect.MigrationSql;
import dev.modelc.dialect.PostgresMigrationSql;
import dev.modelc.diff.ChangeSet;
import dev.modelc.diff.ModelDiff;
import dev.modelc.render.PlanJsonRenderer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The planner spells no SQL itself: every statement, rollback, gate query and lock mode of a
 * plan comes from the {@link MigrationSql} it is given, and the plan package holds no SQL text.
 */
class PlannerDialectTest {
  private static final String OPEN = "\u00ab";
  private static final String CLOSE = "\u00bb";

  /** Pieces of SQL that the planner hands back to the dialect inside other statements: left unmarked. */
  private static final java.util.Set<String> FRAGMENTS =
      java.util.Set.of("columnType", "namedType", "defaultValue", "isUnset", "cast", "converted", "differs");

  /** PostgreSQL's text with every statement, gate and lock mode marked, so that text from elsewhere shows. */
  private static MigrationSql marked() {
    MigrationSql postgres = new PostgresMigrationSql();
    return (MigrationSql) Proxy.newProxyInstance(MigrationSql.class.getClassLoader(), new Class<?>[] {MigrationSql.class},
        (proxy, method, args) -> {
          try {
            Object result = method.invoke(postgres, args);
            return result instanceof String s && !FRAGMENTS.contains(method.getName()) ? OPEN + s + CLOSE : result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean isMarked(String text) {
    return text.startsWith(OPEN) && text.endsWith(CLOSE);
  }

  @Test
  void everyStatementGateAndLockOfEveryScenarioComesFromTheDialect() {
    int checked = 0;
    for (Path scenario : Scenarios.all()) {
      Compilation v1 = Scenarios.compile(scenario, "v1");
      Compilation v2 = Scenarios.compile(scenario, "v2");
      if (v1.coverage().isEmpty() || v2.coverage().isEmpty()) {
        continue;
      }
      ChangeSet changes = ModelDiff.diff(v1.model().orElseThrow(), v2.model().orElseThrow());
      if (changes.hasErrors()) {
        continue;
      }
      Coverage before = v1.coverage().get();
      Coverage after = v2.coverage().get();
      Plan plan = Planner.plan(changes, before, after, marked());
      for (Step s : plan.steps()) {
        String where = scenario.getFileName() + " " + s.id() + ": ";
        s.sql().forEach(line -> assertTrue(isMarked(line), where + line));
        s.rollback().forEach(line -> assertTrue(isMarked(line), where + line));
        s.gates().forEach(g -> assertTrue(isMarked(g.sql()), where + g.sql()));
        assertTrue(s.lock() == Lock.NONE || isMarked(s.lock().level()), where + s.lock());
        checked++;
      }
      String unmarked = PlanJsonRenderer.render(plan, "v1", "v2").replace(OPEN, "").replace(CLOSE, "");
      assertEquals(PlanJsonRenderer.render(Planner.plan(changes, before, after), "v1", "v2"), unmarked,
          scenario + ": the same plan apart from the marks");
    }
    assertTrue(checked > 50, "steps checked: " + checked);
  }

  @Test
  void thePlanPackageHoldsNoSqlText() throws IOException {
    Pattern sql = Pattern.compile("\"(ALTER|DROP|CREATE|SELECT|SET |DO \\$\\$)|UPDATE |EXCLUSIVE\"");
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/modelc/plan"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          assertFalse(sql.matcher(lines.get(i)).find(), f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
  }
}
