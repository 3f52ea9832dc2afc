package dev.modelc.importer;

import dev.modelc.live.LiveObject;
import dev.modelc.model.UnmanagedObject;

/**
 * Under which section of {@code unmanaged:} an object of the live catalog is listed: one answer
 * for {@code import}, which writes the list, and {@code drift}, which compares it with the
 * database again.
 */
public final class UnmanagedKinds {
  private UnmanagedKinds() {}

  public static UnmanagedObject.Kind of(LiveObject.Kind kind) {
    return switch (kind) {
      case VIEW -> UnmanagedObject.Kind.VIEWS;
      case MATERIALIZED_VIEW -> UnmanagedObject.Kind.MATERIALIZED_VIEWS;
      case FUNCTION, PROCEDURE -> UnmanagedObject.Kind.FUNCTIONS;
      case TRIGGER -> UnmanagedObject.Kind.TRIGGERS;
      case POLICY -> UnmanagedObject.Kind.POLICIES;
      case DOMAIN, COMPOSITE_TYPE, RANGE_TYPE, BASE_TYPE -> UnmanagedObject.Kind.TYPES;
      default -> UnmanagedObject.Kind.OTHER;
    };
  }
}
