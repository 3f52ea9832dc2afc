package dev.modelc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run the tests with {@code -Dmodelc.updateGoldens=true} to write the
 * actual output over the expected files, then review the change as a diff.
 */
public final class Goldens {
  private Goldens() {}

  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty("modelc.updateGoldens", "false"));
  }

  public static void assertMatches(Path expectedFile, String actual) {
    try {
      if (updating()) {
        Files.createDirectories(expectedFile.getParent());
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        return;
      }
      String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "<missing " + expectedFile + ">";
      assertEquals(expected, actual, "golden file " + expectedFile
          + " differs (rerun with -Dmodelc.updateGoldens=true and review the diff)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
