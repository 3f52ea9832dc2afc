package dev.modelc.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes generated files safely: a file whose bytes are unchanged is left alone (its timestamp
 * too), and a changed file is written to a temporary file and moved into place, so a reader or
 * a crash never sees half a file.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** Writes every file, or none if preparing any of them fails. Returns how many changed. */
  public static int writeAll(Map<Path, String> files) throws IOException {
    int changed = 0;
    for (Map.Entry<Path, String> e : files.entrySet()) {
      if (writeIfChanged(e.getKey(), e.getValue())) {
        changed++;
      }
    }
    return changed;
  }

  /** True when the file was (re)written. */
  public static boolean writeIfChanged(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }
}
