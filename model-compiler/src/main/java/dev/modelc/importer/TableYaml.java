package dev.modelc.importer;

import dev.modelc.model.ConstraintNames;
import dev.modelc.live.LiveColumn;
import dev.modelc.live.LiveConstraint;
import dev.modelc.live.LiveIndex;
import dev.modelc.live.LiveIndexKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One managed table as model YAML, in the shape of the example models: a flow mapping per
 * column, aligned; the short forms ({@code primaryKey: true}, {@code unique: true},
 * {@code references: t.c}) where the real name is the one modelc would give and nothing else
 * needs saying, the full forms with the real name otherwise.
 */
final class TableYaml {
  private static final Pattern SIMPLE_KEY = Pattern.compile("[^\\s()\\[\\]{},\"]+");
  /** Columns are aligned up to this name length; longer names would push every value far right. */
  private static final int ALIGN_LIMIT = 32;

  private TableYaml() {}

  static String render(Importer.TableSpec t, String schemaLine) {
    StringBuilder y = new StringBuilder();
    EnumCasts casts = EnumCasts.of(t);
    y.append(schemaLine).append('\n');
    String table = t.live().name();
    y.append("tables:\n  ").append(YamlText.scalar(table)).append(":\n");
    if (t.live().comment() != null) {
      y.append("    description: ").append(YamlText.blockScalar(t.live().comment())).append('\n');
    }
    LiveConstraint pk = t.primaryKey();
    boolean pkShort = pk != null && pk.name().equals(ConstraintNames.defaultPrimaryKey(table));
    boolean pkOnColumn = pkShort && pk.columns().size() == 1;
    List<LiveConstraint> uniques = new ArrayList<>();
    List<String> uniqueColumns = new ArrayList<>();
    for (LiveConstraint u : t.uniques()) {
      if (u.columns().size() == 1 && !nullsNotDistinct(t, u) && !uniqueColumns.contains(u.columns().get(0))
          && u.name().equals(ConstraintNames.uniqueColumn(table, u.columns().get(0)))
          && !(pk != null && pk.columns().equals(u.columns()))) {
        uniqueColumns.add(u.columns().get(0));
      } else {
        uniques.add(u);
      }
    }
    List<LiveConstraint> foreignKeys = new ArrayList<>();
    List<String> shortReferences = new ArrayList<>();
    for (LiveConstraint fk : t.foreignKeys()) {
      String column = fk.columns().get(0);
      if (fk.columns().size() == 1 && !fk.deferrable() && fk.match().equals("simple") && !shortReferences.contains(column)
          && fk.name().equals(ConstraintNames.foreignKeyColumn(table, column))
          && !fk.referencedTable().contains(".") && !fk.referencedColumns().get(0).contains(".")) {
        shortReferences.add(column);
      } else {
        foreignKeys.add(fk);
      }
    }
    y.append("    columns:\n");
    int width = 0;
    for (Importer.ColumnSpec c : t.columns()) {
      int length = YamlText.scalar(c.live().name()).length();
      if (length <= ALIGN_LIMIT) {
        width = Math.max(width, length);
      }
    }
    for (Importer.ColumnSpec c : t.columns()) {
      String name = YamlText.scalar(c.live().name()) + ":";
      y.append("      ").append(name).append(" ".repeat(Math.max(1, width + 2 - name.length())));
      List<String> parts = new ArrayList<>();
      parts.add("type: " + YamlText.scalar(c.type()));
      if (!c.enumValues().isEmpty()) {
        parts.add("values: " + YamlText.list(c.enumValues()));
      }
      LiveColumn live = c.live();
      boolean inKey = pk != null && pk.columns().contains(live.name());
      if (!live.notNull() && !inKey) {
        parts.add("nullable: true");
      }
      if (pkOnColumn && inKey) {
        parts.add("primaryKey: true");
      }
      if (uniqueColumns.contains(live.name())) {
        parts.add("unique: true");
      }
      if (c.defaultValue() != null) {
        boolean number = ModelTypes.numeric(c.type()) && c.defaultValue().matches("-?[0-9]+(\\.[0-9]+)?");
        parts.add("default: " + (number ? c.defaultValue() : YamlText.scalar(c.defaultValue())));
      }
      if (c.identity() != null) {
        parts.add("identity: " + c.identity());
      }
      if (c.sequence() != null) {
        parts.add("sequence: " + YamlText.scalar(c.sequence()));
      }
      if (live.generatedExpression() != null) {
        parts.add("generated: " + YamlText.scalar(live.generatedExpression()));
      }
      if (c.collation() != null) {
        parts.add("collation: " + YamlText.scalar(c.collation()));
      }
      if (shortReferences.contains(live.name())) {
        LiveConstraint fk = t.foreignKeys().stream().filter(f -> f.columns().equals(List.of(live.name()))
            && shortReferences.contains(live.name())).findFirst().orElseThrow();
        parts.add("references: " + YamlText.scalar(fk.referencedTable() + "." + fk.referencedColumns().get(0)));
        if (!fk.onDelete().equals("no action")) {
          parts.add("onDelete: " + fk.onDelete());
        }
        if (!fk.onUpdate().equals("no action")) {
          parts.add("onUpdate: " + fk.onUpdate());
        }
      }
      if (live.comment() != null) {
        parts.add("description: " + YamlText.scalar(live.comment()));
      }
      y.append("{ ").append(String.join(", ", parts)).append(" }\n");
    }
    if (pk != null && !pkOnColumn) {
      y.append("    primaryKey: ").append(pkShort ? YamlText.list(pk.columns())
          : "{ name: " + YamlText.scalar(pk.name()) + ", columns: " + YamlText.list(pk.columns()) + " }").append('\n');
    }
    if (!uniques.isEmpty()) {
      y.append("    uniques:\n");
      for (LiveConstraint u : uniques) {
        boolean defaultName = u.name().equals(ConstraintNames.of(table, u.columns(), "key"));
        y.append("      - { ").append(defaultName ? "" : "name: " + YamlText.scalar(u.name()) + ", ")
            .append("columns: ").append(YamlText.list(u.columns()))
            .append(nullsNotDistinct(t, u) ? ", nullsNotDistinct: true" : "").append(" }\n");
      }
    }
    if (!foreignKeys.isEmpty()) {
      y.append("    foreignKeys:\n");
      for (LiveConstraint fk : foreignKeys) {
        if (fk.name().equals(ConstraintNames.of(table, fk.columns(), "fkey"))) {
          y.append("      - columns: ").append(YamlText.list(fk.columns())).append('\n');
        } else {
          y.append("      - name: ").append(YamlText.scalar(fk.name())).append('\n');
          y.append("        columns: ").append(YamlText.list(fk.columns())).append('\n');
        }
        y.append("        references: { table: ").append(YamlText.scalar(fk.referencedTable())).append(", columns: ")
            .append(YamlText.list(fk.referencedColumns())).append(" }\n");
        if (!fk.onDelete().equals("no action")) {
          y.append("        onDelete: ").append(fk.onDelete()).append('\n');
        }
        if (!fk.onUpdate().equals("no action")) {
          y.append("        onUpdate: ").append(fk.onUpdate()).append('\n');
        }
        if (!fk.match().equals("simple")) {
          y.append("        match: ").append(fk.match()).append('\n');
        }
        if (fk.deferrable()) {
          y.append("        deferrable: true\n");
        }
        if (fk.initiallyDeferred()) {
          y.append("        initiallyDeferred: true\n");
        }
      }
    }
    if (!t.checks().isEmpty()) {
      y.append("    checks:\n");
      for (LiveConstraint c : t.checks()) {
        y.append("      ").append(YamlText.scalar(c.name())).append(":\n");
        y.append("        expression: ").append(YamlText.blockScalar(casts.strip(c.expression()))).append('\n');
      }
    }
    if (!t.indexes().isEmpty()) {
      y.append("    indexes:\n");
      for (LiveIndex i : t.indexes()) {
        index(y, i, casts);
      }
    }
    return y.toString();
  }

  private static boolean nullsNotDistinct(Importer.TableSpec t, LiveConstraint c) {
    return t.live().indexes().stream().anyMatch(i -> i.name().equals(c.indexName()) && i.nullsNotDistinct());
  }

  private static void index(StringBuilder y, LiveIndex i, EnumCasts casts) {
    y.append("      ").append(YamlText.scalar(i.name())).append(":\n");
    if (!i.method().equals("btree")) {
      y.append("        method: ").append(YamlText.scalar(i.method())).append('\n');
    }
    List<String> keys = new ArrayList<>();
    for (LiveIndexKey k : i.keys()) {
      keys.add(key(k));
    }
    y.append("        columns: [").append(String.join(", ", keys)).append("]\n");
    if (i.unique()) {
      y.append("        unique: true\n");
    }
    if (i.nullsNotDistinct()) {
      y.append("        nullsNotDistinct: true\n");
    }
    if (!i.include().isEmpty()) {
      y.append("        include: ").append(YamlText.list(i.include())).append('\n');
    }
    if (i.predicate() != null) {
      y.append("        where: ").append(YamlText.blockScalar(casts.strip(i.predicate()))).append('\n');
    }
    if (!i.options().isEmpty()) {
      List<String> with = new ArrayList<>();
      for (String option : i.options()) {
        int eq = option.indexOf('=');
        String value = option.substring(eq + 1);
        with.add(YamlText.scalar(option.substring(0, eq)) + ": " + (value.matches("[0-9]+") ? value : YamlText.scalar(value)));
      }
      y.append("        with: { ").append(String.join(", ", with)).append(" }\n");
    }
    y.append("        reason: ").append(Importer.PLACEHOLDER).append('\n');
    y.append("        keep: ").append(Importer.PLACEHOLDER).append('\n');
  }

  /**
   * A key in the string form ({@code created_at desc}, {@code lower(email)}) when that reads
   * back unambiguously, in the mapping form otherwise (names with spaces or parentheses,
   * operator classes).
   */
  private static String key(LiveIndexKey k) {
    String order = k.descending() ? " desc" : "";
    String nulls = k.nullsFirst() == k.descending() ? "" : k.nullsFirst() ? " nulls first" : " nulls last";
    boolean simple = k.opclass() == null && (k.isExpression() ? k.expression().contains("(")
        : SIMPLE_KEY.matcher(k.column()).matches());
    if (simple) {
      return YamlText.scalar((k.isExpression() ? k.expression() : k.column()) + order + nulls);
    }
    List<String> parts = new ArrayList<>();
    parts.add(k.isExpression() ? "expression: " + YamlText.scalar(k.expression()) : "column: " + YamlText.scalar(k.column()));
    if (k.descending()) {
      parts.add("order: desc");
    }
    if (!nulls.isEmpty()) {
      parts.add("nulls: " + (k.nullsFirst() ? "first" : "last"));
    }
    if (k.opclass() != null) {
      parts.add("opclass: " + YamlText.scalar(k.opclass()));
    }
    return "{ " + String.join(", ", parts) + " }";
  }
}
