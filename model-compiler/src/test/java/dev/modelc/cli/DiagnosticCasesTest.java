package dev.modelc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.modelc.diag.DiagnosticCode;
import dev.modelc.diag.DiagnosticCodes;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Goldens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases: {@code cases/<name>/} holds a model ({@code model.yaml} or a {@code model/}
 * folder, or the arguments in {@code args}) and {@code expected.txt}, the exit code and the
 * exact text {@code modelc check} prints, with paths relative to the case folder.
 */
class DiagnosticCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases");

  /** Codes whose input cannot live in the repository, and the test that covers them instead. */
  static final Map<String, String> COVERED_ELSEWHERE = Map.ofEntries(
      Map.entry("MC103", "BadInputTest.aFileOverTheSizeLimitIsRejectedWithoutReadingIt"),
      // the planner never orders a drop before its replacement; the simulator's own test shows it catches that order
      Map.entry("MC607", "InvariantSimulatorTest.dropBeforeBuildIsReportedWithTheQueryAndTheStep"),
      // planner faults: the catalog simulator and the step order are shown catching them on hand-made steps
      Map.entry("MC611", "CatalogSimulatorTest.droppingATableThatAKeyStillReferencesIsReportedWithTheStep"),
      Map.entry("MC612", "CatalogSimulatorTest.stepsThatWaitForEachOtherAreACycleNotAPlan"),
      // evidence from a live database: each needs a real PostgreSQL (and a usage history), not a golden case
      Map.entry("MC620", "PlanUsageTest.droppingAnIndexUsedInTheWindowNeedsAReason"),
      Map.entry("MC621", "PlanUsageTest.unknownUseIsAWarningNextToTheDrop"),
      Map.entry("MC950", "VerifyCommandTest.aMissingIndexOfACriticalQueryFailsTheRun"),
      Map.entry("MC951", "VerifierTest.isNullDoesNotFixTheOrder"),
      Map.entry("MC952", "VerifierTest.anIndexConditionMissingAClaimedColumnDisagrees"),
      Map.entry("MC953", "VerifierTest.incrementalSortIsItsOwnVerdict"),
      Map.entry("MC954", "VerifyCommandTest.aQueryTheDatabaseCannotPlanDisagrees"),
      Map.entry("MC955", "VerifyCommandTest.aQueryTheDatabaseCannotPlanDisagrees"),
      Map.entry("MC960", "DriftTest.everyKindOfChangeIsReportedAtItsModelElement"),
      Map.entry("MC961", "DriftTest.everyKindOfChangeIsReportedAtItsModelElement"),
      Map.entry("MC962", "DriftTest.everyKindOfChangeIsReportedAtItsModelElement"),
      Map.entry("MC963", "DriftTest.everyKindOfChangeIsReportedAtItsModelElement"),
      Map.entry("MC964", "DriftTest.everyKindOfChangeIsReportedAtItsModelElement"),
      Map.entry("MC965", "DriftUnmanagedTest.unmanagedObjectsThatChangedAreDriftAtTheirEntry"),
      Map.entry("MC966", "DriftUnmanagedTest.unmanagedObjectsThatChangedAreDriftAtTheirEntry"),
      Map.entry("MC967", "DriftUnmanagedTest.unmanagedObjectsThatChangedAreDriftAtTheirEntry"),
      Map.entry("MC970", "UsageClusterTest.replicaOnlyUseShowsAsUsed"),
      Map.entry("MC971", "UsageClusterTest.replicaOnlyUseShowsAsUsed"),
      Map.entry("MC972", "UsageClusterTest.replicaOnlyUseShowsAsUsed"),
      Map.entry("MC973", "UsageClusterTest.aResetInsideTheWindowGivesUnknownNeverUnused"),
      Map.entry("MC974", "UsageHistoryTest.aLineThatIsNoSnapshotIsReportedAtItsLine"),
      // import: these need a live database (an embedded PostgreSQL), which a golden case does not start
      Map.entry("MC803", "ImportCommandTest.aCatalogTheUserMayNotReadIsMC803"),
      Map.entry("MC804", "ImportCommandTest.aMissingSchemaIsMC804WithTheSchemasThatExist"),
      Map.entry("MC805", "ImporterTest.constraintsAndIndexesTheLanguageCannotSayAreUnmanaged"),
      Map.entry("MC806", "ImporterTest.tablesTheLanguageCannotSayAreUnmanagedWithTheReason"),
      Map.entry("MC807", "ImporterTest.whatTheDatabaseKeepsAloneIsAWarning"),
      Map.entry("MC808", "ImporterTest.whatTheDatabaseKeepsAloneIsAWarning"),
      Map.entry("MC810", "ImportCommandTest.aModelThatWouldNotCheckIsNeverWritten"));

  static List<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  static String run(Path dir) throws IOException {
    List<String> args = new ArrayList<>();
    Path argsFile = dir.resolve("args");
    if (Files.exists(argsFile)) {
      for (String a : Files.readString(argsFile).trim().split("\\s+")) {
        args.add(a.endsWith(".yaml") || a.equals("model") || Files.exists(dir.resolve(a)) ? dir.resolve(a).toString() : a);
      }
    } else {
      args.add("check");
      args.add(dir.resolve(Files.exists(dir.resolve("model.yaml")) ? "model.yaml" : "model").toString());
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    String prefix = dir.toString().replace('\\', '/') + "/";
    return ("exit: " + r.exitCode() + "\n" + r.out() + r.err()).replace(prefix, "");
  }

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesItsExpectedOutput() throws IOException {
    return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> Goldens.assertMatches(dir.resolve("expected.txt"), run(dir))));
  }

  @Test
  void runningACaseTwiceGivesTheSameBytes() throws IOException {
    Path dir = CASES.resolve("references");
    assertEquals(run(dir), run(dir));
  }

  @Test
  void everyDiagnosticCodeHasAGoldenCase() throws IOException {
    Set<String> seen = new TreeSet<>();
    Pattern code = Pattern.compile("\\[(MC\\d{3})\\]");
    List<Path> expectedFiles = new ArrayList<>();
    for (Path dir : cases()) {
      expectedFiles.add(dir.resolve("expected.txt"));
    }
    try (Stream<Path> plans = Files.list(Path.of("src/test/resources/plans"))) {
      plans.sorted().forEach(p -> expectedFiles.add(p.resolve("diagnostics.txt")));
    }
    for (Path expected : expectedFiles) {
      if (Files.exists(expected)) {
        Matcher m = code.matcher(Files.readString(expected, StandardCharsets.UTF_8));
        while (m.find()) {
          seen.add(m.group(1));
        }
      }
    }
    List<String> missing = DiagnosticCodes.all().stream().map(DiagnosticCode::code)
        .filter(c -> !seen.contains(c) && !COVERED_ELSEWHERE.containsKey(c)).toList();
    assertEquals(List.of(), missing, "codes without a golden case under " + CASES + " or plans/");
    assertFalse(seen.isEmpty());
  }

  @Test
  void everyDiagnosticCodeIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("../docs/diagnostics.md"), StandardCharsets.UTF_8);
    List<String> undocumented = DiagnosticCodes.all().stream().map(DiagnosticCode::code)
        .filter(c -> !docs.contains("### " + c + ": ")).toList();
    assertEquals(List.of(), undocumented, "codes missing from docs/diagnostics.md");
  }

  @Test
  void theDocsDescribeNoCodeThatIsNotInUseAndTitleEachWithItsSummary() throws IOException {
    String docs = Files.readString(Path.of("../docs/diagnostics.md"), StandardCharsets.UTF_8);
    Map<String, String> documented = new java.util.TreeMap<>();
    Matcher heading = Pattern.compile("(?m)^### (MC\\d{3}): (.+)$").matcher(docs);
    while (heading.find()) {
      documented.put(heading.group(1), heading.group(2).strip());
    }
    Map<String, String> inUse = new java.util.TreeMap<>();
    DiagnosticCodes.all().forEach(c -> inUse.put(c.code(), c.summary()));
    assertEquals(inUse, documented, "docs/diagnostics.md headings: '### CODE: summary' for exactly the codes in use");
  }
}
