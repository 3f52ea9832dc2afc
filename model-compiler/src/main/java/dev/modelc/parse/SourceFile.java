package dev.modelc.parse;

import java.util.Objects;

/**
 * One model file's bytes and the name diagnostics show for it (a path as the user gave it,
 * with forward slashes, or a {@code git:REF:path} name for baselines read from git).
 */
public record SourceFile(String displayName, byte[] content) {
  public SourceFile {
    Objects.requireNonNull(displayName, "displayName == null");
    Objects.requireNonNull(content, "content == null");
  }
}
