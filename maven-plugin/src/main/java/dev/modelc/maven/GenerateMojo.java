package dev.modelc.maven;

import dev.modelc.codegen.SourceWriter;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Generation;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the model's typed Java accessors and adds them as a compile source root, so
 * {@code mvn compile} just works. When the model files, the configuration and the plugin version
 * are unchanged since the last run (a fingerprint under {@code target/modelc}), it does no work.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
  /** The model: a folder of YAML files, or one file. */
  @Parameter(property = "modelc.model", defaultValue = "${project.basedir}/src/main/modelc")
  private File model;

  /** Where the generated sources go; added as a compile source root. */
  @Parameter(property = "modelc.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/modelc")
  private File outputDirectory;

  /** The Java package of the generated types (default: the groupId and artifactId, made a package name). */
  @Parameter(property = "modelc.package")
  private String packageName;

  /** Skips this goal (also skips every modelc goal when set as the property). */
  @Parameter(property = "modelc.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  private String pluginVersion;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("modelc: generate skipped");
      return;
    }
    ModelcSettings settings = ModelcSettings.of(model, project);
    String pkg = packageName != null ? packageName : ModelcSettings.defaultPackage(project.getGroupId(), project.getArtifactId());
    java.util.Optional<String> problem = dev.modelc.model.JavaNames.packageProblem(pkg);
    if (problem.isPresent()) {
      throw new MojoFailureException("modelc: <packageName> '" + pkg + "' (property modelc.package) " + problem.get());
    }
    long started = System.nanoTime();
    Path out = outputDirectory.toPath();
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    try {
      Path stamp = Path.of(project.getBuild().getDirectory(), "modelc", "generate.fingerprint");
      String fingerprint = Fingerprint.of(settings.modelFiles(), "package=" + pkg, "out=" + out.toAbsolutePath(), "plugin=" + pluginVersion);
      if (Files.isDirectory(out) && Files.exists(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)) {
        getLog().info("modelc: generate is up to date (model, configuration and plugin unchanged; checked in "
            + (System.nanoTime() - started) / 1_000_000 + " ms)");
        return;
      }
      Compilation c = Compiler.compile(List.of(settings.model()));
      ModelcLog.diagnostics(getLog(), c.diagnostics(), c.sources());
      if (c.hasErrors()) {
        throw new MojoFailureException("modelc: the model has errors; nothing was generated");
      }
      SourceWriter.Result r = Generation.write(c, out, pkg);
      Files.createDirectories(stamp.getParent());
      Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
      getLog().info("modelc: generated " + pkg + " into " + out + " (" + r.written() + " written, " + r.unchanged()
          + " unchanged, " + r.removed() + " removed)");
    } catch (IOException e) {
      throw new MojoExecutionException("modelc: cannot write generated sources to " + out + ": " + e.getMessage(), e);
    }
  }
}
