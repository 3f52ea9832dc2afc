package dev.modelc.parse;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the model files of the paths a user names: files as given, folders searched for YAML. */
public final class ModelSources {
  private ModelSources() {}

  /** Below this many files a parallel read costs more than it saves. */
  private static final int PARALLEL_FILES = 16;

  /**
   * Reads every model file under {@code paths}: a file is read as given; a folder contributes
   * its {@code *.yaml} and {@code *.yml} files, recursively, in path order. Problems (missing
   * path, unreadable or oversized file, folder without YAML) are reported, not thrown.
   */
  public static List<SourceFile> read(List<Path> paths, Diagnostics diagnostics) {
    List<Path> wanted = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> found = listFolder(path, diagnostics);
        if (found == null) {
          continue; // unreadable: reported
        }
        if (found.isEmpty()) {
          diagnostics.report(ParseCode.MC109, SourceRef.ofFile(display(path)),
              "no *.yaml or *.yml files in this folder; point modelc at a model file or folder");
        }
        wanted.addAll(found);
      } else {
        wanted.add(path);
      }
    }
    // files are independent: a folder of thousands is read on every core, and the outcomes kept
    // in path order, so the result does not depend on scheduling
    List<Read> reads = (wanted.size() > PARALLEL_FILES ? wanted.parallelStream() : wanted.stream())
        .map(ModelSources::readFile).toList();
    List<SourceFile> files = new ArrayList<>(reads.size());
    for (Read r : reads) {
      if (r.file() != null) {
        files.add(r.file());
      } else {
        diagnostics.add(r.problem());
      }
    }
    return files;
  }

  /**
   * The YAML files under {@code folder} in path order, or null when the folder cannot be read
   * (reported). The walk hands over each entry's attributes, so a file costs no second lookup;
   * a symbolic link counts when it leads to a regular file, as it would be read.
   */
  private static List<Path> listFolder(Path folder, Diagnostics diagnostics) {
    record Listed(String shown, Path path) {}
    try (Stream<Path> walk = Files.find(folder, Integer.MAX_VALUE, ModelSources::isModelFile)) {
      // each path's display form made once, not twice per comparison
      return walk.map(p -> new Listed(display(p), p)).sorted(Comparator.comparing(Listed::shown)).map(Listed::path).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      diagnostics.report(ParseCode.MC102, SourceRef.ofFile(display(folder)), "cannot read folder: " + e.getMessage());
      return null;
    }
  }

  private static boolean isModelFile(Path p, BasicFileAttributes attributes) {
    return isYaml(p) && (attributes.isRegularFile() || attributes.isSymbolicLink() && Files.isRegularFile(p));
  }

  /** A model file by its name: {@code *.yaml} or {@code *.yml}, the files a model folder is read from. */
  public static boolean isYaml(Path p) {
    Path name = p.getFileName();
    if (name == null) {
      return false;
    }
    String s = name.toString();
    return s.endsWith(".yaml") || s.endsWith(".yml");
  }

  /** A file's bytes, or the diagnostic that says why there are none. */
  private record Read(SourceFile file, Diagnostic problem) {}

  private static Read readFile(Path path) {
    String shown = display(path);
    try {
      long size = Files.size(path);
      if (size > YamlReader.MAX_FILE_BYTES) {
        // Checked before reading so a huge file costs no memory.
        return problem(ParseCode.MC103, shown, "file is " + size
            + " bytes; model files may be at most " + YamlReader.MAX_FILE_BYTES
            + " bytes: split the model into a folder of smaller files");
      }
      return new Read(new SourceFile(shown, Files.readAllBytes(path)), null);
    } catch (NoSuchFileException e) {
      return problem(ParseCode.MC102, shown, "no such file or folder");
    } catch (IOException e) {
      return problem(ParseCode.MC102, shown, "cannot read file: " + e.getMessage());
    }
  }

  private static Read problem(ParseCode code, String shown, String message) {
    return new Read(null, Diagnostic.of(code, SourceRef.ofFile(shown), message));
  }

  /** The path as the user wrote it, normalised, with forward slashes on every platform. */
  static String display(Path path) {
    return path.normalize().toString().replace('\\', '/');
  }
}
