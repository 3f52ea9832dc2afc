package dev.modelc.maven;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.diag.Diagnostic;
import dev.modelc.render.DiagnosticSummary;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the model and fails the build on errors, printing each diagnostic in the compiler
 * format ({@code path:line:col: error[CODE]: message}) so IDEs and CI link to the YAML line.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractMojo {
  /** The model: a folder of YAML files, or one file. */
  @Parameter(property = "modelc.model", defaultValue = "${project.basedir}/src/main/modelc")
  private File model;

  /** Skips this goal. */
  @Parameter(property = "modelc.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private org.apache.maven.project.MavenProject project;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("modelc: check skipped");
      return;
    }
    ModelcSettings settings = ModelcSettings.of(model, project);
    Compilation c = Compiler.compile(List.of(settings.model()));
    ModelcLog.diagnostics(getLog(), c.diagnostics(), c.sources());
    List<Diagnostic> diagnostics = c.diagnostics();
    String summary = DiagnosticSummary.of(diagnostics).line();
    if (c.hasErrors()) {
      throw new MojoFailureException("modelc: the model has errors (" + summary + ")");
    }
    getLog().info("modelc: " + summary);
  }
}
