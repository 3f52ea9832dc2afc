package dev.modelc.apply;

import dev.modelc.diag.Diagnostic;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import dev.modelc.parse.SourceFile;
import dev.modelc.parse.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The approvals file of {@code modelc apply --approvals FILE} (docs/apply.md):
 *
 * <pre>
 * plan: 3f2a...            # optional: the plan's SHA-256 (or a prefix of 12+ digits) it approves
 * approvals:
 *   - by: alice@example.com
 *     steps: [build-index:charges_merchant_created__new, drop-index:charges_merchant_created]
 *     note: reviewed in the pull request
 * </pre>
 *
 * Every step named must be a step of the plan, so a typo never silently leaves a step
 * unapproved or approves another plan's step.
 */
public final class Approvals {
  /** One approver's approval of some steps. */
  public record Approval(String by, String note, List<String> steps, SourceRef at) {}

  private final Map<String, Approval> byStep;
  private final String file;

  private Approvals(Map<String, Approval> byStep, String file) {
    this.byStep = byStep;
    this.file = file;
  }

  public static Approvals none() {
    return new Approvals(Map.of(), null);
  }

  /** The approval recorded for {@code stepId}, if any. */
  public Optional<Approval> of(String stepId) {
    return Optional.ofNullable(byStep.get(stepId));
  }

  public String file() {
    return file;
  }

  /** Reads {@code path} against {@code plan}; problems go to {@code problems} and give an empty result. */
  public static Optional<Approvals> read(Path path, ReviewedPlan plan, List<Diagnostic> problems) {
    String name = path.toString().replace('\\', '/');
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      problems.add(Diagnostic.of(ApplyCode.MC903, SourceRef.ofFile(name), Files.exists(path) ? "cannot be read: " + e.getMessage() : "not found"));
      return Optional.empty();
    }
    Diagnostics yaml = new Diagnostics();
    Optional<Node> root = YamlDocuments.read(new SourceFile(name, bytes), yaml);
    problems.addAll(yaml.sorted());
    if (root.isEmpty()) {
      return Optional.empty();
    }
    List<Diagnostic> found = new ArrayList<>();
    Map<String, Approval> byStep = new LinkedHashMap<>();
    if (!(root.get() instanceof MappingNode top)) {
      found.add(problem(name, root.get(), "must be a mapping with 'approvals:' (and optionally 'plan:')"));
    } else {
      for (NodeTuple t : top.getValue()) {
        String key = scalar(t.getKeyNode());
        if ("plan".equals(key)) {
          String hash = scalar(t.getValueNode());
          if (hash == null || hash.length() < 12 || !plan.hash().startsWith(hash.toLowerCase(java.util.Locale.ROOT))) {
            found.add(problem(name, t.getValueNode(), "approves plan " + hash + ", but the plan being applied is " + plan.hash()
                + ": approvals are given for one reviewed plan"));
          }
        } else if ("approvals".equals(key)) {
          if (!(t.getValueNode() instanceof SequenceNode list)) {
            found.add(problem(name, t.getValueNode(), "'approvals' must be a list of { by, steps, note }"));
            continue;
          }
          for (Node item : list.getValue()) {
            approval(name, item, plan, byStep, found);
          }
        } else {
          found.add(problem(name, t.getKeyNode(), "unknown key '" + key + "' (expected plan, approvals)"));
        }
      }
    }
    found.sort(java.util.Comparator.comparing((Diagnostic d) -> d.position().line()).thenComparing(d -> d.position().column()));
    problems.addAll(found);
    return found.isEmpty() && !yaml.hasErrors() ? Optional.of(new Approvals(byStep, name)) : Optional.empty();
  }

  private static void approval(String name, Node item, ReviewedPlan plan, Map<String, Approval> byStep, List<Diagnostic> found) {
    if (!(item instanceof MappingNode m)) {
      found.add(problem(name, item, "an approval is a mapping: { by: NAME, steps: [STEP-ID, ...], note: TEXT }"));
      return;
    }
    String by = null;
    String note = null;
    List<String> steps = new ArrayList<>();
    Map<String, Node> stepNodes = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode());
      switch (key == null ? "" : key) {
        case "by" -> by = scalar(t.getValueNode());
        case "note" -> note = scalar(t.getValueNode());
        case "steps" -> {
          if (t.getValueNode() instanceof SequenceNode list) {
            for (Node s : list.getValue()) {
              String id = scalar(s);
              if (id == null) {
                found.add(problem(name, s, "a step is named by its id, such as drop-index:charges_merchant_created"));
              } else {
                steps.add(id);
                stepNodes.put(id, s);
              }
            }
          } else {
            found.add(problem(name, t.getValueNode(), "'steps' must be a list of step ids"));
          }
        }
        default -> found.add(problem(name, t.getKeyNode(), "unknown key '" + key + "' in an approval (expected by, steps, note)"));
      }
    }
    if (by == null || by.isBlank()) {
      found.add(problem(name, item, "an approval must name its approver ('by')"));
      return;
    }
    Approval approval = new Approval(by, note, List.copyOf(steps), YamlDocuments.at(name, item));
    for (String id : steps) {
      if (plan.step(id).isEmpty()) {
        found.add(problem(name, stepNodes.get(id), "names no step of the plan: '" + id + "' (step ids are in plan.md and plan.json)"));
      } else {
        byStep.putIfAbsent(id, approval);
      }
    }
  }

  private static String scalar(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : null;
  }

  private static Diagnostic problem(String name, Node at, String message) {
    return Diagnostic.of(ApplyCode.MC903, YamlDocuments.at(name, at), message);
  }
}
