package dev.modelc.cli;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.Model;
import dev.modelc.render.DiagnosticJsonRenderer;
import dev.modelc.render.DiagnosticSummary;
import dev.modelc.render.DiagnosticTextRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelc check MODEL...}: each argument is one model (a file, or a folder of files). */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check models and report every problem. Exit 0 when clean, 1 on errors.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "MODEL", description = "A model file or folder; each is checked as one model.")
  List<Path> models;

  @Option(names = "--format", defaultValue = "text", description = "text (default), json or sarif.")
  OutputFormat format;

  @Mixin
  DocsUrlOption docs;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    docs.check(spec, format);
    List<Diagnostic> all = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean internalError = false;
    for (Path path : models) {
      Compilation c;
      try {
        c = Compiler.compile(List.of(path));
      } catch (RuntimeException | StackOverflowError e) {
        // each model is reported on its own: one that breaks modelc does not hide the others
        spec.commandLine().getErr().println("modelc: internal error while checking " + path + ": "
            + e.getClass().getSimpleName() + " (please report it with the model that caused it)");
        internalError = true;
        continue;
      }
      // a finding about the model as a whole (no files found) belongs to the path that was checked
      c.diagnostics().forEach(d -> all.add(d.position().file().isEmpty()
          ? new Diagnostic(d.code(), d.severity(), d.message(), dev.modelc.model.SourceRef.ofFile(path.toString().replace('\\', '/'))) : d));
      text.append(DiagnosticTextRenderer.render(c.diagnostics(), c.sources()));
      c.model().filter(m -> !c.hasErrors()).ifPresent(m -> text.append(describe(m)).append('\n'));
    }
    var out = spec.commandLine().getOut();
    switch (format) {
      case text -> {
        out.print(text);
        out.println(DiagnosticSummary.of(all).line());
      }
      case json -> out.print(DiagnosticJsonRenderer.render(all));
      case sarif -> out.print(docs.sarif(all));
    }
    out.flush();
    return internalError || all.stream().anyMatch(Diagnostic::isError) ? Main.ERRORS : Main.OK;
  }

  private static String count(int n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun.endsWith("x") ? noun + "es" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }

  private static String describe(Model m) {
    int indexes = m.tables().stream().mapToInt(t -> t.indexes().size()).sum();
    return m.name() + ": " + count(m.tables().size(), "table") + ", " + count(indexes, "index") + ", "
        + count(m.queries().size(), "query") + " checked";
  }
}
