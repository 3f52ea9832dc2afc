package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.render.ModelSchemaRenderer;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Yaml12;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelc init} and {@code modelc schema}: a model folder that checks clean and points its editors at its schema. */
class InitCommandTest {
  @TempDir
  Path temp;

  @Test
  void initWritesAModelThatChecksCleanWithItsSchemaBesideIt() throws Exception {
    Path dir = temp.resolve("src/main/modelc");
    Cli.Result init = Cli.run("init", dir.toString(), "--name", "billing");
    assertEquals(0, init.exitCode(), init.all());
    Cli.Result check = Cli.run("check", dir.toString());
    assertEquals(0, check.exitCode(), check.all());
    assertTrue(check.out().contains("billing: 1 table, 1 index, 2 queries checked"), check.out());
    assertEquals(ModelSchemaRenderer.render(), Files.readString(dir.resolve("modelc.schema.json")));
    for (Path file : List.of(dir.resolve("model.yaml"), dir.resolve("tables/accounts.yaml"))) {
      String text = Files.readString(file);
      String line = text.lines().findFirst().orElseThrow();
      assertTrue(line.startsWith("# yaml-language-server: $schema="), line);
      Path schema = file.getParent().resolve(line.substring(line.indexOf('=') + 1));
      assertTrue(Files.isSameFile(schema, dir.resolve("modelc.schema.json")), file + " points at the schema beside the model");
      assertEquals(Set.of(), Yaml12.validate(text), file.toString());
    }
  }

  @Test
  void initWritesNothingIntoAFolderThatHoldsAModel() throws Exception {
    Files.createDirectories(temp.resolve("m"));
    Files.writeString(temp.resolve("m/old.yml"), "model: old\n");
    Cli.Result r = Cli.run("init", temp.resolve("m").toString());
    assertEquals(1, r.exitCode(), r.all());
    assertTrue(r.err().contains("error[MC703]"), r.err());
    assertEquals(List.of(temp.resolve("m/old.yml")), Files.list(temp.resolve("m")).toList());
  }

  @Test
  void aNameThatIsNoModelNameIsAUsageError() {
    Cli.Result r = Cli.run("init", temp.resolve("x").toString(), "--name", "two\nlines");
    assertEquals(2, r.exitCode(), r.all());
  }

  @Test
  void schemaPrintsTheSchemaAndWritesItOnlyWhenItChanges() throws Exception {
    Cli.Result printed = Cli.run("schema");
    assertEquals(0, printed.exitCode());
    assertEquals(ModelSchemaRenderer.render(), printed.out());
    Path out = temp.resolve("s/modelc.schema.json");
    assertEquals(0, Cli.run("schema", "--out", out.toString()).exitCode());
    long modified = Files.getLastModifiedTime(out).toMillis();
    Thread.sleep(20);
    Cli.Result again = Cli.run("schema", "--out", out.toString());
    assertTrue(again.err().contains("up to date"), again.err());
    assertEquals(modified, Files.getLastModifiedTime(out).toMillis());
  }
}
