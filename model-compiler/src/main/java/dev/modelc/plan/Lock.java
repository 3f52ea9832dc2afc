package dev.modelc.plan;

/** The strongest lock a step takes, on what, and what that blocks while it is held. */
public record Lock(String level, String on, String blocks) {
  public static final Lock NONE = new Lock("none", "", "nothing");
}
