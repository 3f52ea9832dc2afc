package dev.modelc.compile;

import dev.modelc.analyze.Coverage;
import dev.modelc.analyze.CoverageAnalysis;
import dev.modelc.analyze.CoverageCheck;
import dev.modelc.analyze.CoverageCode;
import dev.modelc.check.ModelChecker;
import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.parse.LoadResult;
import dev.modelc.parse.ModelLoader;
import dev.modelc.parse.SourceFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The front half of modelc as one call: parse, check, analyze. Every stage runs on everything
 * that is not broken: an element with an error (a column whose type is unknown, an index naming
 * a missing column, a query on an unknown table) is reported once, and only the checks that
 * depend on it are skipped and counted (MC505), so one run reports every independent problem
 * and no follow-on noise.
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
    if (loaded.partial().isEmpty()) {
      return new Compilation(Optional.empty(), Optional.empty(), loaded.diagnostics(), loaded.sources());
    }
    Model model = loaded.partial().get();
    Broken broken = loaded.broken();
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(loaded.diagnostics());
    diagnostics.addAll(ModelChecker.check(model, broken));
    boolean checked = !diagnostics.hasErrors(); // the coverage of a model that passed the checks is complete
    Model sound = withoutQueriesOnBrokenElements(model, broken);
    Set<String> tablesWithSkips = new HashSet<>();
    for (Table t : model.tables()) {
      if (brokenIndex(t, broken) || broken.table(t.name())
          || model.queriesOf(t.name()).size() != sound.queriesOf(t.name()).size()) {
        tablesWithSkips.add(t.name());
        t.indexes().forEach(i -> broken.skip("use of an index"));
      }
    }
    Coverage coverage = CoverageAnalysis.analyze(sound);
    diagnostics.addAll(CoverageCheck.check(sound, coverage, t -> !tablesWithSkips.contains(t.name())));
    if (broken.skippedCount() > 0 && diagnostics.hasErrors()) {
      diagnostics.report(CoverageCode.MC505, model.source(), skippedSummary(broken.skipped()));
    }
    return new Compilation(loaded.model().isPresent() ? Optional.of(model) : Optional.empty(),
        checked ? Optional.of(coverage) : Optional.empty(), diagnostics.sorted(), loaded.sources());
  }

  /** The model without the queries whose coverage depends on an element with errors. */
  private static Model withoutQueriesOnBrokenElements(Model model, Broken broken) {
    List<QueryPattern> kept = model.queries().stream().filter(q -> {
      boolean skip = broken.query(q.name()) || broken.table(q.table()) || model.table(q.table()).isEmpty()
          || brokenIndex(model.table(q.table()).get(), broken);
      if (skip) {
        broken.skip("coverage of a query");
      }
      return !skip;
    }).toList();
    if (kept.size() == model.queries().size()) {
      return model;
    }
    return new Model(model.name(), model.database(), model.tables(), kept, model.retired(), model.policy(),
        model.extensions(), model.unmanaged(), model.source());
  }

  private static boolean brokenIndex(Table t, Broken broken) {
    for (Index i : t.indexes()) {
      if (broken.index(i.name())) {
        return true;
      }
    }
    return false;
  }

  /** "5 checks skipped because of earlier errors: coverage of 2 queries, use of 3 indexes". */
  private static String skippedSummary(Map<String, Integer> skipped) {
    int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
    return total + " check" + (total == 1 ? "" : "s") + " skipped because of earlier errors: "
        + skipped.entrySet().stream().map(e -> plural(e.getKey(), e.getValue())).collect(Collectors.joining(", "))
        + "; fix the errors and check again to run them";
  }

  /** "coverage of a query" x 2 -> "coverage of 2 queries". */
  private static String plural(String what, int n) {
    if (n == 1) {
      return what;
    }
    String[] words = what.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (words[i].equals("a") || words[i].equals("an")) {
        String noun = words[i + 1];
        words[i] = String.valueOf(n);
        words[i + 1] = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies"
            : noun.endsWith("x") ? noun + "es" : noun + "s";
        return String.join(" ", words);
      }
    }
    return what + " (" + n + ")";
  }
}
