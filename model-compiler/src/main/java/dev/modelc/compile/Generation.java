package dev.modelc.compile;

import dev.modelc.codegen.JavaGenerator;
import dev.modelc.codegen.SourceWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Generates a compiled model's accessors into a folder (shared by the CLI and the Maven plugin). */
public final class Generation {
  private Generation() {}

  /**
   * Writes the accessors of {@code compilation}, which must be free of errors, all or none;
   * {@link dev.modelc.render.OutputFiles.OutputException} carries the reasons (MC701, MC702) when nothing could be written.
   */
  public static SourceWriter.Result write(Compilation compilation, Path outDir, String basePackage) throws IOException {
    if (compilation.hasErrors() || compilation.coverage().isEmpty()) {
      throw new IllegalArgumentException("the model has errors; nothing can be generated");
    }
    var model = compilation.model().orElseThrow();
    return SourceWriter.write(outDir, model.name(), JavaGenerator.generate(model, compilation.coverage().get(), basePackage));
  }
}
