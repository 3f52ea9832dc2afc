package dev.modelc.compile;

import dev.modelc.analyze.Coverage;
import dev.modelc.analyze.CoverageAnalysis;
import dev.modelc.analyze.CoverageCheck;
import dev.modelc.check.ModelChecker;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Model;
import dev.modelc.parse.LoadResult;
import dev.modelc.parse.ModelLoader;
import dev.modelc.parse.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The front half of modelc as one call: parse, check, analyze. Each phase reports all of its
 * diagnostics and the next phase runs only on a model without errors, like javac: an author
 * sees every problem of the first broken phase, and never a cascade of follow-on errors.
 */
public final class Compiler {
  private Compiler() {}

  /** Compiles the model files and folders at {@code paths}. */
  public static Compilation compile(List<Path> paths) {
    return compile(ModelLoader.load(paths));
  }

  /** Compiles model files already in memory (tests, git baselines). */
  public static Compilation compileFiles(List<SourceFile> files) {
    return compile(ModelLoader.loadFiles(files));
  }

  private static Compilation compile(LoadResult loaded) {
    if (loaded.model().isEmpty()) {
      return new Compilation(Optional.empty(), Optional.empty(), loaded.diagnostics(), loaded.sources());
    }
    Model model = loaded.model().get();
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(loaded.diagnostics());
    diagnostics.addAll(ModelChecker.check(model));
    if (diagnostics.hasErrors()) {
      return new Compilation(Optional.of(model), Optional.empty(), diagnostics.sorted(), loaded.sources());
    }
    Coverage coverage = CoverageAnalysis.analyze(model);
    diagnostics.addAll(CoverageCheck.check(model, coverage));
    List<Diagnostic> all = diagnostics.sorted();
    return new Compilation(Optional.of(model), Optional.of(coverage), all, loaded.sources());
  }
}
