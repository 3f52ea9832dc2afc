package dev.modelc.model;

import java.util.Objects;

/** Where an element of the model was written: a file and a 1-based line and column. */
public record SourceRef(String file, int line, int column) {
  /** For elements the compiler derives itself (implicit primary-key indexes, for example). */
  public static final SourceRef NONE = new SourceRef("", 0, 0);

  public SourceRef {
    Objects.requireNonNull(file, "file == null");
  }

  public static SourceRef ofFile(String file) {
    return new SourceRef(file, 0, 0);
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** {@code file:line:column}, or just the file when no position is known. */
  @Override
  public String toString() {
    if (file.isEmpty()) {
      return "<model>";
    }
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
