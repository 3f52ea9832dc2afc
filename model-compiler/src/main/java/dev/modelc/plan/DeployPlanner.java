package dev.modelc.plan;

/**
 * The deploy step between expand and contract: it waits for every expand step, is gated on
 * every index built before it being valid, and records the baseline counters the contract
 * gates compare with.
 */
final class DeployPlanner extends StepPlanner {
  DeployPlanner(PlanningContext context) {
    super(context);
  }

  /** Completes the deploy step once every expand and contract step has been emitted. */
  void complete() {
    deploy.summary("Deploy the application version built against model '" + to.name()
        + "': new queries start, old queries stop.");
    deploy.reason("Expand steps are done: the new shape exists next to the old one.");
    deploy.estimate("as long as the rollout takes");
    for (StepDraft s : expand) {
      deploy.after(s);
      if (s.builds != null) {
        deploy.gate(indexValid(s.buildsAs));
      }
    }
    for (StepDraft s : contract) {
      for (Gate g : s.gates) {
        if (g.baseline()) {
          deploy.sql(sql.comment("record for the contract gates: " + g.sql()));
        }
      }
    }
  }
}
