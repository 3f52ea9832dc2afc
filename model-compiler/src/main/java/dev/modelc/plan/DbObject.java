package dev.modelc.plan;

import java.util.Locale;
import java.util.Objects;

/**
 * A database object a plan step touches, by kind and name. Objects that live inside a table
 * (columns, constraints, triggers) carry their table; relations, types and functions have a null
 * table. Steps declare what they require, create and remove in these terms, so the
 * order can be derived and checked instead of trusted.
 */
public final class DbObject implements Comparable<DbObject> {

  /** Object kinds; {@link CatalogState#holderOfName} says which names collide in PostgreSQL. */
  public enum Kind {
    TABLE, COLUMN, CONSTRAINT, INDEX, TYPE, TRIGGER, FUNCTION, VIEW;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final String table;
  private final String name;
  /** Computed once: plans hash hundreds of thousands of these into several maps each. */
  private final int hash;

  public DbObject(Kind kind, String table, String name) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(name, "name == null");
    if ((table != null) != (kind == Kind.COLUMN || kind == Kind.CONSTRAINT || kind == Kind.TRIGGER)) {
      throw new IllegalArgumentException(kind + " " + name + ": table " + table);
    }
    this.kind = kind;
    this.table = table;
    this.name = name;
    // a kind's ordinal (unlike its identity hash) keeps hash order the same from run to run
    this.hash = (kind.ordinal() * 31 + (table == null ? 0 : table.hashCode())) * 31 + name.hashCode();
  }

  public Kind kind() {
    return kind;
  }

  /** The table of an inner object (column, constraint, trigger); null for the others. */
  public String table() {
    return table;
  }

  public String name() {
    return name;
  }

  public static DbObject table(String table) {
    return new DbObject(Kind.TABLE, null, table);
  }

  public static DbObject column(String table, String column) {
    return new DbObject(Kind.COLUMN, table, column);
  }

  public static DbObject constraint(String table, String constraint) {
    return new DbObject(Kind.CONSTRAINT, table, constraint);
  }

  public static DbObject index(String index) {
    return new DbObject(Kind.INDEX, null, index);
  }

  public static DbObject type(String type) {
    return new DbObject(Kind.TYPE, null, type);
  }

  public static DbObject trigger(String table, String trigger) {
    return new DbObject(Kind.TRIGGER, table, trigger);
  }

  public static DbObject function(String function) {
    return new DbObject(Kind.FUNCTION, null, function);
  }

  public static DbObject view(String view) {
    return new DbObject(Kind.VIEW, null, view);
  }

  /**
   * A 64-bit hash of kind, table and name, read from every character (unlike {@link #hashCode},
   * which two distinct names share as readily as "Aa" and "BB" do). Summed over a catalog, it
   * tells two catalogs apart without a lookup per object: see {@link CatalogState#fingerprint}.
   */
  long fingerprint() {
    long h = 0xcbf29ce484222325L ^ kind.ordinal();
    h = chars(h, table == null ? "" : table);
    h = (h ^ 0x1_0000L) * 0x100000001b3L; // a separator no UTF-16 unit equals: ("ab", "c") is not ("a", "bc")
    h = chars(h, name);
    // FNV-1a spreads characters poorly over the high bits; the murmur3 finaliser mixes them in
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static long chars(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** Appends {@code o} to a list of a few distinct objects unless it holds it already (a scan is cheaper than a set). */
  static void addDistinct(java.util.List<DbObject> distinct, DbObject o) {
    if (!distinct.contains(o)) {
      distinct.add(o);
    }
  }

  /** The same object under another name (a rename), keeping its table prefix for inner objects. */
  DbObject renamedTo(String newName) {
    return new DbObject(kind, table, newName);
  }

  /** This inner object moved to a renamed table. */
  DbObject movedTo(String newTable) {
    return new DbObject(kind, newTable, name);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof DbObject d && hash == d.hash && kind == d.kind && name.equals(d.name) && Objects.equals(table, d.table);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(DbObject o) {
    int k = kind.compareTo(o.kind);
    if (k != 0) {
      return k;
    }
    int t = java.util.Objects.compare(table, o.table, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    return t != 0 ? t : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return kind.label() + " " + (table == null ? name : table + "." + name);
  }
}
