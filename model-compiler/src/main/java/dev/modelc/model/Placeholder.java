package dev.modelc.model;

/**
 * The placeholder {@code unknown}: what {@code modelc import} writes where only a person can say
 * why an object exists (an index's {@code reason} and {@code keep}, an unmanaged object's
 * {@code reason}). It is accepted wherever a reason is, and {@code check} counts every one in a
 * single note (MC325) so that a team can fill them in over time.
 */
public final class Placeholder {
  /** The placeholder text. */
  public static final String TEXT = "unknown";

  private Placeholder() {}

  /** Whether {@code reason} is still the placeholder. */
  public static boolean is(String reason) {
    return TEXT.equals(reason);
  }
}
