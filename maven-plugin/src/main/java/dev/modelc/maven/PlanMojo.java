package dev.modelc.maven;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostics;
import dev.modelc.parse.GitSources;
import dev.modelc.parse.SourceFile;
import dev.modelc.parse.SourceTexts;
import dev.modelc.plan.Plan;
import dev.modelc.render.OutputFiles;
import dev.modelc.render.PlanJsonRenderer;
import dev.modelc.render.PlanMarkdownRenderer;
import dev.modelc.render.PlanSqlRenderer;
import dev.modelc.render.PlanSummaryRenderer;
import dev.modelc.render.RepositoryPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Plans the migration from a baseline (a git revision such as {@code origin/main}, read through
 * JGit, or a path) to the current model, and writes plan.md, plan.json, plan.sql and
 * summary.md (at most 60,000 characters, for a pull-request comment). Fails the build on
 * errors; with {@code failOnApprovalRequired}, also when a step needs approval.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class PlanMojo extends AbstractMojo {
  /** The model: a folder of YAML files, or one file. */
  @Parameter(property = "modelc.model", defaultValue = "${project.basedir}/src/main/modelc")
  private File model;

  /** The baseline: {@code git:REF[:path]} (path defaults to the model's) or a file or folder. */
  @Parameter(property = "modelc.baseline", defaultValue = "git:origin/main")
  private String baseline;

  /** Where plan.md, plan.json and plan.sql are written. */
  @Parameter(property = "modelc.reportDirectory", defaultValue = "${project.build.directory}/modelc")
  private File reportDirectory;

  /** Where summary.md says the full plan is: a URL (the CI artifact's) or a file name. */
  @Parameter(property = "modelc.planLink", defaultValue = "plan.md")
  private String planLink;

  /** Fail the build when any step needs approval under the model's policy (for CI gates). */
  @Parameter(property = "modelc.failOnApprovalRequired", defaultValue = "false")
  private boolean failOnApprovalRequired;

  /** Skips this goal. */
  @Parameter(property = "modelc.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("modelc: plan skipped");
      return;
    }
    ModelcSettings settings = ModelcSettings.of(model, project);
    Compilation target = Compiler.compile(List.of(settings.model()));
    Compilation base;
    if (GitSources.isGitSpec(baseline)) {
      Diagnostics problems = new Diagnostics();
      Path relative = settings.baseDir().relativize(settings.model().toAbsolutePath());
      List<SourceFile> files = GitSources.read(baseline, relative, settings.baseDir(), problems);
      if (problems.hasErrors()) {
        ModelcLog.diagnostics(getLog(), problems.sorted(), new SourceTexts());
        throw new MojoFailureException("modelc: cannot read the baseline '" + baseline + "'; set <baseline> (property "
            + "modelc.baseline) to an existing git revision (git:origin/main, git:HEAD~1) or to a model path");
      }
      base = Compiler.compileFiles(files);
    } else {
      Path path = settings.baseDir().resolve(baseline);
      if (!path.toFile().exists()) {
        throw new MojoFailureException("modelc: the baseline " + path + " does not exist; set <baseline> (property "
            + "modelc.baseline) to git:REF[:path] or to a model file or folder");
      }
      base = Compiler.compile(List.of(path));
    }
    Planning.Result result = Planning.plan(base, target);
    ModelcLog.diagnostics(getLog(), result.diagnostics(), SourceTexts.merge(base.sources(), target.sources()));
    if (result.hasErrors() || result.plan().isEmpty()) {
      throw new MojoFailureException("modelc: no plan: the models or the change between them have errors");
    }
    Plan plan = result.plan().get();
    if (plan.isEmpty() && plan.queries().stream().allMatch(q -> q.status().equals("unchanged"))) {
      getLog().info("modelc: no changes since " + baseline);
      return;
    }
    RepositoryPaths paths = RepositoryPaths.of(settings.baseDir());
    String to = paths.relative(settings.model().toAbsolutePath().toString());
    String from = GitSources.isGitSpec(baseline) ? baseline : paths.relative(settings.baseDir().resolve(baseline).toString());
    // each file rendered when it is staged: a large plan's files are each about a hundred megabytes
    Map<Path, Supplier<String>> files = new LinkedHashMap<>();
    Path dir = reportDirectory.toPath();
    files.put(dir.resolve("plan.md"), () -> PlanMarkdownRenderer.render(plan, from, to));
    files.put(dir.resolve("plan.json"), () -> PlanJsonRenderer.render(plan, from, to));
    files.put(dir.resolve("plan.sql"), () -> PlanSqlRenderer.render(plan, from, to));
    files.put(dir.resolve("summary.md"), () -> PlanSummaryRenderer.render(plan, from, to, planLink));
    try {
      OutputFiles.writeAllRendered(files);
    } catch (IOException e) {
      throw new MojoExecutionException("modelc: cannot write the plan to " + dir + ": " + e.getMessage(), e);
    }
    getLog().info("modelc: plan of " + plan.steps().size() + " steps (" + plan.approvalsRequired() + " need approval) written to " + dir);
    if (failOnApprovalRequired && plan.approvalsRequired() > 0) {
      throw new MojoFailureException("modelc: " + plan.approvalsRequired() + " plan step(s) need approval under the model's policy; "
          + "see " + dir.resolve("plan.md"));
    }
  }
}
