package dev.modelc.compile;

import dev.modelc.codegen.JavaGenerator;
import dev.modelc.codegen.SourceWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Generates a compiled model's accessors into a folder (shared by the CLI and the Maven plugin). */
public final class Generation {
  private Generation() {}

  /** Writes the accessors of {@code compilation}, which must be free of errors. */
  public static SourceWriter.Result write(Compilation compilation, Path outDir, String basePackage) throws IOException {
    if (compilation.hasErrors() || compilation.coverage().isEmpty()) {
      throw new IllegalArgumentException("the model has errors; nothing can be generated");
    }
    return SourceWriter.write(outDir, JavaGenerator.generate(compilation.model().orElseThrow(), compilation.coverage().get(), basePackage));
  }
}
