package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.testing.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input through the real command line: a diagnostic, exit 1, no stack trace. */
class BadInputTest {
  @TempDir
  Path dir;

  private Cli.Result check(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return Cli.run("check", file.toString());
  }

  private static void assertCleanFailure(Cli.Result r, String code) {
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.out().contains("error[" + code + "]"), r.all());
    assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    assertFalse(r.all().contains("Exception"), "no exception names: " + r.all());
  }

  @Test
  void aFileOverTheSizeLimitIsRejectedWithoutReadingIt() throws IOException {
    Path big = dir.resolve("huge.yaml");
    byte[] line = "# padding padding padding padding padding padding padding padding padding\n"
        .getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("model: huge\n".getBytes(StandardCharsets.US_ASCII));
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    Cli.Result r = Cli.run("check", big.toString());
    long after = rt.totalMemory() - rt.freeMemory();
    assertCleanFailure(r, "MC103");
    assertTrue(r.out().contains("split the model"), r.out());
    assertTrue(after - before < 40L * 1024 * 1024, "the 50 MB file was not loaded into memory");
  }

  @Test
  void malformedYaml() throws IOException {
    Cli.Result r = check("m.yaml", "model: x\ntables: {a: [\n".getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(r, "MC101");
    assertTrue(r.out().contains("m.yaml:3:"), r.out());
  }

  @Test
  void billionLaughs() throws IOException {
    StringBuilder y = new StringBuilder("model: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    assertCleanFailure(check("bomb.yaml", y.toString().getBytes(StandardCharsets.UTF_8)), "MC105");
  }

  @Test
  void nestingTenThousandLevelsDeep() throws IOException {
    String deep = "model: x\nd: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";
    assertCleanFailure(check("deep.yaml", deep.getBytes(StandardCharsets.UTF_8)), "MC106");
    String deepList = "model: x\nd: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertCleanFailure(check("deep2.yaml", deepList.getBytes(StandardCharsets.UTF_8)), "MC106");
  }

  @Test
  void duplicateKeys() throws IOException {
    Cli.Result r = check("d.yaml", "model: x\nmodel: y\n".getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(r, "MC204");
    assertTrue(r.out().contains("d.yaml:2:1"), r.out());
  }

  @Test
  void tabs() throws IOException {
    Cli.Result r = check("t.yaml", "model: x\ntables:\n\tt: {}\n".getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(r, "MC107");
    assertTrue(r.out().contains("t.yaml:3:1"), r.out());
  }

  @Test
  void invalidUtf8() throws IOException {
    byte[] bytes = {'m', 'o', 'd', 'e', 'l', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n'};
    Cli.Result r = check("u.yaml", bytes);
    assertCleanFailure(r, "MC104");
    assertTrue(r.out().contains("u.yaml:1:8"), r.out());
  }

  @Test
  void aListWhereAMappingBelongs() throws IOException {
    Cli.Result r = check("l.yaml", "model: x\ntables:\n  - orders\n".getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(r, "MC202");
    assertTrue(r.out().contains("l.yaml:3:3"), r.out());
  }

  @Test
  void identifiersWithQuotesSemicolonsAndSpaces() throws IOException {
    String y = """
        model: x
        tables:
          "orders\\"; drop table x; --":
            columns:
              "id; drop": { type: bigint, primaryKey: true }
              "two words": text
        """;
    // PostgreSQL can hold these names: they are quoted wherever modelc writes SQL, never changed
    Cli.Result r = check("i.yaml", y.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, r.exitCode(), r.all());
    Path file = Files.write(dir.resolve("q.yaml"), y.getBytes(StandardCharsets.UTF_8));
    Cli.Result ddl = Cli.run("ddl", file.toString());
    assertTrue(ddl.out().contains("CREATE TABLE \"orders\"\"; drop table x; --\" (\n  \"id; drop\" bigint NOT NULL,\n  \"two words\" text NOT NULL,"),
        ddl.out());
    String control = "model: x\ntables:\n  \"a\\u0007b\":\n    columns:\n      id: { type: bigint, primaryKey: true }\n";
    assertCleanFailure(check("c.yaml", control.getBytes(StandardCharsets.UTF_8)), "MC401");
  }

  @Test
  void controlCharactersInNamesAreShownEscaped() throws IOException {
    String y = "model: x\ntables:\n  \"evil\\u001b[2Jname\":\n    columns: { id: { type: int, primaryKey: true } }\n";
    Cli.Result r = check("c.yaml", y.getBytes(StandardCharsets.UTF_8));
    assertCleanFailure(r, "MC401");
    assertFalse(r.out().contains("\u001b"), "no raw escape sequence reaches the terminal");
  }

  @Test
  void usageErrorsExitWithTwo() {
    Cli.Result r = Cli.run("check", "--format", "xml", "x.yaml");
    assertEquals(2, r.exitCode(), r.all());
    assertTrue(r.err().contains("--format"), r.err());
    assertEquals(2, Cli.run("frobnicate").exitCode());
    assertEquals(2, Cli.run().exitCode());
  }
}
