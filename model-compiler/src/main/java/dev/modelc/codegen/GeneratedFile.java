package dev.modelc.codegen;

import java.util.Objects;

/** One generated source file: its path under the output folder and its content. */
public record GeneratedFile(String path, String content) {
  public GeneratedFile {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(content, "content == null");
  }
}
