package dev.modelc.cli;

import dev.modelc.analyze.Explainer;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Suggestions;
import dev.modelc.model.QueryPattern;
import dev.modelc.render.DiagnosticTextRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelc explain MODEL QUERY}: which index serves the query and why, or why none does. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Show which index serves a query pattern and why, or why no index does.")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file or folder.")
  Path model;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query pattern's name.")
  String query;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Compilation c = Compiler.compile(List.of(model));
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (c.coverage().isEmpty()) {
      err.print(DiagnosticTextRenderer.render(c.diagnostics(), c.sources()));
      err.println("modelc: the model has errors; fix them before explaining queries");
      return Main.ERRORS;
    }
    String text = Explainer.explain(c.model().orElseThrow(), c.coverage().get(), query);
    if (text == null) {
      List<String> names = c.model().orElseThrow().queries().stream().map(QueryPattern::name).toList();
      err.println("modelc: no query named '" + query + "' in the model" + Suggestions.didYouMean(query, names));
      return Main.USAGE;
    }
    out.print(text);
    out.flush();
    return Main.OK;
  }
}
