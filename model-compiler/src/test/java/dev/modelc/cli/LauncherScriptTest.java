package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/modelc, the launcher the README offers: it picks the parallel collector and the JIT's first
 * tier unless the user chose otherwise, and records then maps a class-data-sharing archive. A stand-in for {@code java}
 * records the options and runs the real JVM with them, with the test's classes in place of the
 * jar, so a collector option the JVM refuses fails here. The archive options are recorded but not
 * passed on: the JVM archives only classes from jars, and the test's classes are folders.
 */
class LauncherScriptTest {
  static final Path SCRIPT = Path.of("../bin/modelc").toAbsolutePath().normalize();
  static final Path MODEL = Path.of("../example-models/payments").toAbsolutePath().normalize();

  @TempDir Path temp;

  record Run(int exit, String output, String options) {}

  private Run run(Map<String, String> extraEnv) throws IOException, InterruptedException {
    // a checkout's layout: bin/modelc next to model-compiler/target/modelc.jar
    Path bin = Files.createDirectories(temp.resolve("checkout/bin"));
    Files.copy(SCRIPT, bin.resolve("modelc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(bin.resolve("modelc"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.createDirectories(temp.resolve("checkout/model-compiler/target")).resolve("modelc.jar");
    if (!Files.exists(jar)) {
      Files.writeString(jar, "stands for the jar");
    }
    Path fakeBin = Files.createDirectories(temp.resolve("path"));
    Path log = temp.resolve("java-options.log");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Files.writeString(fakeBin.resolve("java"), """
        #!/usr/bin/env bash
        echo "$*" > "$JAVA_LOG"
        args=()
        while [ $# -gt 0 ]; do
          case "$1" in
            -jar) args+=(-cp "$TEST_CLASSPATH" dev.modelc.cli.Main); shift 2 ;;
            -XX:ArchiveClassesAtExit=*|-XX:SharedArchiveFile=*|-Xshare:*|-Xlog:cds*) shift ;;
            *) args+=("$1"); shift ;;
          esac
        done
        exec "$REAL_JAVA" "${args[@]}"
        """);
    Files.setPosixFilePermissions(fakeBin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("sh", bin.resolve("modelc").toString(), "check", MODEL.toString())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("JAVA_TOOL_OPTIONS");
    env.put("PATH", fakeBin + File.pathSeparator + System.getenv("PATH"));
    env.put("JAVA_LOG", log.toString());
    env.put("TEST_CLASSPATH", classpath);
    env.put("REAL_JAVA", System.getProperty("java.home") + "/bin/java");
    env.putAll(extraEnv);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    return new Run(p.exitValue(), output, Files.readString(log).trim());
  }

  @Test
  void theParallelCollectorIsChosenAndTheArchiveRecordedThenMapped() throws Exception {
    Run first = run(Map.of());
    assertEquals(0, first.exit(), first.output());
    assertTrue(first.output().contains("payments: 11 tables"), first.output());
    List<String> options = List.of(first.options().split(" "));
    assertTrue(options.contains("-XX:+UseParallelGC"), first.options());
    assertTrue(options.contains("-XX:TieredStopAtLevel=1"), first.options());
    Path archive = temp.resolve("checkout/model-compiler/target/modelc.jsa");
    assertTrue(first.options().contains("-XX:ArchiveClassesAtExit=" + archive), first.options());

    // an archive newer than the jar is mapped, not recorded again
    Files.writeString(archive, "stands for the archive");
    Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    Run second = run(Map.of());
    assertEquals(0, second.exit(), second.output());
    assertTrue(second.options().contains("-XX:SharedArchiveFile=" + archive), second.options());
    assertFalse(second.options().contains("ArchiveClassesAtExit"), second.options());
    assertTrue(List.of(second.options().split(" ")).contains("-XX:+UseParallelGC"), second.options());
    assertTrue(List.of(second.options().split(" ")).contains("-XX:TieredStopAtLevel=1"), second.options());
  }

  @Test
  void aCollectorChosenByTheUserIsLeftAsItIs() throws Exception {
    for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
      Run run = run(Map.of(variable, "-XX:+UseSerialGC"));
      assertEquals(0, run.exit(), variable + ": " + run.output());
      assertFalse(run.options().contains("GC"), variable + ": " + run.options());
    }
  }

  @Test
  void aTieringChosenByTheUserIsLeftAsItIs() throws Exception {
    for (String tiering : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation")) {
      for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
        Run run = run(Map.of(variable, tiering));
        assertEquals(0, run.exit(), variable + " " + tiering + ": " + run.output());
        assertFalse(run.options().contains("Tiered"), variable + " " + tiering + ": " + run.options());
        assertTrue(List.of(run.options().split(" ")).contains("-XX:+UseParallelGC"), run.options());
      }
    }
  }
}
