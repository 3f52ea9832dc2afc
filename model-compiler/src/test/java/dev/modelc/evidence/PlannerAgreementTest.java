package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.live.Database;
import dev.modelc.model.Model;
import dev.modelc.render.VerifyRenderer;
import dev.modelc.testing.Postgres;
import dev.modelc.testing.RealisticData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code modelc verify} on both example models, loaded into PostgreSQL with data shaped like
 * production ({@link RealisticData}) and analyzed: PostgreSQL's generic plan of every query
 * agrees with the resolver's claim (serving index, remaining sort, index condition).
 */
class PlannerAgreementTest {
  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics"})
  void everyQueryOfTheExampleModelsAgrees(String example) throws Exception {
    Compilation c = Compiler.compile(List.of(Path.of("..", "example-models", example)));
    Model model = c.model().orElseThrow();
    String url = Postgres.freshDatabase("verify_" + example);
    try (Connection admin = Postgres.connect(url); Statement s = admin.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      RealisticData.fill(model, admin);
    }
    Database database = Database.of(url, "postgres", null);
    Verifier.Report report;
    try (Connection conn = database.connect(Database.Access.READ_ONLY, 30_000)) {
      report = Verifier.verify(model, c.coverage().orElseThrow(), conn, database.describe());
    }
    String text = VerifyRenderer.text(report);
    System.out.print(text);
    assertEquals(model.queries().size(), report.checks().size(), text);
    assertEquals(0, report.disagreeing(), text);
    assertTrue(report.notes().isEmpty(), text);
  }
}
