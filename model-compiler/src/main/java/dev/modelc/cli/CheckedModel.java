package dev.modelc.cli;

import dev.modelc.analyze.Coverage;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.model.Model;
import dev.modelc.parse.SourceTexts;
import dev.modelc.render.DiagnosticTextRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model without errors, with its coverage, for the commands that hold it against something
 * else (a database, a usage history): they need all of it, or they stop and say why.
 */
record CheckedModel(Model model, Coverage coverage, SourceTexts sources) {
  /**
   * Compiles {@code path}; on errors prints every diagnostic and "the model has errors; fix them
   * before {@code doing}" to {@code err}, and is empty.
   */
  static Optional<CheckedModel> compile(Path path, PrintWriter err, String doing) {
    Compilation c = Compiler.compile(List.of(path));
    if (c.model().isEmpty() || c.coverage().isEmpty() || c.hasErrors()) {
      err.print(DiagnosticTextRenderer.render(c.diagnostics(), c.sources()));
      err.println("modelc: the model has errors; fix them before " + doing);
      return Optional.empty();
    }
    return Optional.of(new CheckedModel(c.model().get(), c.coverage().get(), c.sources()));
  }
}
