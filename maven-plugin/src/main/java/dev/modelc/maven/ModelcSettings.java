package dev.modelc.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/** The configuration every goal shares, checked once with actionable messages. */
record ModelcSettings(Path model, Path baseDir) {
  static ModelcSettings of(File model, MavenProject project) throws MojoFailureException {
    if (model == null || !model.exists()) {
      throw new MojoFailureException("modelc: no model at " + model + "; put the model YAML in src/main/modelc/ "
          + "or point <model> (property modelc.model) at its file or folder");
    }
    return new ModelcSettings(model.toPath(), project.getBasedir().toPath());
  }

  /** The model's YAML files in path order (what the fingerprint covers). */
  List<Path> modelFiles() {
    if (Files.isRegularFile(model)) {
      return List.of(model);
    }
    try (Stream<Path> walk = Files.walk(model)) {
      return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code com.example:orders-service} -> {@code com.example.orders_service.model}. */
  static String defaultPackage(String groupId, String artifactId) {
    String raw = (groupId + "." + artifactId + ".model").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "_");
    StringBuilder b = new StringBuilder();
    for (String part : raw.split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      b.append(b.length() == 0 ? "" : ".").append(Character.isDigit(part.charAt(0)) ? "_" + part : part);
    }
    return b.toString();
  }
}
