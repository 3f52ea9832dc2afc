package dev.modelc.plan;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.parse.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The plan scenarios under src/test/resources/plans/NAME/{v1,v2}/: planned with stable labels. */
public final class Scenarios {
  public static final Path ROOT = Path.of("src/test/resources/plans");

  private Scenarios() {}

  public static List<Path> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles a version with display names relative to the scenario (v1/model.yaml). */
  public static Compilation compile(Path scenario, String version) {
    try (Stream<Path> files = Files.walk(scenario.resolve(version))) {
      List<SourceFile> sources = files.filter(Files::isRegularFile).sorted().map(f -> {
        try {
          return new SourceFile(scenario.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
      return Compiler.compileFiles(sources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Planning.Result plan(Path scenario) {
    return Planning.plan(compile(scenario, "v1"), compile(scenario, "v2"));
  }
}
