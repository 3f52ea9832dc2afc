package dev.modelc.render;

import dev.modelc.diag.Diagnostic;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes generated files safely and all-or-none: every target is checked first (a folder where
 * a file should go, a file where a folder should be), then every changed file is written to a
 * temporary file next to its target, and only when all of them are written are they moved
 * into place. A file whose bytes are unchanged is left alone (its timestamp too). New files
 * get the permissions of any new file (the process umask applies: 0644 under umask 022).
 */
public final class OutputFiles {
  private static final AtomicLong COUNTER = new AtomicLong();

  /** Output files could not be written; nothing was written. */
  public static final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public OutputException(List<Diagnostic> diagnostics) {
      super(diagnostics.isEmpty() ? "output cannot be written"
          : diagnostics.get(0).position().file() + ": " + diagnostics.get(0).message());
      this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  private OutputFiles() {}

  /** Why each of {@code files} cannot be written (MC701), in order; empty when all can. */
  public static List<Diagnostic> problems(Collection<Path> files) {
    List<Diagnostic> problems = new ArrayList<>();
    for (Path file : files) {
      Path target = file.toAbsolutePath().normalize();
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
        problems.add(problem(file, (Files.isDirectory(target) ? "is a folder" : "is not a regular file")
            + "; modelc writes a file there: move it away or choose another output folder"));
        continue;
      }
      for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir)) {
          if (!Files.isWritable(dir) && !Files.exists(target)) {
            problems.add(problem(dir, "is a folder modelc cannot write to; check its permissions"));
          }
          break;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          problems.add(problem(dir, "is a file, but modelc needs a folder there: choose another output folder"));
          break;
        }
      }
    }
    return problems.stream().distinct().toList();
  }

  static Diagnostic problem(Path path, String message) {
    return Diagnostic.of(OutputCode.MC701, SourceRef.ofFile(path.toString().replace('\\', '/')), message);
  }

  /**
   * Writes every file, or none: throws {@link OutputException} without writing anything when
   * any target cannot be written. Returns how many files changed.
   */
  public static int writeAll(Map<Path, String> files) throws IOException {
    Map<Path, java.util.function.Supplier<String>> rendered = new LinkedHashMap<>();
    files.forEach((file, content) -> rendered.put(file, () -> content));
    return writeAllRendered(rendered);
  }

  /**
   * As {@link #writeAll}, with each file's content made only when its turn comes and let go once
   * it is staged: the files of a large plan are each a hundred megabytes, and holding all of them
   * at once (with their encoded bytes) is what would exhaust the heap.
   */
  public static int writeAllRendered(Map<Path, java.util.function.Supplier<String>> files) throws IOException {
    List<Diagnostic> problems = problems(files.keySet());
    if (!problems.isEmpty()) {
      throw new OutputException(problems);
    }
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, java.util.function.Supplier<String>> e : files.entrySet()) {
        byte[] bytes = e.getValue().get().getBytes(StandardCharsets.UTF_8);
        Path file = e.getKey();
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
          continue;
        }
        staged.put(file, stage(file, bytes));
      }
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        try {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new OutputException(List.of(problem(e instanceof java.nio.file.FileSystemException f && f.getFile() != null
          ? Path.of(f.getFile()) : files.keySet().iterator().next(), "cannot be written: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()))));
    } finally {
      for (Path temp : staged.values()) {
        Files.deleteIfExists(temp);
      }
    }
    return staged.size();
  }

  /** True when the file was (re)written. */
  public static boolean writeIfChanged(Path file, String content) throws IOException {
    return writeAll(Map.of(file, content)) == 1;
  }

  /** Writes {@code bytes} to a new temporary file beside {@code file}, created with default permissions. */
  private static Path stage(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    while (true) {
      Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
          + COUNTER.incrementAndGet() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
        return temp;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // a leftover of an earlier run with the same process id: take the next name
      }
    }
  }
}
