package dev.modelc.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code modelc apply} in a JVM of its own, as an operator runs it, so a test can kill it with
 * {@code kill -9} (SIGKILL: no shutdown hook, no finally block, connections cut). The JVM runs the
 * compiled classes on the test's class path; {@code haltAt} sets {@code MODELC_APPLY_HALT_AT}.
 */
final class ApplyProcess {
  private final Process process;
  private final Path out;
  private final Path err;

  private ApplyProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static ApplyProcess start(List<String> args, String haltAt) {
    try {
      Path out = Files.createTempFile("apply-", ".out");
      Path err = Files.createTempFile("apply-", ".err");
      out.toFile().deleteOnExit();
      err.toFile().deleteOnExit();
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", "-cp", classPath(), "dev.modelc.cli.Main", "apply"));
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().remove("MODELC_APPLY_HALT_AT");
      if (haltAt != null) {
        pb.environment().put("MODELC_APPLY_HALT_AT", haltAt);
      }
      return new ApplyProcess(pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test's class path: surefire names it in a property when it starts the tests through a manifest-only jar. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until the process prints that it halted at {@code point}. */
  void awaitHalt(String point, int seconds) throws InterruptedException {
    awaitText("modelc apply: halted at " + point, seconds);
  }

  /** Waits until stdout or stderr holds {@code text}; fails if the process ends first or time runs out. */
  void awaitText(String text, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("apply ended (exit " + process.exitValue() + ") before printing '" + text + "':\n" + output());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("apply did not print '" + text + "' within " + seconds + " s:\n" + output());
  }

  /** {@code kill -9}: the JVM dies at once, its connections with it. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the apply process did not die");
    }
  }

  /** Waits for the process to end and returns its exit code. */
  int await(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("apply did not finish within " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(out) + Files.readString(err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
