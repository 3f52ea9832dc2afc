package dev.modelc.apply;

/** The exit codes of {@code modelc apply}, documented in docs/apply.md. */
public enum ApplyExit {
  /** The plan is applied (or applied up to where {@code --until} asked), or the query (status, dry run) found nothing in the way. */
  DONE(0),
  /** A step failed, or a database could not be reached or used; the journal says where. */
  ERROR(1),
  /** Bad arguments, or a plan or approvals file that cannot be used (a diagnostic says where). */
  USAGE(2),
  /** A gate failed: the step did not run. */
  GATE_FAILED(4),
  /** The plan reached the deploy and waits for the operator to confirm it ({@code --deployed}). */
  WAITING_FOR_DEPLOY(5),
  /** A step needs an approval that the approvals file does not give. */
  APPROVAL_MISSING(6),
  /** Another apply holds the lock on the database and did not let go in time. */
  LOCKED(7),
  /** The journal refuses the plan: another plan is in progress and this one does not continue it, or it was abandoned. */
  REFUSED(8);

  private final int code;

  ApplyExit(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
