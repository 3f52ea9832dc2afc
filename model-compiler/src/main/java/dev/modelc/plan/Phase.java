package dev.modelc.plan;

/** Where a step runs relative to the application deploy. */
public enum Phase {
  /** Before the new code is deployed: only additive, backward-compatible changes. */
  EXPAND,
  /** The application switches to the new shape (new queries, new columns). */
  DEPLOY,
  /** After the deploy, once the old shape is verified unused: drops and tightening. */
  CONTRACT;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
