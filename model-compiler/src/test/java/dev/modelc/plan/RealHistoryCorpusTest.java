package dev.modelc.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.corpus.RailsSchemaConverter;
import dev.modelc.corpus.RailsSchemaConverter.Converted;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Column;
import dev.modelc.model.Model;
import dev.modelc.model.Table;
import dev.modelc.parse.SourceFile;
import dev.modelc.testing.Catalog;
import dev.modelc.testing.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Plans real schema histories: for each application folder under {@code -Dmodelc.corpus=DIR}
 * (files {@code NNN-<sha>.rb}, consecutive versions of a Rails {@code db/schema.rb}, as written by
 * {@code corpus/extract-rails-history.sh}), each consecutive pair is converted to models, planned,
 * v1 is created in PostgreSQL and seeded, the plan is applied step by step with its gates, and
 * the catalog is compared with v2 created from scratch.
 *
 * <p>It prints a table per application (and writes it to {@code target/corpus-report.md}):
 * pairs, planned, applied with an equal catalog, failures grouped by class with a first example,
 * and the converter's tally of what the model language cannot express. Failures of the planner
 * are reported, not asserted; the test fails only when a converted model does not check (a
 * converter bug), or on any failure with {@code -Dmodelc.corpus.strict=true}.
 */
class RealHistoryCorpusTest {
  static final int SEED_ROWS = 3;
  /** Per app: tables with seeded rows, tables, rows, summed over the seeded v1 databases. */
  static final Map<String, int[]> SEEDING = new TreeMap<>();

  /** One pair's outcome: "ok" or a failure class, with a detail for the example. */
  record Outcome(String app, String pair, boolean planned, String failureClass, String detail) {}

  @Test
  void realSchemaHistoriesPlanAndApply() throws Exception {
    String dir = System.getProperty("modelc.corpus");
    Assumptions.assumeTrue(dir != null && !dir.isBlank(),
        "RealHistoryCorpusTest skipped: set -Dmodelc.corpus=DIR (a folder of application folders of NNN-<sha>.rb "
            + "schema versions, made by corpus/extract-rails-history.sh)");
    Path root = Paths.get(dir);
    List<Path> apps;
    try (Stream<Path> s = Files.list(root)) {
      apps = s.filter(Files::isDirectory).sorted().filter(RealHistoryCorpusTest::hasVersions).toList();
    }
    assertTrue(!apps.isEmpty(), "no application folders with *.rb versions under " + root);
    String only = System.getProperty("modelc.corpus.apps", "");
    int maxPairs = Integer.getInteger("modelc.corpus.maxPairs", Integer.MAX_VALUE);

    StringBuilder report = new StringBuilder("# Real schema histories: plan and apply\n\n");
    List<Outcome> all = new ArrayList<>();
    Map<String, Map<String, Integer>> tallies = new LinkedHashMap<>();
    List<String> converterErrors = new ArrayList<>();
    for (Path app : apps) {
      String name = app.getFileName().toString();
      if (!only.isBlank() && !List.of(only.split(",")).contains(name)) {
        continue;
      }
      List<Path> versions;
      try (Stream<Path> s = Files.list(app)) {
        versions = s.filter(p -> p.getFileName().toString().matches("\\d+-.*\\.rb")).sorted().toList();
      }
      List<Converted> converted = new ArrayList<>();
      for (Path v : versions) {
        converted.add(RailsSchemaConverter.convert(Files.readString(v, StandardCharsets.UTF_8)));
      }
      tallies.put(name, converted.get(converted.size() - 1).tally().counts());
      for (int i = 1; i < versions.size() && i <= maxPairs; i++) {
        Outcome o = pair(name, versions.get(i - 1), versions.get(i), converted.get(i - 1), converted.get(i));
        all.add(o);
        if (o.failureClass().startsWith("converted model does not check")) {
          converterErrors.add(o.app() + " " + o.pair() + ": " + o.detail());
        }
        System.out.printf("corpus %s %s: %s%n", o.app(), o.pair(), o.failureClass().equals("ok") ? "ok"
            : o.failureClass() + "\n    " + o.detail().replace("\n", "\n    "));
      }
    }
    report.append(table(all, tallies, root));
    System.out.println(report);
    Path out = Paths.get("target", "corpus-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    assertTrue(converterErrors.isEmpty(), "converted models must check:\n" + String.join("\n", converterErrors));
    if (Boolean.getBoolean("modelc.corpus.strict")) {
      assertTrue(all.stream().allMatch(o -> o.failureClass().equals("ok")), "some pairs failed; see " + out);
    }
  }

  private static boolean hasVersions(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("\\d+-.*\\.rb"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String sha(Path version) {
    String f = version.getFileName().toString();
    return f.substring(f.indexOf('-') + 1, f.length() - 3);
  }

  static Outcome pair(String app, Path from, Path to, Converted c1, Converted c2) {
    String pair = from.getFileName().toString().replace(".rb", "") + " -> " + to.getFileName().toString().replace(".rb", "");
    String yaml1 = RailsSchemaConverter.yaml(app, c1, null, null);
    String yaml2 = RailsSchemaConverter.yaml(app, c2, c1, sha(to));
    Compilation v1 = compile(app + "/" + from.getFileName() + ".yaml", yaml1);
    Compilation v2 = compile(app + "/" + to.getFileName() + ".yaml", yaml2);
    for (Compilation c : List.of(v1, v2)) {
      List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
      if (!errors.isEmpty()) {
        return new Outcome(app, pair, false, "converted model does not check: " + codes(errors), errors.get(0).toString());
      }
    }
    Planning.Result result = Planning.plan(v1, v2);
    if (result.plan().isEmpty() || result.hasErrors()) {
      keep(app, pair, yaml1, yaml2, null);
      List<Diagnostic> errors = new ArrayList<>(result.diagnostics().stream().filter(Diagnostic::isError).toList());
      result.plan().ifPresent(p -> errors.addAll(p.diagnostics().stream().filter(Diagnostic::isError).toList()));
      return new Outcome(app, pair, false, "not planned: " + codes(errors),
          errors.isEmpty() ? "no plan" : errors.get(0).code() + " " + errors.get(0).message());
    }
    Plan plan = result.plan().get();
    Model m1 = v1.model().orElseThrow();
    Model m2 = v2.model().orElseThrow();
    Outcome seeded = apply(app, pair, plan, m1, m2, true);
    if (seeded.failureClass().equals("ok")) {
      return seeded;
    }
    keep(app, pair, yaml1, yaml2, plan);
    if (seeded.failureClass().startsWith("v1 schema")) {
      return seeded;
    }
    // Tell data-dependent failures (a gate or a constraint rejecting the seeded rows) from the
    // rest: the same plan on v1 without rows.
    Outcome empty = apply(app, pair, plan, m1, m2, false);
    if (empty.failureClass().equals("ok")) {
      return new Outcome(app, pair, true, "with rows only (ok on an empty v1): " + seeded.failureClass(), seeded.detail());
    }
    return seeded;
  }

  /** Creates v1 (with a few rows when {@code seed}), applies the plan, compares with v2 from scratch. */
  private static Outcome apply(String app, String pair, Plan plan, Model m1, Model m2, boolean seed) {
    String migrated = Postgres.freshDatabase("corpus_" + app);
    String fresh = Postgres.freshDatabase("corpus_fresh_" + app);
    try {
      try (Connection db = Postgres.connect(migrated); Connection target = Postgres.connect(fresh)) {
        try {
          PlanApplyTest.execute(db, PostgresDdl.createSchema(m1));
        } catch (SQLException e) {
          return new Outcome(app, pair, true, "v1 schema does not load: " + normalise(e.getMessage()), firstLine(e.getMessage()));
        }
        if (seed) {
          int[] seeded = seed(db, m1);
          int[] stats = SEEDING.computeIfAbsent(app, k -> new int[3]);
          stats[0] += seeded[0];
          stats[1] += seeded[1];
          stats[2] += seeded[2];
        }
        try {
          PlanApplyTest.applyPlan(db, plan);
        } catch (AssertionError e) {
          return stepFailure(app, pair, e.getMessage());
        } catch (SQLException e) {
          return new Outcome(app, pair, true, "gate query fails: " + normalise(e.getMessage()), firstLine(e.getMessage()));
        }
        try {
          PlanApplyTest.execute(target, PostgresDdl.createSchema(m2));
        } catch (SQLException e) {
          return new Outcome(app, pair, true, "v2 schema does not load: " + normalise(e.getMessage()), firstLine(e.getMessage()));
        }
        String expected = Catalog.snapshot(target);
        String actual = Catalog.snapshot(db);
        if (!expected.equals(actual)) {
          return catalogDifference(app, pair, expected, actual);
        }
        return new Outcome(app, pair, true, "ok", plan.steps().size() + " steps");
      }
    } catch (SQLException e) {
      return new Outcome(app, pair, true, "database error: " + normalise(e.getMessage()), firstLine(e.getMessage()));
    } finally {
      drop(migrated);
      drop(fresh);
    }
  }

  /**
   * With {@code -Dmodelc.corpus.out=DIR}, writes a failing pair's two models and plan there
   * (DIR/app/pair/), to reproduce with {@code modelc plan}. Keep DIR outside the repository: the
   * models are derived from third-party schemas.
   */
  private static void keep(String app, String pair, String yaml1, String yaml2, Plan plan) {
    String out = System.getProperty("modelc.corpus.out");
    if (out == null || out.isBlank()) {
      return;
    }
    Path dir = Paths.get(out, app, pair.replace(" -> ", "__"));
    try {
      Files.createDirectories(dir.resolve("v1"));
      Files.createDirectories(dir.resolve("v2"));
      Files.writeString(dir.resolve("v1/model.yaml"), yaml1);
      Files.writeString(dir.resolve("v2/model.yaml"), yaml2);
      if (plan != null) {
        StringBuilder text = new StringBuilder();
        for (Step step : plan.steps()) {
          text.append("-- ").append(step.id()).append('\n');
          step.sql().forEach(sql -> text.append(sql).append(";\n"));
        }
        Files.writeString(dir.resolve("plan.sql"), text.toString());
      }
    } catch (IOException e) {
      System.out.println("could not keep " + dir + ": " + e);
    }
  }

  private static Compilation compile(String name, String yaml) {
    return Compiler.compileFiles(List.of(new SourceFile(name, yaml.getBytes(StandardCharsets.UTF_8))));
  }

  private static String codes(List<Diagnostic> errors) {
    return errors.stream().map(d -> d.code()).collect(Collectors.toCollection(TreeSet::new)).toString();
  }

  /** The message PlanApplyTest.applyPlan throws: "step-id failed: sql\nERROR: ..." or "step-id: gate must pass: ...". */
  private static Outcome stepFailure(String app, String pair, String message) {
    String stepId = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
    String kind = stepId.contains(":") ? stepId.substring(0, stepId.indexOf(':')) : stepId;
    int failed = message.indexOf(" failed: ");
    if (failed > 0) {
      String id = message.substring(0, failed);
      String stepKind = id.substring(0, id.indexOf(':') < 0 ? id.length() : id.indexOf(':'));
      String rest = message.substring(failed + " failed: ".length());
      int nl = rest.lastIndexOf("\nERROR: ");
      if (nl < 0) {
        nl = rest.lastIndexOf('\n');
      }
      String sql = nl < 0 ? rest : rest.substring(0, nl);
      List<String> sqlLines = List.of(sql.split("\n"));
      if (sqlLines.size() > 6) {
        sql = String.join("\n", sqlLines.subList(0, 6)) + "\n...";
      }
      String error = nl < 0 ? "" : rest.substring(nl + 1);
      return new Outcome(app, pair, true, stepKind + ": " + normalise(error),
          "step " + id + "\n" + sql + "\n" + errorWithDetail(error));
    }
    if (message.contains("gate must pass")) {
      String gate = message.substring(message.indexOf("gate must pass")).replaceAll(" ==> expected.*", "")
          .replaceAll("\\b[a-z0-9_]*[_.][a-z0-9_.]*\\b", "?").replaceAll("row of \\w+", "row of ?");
      return new Outcome(app, pair, true, kind + ": " + normalise(gate), message);
    }
    return new Outcome(app, pair, true, kind + ": " + normalise(message), message);
  }

  private static Outcome catalogDifference(String app, String pair, String expected, String actual) {
    Set<String> e = new TreeSet<>(List.of(expected.split("\n")));
    Set<String> a = new TreeSet<>(List.of(actual.split("\n")));
    Set<String> missing = new TreeSet<>(e);
    missing.removeAll(a);
    Set<String> extra = new TreeSet<>(a);
    extra.removeAll(e);
    Set<String> kinds = new TreeSet<>();
    missing.forEach(l -> kinds.add(l.split(" \\| ")[0]));
    extra.forEach(l -> kinds.add(l.split(" \\| ")[0]));
    String detail = "missing after migration: " + missing.stream().limit(3).toList()
        + "\nextra after migration: " + extra.stream().limit(3).toList()
        + " (" + missing.size() + " missing, " + extra.size() + " extra)";
    return new Outcome(app, pair, true, "catalog differs from v2 created from scratch: " + kinds, detail);
  }

  /** The error line and PostgreSQL's Detail line, if any. */
  static String errorWithDetail(String message) {
    List<String> lines = message.strip().lines().map(String::strip)
        .filter(l -> l.startsWith("ERROR:") || l.startsWith("Detail:")).limit(2).toList();
    return lines.isEmpty() ? firstLine(message) : String.join("\n", lines);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The first PostgreSQL error line with names and numbers taken out, for grouping. */
  static String normalise(String message) {
    return firstLine(message).replaceFirst("^ERROR: ", "")
        .replaceAll("\"[^\"]*\"", "\"?\"")
        .replaceAll("\\b\\d+\\b", "N")
        .replaceAll("\\s+", " ").trim();
  }

  private static void drop(String jdbcUrl) {
    int slash = jdbcUrl.lastIndexOf('/');
    int query = jdbcUrl.indexOf('?', slash);
    String name = jdbcUrl.substring(slash + 1, query < 0 ? jdbcUrl.length() : query);
    String admin = jdbcUrl.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : jdbcUrl.substring(query));
    try (Connection c = Postgres.connect(admin); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // a leftover database only costs disk in the test server's temporary folder
    }
  }

  // ---------------------------------------------------------------------------------------------
  // seeding

  /**
   * A few rows per table where the schema allows: referenced tables first, foreign keys pointing
   * at seeded rows, every column given a value that differs per row (so unique indexes hold, also
   * on columns with a constant default), each insert on its own so that one a check or unique index rejects does not
   * stop the rest. Returns the tables that got rows, the tables, and the rows inserted.
   */
  static int[] seed(Connection db, Model model) {
    List<Table> ordered = referencedFirst(model);
    int rows = 0;
    int tablesWithRows = 0;
    for (Table t : ordered) {
      int before = rows;
      for (int i = 0; i < SEED_ROWS; i++) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column c : t.columns()) {
          String v = value(t, c, i);
          if (v != null) {
            names.add(c.name());
            values.add(v);
          }
        }
        String sql = names.isEmpty() ? "insert into " + t.name() + " default values"
            : "insert into " + t.name() + " (" + String.join(", ", names) + ") values (" + String.join(", ", values) + ")";
        try {
          PlanApplyTest.execute(db, sql);
          rows++;
        } catch (SQLException ignored) {
          // not feasible for this table (a check, a unique index or an empty parent): fewer rows
        }
      }
      tablesWithRows += rows > before ? 1 : 0;
    }
    return new int[] {tablesWithRows, ordered.size(), rows};
  }

  private static List<Table> referencedFirst(Model model) {
    List<Table> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Map<String, Table> byName = new TreeMap<>();
    model.tables().forEach(t -> byName.put(t.name(), t));
    for (Table t : model.tables()) {
      visit(t, byName, done, new HashSet<>(), out);
    }
    return out;
  }

  private static void visit(Table t, Map<String, Table> byName, Set<String> done, Set<String> visiting, List<Table> out) {
    if (done.contains(t.name()) || !visiting.add(t.name())) {
      return;
    }
    for (dev.modelc.model.ForeignKey fk : t.foreignKeys()) {
      if (byName.containsKey(fk.targetTable())) {
        visit(byName.get(fk.targetTable()), byName, done, visiting, out);
      }
    }
    done.add(t.name());
    out.add(t);
  }

  private static String value(Table t, Column c, int i) {
    if (!t.foreignKeysOf(c.name()).isEmpty()) {
      dev.modelc.model.ForeignKey fk = t.foreignKeysOf(c.name()).get(0);
      if (fk.targetTable().equals(t.name())) {
        return c.nullable() ? null : "(select " + fk.targetColumns().get(0) + " from " + t.name() + " order by 1 limit 1)";
      }
      return "(select " + fk.targetColumns().get(0) + " from " + fk.targetTable() + " order by 1 limit 1 offset " + i + ")";
    }
    String text = "v" + i + "_" + Math.abs((t.name() + c.name()).hashCode() % 1000);
    return switch (c.type().kind()) {
      case SMALLINT, INT, BIGINT, NUMERIC -> String.valueOf(i + 1);
      case REAL, DOUBLE -> (i + 1) + ".5";
      case TEXT -> "'" + text + "'";
      case VARCHAR, CHAR -> {
        int n = c.type().length() == null ? 8 : c.type().length();
        String v = text.length() <= n ? text : String.valueOf((char) ('a' + i)).repeat(Math.min(n, 1));
        yield "'" + v + "'";
      }
      case BOOL -> i % 2 == 0 ? "true" : "false";
      case UUID -> "gen_random_uuid()";
      case DATE -> "current_date - " + i;
      case TIME -> "'12:0" + i + "'";
      case TIMESTAMP, TIMESTAMPTZ -> "now() - interval '" + i + " days'";
      case BYTES -> "'\\x0" + i + "'::bytea";
      case JSON, JSONB -> "'{}'";
      case ENUM -> "'" + c.type().enumValues().get(i % c.type().enumValues().size()).replace("'", "''") + "'";
      default -> throw new IllegalStateException("the Rails converter writes no " + c.type().modelSpelling() + " columns");
    };
  }

  // ---------------------------------------------------------------------------------------------
  // report

  private static String table(List<Outcome> all, Map<String, Map<String, Integer>> tallies, Path root) {
    StringBuilder out = new StringBuilder();
    out.append("Corpus: ").append(root).append("\n\n");
    out.append("| app | pairs | planned | applied ok |\n|---|---:|---:|---:|\n");
    Map<String, List<Outcome>> byApp = all.stream().collect(Collectors.groupingBy(Outcome::app, TreeMap::new, Collectors.toList()));
    int pairs = 0;
    int planned = 0;
    int ok = 0;
    for (Map.Entry<String, List<Outcome>> e : byApp.entrySet()) {
      int p = e.getValue().size();
      int pl = (int) e.getValue().stream().filter(Outcome::planned).count();
      int k = (int) e.getValue().stream().filter(o -> o.failureClass().equals("ok")).count();
      out.append("| ").append(e.getKey()).append(" | ").append(p).append(" | ").append(pl).append(" | ").append(k).append(" |\n");
      pairs += p;
      planned += pl;
      ok += k;
    }
    out.append("| **total** | ").append(pairs).append(" | ").append(planned).append(" | ").append(ok).append(" |\n\n");
    out.append("Seeding (summed over the v1 databases of planned pairs): ");
    out.append(SEEDING.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + " of " + e.getValue()[1]
        + " tables got rows (" + e.getValue()[2] + " rows)").collect(Collectors.joining("; "))).append("\n\n");

    out.append("## Failures by class\n\n");
    Map<String, List<Outcome>> byClass = all.stream().filter(o -> !o.failureClass().equals("ok"))
        .collect(Collectors.groupingBy(Outcome::failureClass, TreeMap::new, Collectors.toList()));
    List<Map.Entry<String, List<Outcome>>> classes = new ArrayList<>(byClass.entrySet());
    classes.sort((a, b) -> b.getValue().size() - a.getValue().size());
    for (Map.Entry<String, List<Outcome>> e : classes) {
      Map<String, Long> perApp = e.getValue().stream().collect(Collectors.groupingBy(Outcome::app, TreeMap::new, Collectors.counting()));
      Outcome first = e.getValue().get(0);
      out.append("- **").append(e.getKey()).append("**: ").append(e.getValue().size()).append(' ').append(perApp).append('\n');
      out.append("  - e.g. ").append(first.app()).append(' ').append(first.pair()).append(":\n\n    ```\n    ")
          .append(first.detail().replace("\n", "\n    ")).append("\n    ```\n");
    }
    out.append("\n## What the converter could not express (latest version of each app)\n\n");
    for (Map.Entry<String, Map<String, Integer>> e : tallies.entrySet()) {
      out.append("### ").append(e.getKey()).append("\n\n");
      e.getValue().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
          .forEach(t -> out.append("- ").append(t.getKey()).append(": ").append(t.getValue()).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }
}
