package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.codegen.GeneratedFile;
import dev.modelc.codegen.JavaGenerator;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.parse.SourceFile;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Javac;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One regression test per way hostile models made modelc misbehave (issue 11): an internal
 * error where a diagnostic belongs, Java that does not compile, silent loss of output, SQL that
 * PostgreSQL rejects, and the smaller findings. Each failed before the fix.
 */
class HostileModelsTest {
  @TempDir
  Path temp;

  private static final String TABLE = """
      model: shop
      tables:
        t:
          columns:
            id: { type: bigint, primaryKey: true }
      """;

  static Compilation compile(String yaml) {
    return Compiler.compileFiles(List.of(new SourceFile("m.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
  }

  static Set<String> codes(Compilation c) {
    return c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).collect(Collectors.toSet());
  }

  static void assertError(String code, String yaml) {
    Compilation c = compile(yaml);
    assertTrue(codes(c).contains(code), "expected " + code + ", got " + c.diagnostics());
    for (Diagnostic d : c.diagnostics()) {
      assertTrue(d.position().line() > 0, "diagnostic without a line: " + d);
    }
  }

  /** Checks clean, generates, and the sources compile under -Xlint:all -Werror. */
  void assertGeneratesCompilingJava(String yaml) {
    Compilation c = compile(yaml);
    assertFalse(c.hasErrors(), c.diagnostics().toString());
    List<GeneratedFile> files = JavaGenerator.generate(c.model().orElseThrow(), c.coverage().orElseThrow(), "com.example.hostile");
    assertEquals("", Javac.problems(files, temp));
  }

  // ---- 1. internal errors instead of diagnostics --------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"varchar(99999999999)", "char(2147483648)", "numeric(99999999999,2)", "numeric(5,99999999999)",
      "varchar(0)", "varchar(10485761)"})
  void oversizedTypeSizesAreDiagnostics(String type) {
    assertError("MC205", TABLE + "      v: { type: \"" + type + "\" }\n");
  }

  @Test
  void aBadModelDoesNotSwallowTheReportOfTheGoodOnes() throws IOException {
    Path good = Files.writeString(temp.resolve("good.yaml"), TABLE);
    Path bad = Files.writeString(temp.resolve("bad.yaml"), TABLE + "      v: { type: \"varchar(99999999999)\" }\n");
    Cli.Result r = Cli.run("check", good.toString(), bad.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.out().contains("shop: 1 table, 0 indexes, 0 queries checked"), r.all());
    assertTrue(r.out().contains("error[MC205]"), r.all());
    assertFalse(r.all().contains("internal error"), r.all());
  }

  @Test
  void namesWithoutLettersBeforeADigitStillGenerate() {
    assertGeneratesCompilingJava("""
        model: shop
        tables:
          _:
            columns:
              id: { type: bigint, primaryKey: true }
              _1: text
              _2_: { type: enum, values: [x] }
        queries:
          byOne: { table: _, where: { _1: "=" } }
          addOne: { table: _, kind: insert }
        """);
  }

  @Test
  void planOutWhosePlanJsonIsAFolderWritesNothing() throws IOException {
    Path plans = Path.of("src/test/resources/plans/add-enum-value");
    Path out = temp.resolve("out");
    Files.createDirectories(out.resolve("plan.json"));
    Cli.Result r = Cli.run("plan", "--from", plans.resolve("v1").toString(), "--to", plans.resolve("v2").toString(),
        "--out", out.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC701]"), r.all());
    assertFalse(Files.exists(out.resolve("plan.md")), "all or none: plan.md must not be written");
    assertFalse(Files.exists(out.resolve("plan.sql")));
  }

  @Test
  void outNamingAnExistingFileIsADiagnostic() throws IOException {
    Path model = Files.writeString(temp.resolve("m.yaml"), TABLE);
    Path file = Files.writeString(temp.resolve("file"), "x");
    Cli.Result generate = Cli.run("generate", model.toString(), "--package", "com.example", "--out", file.toString());
    assertEquals(1, generate.exitCode(), generate.all());
    assertTrue(generate.err().contains("error[MC701]"), generate.all());
    Path plans = Path.of("src/test/resources/plans/add-enum-value");
    Cli.Result plan = Cli.run("plan", "--from", plans.resolve("v1").toString(), "--to", plans.resolve("v2").toString(),
        "--out", file.toString());
    assertEquals(1, plan.exitCode(), plan.all());
    assertTrue(plan.err().contains("error[MC701]"), plan.all());
    assertFalse(generate.all().contains("Exception") || plan.all().contains("Exception"));
  }

  // ---- 2. Java that does not compile -------------------------------------------------------

  @Test
  void columnsNamedLikeTheGeneratorsLocalsCompile() {
    assertGeneratesCompilingJava("""
        model: shop
        tables:
          t:
            columns:
              id: { type: bigint, primaryKey: true }
              ps: text
              rs: { type: int, nullable: true }
              rows: text
              row: text
              connection: text
              java: text
        queries:
          byAll: { table: t, where: { ps: "=", rs: in, rows: "!=", connection: ">", java: "=" } }
          byRow: { table: t, where: { row: in }, returns: [id, ps] }
          addT: { table: t, kind: insert }
          updateT: { table: t, kind: update, set: [ps, rows, connection], where: { rs: "=", row: "=" } }
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashCode", "toString", "wait", "getClass", "notify", "notifyAll", "equals", "clone", "finalize"})
  void queryNamesThatAreObjectMethodsAreDiagnostics(String name) {
    assertError("MC404", TABLE + "queries:\n  " + name + ": { table: t, where: { id: \"=\" } }\n");
  }

  @Test
  void aColumnReturnedTwiceIsADiagnostic() {
    assertError("MC313", TABLE + "queries:\n  ids: { table: t, returns: [id, id] }\n");
  }

  @Test
  void commentEndsAndUnicodeEscapesInTextStillCompile() {
    assertGeneratesCompilingJava("""
        model: "C:\\\\users */ \\\\u000a"
        description: "*/ \\\\u0022"
        tables:
          t:
            description: "ends */ here, \\\\u000a escapes, {@code x} <b> & @param q"
            owner: "C:\\\\users\\\\u"
            columns:
              id: { type: bigint, primaryKey: true, description: "*/ \\\\u" }
              note: { type: text, description: "@return */" }
        queries:
          notes: { table: t, where: { note: "=" }, description: "*/ \\\\uD800 {@link x}", owner: "*/", rate: "\\\\u/s",
                   endpoints: ["GET /a/*/b", "C:\\\\users", "{id}"] }
        """);
  }

  @Test
  void oddEnumValuesCompile() {
    assertGeneratesCompilingJava("""
        model: shop
        tables:
          t:
            columns:
              id: { type: bigint, primaryKey: true }
              v: { type: enum, values: ["_", "é", "2fa", "it's", "*/x", "\\\\u0041", "a b", "class", "ÄÖ"] }
        queries:
          byV: { table: t, where: { v: in } }
        """);
  }

  @Test
  void anEnumNamedLikeAQueryClassIsADiagnostic() {
    assertError("MC405", TABLE + "  a:\n    columns:\n      id: { type: bigint, primaryKey: true }\n"
        + "      queries: { type: enum, values: [x] }\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"class", "int.x", "java.lang", "java", "com.example.new", "Com.Example", "com..x", "_"})
  void packagesThatCannotHoldTheCodeAreUsageErrors(String pkg) throws IOException {
    Path model = Files.writeString(temp.resolve("m.yaml"), TABLE);
    Cli.Result r = Cli.run("generate", model.toString(), "--package", pkg, "--out", temp.resolve("out").toString());
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains("--package"), r.all());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  void aTableTooWideForAJavaRecordIsADiagnostic() {
    StringBuilder yaml = new StringBuilder(TABLE);
    for (int i = 0; i < 5000; i++) {
      yaml.append("      c").append(i).append(": int\n");
    }
    assertError("MC317", yaml.toString());
  }

  @Test
  void theWidestTableAllowedCompiles() {
    StringBuilder yaml = new StringBuilder(TABLE);
    for (int i = 0; i < 126; i++) {
      yaml.append("      c").append(i).append(": bigint\n"); // 2 + 126 * 2 = 254 slots
    }
    yaml.append("queries:\n  addT: { table: t, kind: insert }\n");
    assertGeneratesCompilingJava(yaml.toString());
  }

  // ---- 3. silent loss ------------------------------------------------------------------------

  @Test
  void enumValuesThatBecomeOneConstantAreADiagnostic() {
    assertError("MC405", TABLE + "      v: { type: enum, values: [a-b, a_b] }\n");
  }

  @Test
  void enumsThatBecomeOneTypeAreADiagnostic() {
    assertError("MC405", """
        model: shop
        tables:
          a_b:
            columns:
              id: { type: bigint, primaryKey: true }
              c: { type: enum, values: [x] }
          a:
            columns:
              id: { type: bigint, primaryKey: true }
              b_c: { type: enum, values: [x] }
        """);
  }

  @Test
  void asecondModelInTheSameOutputFolderKeepsTheFirstModelsFiles() throws IOException {
    Path first = Files.writeString(temp.resolve("first.yaml"), TABLE);
    Path second = Files.writeString(temp.resolve("second.yaml"), TABLE.replace("shop", "billing").replace("  t:", "  u:"));
    Path out = temp.resolve("out");
    assertEquals(0, Cli.run("generate", first.toString(), "--package", "com.example", "--out", out.toString()).exitCode());
    Cli.Result r = Cli.run("generate", second.toString(), "--package", "com.example", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.err().contains("0 removed"), r.all());
    for (String file : List.of("T.java", "TQueries.java", "U.java", "UQueries.java")) {
      assertTrue(Files.exists(out.resolve("com/example").resolve(file)), file);
    }
    // the first model's own stale files are still removed when it changes
    Files.writeString(first, TABLE.replace("  t:", "  v:"));
    Cli.Result again = Cli.run("generate", first.toString(), "--package", "com.example", "--out", out.toString());
    assertTrue(again.err().contains("2 removed"), again.all());
    assertTrue(Files.exists(out.resolve("com/example/U.java")), "the other model's files stay");
  }

  @Test
  void aFileOfAnotherModelIsNeverOverwritten() throws IOException {
    Path first = Files.writeString(temp.resolve("first.yaml"), TABLE);
    Path second = Files.writeString(temp.resolve("second.yaml"), TABLE.replace("shop", "billing"));
    Path out = temp.resolve("out");
    assertEquals(0, Cli.run("generate", first.toString(), "--package", "com.example", "--out", out.toString()).exitCode());
    String before = Files.readString(out.resolve("com/example/T.java"));
    Cli.Result r = Cli.run("generate", second.toString(), "--package", "com.example", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC702]"), r.all());
    assertEquals(before, Files.readString(out.resolve("com/example/T.java")));
  }

  // ---- 4. SQL that PostgreSQL rejects --------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"==", "= 1; DROP TABLE t; --", "= 1 --", "= (1", "= id", "= now()", "in (1, 2", "in 1", "< 'a' || 'b'",
      "= 1 /* x */", "= $1", "= E'\\\\''"})
  void conditionsWhoseValueIsNotALiteralAreDiagnostics(String condition) {
    assertError("MC314", TABLE + "queries:\n  q: { table: t, where: { id: \"" + condition.replace("\"", "\\\"") + "\" } }\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1; DROP TABLE t; --", "id", "1 2", "(1", "1)", "now() -- x", "nextval('s'); select 1", "select 1",
      "nog()", "now(id)", "now(\"is null\")", "gen_random_uuid(1.5)", "lower(id)", "~now()", "@ 1"})
  void defaultsThatAreNotOneExpressionAreDiagnostics(String value) {
    assertError("MC314", TABLE + "      n: { type: int, default: \"" + value.replace("\"", "\\\"") + "\" }\n");
  }

  @Test
  void legitimateDefaultsChecksAndPredicatesStillCheckCleanAndLoad() throws java.sql.SQLException {
    Compilation c = compile("""
        model: shop
        tables:
          t:
            columns:
              id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
              due: { type: timestamptz, default: "now() + interval '1 day'" }
              made: { type: timestamp, default: current_timestamp }
              doc: { type: jsonb, default: "'{}'::jsonb" }
              n: { type: int, default: "(1 + 2)" }
              m: { type: int, nullable: true, default: "null" }
              name: { type: text, default: "lower('X')" }
              notify: { type: bool, default: "true" }
              amount: { type: "numeric(12,2)", default: "-0.5" }
              day: { type: date, default: "'2024-02-29'" }
            checks:
              t_n: { expression: "coalesce(m, 0) >= 0 and n between 1 and 1000" }
              t_case: { expression: "case when n > 0 then true else false end" }
              t_name: { expression: "length(name) < 100 and name ~ '^[a-z]' and name::text <> ''" }
              t_distinct: { expression: "m is distinct from n or notify is not true" }
            indexes:
              t_due: { columns: [due], where: "m in (1, 2) and notify and not (n < 0)", reason: Partial., keep: k }
        queries:
          byNotify: { table: t, where: { notify: "= true", n: "in (1, 2, 3)", day: "> '2024-01-01'", m: "is null" } }
        """);
    assertFalse(c.hasErrors(), c.diagnostics().toString());
    try (java.sql.Connection db = dev.modelc.testing.Postgres.connect(dev.modelc.testing.Postgres.freshDatabase("legit"));
        java.sql.Statement s = db.createStatement()) {
      s.execute(dev.modelc.dialect.PostgresDdl.createSchema(c.model().orElseThrow()));
    }
  }

  @Test
  void anEnumComparedWithAnUnknownValueInAPredicateIsADiagnostic() {
    String enumTable = TABLE + "      kind: { type: enum, values: [exception, normal] }\n";
    assertError("MC315", enumTable + "    indexes:\n      t_kind: { columns: [id], where: \"kind = 'excolumns:ception'\", reason: r }\n");
    assertError("MC315", enumTable + "    checks:\n      c: { expression: \"kind in ('normal', 'e1e400xception')\" }\n");
  }

  @Test
  void anEnumDefaultMustBeOneOfItsValues() {
    assertError("MC315", TABLE + "      v: { type: enum, values: [a, b], default: c }\n");
  }

  /** Found by the 30-minute fuzzing run: a pattern match on a number passed check and PostgreSQL rejected the DDL. */
  @ParameterizedTest
  @ValueSource(strings = {"id ~ 'x'", "id !~* 'x'", "note ~ 0"})
  void aPatternMatchOnANumberIsADiagnostic(String expression) {
    String model = TABLE + "      note: { type: text, nullable: true }\n";
    assertError("MC314", model + "    checks:\n      c: { expression: \"" + expression + "\" }\n");
  }

  @Test
  void aCheckNamedLikeThePrimaryKeyIsADiagnostic() {
    assertError("MC306", TABLE + "    checks:\n      t_pkey: { expression: \"id > 0\" }\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(id > 0", "id > 0)", "id > 0; DROP TABLE t", "id > 0 -- x", "'open", "id >", "id, id",
      "ctatus = 1", "id between 0 =and 1000", "id between 0", "id + 1", "1000", "id in ()", "id > 0 and and id < 9",
      "(id > 0 and)", "low(id) > 0"})
  void predicatesAndChecksThatAreNotOneExpressionAreDiagnostics(String expression) {
    String e = expression.replace("\"", "\\\"");
    assertError("MC314", TABLE + "    indexes:\n      t_id: { columns: [id], where: \"" + e + "\", reason: r }\n");
    assertError("MC314", TABLE + "    checks:\n      c: { expression: \"" + e + "\" }\n");
  }

  @Test
  void jsonColumnsCannotBeUniqueOrIndexed() {
    assertError("MC316", TABLE + "      j: { type: json, unique: true }\n");
    assertError("MC316", TABLE + "      j: json\n    indexes:\n      t_j: { columns: [j], unique: true, reason: r }\n");
  }

  @Test
  void anInsertWhoseColumnsAllHaveDefaultsUsesDefaultValues() {
    Compilation c = compile("""
        model: shop
        tables:
          t:
            columns:
              id: { type: uuid, primaryKey: true, default: gen_random_uuid() }
              created_at: { type: timestamptz, default: now() }
        queries:
          addT: { table: t, kind: insert }
        """);
    assertFalse(c.hasErrors(), c.diagnostics().toString());
    String queries = JavaGenerator.generate(c.model().orElseThrow(), c.coverage().orElseThrow(), "com.example").stream()
        .filter(f -> f.path().endsWith("TQueries.java")).findFirst().orElseThrow().content();
    assertTrue(queries.contains("\"INSERT INTO t DEFAULT VALUES RETURNING id, created_at\""), queries);
    assertFalse(queries.contains("()".repeat(1) + " VALUES ()"));
  }

  // ---- 5. smaller findings -------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x7F, 0x01})
  void aControlByteIsReportedAtItsLineAndColumn(int b) {
    byte[] yaml = ("model: shop\ntables:\n  t:\n    columns: { id: bi" + (char) b + "gint }\n").getBytes(StandardCharsets.UTF_8);
    Compilation c = Compiler.compileFiles(List.of(new SourceFile("m.yaml", yaml)));
    Diagnostic d = c.diagnostics().get(0);
    assertEquals("MC101", d.code(), c.diagnostics().toString());
    assertEquals(4, d.position().line(), d.toString());
    assertEquals(22, d.position().column(), d.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"!foo bigint", "!!binary aGk=", "!<tag:example.com,2024:x> bigint", "!!str bigint", "! bigint"})
  void yamlTagsAreRejected(String value) {
    Compilation c = compile("model: shop\ntables:\n  t:\n    columns:\n      id: " + value + "\n");
    assertEquals("MC101", c.diagnostics().get(0).code(), c.diagnostics().toString());
    assertTrue(c.diagnostics().get(0).message().contains("tags"), c.diagnostics().toString());
    assertEquals(5, c.diagnostics().get(0).position().line());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\n\\u", "model: \"\\u12", "model: \"\\x4\"", "model: \"\\U0001F60\"\n"})
  void aTruncatedEscapeIsASyntaxErrorNotACrash(String yaml) {
    Compilation c = compile(yaml);
    assertEquals("MC101", c.diagnostics().get(0).code(), c.diagnostics().toString());
  }

  @Test
  void helpPrintsNoPicocliWarning() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String command : List.of("", "check", "explain", "ddl", "plan", "generate", "synth")) {
        Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertEquals(0, r.exitCode(), r.all());
        assertFalse(r.all().contains("WARN"), r.all());
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writtenFilesGetTheUsualPermissionsOfNewFiles() throws IOException {
    Path probe = Files.createFile(temp.resolve("probe"));
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
    Path model = Files.writeString(temp.resolve("m.yaml"), TABLE);
    Path out = temp.resolve("out");
    assertEquals(0, Cli.run("generate", model.toString(), "--package", "com.example", "--out", out.toString()).exitCode());
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertEquals(usual, Files.getPosixFilePermissions(f), f.toString());
      }
    }
    Path plans = Path.of("src/test/resources/plans/add-enum-value");
    Path planOut = temp.resolve("plan");
    assertEquals(3, Cli.run("plan", "--from", plans.resolve("v1").toString(), "--to", plans.resolve("v2").toString(),
        "--out", planOut.toString()).exitCode());
    assertEquals(usual, Files.getPosixFilePermissions(planOut.resolve("plan.md")));
    try (Stream<Path> leftovers = Files.list(planOut)) {
      assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }
}
