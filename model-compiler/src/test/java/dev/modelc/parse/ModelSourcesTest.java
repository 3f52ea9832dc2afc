package dev.modelc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourcesTest {
  @TempDir
  Path dir;

  @Test
  void aLargeFolderIsReadInPathOrderWithEachFilesOwnBytes() throws IOException {
    // enough files for the parallel read; names whose order differs from creation order and nesting
    List<String> expected = new ArrayList<>();
    for (int i = 59; i >= 0; i--) {
      String name = (i % 3 == 0 ? "tables/sub/" : i % 3 == 1 ? "tables/" : "") + "t" + i + (i % 2 == 0 ? ".yaml" : ".yml");
      write(name, "tables: { t" + i + ": { columns: { id: int } } }\n");
    }
    write("notes.txt", "not a model file");
    write("tables/readme.md", "not one either");
    try (var walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).filter(ModelSources::isYaml)
          .map(p -> ModelSources.display(p)).sorted().forEach(expected::add);
    }

    Diagnostics diagnostics = new Diagnostics();
    List<SourceFile> files = ModelSources.read(List.of(dir), diagnostics);

    assertEquals(0, diagnostics.size(), () -> diagnostics.sorted().toString());
    assertEquals(expected, files.stream().map(SourceFile::displayName).toList());
    for (SourceFile f : files) {
      String table = Path.of(f.displayName()).getFileName().toString().replaceAll("\\.ya?ml$", "");
      assertEquals("tables: { " + table + ": { columns: { id: int } } }\n", new String(f.content(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSymbolicLinkToAModelFileIsReadAndOneToAFolderIsNotFollowed() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("shared.yaml"), "model: shop\n");
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("a.yaml"), "tables: {}\n");
    Files.createSymbolicLink(model.resolve("b.yaml"), elsewhere.resolve("shared.yaml"));
    Files.createSymbolicLink(model.resolve("linked"), elsewhere);

    Diagnostics diagnostics = new Diagnostics();
    List<SourceFile> files = ModelSources.read(List.of(model), diagnostics);

    assertEquals(List.of(ModelSources.display(model.resolve("a.yaml")), ModelSources.display(model.resolve("b.yaml"))),
        files.stream().map(SourceFile::displayName).toList());
    assertEquals("model: shop\n", new String(files.get(1).content(), StandardCharsets.UTF_8));
  }

  @Test
  void missingPathsAndEmptyFoldersAreReportedAndTheRestIsRead() throws IOException {
    write("m/a.yaml", "model: shop\n");
    Files.createDirectories(dir.resolve("empty"));
    List<Path> paths = new ArrayList<>(List.of(dir.resolve("m"), dir.resolve("empty"), dir.resolve("gone.yaml")));
    for (int i = 0; i < 20; i++) {
      paths.add(dir.resolve("m/a.yaml")); // past the parallel threshold, each outcome in its place
    }

    Diagnostics diagnostics = new Diagnostics();
    List<SourceFile> files = ModelSources.read(paths, diagnostics);

    assertEquals(21, files.size());
    List<String> problems = diagnostics.sorted().stream().map(d -> d.code() + "@" + d.position().file() + ": " + d.message()).toList();
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.contains("MC109@" + ModelSources.display(dir.resolve("empty"))
        + ": no *.yaml or *.yml files in this folder; point modelc at a model file or folder"), problems::toString);
    assertTrue(problems.contains("MC102@" + ModelSources.display(dir.resolve("gone.yaml")) + ": no such file or folder"), problems::toString);
    assertTrue(diagnostics.sorted().stream().allMatch(Diagnostic::isError));
  }

  private void write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
