package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir
  Path dir;

  @Test
  void eachFileIsRenderedInTurnAndUnchangedFilesAreNotRewritten() throws IOException {
    List<String> rendered = new ArrayList<>();
    Map<Path, Supplier<String>> files = new LinkedHashMap<>();
    files.put(dir.resolve("a.md"), () -> render(rendered, "a"));
    files.put(dir.resolve("b.json"), () -> render(rendered, "b"));
    assertEquals(2, OutputFiles.writeAllRendered(files));
    assertEquals(List.of("a", "b"), rendered);
    assertEquals("a", Files.readString(dir.resolve("a.md")));
    assertEquals(0, OutputFiles.writeAllRendered(files), "the same content again changes nothing");
  }

  @Test
  void aFileThatFailsToRenderLeavesEveryFileAsItWas() throws IOException {
    Files.writeString(dir.resolve("a.md"), "old");
    Map<Path, Supplier<String>> files = new LinkedHashMap<>();
    files.put(dir.resolve("a.md"), () -> "new");
    files.put(dir.resolve("b.json"), () -> {
      throw new IllegalStateException("rendering failed");
    });
    assertThrows(IllegalStateException.class, () -> OutputFiles.writeAllRendered(files));
    assertEquals("old", Files.readString(dir.resolve("a.md")));
    assertFalse(Files.exists(dir.resolve("b.json")));
    try (var left = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("a.md")), left.toList(), "no staged file is left behind");
    }
  }

  private static String render(List<String> log, String content) {
    log.add(content);
    return content;
  }
}
