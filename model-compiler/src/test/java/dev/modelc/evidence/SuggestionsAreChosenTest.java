package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.live.Database;
import dev.modelc.model.Model;
import dev.modelc.render.VerifyRenderer;
import dev.modelc.testing.Postgres;
import dev.modelc.testing.RealisticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MC501's suggestions are indexes PostgreSQL chooses: for each unserved query shape, the
 * suggested index is created on a table of 60,000 skewed, analyzed rows, and the planner's
 * preferred generic plan (not one forced by switching methods off) agrees with modelc's claim.
 */
class SuggestionsAreChosenTest {
  static final String TABLE = """
      model: suggestions
      tables:
        events:
          rows: 2_000_000_000
          columns:
            id:         { type: bigint, primaryKey: true }
            account_id: { type: bigint }
            region:     { type: int }
            kind:       { type: enum, values: [created, paid, shipped, exception] }
            amount:     { type: bigint }
            created_at: { type: timestamptz }
            deleted_at: { type: timestamptz, nullable: true }
      %s
      queries:
        q:
          table: events
      %s
      """;
  private static final Pattern SUGGESTION = Pattern.compile("add an index on \\(([^)]*)\\)");

  static String url;
  static Path dir;
  static Connection admin;

  @BeforeAll
  static void load(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Model model = compile("base", "", "    kind: insert").model().orElseThrow();
    url = Postgres.freshDatabase("suggestions");
    admin = Postgres.connect(url);
    try (Statement s = admin.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      RealisticData.fill(model, admin);
    }
  }

  @AfterAll
  static void close() throws Exception {
    admin.close();
  }

  private static Compilation compile(String name, String indexes, String query) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, String.format(TABLE, indexes, query));
    return Compiler.compile(List.of(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "    where: { account_id: in }\n    orderBy: [created_at desc]\n    limit: 50",
      "    where: { region: \"=\", deleted_at: is null }\n    orderBy: [created_at desc]\n    limit: 50",
      "    where: { account_id: \"=\", created_at: \">=\" }\n    kind: count",
      "    where: { kind: \"= 'exception'\", created_at: \"<\" }\n    orderBy: [created_at]\n    limit: 100",
      "    where: { account_id: \"=\" }\n    orderBy: [created_at desc]\n    limit: 20",
      "    where: { region: in, kind: \"=\" }\n    orderBy: [created_at]\n    limit: 10"})
  void theSuggestedIndexIsThePlannersChoice(String query) throws Exception {
    Compilation unserved = compile("unserved", "", query);
    List<Diagnostic> mc501 = unserved.diagnostics().stream().filter(d -> d.code().equals("MC501")).toList();
    assertEquals(1, mc501.size(), unserved.diagnostics().toString());
    Matcher m = SUGGESTION.matcher(mc501.get(0).message());
    assertTrue(m.find(), mc501.get(0).message());
    String columns = m.group(1);
    Compilation served = compile("served",
        "    indexes:\n      events_suggested: { columns: [" + columns + "], reason: suggested }", query);
    assertFalse(served.diagnostics().stream().anyMatch(d -> d.code().equals("MC501")), served.diagnostics().toString());
    Model model = served.model().orElseThrow();
    try (Statement s = admin.createStatement()) {
      s.execute(PostgresDdl.createIndex(model.table("events").orElseThrow().index("events_suggested").orElseThrow(), false));
    }
    try (Connection conn = Database.of(url, "postgres", null).connect(Database.Access.READ_ONLY, 30_000)) {
      Verifier.Report report = Verifier.verify(model, served.coverage().orElseThrow(), conn, "suggestions");
      String text = VerifyRenderer.text(report);
      assertEquals(1, report.checks().size(), text);
      assertTrue(report.checks().get(0).agrees() && !report.checks().get(0).agreesByCost(),
          "PostgreSQL's own choice must be the suggested index (" + columns + "):\n" + text);
    } finally {
      try (Statement s = admin.createStatement()) {
        s.execute("DROP INDEX events_suggested");
      }
    }
  }
}
