package dev.modelc.apply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelc.diag.Diagnostic;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads the reviewed {@code plan.json} (docs/plan-json.md) into a {@link ReviewedPlan}: the one
 * way a plan reaches {@code modelc apply}, which never plans again. Anything apply could not run
 * safely is a diagnostic at the place in the file, and nothing is applied.
 */
public final class PlanReader {
  /** The plan.json format this modelc applies. */
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanReader() {}

  /** What reading gave: the plan, or the problems that stop apply. */
  public record Result(ReviewedPlan plan, List<Diagnostic> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Reads {@code path}: a plan.json file, or a folder holding one (what {@code modelc plan --out} writes). */
  public static Result read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve("plan.json") : path;
    String shown = file.toString().replace('\\', '/');
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      String why = Files.exists(file) ? "cannot be read: " + e.getMessage()
          : Files.isDirectory(path) ? "not found: the folder has no plan.json (write one with modelc plan --out)"
          : "not found: give the folder modelc plan --out wrote, or its plan.json";
      return failed(Diagnostic.of(ApplyCode.MC901, SourceRef.ofFile(shown), why));
    }
    JsonNode root;
    List<SourceRef> stepPositions;
    try {
      root = JSON.readTree(bytes);
      stepPositions = stepPositions(bytes, shown);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return failed(Diagnostic.of(ApplyCode.MC902, at == null ? SourceRef.ofFile(shown)
          : new SourceRef(shown, at.getLineNr(), at.getColumnNr()), "is not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return failed(Diagnostic.of(ApplyCode.MC901, SourceRef.ofFile(shown), "cannot be read: " + e.getMessage()));
    }
    return new Reader(shown, root, stepPositions).plan(file, sha256(bytes));
  }

  private static Result failed(Diagnostic d) {
    return new Result(null, List.of(d));
  }

  /** Where each element of the top-level "steps" array starts. */
  private static List<SourceRef> stepPositions(byte[] bytes, String file) throws IOException {
    List<SourceRef> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(bytes)) {
      int depth = 0;
      boolean inSteps = false;
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> field = depth == 1 ? p.currentName() : field;
          case START_OBJECT, START_ARRAY -> {
            if (t == JsonToken.START_ARRAY && depth == 1 && "steps".equals(field)) {
              inSteps = true;
            } else if (t == JsonToken.START_OBJECT && inSteps && depth == 2) {
              JsonLocation at = p.currentTokenLocation();
              out.add(new SourceRef(file, at.getLineNr(), at.getColumnNr()));
            }
            depth++;
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (depth == 1) {
              inSteps = false;
            }
          }
          default -> { }
        }
      }
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One reading of one file, collecting every problem before giving up. */
  private static final class Reader {
    private final String file;
    private final JsonNode root;
    private final List<SourceRef> positions;
    private final List<Diagnostic> problems = new ArrayList<>();

    Reader(String file, JsonNode root, List<SourceRef> positions) {
      this.file = file;
      this.root = root;
      this.positions = positions;
    }

    Result plan(Path path, String hash) {
      SourceRef top = new SourceRef(file, 1, 1);
      if (!root.isObject() || !root.has("formatVersion") || !root.has("steps")) {
        problem(top, "is not a modelc plan (no formatVersion and steps): give apply the plan.json that modelc plan wrote");
        return new Result(null, problems);
      }
      if (root.get("formatVersion").asInt(-1) != FORMAT_VERSION) {
        problem(top, "has formatVersion " + root.get("formatVersion") + ", but this modelc applies format " + FORMAT_VERSION
            + ": apply it with the modelc version that wrote it, or render the plan again");
        return new Result(null, problems);
      }
      if (root.path("summary").path("errors").asBoolean(false)) {
        problem(top, "records planning errors (summary.errors is true): a plan with errors is never applied");
      }
      String model = text(root, "model", top);
      ReviewedPlan.Policy policy = policy(root.get("policy"), top);
      List<PlanStep> steps = new ArrayList<>();
      JsonNode array = root.get("steps");
      if (!array.isArray()) {
        problem(top, "'steps' is not a list");
        return new Result(null, problems);
      }
      Set<String> ids = new HashSet<>();
      int deploys = 0;
      for (int i = 0; i < array.size(); i++) {
        SourceRef at = i < positions.size() ? positions.get(i) : top;
        PlanStep step = step(i, array.get(i), at);
        if (step != null) {
          if (!ids.add(step.id())) {
            problem(at, "step id '" + step.id() + "' occurs twice");
          }
          deploys += step.isDeploy() ? 1 : 0;
          steps.add(step);
        }
      }
      if (deploys > 1) {
        problem(top, "has " + deploys + " deploy steps; a plan has at most one");
      }
      if (!problems.isEmpty()) {
        return new Result(null, problems);
      }
      return new Result(new ReviewedPlan(path, hash, model, policy, steps), List.of());
    }

    private ReviewedPlan.Policy policy(JsonNode node, SourceRef at) {
      if (node == null || node.isNull()) {
        return ReviewedPlan.Policy.DEFAULTS;
      }
      int retries = node.path("lockRetries").asInt(ReviewedPlan.Policy.DEFAULTS.lockRetries());
      if (retries < 0 || retries > 100) {
        problem(at, "policy.lockRetries must be between 0 and 100, not " + retries);
      }
      return new ReviewedPlan.Policy(node.path("lockTimeout").asText(ReviewedPlan.Policy.DEFAULTS.lockTimeout()), retries,
          node.path("statementTimeout").asText(ReviewedPlan.Policy.DEFAULTS.statementTimeout()));
    }

    private PlanStep step(int position, JsonNode n, SourceRef at) {
      int before = problems.size();
      String id = text(n, "id", at);
      String kind = text(n, "kind", at);
      String phase = text(n, "phase", at);
      if (phase != null && !List.of("expand", "deploy", "contract").contains(phase)) {
        problem(at, "step " + id + ": phase '" + phase + "' is none of expand, deploy, contract");
      }
      if (!n.path("transactional").isBoolean()) {
        problem(at, "step " + id + ": 'transactional' must be true or false");
      }
      List<String> sql = strings(n, "sql", at, id);
      List<PlanStep.PlanGate> gates = new ArrayList<>();
      for (JsonNode g : n.path("gates")) {
        String description = text(g, "description", at);
        String gateSql = text(g, "sql", at);
        boolean baseline = g.path("comparesWithDeployBaseline").asBoolean(false);
        String gateKind = g.path("kind").asText(baseline ? null : "condition");
        String object = g.path("object").isTextual() ? g.get("object").asText() : null;
        if (gateKind == null) {
          problem(at, "step " + id + ": gate '" + description + "' compares with the deploy baseline but does not say what it counts"
              + " (no kind and object): render the plan again with this modelc so apply can check every node");
        } else if (!List.of("condition", "index-valid", "index-unused", "table-unused").contains(gateKind)) {
          problem(at, "step " + id + ": gate kind '" + gateKind + "' is unknown to this modelc");
        } else if (!gateKind.equals("condition") && object == null) {
          problem(at, "step " + id + ": " + gateKind + " gate names no object");
        }
        gates.add(new PlanStep.PlanGate(description, gateSql, gateKind == null ? "condition" : gateKind, object));
      }
      JsonNode approval = n.path("approval");
      List<String> reasons = new ArrayList<>();
      approval.path("reasons").forEach(r -> reasons.add(r.asText()));
      PlanStep.PlanBackfill backfill = null;
      JsonNode fill = n.get("backfill");
      if (fill != null && fill.isObject()) {
        backfill = new PlanStep.PlanBackfill(text(fill, "table", at), text(fill, "column", at), text(fill, "set", at),
            text(fill, "pending", at), fill.path("batchRows").asInt(10_000));
      }
      String appliedWhen = n.path("appliedWhen").isTextual() ? n.get("appliedWhen").asText() : null;
      if (problems.size() > before) {
        return null;
      }
      boolean transactional = n.get("transactional").asBoolean();
      return new PlanStep(position, id, kind, phase, n.path("target").asText(""), n.path("summary").asText(""), transactional, sql, gates,
          approval.path("required").asBoolean(false), reasons, backfill, appliedWhen, at.line(),
          fingerprint(id, kind, transactional, sql, backfill));
    }

    private String text(JsonNode n, String field, SourceRef at) {
      JsonNode v = n.get(field);
      if (v == null || !v.isTextual()) {
        problem(at, "'" + field + "' is missing or not text" + (n.has("id") ? " in step " + n.get("id").asText() : ""));
        return null;
      }
      return v.asText();
    }

    private List<String> strings(JsonNode n, String field, SourceRef at, String id) {
      List<String> out = new ArrayList<>();
      JsonNode v = n.get(field);
      if (v == null || !v.isArray()) {
        problem(at, "step " + id + ": '" + field + "' is missing or not a list");
        return out;
      }
      v.forEach(s -> out.add(s.asText()));
      return out;
    }

    private void problem(SourceRef at, String message) {
      problems.add(Diagnostic.of(ApplyCode.MC902, at, message));
    }
  }

  /** What a step runs, so that a step done under one plan is recognised in another. */
  private static String fingerprint(String id, String kind, boolean transactional, List<String> sql, PlanStep.PlanBackfill backfill) {
    StringBuilder b = new StringBuilder(id).append('\0').append(kind).append('\0').append(transactional);
    sql.forEach(s -> b.append('\0').append(s));
    if (backfill != null) {
      b.append('\0').append(backfill);
    }
    return sha256(b.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
