package dev.modelc.render;

import dev.modelc.plan.Gate;
import dev.modelc.plan.Plan;
import dev.modelc.plan.Step;

/**
 * {@code plan.sql}: the statements in order, each step headed by its id, reason and gates. The
 * headers are SQL comments holding model text (reasons, names, check expressions in gates):
 * every further line of such text is a comment line too, so no model text can end a comment and
 * become a statement.
 */
public final class PlanSqlRenderer {
  private PlanSqlRenderer() {}

  public static String render(Plan plan, String fromLabel, String toLabel) {
    StringBuilder out = new StringBuilder();
    out.append("-- modelc migration plan for model '").append(comment(plan.model())).append("': ").append(plan.steps().size())
        .append(" steps, from ").append(comment(fromLabel)).append(" to ").append(comment(toLabel)).append('\n');
    out.append("-- Run the steps in order. Check each step's gates first; steps marked 'outside a transaction'\n");
    out.append("-- must run in autocommit mode. On a lock timeout, wait and run the step again.\n");
    int n = 0;
    for (Step s : plan.steps()) {
      n++;
      out.append("\n-- [").append(n).append("] ").append(s.id()).append(" (").append(s.phase().label())
          .append(s.transactional() ? "" : "; outside a transaction").append(")\n");
      out.append("-- ").append(comment(s.summary())).append('\n');
      if (s.reason() != null) {
        out.append("-- Reason: ").append(comment(s.reason())).append('\n');
      }
      if (!s.dependsOn().isEmpty()) {
        out.append("-- Depends on: ").append(String.join(", ", s.dependsOn())).append('\n');
      }
      if (s.approval().required()) {
        out.append("-- Approval required: ").append(comment(String.join("; ", s.approval().reasons()))).append('\n');
      }
      for (Gate g : s.gates()) {
        out.append("-- Gate: ").append(comment(g.description())).append('\n');
        out.append("--   ").append(comment(g.sql())).append('\n');
      }
      if (s.sql().isEmpty()) {
        out.append("-- (no SQL: an application step)\n");
      }
      for (String sql : s.sql()) {
        out.append(sql.startsWith("--") ? comment(sql) + "\n" : sql + ";\n");
      }
    }
    return out.toString();
  }

  /**
   * Text for a {@code --} comment: model text (a reason, a name) may span lines, and PostgreSQL
   * ends a line comment at a line feed or carriage return, so every further line is commented too;
   * otherwise a multi-line reason could put a live statement into the file an operator runs.
   */
  static String comment(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\n-- ");
  }
}
