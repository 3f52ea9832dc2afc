package dev.modelc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the synthetic models a benchmark writes (tens of megabytes per trial) when the trial ends. */
final class TempFolders {
  private TempFolders() {}

  /** Deletes {@code root} and everything under it; a missing folder is fine. */
  static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
