package dev.modelc.plan.differential;

import dev.modelc.plan.differential.ModelSpec.Chk;
import dev.modelc.plan.differential.ModelSpec.Col;
import dev.modelc.plan.differential.ModelSpec.Idx;
import dev.modelc.plan.differential.ModelSpec.Query;
import dev.modelc.plan.differential.ModelSpec.Tab;
import dev.modelc.plan.differential.ModelSpec.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Random model pairs, deterministic per seed: a v1 with a foreign-key graph (chains, diamonds,
 * cycles, self references, hub tables), columns of every type, uniques, checks, indexes
 * (partial, descending, covering, unique), enums, defaults and queries; then an edit script
 * that produces v2. Edits are replayable closures over names, so the shrinker can drop some of
 * them (or parts of v1) and replay the rest; an edit whose target is gone does nothing.
 */
final class Generator {
  /** One model edit: replayed on a copy of v1 to produce v2. */
  record Edit(String description, Consumer<ModelSpec> apply, List<Supplier<Edit>> simpler) {
    Edit(String description, Consumer<ModelSpec> apply) {
      this(description, apply, List.of());
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** A model pair: v1, and the edits that turn a copy of it into v2. */
  record Pair(long seed, ModelSpec v1, List<Edit> edits) {
    ModelSpec v2() {
      ModelSpec m = v1.copy();
      for (Edit e : edits) {
        e.apply().accept(m);
      }
      return m;
    }
  }

  static final List<Type> TYPES = List.of(
      Type.of("int"), Type.of("bigint"), Type.of("smallint"), Type.of("text"), Type.of("varchar", 12, null),
      Type.of("char", 4, null), Type.of("numeric", 10, 2), Type.of("numeric"), Type.of("real"), Type.of("double"),
      Type.of("bool"), Type.of("uuid"), Type.of("date"), Type.of("time"), Type.of("timestamp"), Type.of("timestamptz"),
      Type.of("bytes"), Type.of("json"), Type.of("jsonb"), Type.enumOf(List.of("e0", "e1", "e2")),
      Type.of("text[]"), Type.of("int[]"), Type.of("inet"), Type.of("interval"));

  private static final String[] ON_DELETE = {null, null, "cascade", "restrict", "no action", "set null"};

  private final Random r;
  private int counter;
  /** table.column pairs (by name at the time) that an edit already touched: one edit per column. */
  private final Set<String> touched = new HashSet<>();
  /** tables dropped, renamed or created by the edit script. */
  private final Set<String> tableTouched = new HashSet<>();
  private final Set<String> indexTouched = new HashSet<>();

  private Generator(long seed) {
    this.r = new Random(seed);
  }

  static Pair pair(long seed) {
    Generator g = new Generator(seed);
    ModelSpec v1 = g.v1();
    ModelSpec work = v1.copy();
    List<Edit> edits = new ArrayList<>();
    int n = 1 + g.r.nextInt(6);
    for (int attempts = 0; edits.size() < n && attempts < 60; attempts++) {
      Edit e = g.edit(work);
      if (e != null) {
        e.apply().accept(work);
        edits.add(e);
      }
    }
    return new Pair(seed, v1, edits);
  }

  private String next(String prefix) {
    return prefix + (++counter);
  }

  private <T> T pick(List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  private boolean chance(double p) {
    return r.nextDouble() < p;
  }

  // ---- v1 ------------------------------------------------------------------------------------

  ModelSpec v1() {
    ModelSpec m = new ModelSpec();
    int tables = 2 + r.nextInt(5);
    for (int i = 0; i < tables; i++) {
      m.tables.add(table(m));
    }
    // the foreign-key graph: any table may reference any (earlier: chains, diamonds; later: cycles; itself)
    String hub = pick(m.tables).name;
    for (Tab t : m.tables) {
      int fks = r.nextInt(3);
      for (int k = 0; k < fks; k++) {
        Tab target = chance(0.3) ? m.table(hub) : pick(m.tables);
        t.cols.add(fkColumn(target, target == t || chance(0.5)));
      }
    }
    for (Tab t : m.tables) {
      decorate(m, t);
    }
    return m;
  }

  private Tab table(ModelSpec m) {
    Tab t = new Tab();
    t.name = next("t");
    Col id = new Col("id", pick(List.of(Type.of("int"), Type.of("bigint"), Type.of("uuid"))));
    id.pk = true;
    if (!id.type.kind().equals("uuid") && chance(0.25)) {
      id.identity = chance(0.5) ? "always" : "byDefault";
    }
    if (chance(0.2)) {
      t.pkName = next("pk");
    }
    if (chance(0.2)) {
      t.description = "Generated table " + t.name + ".";
    }
    t.cols.add(id);
    int cols = 1 + r.nextInt(5);
    for (int i = 0; i < cols; i++) {
      t.cols.add(column(pick(TYPES), true));
    }
    return t;
  }

  /** A fresh column of type {@code type}; {@code existingRows}: it gets seeded data. */
  private Col column(Type type, boolean v1) {
    Col c = new Col(next("c"), type);
    c.salt = r.nextInt(ModelSpec.ROWS);
    c.nullable = chance(0.3);
    c.hasNulls = v1 && c.nullable && chance(0.5);
    if (chance(0.3)) {
      c.dflt = defaultFor(type);
    }
    if (type.distinctValues() && type.indexable() && chance(0.12)) {
      c.unique = true;
      if (chance(0.3)) {
        c.uniqueName = next("uq");
      }
    }
    if (chance(0.1)) {
      c.description = "Generated column " + c.name + ".";
    }
    return c;
  }

  private Col fkColumn(Tab target, boolean nullable) {
    Col c = new Col(next("c"), target.pk().type);
    c.salt = r.nextInt(ModelSpec.ROWS);
    c.refTable = target.name;
    c.nullable = nullable;
    c.hasNulls = nullable && chance(0.5);
    c.onDelete = ON_DELETE[r.nextInt(ON_DELETE.length)];
    if ("set null".equals(c.onDelete) && !nullable) {
      c.onDelete = null;
    }
    if (chance(0.3)) {
      c.fkName = next("fk");
    }
    return c;
  }

  /** Indexes, checks and queries of a table whose columns are settled. */
  private void decorate(ModelSpec m, Tab t) {
    int indexes = r.nextInt(4);
    for (int i = 0; i < indexes; i++) {
      Idx ix = index(t);
      if (ix != null) {
        t.idx.add(ix);
        if (chance(0.5)) {
          m.queries.add(new Query(next("q"), t.name, ix.lead(), chance(0.5) ? "standard" : "batch", ix.operator()));
        }
      }
    }
    if (chance(0.3)) {
      m.queries.add(new Query(next("q"), t.name, t.pk().name, "standard"));
    }
    for (Col c : t.cols) {
      if (!c.pk && chance(0.15)) {
        String expr = checkFor(c, false);
        if (expr != null) {
          t.checks.add(new Chk(next("ck"), expr));
        }
      }
    }
  }

  private Idx index(Tab t) {
    List<Col> keys = t.cols.stream().filter(c -> c.type.indexable()).toList();
    if (keys.isEmpty()) {
      return null;
    }
    Idx ix = new Idx();
    ix.name = next("ix");
    Col lead = pick(keys);
    ix.cols.add(lead.name + (chance(0.25) ? " desc" : ""));
    if (chance(0.4)) {
      Col second = pick(keys);
      if (second != lead) {
        ix.cols.add(second.name + (chance(0.3) ? " desc" : ""));
      }
    }
    ix.unique = lead.type.distinctValues() && chance(0.2);
    if (chance(0.2)) {
      Col w = pick(t.cols);
      ix.where = w.type.numeric() && !w.pk ? w.name + " > 0" : w.name + " IS NOT NULL";
    }
    if (chance(0.25)) {
      Col inc = pick(t.cols);
      if (ix.cols.stream().noneMatch(k -> k.split(" ")[0].equals(inc.name))) {
        ix.include.add(inc.name);
      }
    }
    otherShape(ix, lead);
    return ix;
  }

  /**
   * Now and then the index takes another shape of the second language version: gin on an array
   * column, an expression key on a text column, a hash index on one column.
   */
  private void otherShape(Idx ix, Col lead) {
    if (lead.type.array() && chance(0.5)) {
      ix.method = "gin";
      ix.cols = new ArrayList<>(List.of(lead.name));
      ix.unique = false;
      ix.include.clear();
    } else if (lead.type.textual() && chance(0.3)) {
      ix.cols.set(0, "lower(" + lead.name + ")");
    } else if (!lead.type.array() && !lead.type.kind().equals("bytes") && chance(0.08)) {
      ix.method = "hash";
      ix.cols = new ArrayList<>(List.of(lead.name));
      ix.unique = false;
      ix.include.clear();
    }
  }

  /** A check every seeded row satisfies; {@code alternative} gives an equivalent other spelling. */
  private static String checkFor(Col c, boolean alternative) {
    if (c.type.numeric()) {
      return c.name + (alternative ? " >= 1" : " > 0");
    }
    if (c.type.textual()) {
      return "length(" + c.name + (alternative ? ") >= 1" : ") > 0");
    }
    if (c.type.kind().equals("date")) {
      return c.name + (alternative ? " >= '2001-01-01'" : " > '2000-01-01'");
    }
    return null;
  }

  private String defaultFor(Type t) {
    return switch (t.kind()) {
      case "smallint", "int", "bigint", "numeric", "real", "double" -> pick(List.of("0", "7"));
      case "text", "varchar", "char" -> pick(List.of("x", "yy"));
      case "bool" -> pick(List.of("false", "true"));
      case "uuid" -> "gen_random_uuid()";
      case "date" -> "current_date";
      case "time" -> "\"'10:00:00'\"";
      case "timestamp", "timestamptz" -> pick(List.of("now()", "clock_timestamp()"));
      case "json", "jsonb" -> "\"'{}'\"";
      case "enum" -> t.values().get(r.nextInt(t.values().size()));
      default -> null;
    };
  }

  // ---- edits ---------------------------------------------------------------------------------

  private Edit edit(ModelSpec m) {
    int k = r.nextInt(110);
    if (k < 8) {
      return addTable(m);
    } else if (k < 11) {
      return addTableCycle(m);
    } else if (k < 16) {
      return dropTables(m);
    } else if (k < 21) {
      return renameTable(m);
    } else if (k < 29) {
      return addColumn(m);
    } else if (k < 35) {
      return dropColumn(m);
    } else if (k < 41) {
      return renameColumn(m);
    } else if (k < 43) {
      return splitColumn(m);
    } else if (k < 51) {
      return changeType(m);
    } else if (k < 56) {
      return nullability(m);
    } else if (k < 61) {
      return changeDefault(m);
    } else if (k < 65) {
      return addForeignKey(m);
    } else if (k < 68) {
      return dropForeignKey(m);
    } else if (k < 70) {
      return changeOnDelete(m);
    } else if (k < 73) {
      return unique(m);
    } else if (k < 78) {
      return check(m);
    } else if (k < 82) {
      return addIndex(m);
    } else if (k < 86) {
      return dropIndex(m);
    } else if (k < 93) {
      return modifyIndex(m);
    } else if (k < 95) {
      return renameIndex(m);
    } else if (k < 100) {
      return addEnumValue(m);
    } else if (k < 104) {
      return renameConstraint(m);
    } else if (k < 107) {
      return changeIdentity(m);
    } else {
      return describe(m);
    }
  }

  /** A foreign key, unique constraint or primary key takes an explicit name, or another one. */
  private Edit renameConstraint(ModelSpec m) {
    List<Tab> stable = stableTables(m);
    if (stable.isEmpty()) {
      return null;
    }
    if (chance(0.3)) {
      Tab t = pick(stable);
      String table = t.name;
      String to = chance(0.2) && t.pkName != null ? null : next("pk");
      tableTouched.add(table);
      return new Edit("name the primary key of " + table + " " + to, s -> {
        Tab x = s.table(table);
        if (x != null) {
          x.pkName = to;
        }
      });
    }
    Col[] c = column(m, (t, col) -> col.refTable != null || col.unique);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    boolean fk = c[0].refTable != null && (!c[0].unique || chance(0.5));
    String to = chance(0.2) ? null : next(fk ? "fk" : "uq");
    return new Edit("name the " + (fk ? "foreign key" : "unique constraint") + " of " + table + "." + name + " " + to, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null && fk && y.refTable != null) {
        y.fkName = to;
      } else if (y != null && !fk && y.unique) {
        y.uniqueName = to;
      }
    });
  }

  /** An identity key switches between always and byDefault. */
  private Edit changeIdentity(ModelSpec m) {
    List<Tab> tables = stableTables(m).stream().filter(t -> t.pk().identity != null).toList();
    if (tables.isEmpty()) {
      return null;
    }
    Tab t = pick(tables);
    String table = t.name;
    String to = t.pk().identity.equals("always") ? "byDefault" : "always";
    tableTouched.add(table);
    return new Edit("identity of " + table + ".id -> " + to, s -> {
      Tab x = s.table(table);
      if (x != null && x.pk().identity != null) {
        x.pk().identity = to;
      }
    });
  }

  /** A table's or column's description (its comment) is added, changed or removed. */
  private Edit describe(ModelSpec m) {
    List<Tab> stable = stableTables(m);
    if (stable.isEmpty()) {
      return null;
    }
    Tab t = pick(stable);
    String table = t.name;
    if (chance(0.5)) {
      String to = t.description == null ? "Described " + table + "." : chance(0.5) ? null : t.description + " Again.";
      return new Edit("description of table " + table, s -> {
        Tab x = s.table(table);
        if (x != null) {
          x.description = to;
        }
      });
    }
    Col[] c = column(m, (tt, col) -> tt == t);
    if (c == null) {
      return null;
    }
    String name = c[0].name;
    String to = c[0].description == null ? "Described " + name + "." : chance(0.5) ? null : c[0].description + " Again.";
    return new Edit("description of column " + table + "." + name, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.description = to;
      }
    });
  }

  /** Tables of v1 that no earlier edit created, dropped or renamed. */
  private List<Tab> stableTables(ModelSpec m) {
    return m.tables.stream().filter(t -> !tableTouched.contains(t.name)).toList();
  }

  /** An untouched non-key column of an untouched table, matching {@code ok}, or null. */
  private Col[] column(ModelSpec m, java.util.function.BiPredicate<Tab, Col> ok) {
    List<Col[]> found = new ArrayList<>();
    List<Tab> tabs = stableTables(m);
    for (Tab t : tabs) {
      for (Col c : t.cols) {
        if (!c.pk && !touched.contains(t.name + "." + c.name) && ok.test(t, c)
            && t.idx.stream().noneMatch(i -> indexTouched.contains(i.name) && i.uses(c.name))) {
          found.add(new Col[] {c});
        }
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    Col c = pick(found)[0];
    touched.add(owner(m, c).name + "." + c.name);
    return new Col[] {c};
  }

  private static Tab owner(ModelSpec m, Col c) {
    return m.tables.stream().filter(t -> t.cols.contains(c)).findFirst().orElseThrow();
  }

  private static boolean referenced(ModelSpec m, Tab t) {
    return m.tables.stream().anyMatch(o -> o.cols.stream().anyMatch(c -> t.name.equals(c.refTable)));
  }

  private Edit addTable(ModelSpec m) {
    Tab t = table(m);
    List<Tab> targets = new ArrayList<>(m.tables);
    int fks = r.nextInt(3);
    for (int k = 0; k < fks && !targets.isEmpty(); k++) {
      t.cols.add(fkColumn(pick(targets), chance(0.5)));
    }
    if (chance(0.2)) {
      t.cols.add(fkColumn(t, true));
    }
    decorate(new ModelSpec(), t);
    // sometimes an existing table gains a foreign key column to the new table
    Tab gains = chance(0.4) && !stableTables(m).isEmpty() ? pick(stableTables(m)) : null;
    Col back = gains == null ? null : fkColumn(t, true);
    if (back != null) {
      back.hasNulls = false;
    }
    tableTouched.add(t.name);
    return addTableEdit(t, gains == null ? null : gains.name, back);
  }

  /** Adds {@code t}; {@code back}, when not null, is a column of table {@code gains} referencing it. */
  private static Edit addTableEdit(Tab t, String gains, Col back) {
    List<Supplier<Edit>> simpler = new ArrayList<>();
    if (gains != null) {
      simpler.add(() -> addTableEdit(t, null, null));
    }
    for (Tab smaller : smaller(t)) {
      simpler.add(() -> addTableEdit(smaller, gains, back));
    }
    return new Edit("add table " + t.name + (gains == null ? "" : " referenced by existing " + gains + "." + back.name), s -> {
      Tab copy = t.copy();
      copy.cols.removeIf(c -> c.refTable != null && !c.refTable.equals(copy.name) && s.table(c.refTable) == null);
      copy.idx.removeIf(i -> i.cols.stream().anyMatch(k -> copy.col(k.split(" ")[0]) == null)
          || i.include.stream().anyMatch(k -> copy.col(k) == null) || (i.where != null && copy.cols.stream().noneMatch(c -> ModelSpec.mentions(i.where, c.name))));
      s.tables.add(copy);
      Tab g = s.table(gains);
      if (g != null) {
        g.cols.add(back.copy());
      }
    }, simpler);
  }

  /** Copies of a new table with one column (and what uses it), index or check less: for shrinking. */
  static List<Tab> smaller(Tab t) {
    List<Tab> out = new ArrayList<>();
    for (Col c : t.cols) {
      if (!c.pk) {
        Tab x = t.copy();
        x.cols.removeIf(y -> y.name.equals(c.name));
        x.idx.removeIf(i -> i.uses(c.name));
        x.checks.removeIf(k -> ModelSpec.mentions(k.expr, c.name));
        out.add(x);
      }
    }
    for (Idx i : t.idx) {
      Tab x = t.copy();
      x.idx.removeIf(y -> y.name.equals(i.name));
      out.add(x);
    }
    for (Chk k : t.checks) {
      Tab x = t.copy();
      x.checks.removeIf(y -> y.name.equals(k.name));
      out.add(x);
    }
    return out;
  }

  /** Two new tables referencing each other (and maybe an existing one). */
  private Edit addTableCycle(ModelSpec m) {
    Tab a = table(m);
    Tab b = table(m);
    a.cols.add(fkColumn(b, chance(0.5)));
    b.cols.add(fkColumn(a, chance(0.5)));
    List<Tab> existing = stableTables(m);
    if (!existing.isEmpty() && chance(0.5)) {
      b.cols.add(fkColumn(pick(existing), true));
    }
    tableTouched.add(a.name);
    tableTouched.add(b.name);
    return addTablesEdit(a, b);
  }

  private static Edit addTablesEdit(Tab a, Tab b) {
    List<Supplier<Edit>> simpler = new ArrayList<>();
    for (Tab smaller : smaller(a)) {
      simpler.add(() -> addTablesEdit(smaller, b));
    }
    for (Tab smaller : smaller(b)) {
      simpler.add(() -> addTablesEdit(a, smaller));
    }
    return new Edit("add tables " + a.name + " and " + b.name + " referencing each other", s -> {
      for (Tab t : List.of(a, b)) {
        Tab copy = t.copy();
        copy.cols.removeIf(c -> c.refTable != null && !c.refTable.equals(a.name) && !c.refTable.equals(b.name) && s.table(c.refTable) == null);
        s.tables.add(copy);
      }
    }, simpler);
  }

  /** Retires a table; half the time also the tables that reference it (they reference each other). */
  private Edit dropTables(ModelSpec m) {
    List<Tab> stable = indexTables(m);
    if (stable.size() < 2) {
      return null;
    }
    Tab t = pick(stable);
    List<String> names = new ArrayList<>(List.of(t.name));
    if (chance(0.5)) {
      for (Tab o : stable) {
        if (o != t && o.cols.stream().anyMatch(c -> t.name.equals(c.refTable)) && names.size() < stable.size() - 1) {
          names.add(o.name);
        }
      }
    }
    tableTouched.addAll(names);
    for (Tab o : m.tables) {
      for (Col c : o.cols) {
        if (names.contains(c.refTable)) {
          touched.add(o.name + "." + c.name); // its foreign key goes: no other edit of the column
        }
      }
    }
    return new Edit("retire tables " + names, s -> {
      for (String n : names) {
        s.retireTable(n);
      }
    });
  }

  private Edit renameTable(ModelSpec m) {
    List<Tab> stable = stableTables(m);
    if (stable.isEmpty()) {
      return null;
    }
    // prefer a table other tables reference
    List<Tab> referencedOnes = stable.stream().filter(t -> referenced(m, t)).toList();
    Tab t = !referencedOnes.isEmpty() && chance(0.7) ? pick(referencedOnes) : pick(stable);
    String from = t.name;
    String to = next("t");
    tableTouched.add(from);
    tableTouched.add(to);
    return new Edit("rename table " + from + " to " + to, s -> {
      Tab x = s.table(from);
      if (x != null) {
        s.renameTable(x, to);
      }
    });
  }

  private Edit addColumn(ModelSpec m) {
    List<Tab> stable = stableTables(m);
    if (stable.isEmpty()) {
      return null;
    }
    Tab t = pick(stable);
    Col c;
    if (chance(0.25)) {
      c = fkColumn(pick(m.tables), true);
      c.hasNulls = false;
    } else {
      c = column(pick(TYPES), false);
      if (c.unique) {
        c.dflt = null; // every existing row would get the same default
      }
      if (!c.nullable && c.dflt == null) {
        c.nullable = true;
      }
    }
    touched.add(t.name + "." + c.name);
    String table = t.name;
    boolean indexed = chance(0.3) && c.type.indexable();
    String ix = next("ix");
    return new Edit("add column " + table + "." + c.name + " " + c.type.yaml() + (c.refTable != null ? " -> " + c.refTable : ""), s -> {
      Tab x = s.table(table);
      if (x == null || (c.refTable != null && s.table(c.refTable) == null)) {
        return;
      }
      x.cols.add(c.copy());
      if (indexed) {
        Idx i = new Idx();
        i.name = ix;
        i.cols.add(c.name);
        x.idx.add(i);
      }
    });
  }

  private Edit dropColumn(ModelSpec m) {
    Col[] c = column(m, (t, col) -> true);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    return new Edit("drop column " + table + "." + name, s -> {
      Tab x = s.table(table);
      if (x != null) {
        s.retireColumn(x, name);
      }
    });
  }

  private Edit renameColumn(ModelSpec m) {
    Col[] c = column(m, (t, col) -> true);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String from = c[0].name;
    String to = next("c");
    touched.add(table + "." + to);
    return new Edit("rename column " + table + "." + from + " to " + to, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(from);
      if (y != null) {
        y.name = to;
        y.renamedFrom = from;
        s.renameColumnUses(x, from, to);
      }
    });
  }

  /**
   * One column becomes two: one keeps the data (renamedFrom), the other is new. (Two columns
   * renamedFrom the same one are refused by check, MC318, so the generator does not write them.)
   */
  private Edit splitColumn(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.refTable == null && !col.unique);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String from = c[0].name;
    String a = next("c");
    String b = next("c");
    return new Edit("split column " + table + "." + from + " into " + a + " (renamedFrom " + from + ") and new " + b, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(from);
      if (y != null) {
        Col second = y.copy();
        y.name = a;
        y.renamedFrom = from;
        second.name = b;
        second.renamedFrom = null;
        second.nullable = true;
        second.pk = false;
        x.cols.add(x.cols.indexOf(y) + 1, second);
        s.renameColumnUses(x, from, a);
      }
    });
  }

  /** Type changes the data survives: widening (catalog only) and rewriting ones. */
  private Type newType(Col c, boolean keepFamily) {
    List<Type> options = new ArrayList<>();
    switch (c.type.kind()) {
      case "smallint" -> options.addAll(List.of(Type.of("int"), Type.of("bigint"), Type.of("numeric", 12, 2)));
      case "int" -> options.addAll(List.of(Type.of("bigint"), Type.of("numeric"), Type.of("double")));
      case "bigint" -> options.addAll(List.of(Type.of("numeric", 20, 0), Type.of("numeric")));
      case "numeric" -> options.addAll(c.type.a() == null ? List.of(Type.of("double"))
          : List.of(Type.of("numeric", 14, 2), Type.of("numeric", 14, 4), Type.of("numeric")));
      case "real" -> options.add(Type.of("double"));
      case "varchar" -> options.addAll(List.of(Type.of("varchar", 40, null), Type.of("text"), Type.of("varchar", 8, null)));
      case "char" -> options.addAll(List.of(Type.of("char", 8, null), Type.of("varchar", 10, null)));
      case "text" -> options.addAll(List.of(Type.of("varchar", 30, null)));
      case "date" -> options.addAll(List.of(Type.of("timestamp"), Type.of("timestamptz")));
      case "timestamp" -> options.add(Type.of("timestamptz"));
      case "json" -> options.add(Type.of("jsonb"));
      default -> { }
    }
    if (!keepFamily) {
      switch (c.type.kind()) {
        case "smallint", "int", "bigint", "numeric", "bool", "uuid", "date", "enum" -> options.add(Type.of("text"));
        case "jsonb" -> options.add(Type.of("text"));
        default -> { }
      }
    }
    return options.isEmpty() ? null : pick(options);
  }

  private Edit changeType(ModelSpec m) {
    Col[] c = column(m, (t, col) -> !col.unique && col.refTable == null
        && newType(col, t.usedInExpressions(col.name)) != null);
    if (c == null) {
      return null;
    }
    Tab t = owner(m, c[0]);
    Type to = newType(c[0], t.usedInExpressions(c[0].name));
    String table = t.name;
    String name = c[0].name;
    // a default of the old type may not fit the new one
    boolean dropDefault = c[0].dflt != null && !(to.numeric() && c[0].type.numeric()) && !(to.textual() && c[0].type.textual());
    return new Edit("change type of " + table + "." + name + " from " + c[0].type.yaml() + " to " + to.yaml(), s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.type = to;
        if (dropDefault) {
          y.dflt = null;
        }
        if (!to.indexable() || !to.distinctValues()) {
          y.unique = false;
        }
      }
    });
  }

  private Edit nullability(ModelSpec m) {
    Col[] c = column(m, (t, col) -> !col.nullable || !col.hasNulls);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    boolean to = !c[0].nullable;
    return new Edit((to ? "allow NULL in " : "set NOT NULL on ") + table + "." + name, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.nullable = to;
        if (!to && "set null".equals(y.onDelete)) {
          y.onDelete = null;
        }
      }
    });
  }

  private Edit changeDefault(ModelSpec m) {
    // a key column gets no constant default: existing rows would take it and point at nothing
    Col[] c = column(m, (t, col) -> defaultFor(col.type) != null && col.refTable == null);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    String to = c[0].dflt != null && chance(0.4) ? null : defaultFor(c[0].type);
    return new Edit("default of " + table + "." + name + " -> " + to, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.dflt = to;
      }
    });
  }

  private Edit addForeignKey(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.refTable == null && col.type.keyType());
    if (c == null) {
      return null;
    }
    // an existing column's values cannot point into a table the script creates (it has no rows):
    // the plan's validation gate would rightly stop such a pair, so the generator does not write it
    List<Tab> targets = m.tables.stream().filter(t -> t.pk().type.equals(c[0].type) && !tableTouched.contains(t.name)).toList();
    if (targets.isEmpty()) {
      return null;
    }
    Tab target = pick(targets);
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    String targetName = target.name;
    String onDelete = chance(0.3) ? "cascade" : null;
    return new Edit("add foreign key " + table + "." + name + " -> " + targetName, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null && s.table(targetName) != null && y.type.equals(s.table(targetName).pk().type)) {
        y.refTable = targetName;
        y.onDelete = onDelete;
      }
    });
  }

  private Edit dropForeignKey(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.refTable != null);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    return new Edit("drop foreign key " + table + "." + name, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.refTable = null;
        y.onDelete = null;
      }
    });
  }

  private Edit changeOnDelete(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.refTable != null);
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    String to = "cascade".equals(c[0].onDelete) ? "restrict" : "cascade";
    return new Edit("onDelete of " + table + "." + name + " -> " + to, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null && y.refTable != null) {
        y.onDelete = to;
      }
    });
  }

  private Edit unique(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.type.distinctValues() && col.type.indexable());
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    boolean to = !c[0].unique;
    return new Edit((to ? "add unique on " : "drop unique on ") + table + "." + name, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null) {
        y.unique = to;
      }
    });
  }

  private Edit check(ModelSpec m) {
    List<Tab> stable = stableTables(m);
    if (stable.isEmpty()) {
      return null;
    }
    Tab t = pick(stable);
    String table = t.name;
    if (!t.checks.isEmpty() && chance(0.6)) {
      Chk k = pick(t.checks);
      String name = k.name;
      boolean drop = chance(0.5);
      Col col = t.cols.stream().filter(c -> ModelSpec.mentions(k.expr, c.name)).findFirst().orElse(null);
      String alt = col == null ? null : checkFor(col, !k.expr.equals(checkFor(col, false)));
      return new Edit((drop ? "drop check " : "change check ") + table + "." + name, s -> {
        Tab x = s.table(table);
        Chk y = x == null ? null : x.checks.stream().filter(z -> z.name.equals(name)).findFirst().orElse(null);
        if (y != null) {
          if (drop || alt == null) {
            x.checks.remove(y);
          } else {
            y.expr = alt;
          }
        }
      });
    }
    Col[] c = column(m, (tt, col) -> tt == t && checkFor(col, false) != null);
    if (c == null) {
      return null;
    }
    String expr = checkFor(c[0], chance(0.5));
    String name = next("ck");
    String column = c[0].name;
    return new Edit("add check " + table + "." + name + " (" + expr + ")", s -> {
      Tab x = s.table(table);
      if (x != null && x.col(column) != null) {
        x.checks.add(new Chk(name, expr));
      }
    });
  }

  private List<Tab> indexTables(ModelSpec m) {
    return stableTables(m).stream().filter(t -> t.cols.stream().noneMatch(c -> touched.contains(t.name + "." + c.name))).toList();
  }

  private Edit addIndex(ModelSpec m) {
    List<Tab> tabs = indexTables(m);
    if (tabs.isEmpty()) {
      return null;
    }
    Tab t = pick(tabs);
    Idx ix = index(t);
    if (ix == null) {
      return null;
    }
    indexTouched.add(ix.name);
    String table = t.name;
    String query = chance(0.5) ? next("q") : null;
    return new Edit("add index " + table + "." + ix.name + " " + ix.cols, s -> {
      Tab x = s.table(table);
      if (x != null && ix.cols.stream().allMatch(k -> x.col(key(k)) != null) && ix.include.stream().allMatch(k -> x.col(k) != null)
          && (ix.where == null || x.cols.stream().anyMatch(c -> ModelSpec.mentions(ix.where, c.name)))) {
        x.idx.add(ix.copy());
        if (query != null) {
          s.queries.add(new Query(query, table, ix.lead(), "standard", ix.operator()));
        }
      }
    });
  }

  private Idx[] existingIndex(ModelSpec m) {
    List<Object[]> found = new ArrayList<>();
    for (Tab t : indexTables(m)) {
      for (Idx i : t.idx) {
        if (!indexTouched.contains(i.name)) {
          found.add(new Object[] {t, i});
        }
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    Object[] f = pick(found);
    indexTouched.add(((Idx) f[1]).name);
    return new Idx[] {(Idx) f[1]};
  }

  /** The column an index key reads: {@code c3} of {@code c3 desc} and of {@code lower(c3)}. */
  private static String key(String term) {
    String k = term.split(" ")[0];
    return k.startsWith("lower(") ? k.substring(6, k.length() - 1) : k;
  }

  private static Tab ownerOf(ModelSpec m, Idx i) {
    return m.tables.stream().filter(t -> t.idx.contains(i)).findFirst().orElseThrow();
  }

  private Edit dropIndex(ModelSpec m) {
    Idx[] i = existingIndex(m);
    if (i == null) {
      return null;
    }
    String table = ownerOf(m, i[0]).name;
    String name = i[0].name;
    return new Edit("drop index " + table + "." + name, s -> {
      Tab x = s.table(table);
      if (x != null) {
        s.retireIndex(x, name);
      }
    });
  }

  private Edit renameIndex(ModelSpec m) {
    Idx[] i = existingIndex(m);
    if (i == null) {
      return null;
    }
    String table = ownerOf(m, i[0]).name;
    String from = i[0].name;
    String to = next("ix");
    indexTouched.add(to);
    return new Edit("rename index " + table + "." + from + " to " + to, s -> {
      Tab x = s.table(table);
      Idx y = x == null ? null : x.index(from);
      if (y != null) {
        y.name = to;
        y.renamedFrom = from;
      }
    });
  }

  /** One intention: the definition changes (and sometimes the name, with renamedFrom). */
  private Edit modifyIndex(ModelSpec m) {
    Idx[] i = existingIndex(m);
    if (i == null) {
      return null;
    }
    Tab t = ownerOf(m, i[0]);
    Idx to = i[0].copy();
    String how;
    boolean partial = false;
    int k = r.nextInt(7);
    if (to.method != null) {
      k = chance(0.5) ? 2 : 7; // gin and hash keys have no order, include or uniqueness: change the predicate or the method
    }
    List<Col> keys = t.cols.stream().filter(c -> c.type.indexable()).toList();
    if (k == 0) {
      int last = to.cols.size() - 1;
      String term = to.cols.get(last);
      to.cols.set(last, term.endsWith(" desc") ? term.substring(0, term.length() - 5) : term + " desc");
      how = "flip the order of the last key";
    } else if (k == 1 && to.cols.size() == 1) {
      Col second = pick(keys);
      if (second.name.equals(to.lead()) || to.include.contains(second.name)) {
        return null;
      }
      to.cols.add(second.name);
      how = "add key column " + second.name;
    } else if (k == 1) {
      to.cols.remove(to.cols.size() - 1);
      how = "drop the last key column";
    } else if (k == 2) {
      Col w = pick(t.cols);
      to.where = to.where != null ? null : w.type.numeric() && !w.pk ? w.name + " > 0" : w.name + " IS NOT NULL";
      how = to.where == null ? "drop the predicate" : "add predicate " + to.where;
      partial = to.where != null; // a partial index no longer serves the unconditional queries: they go
    } else if (k == 3) {
      Col inc = pick(t.cols);
      if (!to.include.isEmpty()) {
        to.include.clear();
        how = "drop the include";
      } else if (to.cols.stream().noneMatch(c -> c.split(" ")[0].equals(inc.name))) {
        to.include.add(inc.name);
        how = "include " + inc.name;
      } else {
        return null;
      }
    } else if (k == 6) {
      // a single plain key becomes a hash index, or its expression lower(key) (or back)
      String lead = to.cols.get(0).split(" ")[0];
      Col col = t.col(key(lead));
      if (to.cols.size() != 1 || to.unique || !to.include.isEmpty() || col == null) {
        return null;
      }
      if (col.type.textual() && chance(0.6)) {
        to.cols.set(0, lead.contains("(") ? col.name : "lower(" + col.name + ")");
        how = "key " + to.cols.get(0);
      } else if (!lead.contains("(") && !col.type.array() && !col.type.kind().equals("bytes")) {
        to.cols.set(0, col.name);
        to.method = "hash";
        how = "method hash";
      } else {
        return null;
      }
    } else if (k == 7) {
      to.method = null;
      how = "method btree";
    } else if (k == 4) {
      if (!to.unique && !t.col(key(to.lead())).type.distinctValues()) {
        return null;
      }
      to.unique = !to.unique;
      how = to.unique ? "make unique" : "make non-unique";
    } else {
      int last = to.cols.size() - 1;
      String term = to.cols.get(last);
      to.cols.set(last, term.endsWith(" desc") ? term.substring(0, term.length() - 5) : term + " desc");
      to.renamedFrom = to.name;
      to.name = next("ix");
      indexTouched.add(to.name);
      how = "flip the last key and rename to " + to.name;
    }
    String table = t.name;
    String from = i[0].name;
    boolean keepsLead = to.lead().equals(i[0].lead()) && !partial && Objects.equals(to.method, i[0].method);
    String oldLead = i[0].lead();
    return new Edit("modify index " + table + "." + from + ": " + how, s -> {
      Tab x = s.table(table);
      Idx y = x == null ? null : x.index(from);
      if (y != null && to.cols.stream().allMatch(c -> x.col(key(c)) != null) && to.include.stream().allMatch(c -> x.col(c) != null)) {
        x.idx.set(x.idx.indexOf(y), to.copy());
        if (!keepsLead) {
          s.dropQueriesOn(table, oldLead);
        }
      }
    });
  }

  private Edit addEnumValue(ModelSpec m) {
    Col[] c = column(m, (t, col) -> col.type.isEnum());
    if (c == null) {
      return null;
    }
    String table = owner(m, c[0]).name;
    String name = c[0].name;
    List<String> values = new ArrayList<>(c[0].type.values());
    String v = next("n");
    values.add(r.nextInt(values.size() + 1), v);
    Type to = Type.enumOf(values);
    return new Edit("add enum value " + v + " to " + table + "." + name + " " + values, s -> {
      Tab x = s.table(table);
      Col y = x == null ? null : x.col(name);
      if (y != null && y.type.isEnum()) {
        y.type = to;
      }
    });
  }
}
