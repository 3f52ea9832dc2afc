package dev.modelc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over the model files (paths and bytes) and the configuration that shapes the output. */
final class Fingerprint {
  private Fingerprint() {}

  static String of(List<Path> files, String... configuration) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String c : configuration) {
        sha.update(c.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      for (Path f : files) {
        sha.update(f.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(f));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
