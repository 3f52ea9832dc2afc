package dev.modelc.plan.differential;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.model.Model;
import dev.modelc.parse.SourceFile;
import dev.modelc.plan.Gate;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;
import dev.modelc.plan.StepKind;
import dev.modelc.plan.differential.ModelSpec.Col;
import dev.modelc.plan.differential.ModelSpec.Tab;
import dev.modelc.plan.differential.ModelSpec.Type;
import dev.modelc.testing.Postgres;
import dev.modelc.testing.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges one model pair on a real PostgreSQL: plan v1 -> v2, load v1 with rows into a fresh
 * schema, run the plan step by step as an operator would (gates first, then the statements),
 * and compare the result with v2 created from scratch in another schema, and the rows and
 * values with those seeded. One runner per thread, each with its own database (concurrent index
 * builds wait for older transactions of their own database only).
 */
final class PairRunner implements AutoCloseable {
  /** Diagnostics that refuse a change on purpose: the generator should not produce them. */
  static final Set<String> REFUSALS = Set.of("MC601", "MC602", "MC604", "MC605", "MC606", "MC609");

  enum Kind { OK, INVALID_MODEL, REFUSED, FAILED }

  /** {@code failureClass}: the first error, normalised (names and numbers replaced). */
  record Outcome(Kind kind, String failureClass, String detail) {
    static final Outcome OK = new Outcome(Kind.OK, null, null);
  }

  /**
   * Pairs judged in one database before the runner moves to a fresh one: every pair creates and
   * drops two schemas, and thousands of them bloat the system catalogs until catalog queries crawl.
   */
  private static final int PAIRS_PER_DATABASE = 200;

  private final String name;
  private String url;
  private Connection db;
  private int schemas;

  PairRunner(String name) throws SQLException {
    this.name = name;
    this.url = Postgres.freshDatabase(name);
    this.db = Postgres.connect(url);
  }

  private void freshDatabaseNowAndThen() throws SQLException {
    if (schemas > 0 && schemas % PAIRS_PER_DATABASE == 0) {
      db.close();
      Postgres.dropDatabase(url);
      url = Postgres.freshDatabase(name);
      db = Postgres.connect(url);
    }
  }

  static Compilation compile(String yaml, String name) {
    return Compiler.compileFiles(List.of(new SourceFile(name, yaml.getBytes(StandardCharsets.UTF_8))));
  }

  Outcome run(ModelSpec v1, ModelSpec v2) {
    String y1 = v1.yaml();
    String y2 = v2.yaml();
    Compilation c1 = compile(y1, "v1/model.yaml");
    Compilation c2 = compile(y2, "v2/model.yaml");
    for (Compilation c : List.of(c1, c2)) {
      if (c.hasErrors()) {
        Diagnostic d = c.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        return new Outcome(Kind.INVALID_MODEL, d.code() + ": " + normalise(d.message()), d.position() + ": " + d.message());
      }
    }
    Planning.Result result = Planning.plan(c1, c2);
    List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty() || result.plan().isEmpty()) {
      Diagnostic d = errors.get(0);
      boolean refused = errors.stream().allMatch(e -> REFUSALS.contains(e.code()));
      return new Outcome(refused ? Kind.REFUSED : Kind.FAILED, "plan: " + d.code() + ": " + normalise(d.message()),
          d.position() + ": " + d.message());
    }
    Plan plan = result.plan().get();
    try {
      freshDatabaseNowAndThen();
    } catch (SQLException e) {
      throw new IllegalStateException("could not move to a fresh database", e);
    }
    String migrated = "p" + (++schemas);
    String fresh = migrated + "t";
    try {
      return judge(v1, v2, c1.model().orElseThrow(), c2.model().orElseThrow(), plan, migrated, fresh);
    } catch (SQLException e) {
      return new Outcome(Kind.FAILED, "harness: " + normalise(firstLine(e.getMessage())), e.toString());
    } finally {
      try (Statement s = db.createStatement()) {
        s.execute("RESET ALL");
        s.execute("DROP SCHEMA IF EXISTS " + migrated + " CASCADE");
        s.execute("DROP SCHEMA IF EXISTS " + fresh + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("could not clean up schemas " + migrated + ", " + fresh, e);
      }
    }
  }

  private Outcome judge(ModelSpec v1, ModelSpec v2, Model m1, Model m2, Plan plan, String migrated, String fresh)
      throws SQLException {
    use(migrated, true);
    execute(PostgresDdl.createSchema(m1));
    Map<String, Integer> counts = seed(v1);
    Map<String, Map<String, List<String>>> expected = values(v1, v2, true);

    Map<String, String> newRows = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      String kind = step.id().split(":")[0];
      if (step.kind() == StepKind.DEPLOY) {
        // the old application keeps writing until the deploy: one row per table, in the old shape
        for (Tab t : v1.tables) {
          Map<String, String> row = writtenRow(v1, v2, t, true);
          if (row == null) {
            continue;
          }
          try {
            execute("INSERT INTO " + t.name + " (" + String.join(", ", row.keySet()) + ") OVERRIDING SYSTEM VALUE VALUES (" + String.join(", ", row.values()) + ")");
          } catch (SQLException e) {
            return new Outcome(Kind.FAILED, "the old application cannot insert before the deploy: " + normalise(firstLine(e.getMessage())),
                "after the expand steps, INSERT INTO " + t.name + " " + row + "\n" + e.getMessage());
          }
          counts.merge(t.name, 1, Integer::sum);
        }
        String key = ModelSpec.ROWS + 1 + "";
        Map<String, Map<String, List<String>>> written = values(v1, v2, true);
        written.forEach((table, rows) -> {
          rows.forEach((k, v) -> {
            if (k.equals(key) || k.endsWith("-" + String.format("%012d", ModelSpec.ROWS + 1))) {
              expected.get(table).put(k, v);
            }
          });
        });
      }
      for (Gate gate : step.gates()) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(gate.sql())) {
          if (!rs.next()) {
            return new Outcome(Kind.FAILED, "gate returns no row: " + kind, step.id() + ": " + gate.sql());
          }
          if (!gate.baseline() && !rs.getBoolean(1)) {
            return new Outcome(Kind.FAILED, "gate fails before " + kind + ": " + normalise(gate.description()),
                step.id() + ": " + gate.description() + "\n" + gate.sql());
          }
        } catch (SQLException e) {
          return new Outcome(Kind.FAILED, "gate errors before " + kind + ": " + normalise(firstLine(e.getMessage())),
              step.id() + ": " + gate.sql() + "\n" + e.getMessage());
        }
      }
      Outcome before = applied(step, false);
      if (before != null) {
        return before;
      }
      for (String sql : step.sql()) {
        if (sql.startsWith("--")) {
          continue;
        }
        try {
          execute(sql);
        } catch (SQLException e) {
          return new Outcome(Kind.FAILED, kind + ": " + normalise(firstLine(e.getMessage())),
              "step " + step.id() + " failed: " + sql + "\n" + e.getMessage());
        }
      }
      Outcome after = applied(step, true);
      if (after != null) {
        return after;
      }
      if (step.kind() == StepKind.DEPLOY) {
        // the new application writes from the deploy on: one row per table, in the new shape
        Outcome o = newApplicationWrites(v1, v2, newRows, counts);
        if (o != null) {
          return o;
        }
      }
    }
    List<String> actual = SchemaCatalog.snapshot(db, migrated);

    use(fresh, true);
    execute(PostgresDdl.createSchema(m2));
    List<String> target = SchemaCatalog.snapshot(db, fresh);
    use(migrated, false);
    Outcome catalog = compareCatalogs(target, actual);
    if (catalog != null) {
      return catalog;
    }
    for (Tab t : v2.tables) {
      String old = origin(v1, t);
      if (old == null) {
        continue;
      }
      int n = count("select count(*) from " + t.name);
      if (n != counts.get(old)) {
        return new Outcome(Kind.FAILED, "rows lost", t.name + ": " + counts.get(old) + " rows seeded, " + n + " after the plan");
      }
    }
    Map<String, Map<String, List<String>>> after = values(v1, v2, false);
    String written = ModelSpec.ROWS + 2 + "";
    after.values().forEach(rows -> rows.keySet().removeIf(k -> k.equals(written) || k.endsWith(String.format("-%012d", ModelSpec.ROWS + 2))));
    for (var e : expected.entrySet()) {
      Map<String, List<String>> got = after.get(e.getKey());
      if (!e.getValue().equals(got)) {
        return new Outcome(Kind.FAILED, "values changed: " + describeChange(v1, v2.table(e.getKey()), e.getValue(), got),
            e.getKey() + ": expected " + e.getValue() + "\nbut found " + got);
      }
    }
    for (var e : newRows.entrySet()) {
      String got = text("SELECT coalesce(string_agg(row_to_json(x)::jsonb::text, ''), '<missing>') FROM " + e.getKey() + " x WHERE "
          + v2.table(e.getKey()).pk().name + " = " + key(v2.table(e.getKey()).pk(), ModelSpec.ROWS + 2));
      if (!got.equals(e.getValue())) {
        return new Outcome(Kind.FAILED, "a row the new application wrote changed", e.getKey() + ": expected " + e.getValue() + "\nbut found " + got);
      }
    }
    return Outcome.OK;
  }

  /**
   * Inserts one row in the new shape into every v2 table that has rows to point at, and records
   * what it must read back at the end (as JSON, so types compare as PostgreSQL prints them).
   */
  private Outcome newApplicationWrites(ModelSpec v1, ModelSpec v2, Map<String, String> newRows, Map<String, Integer> counts)
      throws SQLException {
    for (Tab t : v2.tables) {
      Map<String, String> row = origin(v1, t) == null ? null : writtenRow(v1, v2, t, false);
      if (row == null) {
        continue;
      }
      List<String> typed = new ArrayList<>();
      Tab o = v1.table(origin(v1, t));
      for (Col c : t.cols) {
        Col oc = o.col(c.name) != null ? o.col(c.name) : o.col(c.renamedFrom);
        // written with the old type, into the old column, unless PostgreSQL changed the type in the catalog before the
        // deploy; a renamed column is a new column of the new type from the start
        String viaOld = oc != null && oc.name.equals(c.name) && !sameType(oc, c) && !c.pk && !widening(oc.type, c.type)
            ? "::" + oc.type.pg() : "";
        typed.add("(" + row.get(c.name) + ")" + viaOld + "::" + (c.type.isEnum() ? "text" : c.type.pg()) + " AS " + c.name);
      }
      try {
        execute("INSERT INTO " + t.name + " (" + String.join(", ", row.keySet()) + ") OVERRIDING SYSTEM VALUE VALUES (" + String.join(", ", row.values()) + ")");
      } catch (SQLException e) {
        return new Outcome(Kind.FAILED, "the new application cannot insert after the deploy: " + normalise(firstLine(e.getMessage())),
            "after the deploy step, INSERT INTO " + t.name + " " + row + "\n" + e.getMessage());
      }
      newRows.put(t.name, text("SELECT row_to_json(x)::jsonb::text FROM (SELECT " + String.join(", ", typed) + ") x"));
      counts.merge(origin(v1, t), 1, Integer::sum);
    }
    return null;
  }

  static String key(Col pk, int key) {
    return pk.type.kind().equals("uuid") ? ModelSpec.uuid(key) : String.valueOf(key);
  }

  /**
   * The row an application writes while the plan runs, in the old shape (v1 table {@code t},
   * before the deploy) or the new one (v2 table {@code t}, after it): values valid in both
   * models, so that only the plan can make the insert fail. Foreign keys (in either model) point
   * at a seeded row, or are NULL when they point at a new table; a column of the new shape whose
   * type changes is written with a value of the old type (its old column still holds the name
   * until the contract phase). Null when no such row exists (a unique foreign key).
   */
  static Map<String, String> writtenRow(ModelSpec v1, ModelSpec v2, Tab t, boolean oldShape) {
    int key = ModelSpec.ROWS + (oldShape ? 1 : 2);
    ModelSpec mine = oldShape ? v1 : v2;
    ModelSpec others = oldShape ? v2 : v1;
    Tab other = oldShape ? v2.tables.stream().filter(x -> origin(v1, x) != null && origin(v1, x).equals(t.name)).findFirst().orElse(null)
        : v1.table(origin(v1, t));
    Map<String, String> row = new LinkedHashMap<>();
    for (Col c : t.cols) {
      Col o = other == null ? null : oldShape
          ? other.cols.stream().filter(x -> x.name.equals(c.name) || c.name.equals(x.renamedFrom)).findFirst().orElse(null)
          : other.col(c.name) != null ? other.col(c.name) : other.col(c.renamedFrom);
      if (c.pk) {
        row.put(c.name, key(c, key));
        continue;
      }
      boolean fk = c.refTable != null || (o != null && o.refTable != null);
      if (fk) {
        if (unique(t, c) || (o != null && unique(other, o))) {
          return null;
        }
        boolean toNewTable = (c.refTable != null && v1.table(oldShape ? c.refTable : origin(v1, mine.table(c.refTable))) == null)
            || (o != null && o.refTable != null && v1.table(oldShape ? origin(v1, others.table(o.refTable)) : o.refTable) == null);
        if (toNewTable && !c.nullable) {
          return null;
        }
        row.put(c.name, toNewTable ? "NULL" : ModelSpec.literal(c.type, ModelSpec.permuted(0, c.salt)));
        continue;
      }
      Type type = !oldShape && o != null && !sameType(o, c) ? o.type : c.type;
      row.put(c.name, ModelSpec.literal(type, key));
    }
    return row;
  }

  /** The type changes PostgreSQL makes in the catalog (the planner alters them in place, before the deploy). */
  static boolean widening(Type a, Type b) {
    if (a.kind().equals("varchar") && b.kind().equals("text")) {
      return true;
    }
    if (a.kind().equals("varchar") && b.kind().equals("varchar")) {
      return b.a() == null || (a.a() != null && b.a() >= a.a());
    }
    if (a.kind().equals("numeric") && b.kind().equals("numeric")) {
      return b.a() == null || (a.a() != null && b.a() >= a.a() && Objects.equals(a.b(), b.b()));
    }
    return false;
  }

  private static boolean unique(Tab t, Col c) {
    return c.unique || t.idx.stream().anyMatch(i -> i.unique && i.uses(c.name));
  }

  private String text(String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void use(String schema, boolean create) throws SQLException {
    if (create) {
      execute("CREATE SCHEMA " + schema);
    }
    execute("SET search_path = " + schema);
  }

  /** The v1 table a v2 table continues (same name or renamedFrom), or null for a new table. */
  static String origin(ModelSpec v1, Tab t) {
    if (v1.table(t.name) != null) {
      return t.name;
    }
    if (t.renamedFrom != null && v1.table(t.renamedFrom) != null) {
      return t.renamedFrom;
    }
    return null;
  }

  /** Seeds every table with ROWS rows: foreign keys point at rows that exist; checked later by VALIDATE. */
  private Map<String, Integer> seed(ModelSpec v1) throws SQLException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    execute("SET session_replication_role = replica"); // foreign keys are checked by the plan's VALIDATE steps
    for (Tab t : v1.tables) {
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < ModelSpec.ROWS; i++) {
        List<String> values = new ArrayList<>();
        for (Col c : t.cols) {
          values.add(ModelSpec.value(c, i));
        }
        rows.add("(" + String.join(", ", values) + ")");
      }
      // the keys are the harness's (identity columns included): rows are found by key later
      execute("INSERT INTO " + t.name + " (" + String.join(", ", t.cols.stream().map(c -> c.name).toList()) + ") OVERRIDING SYSTEM VALUE VALUES "
          + String.join(", ", rows));
      counts.put(t.name, ModelSpec.ROWS);
    }
    execute("SET session_replication_role = DEFAULT");
    return counts;
  }

  /**
   * For every v2 column that continues a v1 column (same name or renamedFrom), the values per
   * row key as text: before the plan, the v1 value converted to the v2 type; after it, the v2 value.
   */
  private Map<String, Map<String, List<String>>> values(ModelSpec v1, ModelSpec v2, boolean before) throws SQLException {
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    for (Tab t : v2.tables) {
      String old = origin(v1, t);
      if (old == null) {
        continue;
      }
      Tab o = v1.table(old);
      List<String> exprs = new ArrayList<>();
      for (Col c : t.cols) {
        Col oc = o.col(c.name) != null ? o.col(c.name) : c.renamedFrom != null ? o.col(c.renamedFrom) : null;
        if (oc == null || c.pk) {
          continue;
        }
        if (!before) {
          exprs.add("(" + c.name + ")::text");
        } else if (sameType(oc, c)) {
          exprs.add("(" + oc.name + ")::text");
        } else {
          exprs.add("(" + oc.name + ")" + (oc.type.isEnum() ? "::text" : "") + "::" + c.type.pg() + "::text");
        }
      }
      String key = t.pk().name + "::text";
      Map<String, List<String>> rows = new TreeMap<>();
      String sql = "SELECT " + key + (exprs.isEmpty() ? "" : ", " + String.join(", ", exprs)) + " FROM " + (before ? old : t.name);
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          List<String> vs = new ArrayList<>();
          for (int i = 0; i < exprs.size(); i++) {
            vs.add(Objects.toString(rs.getString(i + 2)));
          }
          rows.put(rs.getString(1), vs);
        }
      }
      out.put(t.name, rows);
    }
    return out;
  }

  private static boolean sameType(Col a, Col b) {
    return a.type.kind().equals(b.type.kind()) && Objects.equals(a.type.a(), b.type.a()) && Objects.equals(a.type.b(), b.type.b());
  }

  private static final String[] COLUMN_FIELDS = {"data_type", "udt_name", "nullability", "default", "length", "precision", "scale",
      "datetime precision", "identity", "identity generation", "generated", "generation expression", "collation"};

  /** Which column lost values (kept, renamed or type-changed) in which rows (seeded, or written by the old application). */
  private static String describeChange(ModelSpec v1, Tab t, Map<String, List<String>> want, Map<String, List<String>> got) {
    Tab o = v1.table(origin(v1, t));
    List<Col> compared = t.cols.stream().filter(c -> !c.pk && (o.col(c.name) != null || (c.renamedFrom != null && o.col(c.renamedFrom) != null))).toList();
    for (var row : want.entrySet()) {
      List<String> g = got == null ? null : got.get(row.getKey());
      if (g == null) {
        return "row missing";
      }
      for (int i = 0; i < compared.size(); i++) {
        if (!Objects.equals(row.getValue().get(i), g.get(i))) {
          Col c = compared.get(i);
          Col oc = o.col(c.name) != null ? o.col(c.name) : o.col(c.renamedFrom);
          String what = o.col(c.name) == null ? "renamed" : sameType(oc, c) ? "unchanged" : "type-changed (" + oc.type.kind() + " to " + c.type.kind() + ")";
          boolean written = row.getKey().equals(ModelSpec.ROWS + 1 + "") || row.getKey().endsWith(String.format("-%012d", ModelSpec.ROWS + 1));
          return what + " column" + (c.dflt != null ? " with a default" : "") + ", in a row " + (written ? "the old application wrote during the deploy" : "seeded before the plan");
        }
      }
    }
    return "rows differ";
  }

  /** Null when equal; otherwise the first difference as the failure class, all of them as detail. */
  static Outcome compareCatalogs(List<String> target, List<String> actual) {
    Map<String, String> want = byKey(target);
    Map<String, String> got = byKey(actual);
    Set<String> diffs = new TreeSet<>();
    for (var e : want.entrySet()) {
      String[] f = e.getValue().split(" \\| ", -1);
      String what = f[0] + " " + normalise(f[1] + (f[1].isEmpty() ? "" : ".") + f[2]) + constraintKind(f);
      String other = got.get(e.getKey());
      if (other == null) {
        diffs.add("missing " + what);
      } else if (!other.equals(e.getValue())) {
        String[] g = other.split(" \\| ", -1);
        List<String> fields = new ArrayList<>();
        for (int i = 3; i < Math.min(f.length, g.length); i++) {
          if (!f[i].equals(g[i])) {
            fields.add(f[0].equals("column") ? COLUMN_FIELDS[i - 3] : f[0].equals("constraint") && i == 4 ? "validated" : "definition");
          }
        }
        diffs.add(what + " differs in " + String.join(", ", fields));
      }
    }
    for (var e : got.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        String[] f = e.getValue().split(" \\| ", -1);
        diffs.add("extra " + f[0] + " " + normalise(f[1] + (f[1].isEmpty() ? "" : ".") + f[2]) + constraintKind(f));
      }
    }
    if (diffs.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (String k : new TreeSet<>(want.keySet())) {
      if (!Objects.equals(want.get(k), got.get(k))) {
        lines.add("- " + want.get(k) + (got.get(k) == null ? "" : "\n+ " + got.get(k)));
      }
    }
    for (String k : new TreeSet<>(got.keySet())) {
      if (!want.containsKey(k)) {
        lines.add("+ " + got.get(k));
      }
    }
    return new Outcome(Kind.FAILED, "catalog: " + diffs.iterator().next(),
        "migrated schema differs from v2 created from scratch (- v2 from scratch, + migrated):\n" + String.join("\n", lines));
  }

  private static String constraintKind(String[] f) {
    return f[0].equals("constraint") && f.length > 3 ? " (" + f[3].split(" ")[0] + ")" : "";
  }

  private static Map<String, String> byKey(List<String> lines) {
    Map<String, String> m = new TreeMap<>();
    for (String l : lines) {
      String[] f = l.split(" \\| ", -1);
      m.put(f[0] + "|" + f[1] + "|" + (f.length > 2 ? f[2] : ""), l);
    }
    return m;
  }

  /** Generated names and numbers replaced, so that one bug gives one class whatever the seed. */
  static String normalise(String s) {
    String n = s.replaceAll("(?<![a-z0-9])t\\d+", "T")
        .replaceAll("(?<![a-z0-9])c\\d+", "C")
        .replaceAll("(?<![a-z0-9])ix\\d+", "IX")
        .replaceAll("(?<![a-z0-9])ck\\d+", "CK")
        .replaceAll("(?<![a-z0-9])p\\d+t?(?![a-z0-9])", "S")
        .replaceAll("\\d+", "N");
    return n.length() > 200 ? n.substring(0, 200) + "..." : n;
  }

  private static String firstLine(String s) {
    String l = s == null ? "" : s.lines().findFirst().orElse("");
    return l.startsWith("ERROR: ") ? l.substring(7) : l;
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  private int count(String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
    Postgres.dropDatabase(url);
  }

  /**
   * A step's {@code appliedWhen} query, which an applier trusts to skip work already done, must be
   * false before the step runs (else the step would be skipped) and true after it.
   */
  private Outcome applied(Step step, boolean expected) {
    if (step.appliedWhen() == null) {
      return null;
    }
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(step.appliedWhen())) {
      rs.next();
      if (rs.getBoolean(1) != expected) {
        return new Outcome(Kind.FAILED, "appliedWhen is " + !expected + (expected ? " after " : " before ") + step.kind().label(),
            step.id() + ": " + step.appliedWhen());
      }
      return null;
    } catch (SQLException e) {
      return new Outcome(Kind.FAILED, "appliedWhen errors for " + step.kind().label() + ": " + normalise(firstLine(e.getMessage())),
          step.id() + ": " + step.appliedWhen() + "\n" + e.getMessage());
    }
  }
}
