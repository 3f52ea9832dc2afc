package dev.modelc.plan;

import dev.modelc.model.Traffic;
import java.util.List;
import java.util.Objects;

/**
 * One step of a plan. {@code sql} runs in order; {@code transactional} is false for statements
 * PostgreSQL refuses inside a transaction ({@code CREATE INDEX CONCURRENTLY}). {@code gates}
 * must pass before it runs. {@code criticalityBefore}/{@code After} is the highest traffic tier
 * of the queries the touched object serves in the old and new model (null: none).
 * {@code estimate} is a labelled range, never a promise. {@code serves} names the query patterns
 * (with tier and endpoints) that the touched index serves before or after the change.
 * {@code backfill} describes a backfill step's batches (null for other steps).
 * {@code appliedWhen} is a query returning one boolean that is true when everything the step
 * creates, removes and renames is already so in the database (null when the step changes data or
 * settings that the catalog alone cannot show, such as a backfill or a validation).
 */
public record Step(
    String id,
    StepKind kind,
    Phase phase,
    String target,
    String summary,
    List<String> sql,
    boolean transactional,
    List<String> dependsOn,
    List<Gate> gates,
    String reason,
    Traffic criticalityBefore,
    Traffic criticalityAfter,
    Lock lock,
    String estimate,
    List<String> rollback,
    Approval approval,
    List<String> serves,
    Backfill backfill,
    String appliedWhen) {

  public Step {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(phase, "phase == null");
    Objects.requireNonNull(target, "target == null");
    sql = List.copyOf(sql);
    dependsOn = List.copyOf(dependsOn);
    gates = List.copyOf(gates);
    rollback = List.copyOf(rollback);
    serves = List.copyOf(serves);
    Objects.requireNonNull(lock, "lock == null");
    Objects.requireNonNull(approval, "approval == null");
  }

  /** The higher of the before and after criticality; null when neither is known. */
  public Traffic criticality() {
    if (criticalityBefore == null) {
      return criticalityAfter;
    }
    if (criticalityAfter == null) {
      return criticalityBefore;
    }
    return criticalityBefore.higherThan(criticalityAfter) ? criticalityBefore : criticalityAfter;
  }
}
