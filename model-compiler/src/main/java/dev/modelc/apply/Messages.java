package dev.modelc.apply;

import dev.modelc.diag.Diagnostic;
import dev.modelc.render.DiagnosticTextRenderer;
import java.io.PrintWriter;
import java.util.List;

/** The messages apply prints when it stops: what stopped it, the values, and what to do. */
final class Messages {
  private Messages() {}

  static void diagnostics(PrintWriter err, List<Diagnostic> problems) {
    err.print(DiagnosticTextRenderer.render(problems, null));
  }

  static void gateFailed(PrintWriter err, PlanStep step, List<GateEvaluator.Result> failed) {
    err.println("modelc apply: step " + step + " did not run: " + (failed.size() == 1 ? "a gate failed" : failed.size() + " gates failed")
        + " (exit " + ApplyExit.GATE_FAILED.code() + ")");
    for (GateEvaluator.Result r : failed) {
      err.println("  gate: " + r.gate().description());
      err.println("  value: " + (r.value() == null || r.value().isEmpty() ? "-" : r.value()));
      err.println("  why: " + r.reason());
    }
    err.println("  nothing of this step ran; the journal records the gate's values. Run apply again once the gate can pass "
        + "(docs/apply.md, \"A gate failed\").");
  }

  static void approvalMissing(PrintWriter err, PlanStep step, ReviewedPlan plan, String file) {
    err.println("modelc apply: step " + step + " needs an approval (" + String.join("; ", step.approvalReasons()) + "), and "
        + (file == null ? "no approvals file was given (--approvals FILE)" : file + " does not approve it") + " (exit "
        + ApplyExit.APPROVAL_MISSING.code() + ")");
    err.println("  add to the approvals file:");
    err.println("    plan: " + plan.hash());
    err.println("    approvals:");
    err.println("      - by: NAME");
    err.println("        steps: [" + step.id() + "]");
  }
}
