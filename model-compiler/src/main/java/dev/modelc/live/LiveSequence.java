package dev.modelc.live;

import java.util.Objects;

/**
 * A sequence with its parameters. {@code ownerTable}/{@code ownerColumn} name the column that
 * owns it ({@code serial}, {@code OWNED BY}, or an identity column when {@code identity}); both
 * null for a free-standing sequence.
 */
public record LiveSequence(
    String name,
    String dataType,
    long start,
    long increment,
    long min,
    long max,
    long cache,
    boolean cycle,
    String ownerTable,
    String ownerColumn,
    boolean identity) {

  public LiveSequence {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
  }

  public boolean owned() {
    return ownerTable != null;
  }

  /**
   * True when every parameter is what {@code CREATE SEQUENCE} (and so {@code serial} and
   * identity columns) gives a sequence of this data type by default.
   */
  public boolean hasDefaultParameters() {
    long typeMax = switch (dataType) {
      case "smallint" -> Short.MAX_VALUE;
      case "integer" -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
    return start == 1 && increment == 1 && min == 1 && max == typeMax && cache == 1 && !cycle;
  }
}
