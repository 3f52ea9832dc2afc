package dev.modelc.testing;

import dev.modelc.codegen.GeneratedFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles generated sources in memory with {@code -Xlint:all -Werror}, as the docs promise. */
public final class Javac {
  private Javac() {}

  /** javac's errors and warnings for {@code files}, or the empty string when they compile cleanly. */
  public static String problems(List<GeneratedFile> files, Path classes) {
    return problems(files, classes, false);
  }

  /**
   * As {@link #problems(List, Path)}; with {@code checkOnly} javac stops after flow analysis
   * (every error and lint warning is found by then) and writes no class files, which is much
   * faster for large batches.
   */
  public static String problems(List<GeneratedFile> files, Path classes, boolean checkOnly) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (GeneratedFile f : files) {
      sources.add(new SimpleJavaFileObject(java.net.URI.create("string:///" + f.path()), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return f.content();
        }
      });
    }
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
      StringWriter out = new StringWriter();
      List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--release", "17", "-proc:none"));
      if (checkOnly) {
        options.add("-XDshould-stop.ifNoError=FLOW");
      }
      boolean ok = javac.getTask(out, fm, diagnostics, options, null, sources).call();
      if (ok) {
        return "";
      }
      StringBuilder b = new StringBuilder(out.toString());
      diagnostics.getDiagnostics().forEach(d -> b.append(d).append('\n'));
      return b.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
