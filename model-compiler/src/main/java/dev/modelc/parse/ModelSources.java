package dev.modelc.parse;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the model files of the paths a user names: files as given, folders searched for YAML. */
public final class ModelSources {
  private ModelSources() {}

  /**
   * Reads every model file under {@code paths}: a file is read as given; a folder contributes
   * its {@code *.yaml} and {@code *.yml} files, recursively, in path order. Problems (missing
   * path, unreadable or oversized file, folder without YAML) are reported, not thrown.
   */
  public static List<SourceFile> read(List<Path> paths, Diagnostics diagnostics) {
    List<SourceFile> files = new ArrayList<>();
    for (Path path : paths) {
      String shown = display(path);
      if (Files.isDirectory(path)) {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path)) {
          found = walk.filter(Files::isRegularFile).filter(ModelSources::isYaml)
              .sorted((a, b) -> display(a).compareTo(display(b))).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
          diagnostics.report(ParseCode.MC102, SourceRef.ofFile(shown), "cannot read folder: " + e.getMessage());
          continue;
        }
        if (found.isEmpty()) {
          diagnostics.report(ParseCode.MC109, SourceRef.ofFile(shown),
              "no *.yaml or *.yml files in this folder; point modelc at a model file or folder");
        }
        found.forEach(f -> readFile(f, files, diagnostics));
      } else {
        readFile(path, files, diagnostics);
      }
    }
    return files;
  }

  /** A model file by its name: {@code *.yaml} or {@code *.yml}, the files a model folder is read from. */
  public static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static void readFile(Path path, List<SourceFile> files, Diagnostics diagnostics) {
    String shown = display(path);
    try {
      long size = Files.size(path);
      if (size > YamlReader.MAX_FILE_BYTES) {
        // Checked before reading so a huge file costs no memory.
        diagnostics.report(ParseCode.MC103, SourceRef.ofFile(shown), "file is " + size
            + " bytes; model files may be at most " + YamlReader.MAX_FILE_BYTES
            + " bytes: split the model into a folder of smaller files");
        return;
      }
      files.add(new SourceFile(shown, Files.readAllBytes(path)));
    } catch (NoSuchFileException e) {
      diagnostics.report(ParseCode.MC102, SourceRef.ofFile(shown), "no such file or folder");
    } catch (IOException e) {
      diagnostics.report(ParseCode.MC102, SourceRef.ofFile(shown), "cannot read file: " + e.getMessage());
    }
  }

  /** The path as the user wrote it, normalised, with forward slashes on every platform. */
  static String display(Path path) {
    return path.normalize().toString().replace('\\', '/');
  }
}
