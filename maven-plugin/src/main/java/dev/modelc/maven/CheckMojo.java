package dev.modelc.maven;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.cli.Version;
import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.DiagnosticDocs;
import dev.modelc.render.DiagnosticSummary;
import dev.modelc.render.OutputFiles;
import dev.modelc.render.RepositoryPaths;
import dev.modelc.render.SarifRenderer;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the model and fails the build on errors, printing each diagnostic in the compiler
 * format ({@code path:line:col: error[CODE]: message}) so IDEs and CI link to the YAML line;
 * with {@code sarifFile} it also writes them as SARIF for code scanning (before failing).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends AbstractMojo {
  /** The model: a folder of YAML files, or one file. */
  @Parameter(property = "modelc.model", defaultValue = "${project.basedir}/src/main/modelc")
  private File model;

  /** Where to write the diagnostics as SARIF 2.1.0 for code scanning; none when unset. */
  @Parameter(property = "modelc.sarifFile")
  private File sarifFile;

  /**
   * With {@code sarifFile}: where modelc's documentation is published (the folder that holds
   * diagnostics.md); each SARIF rule then links to its section. Without it, no links.
   */
  @Parameter(property = "modelc.docsUrl")
  private String docsUrl;

  /** Skips this goal. */
  @Parameter(property = "modelc.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private org.apache.maven.project.MavenProject project;

  @Override
  public void execute() throws MojoFailureException, MojoExecutionException {
    if (skip) {
      getLog().info("modelc: check skipped");
      return;
    }
    if (docsUrl != null && !docsUrl.isBlank()) {
      String problem = DiagnosticDocs.problem(docsUrl).orElse(null);
      if (problem != null) {
        throw new MojoFailureException("modelc: <docsUrl> (property modelc.docsUrl): " + problem);
      }
    }
    ModelcSettings settings = ModelcSettings.of(model, project);
    Compilation c = Compiler.compile(List.of(settings.model()));
    ModelcLog.diagnostics(getLog(), c.diagnostics(), c.sources());
    List<Diagnostic> diagnostics = c.diagnostics();
    if (sarifFile != null) {
      String sarif = SarifRenderer.render(diagnostics, Version.current(), RepositoryPaths.of(settings.baseDir()),
          docsUrl == null || docsUrl.isBlank() ? null : docsUrl);
      try {
        OutputFiles.writeAll(Map.of(sarifFile.toPath(), sarif));
      } catch (IOException e) {
        throw new MojoExecutionException("modelc: cannot write the SARIF to " + sarifFile + ": " + e.getMessage(), e);
      }
    }
    String summary = DiagnosticSummary.of(diagnostics).line();
    if (c.hasErrors()) {
      throw new MojoFailureException("modelc: the model has errors (" + summary + ")");
    }
    getLog().info("modelc: " + summary);
  }
}
