package dev.modelc.check;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Column;
import dev.modelc.model.Index;
import dev.modelc.model.Model;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes that PostgreSQL or the JVM cap (MC317): a row record's constructor and a query method
 * take at most 255 parameter slots (a {@code long} or {@code double} takes two, the receiver
 * one), an index has at most 32 columns including {@code include}, an enum at most
 * {@value #MAX_ENUM_VALUES} values (its generated initializer must fit a class file).
 */
final class LimitCheck {
  /** JVM limit on a method's parameter slots, minus the one {@code this} takes. */
  static final int MAX_PARAMETER_SLOTS = 254;
  /** PostgreSQL's INDEX_MAX_KEYS. */
  static final int MAX_INDEX_COLUMNS = 32;
  static final int MAX_ENUM_VALUES = 1000;

  private LimitCheck() {}

  static void check(Model model, Diagnostics out) {
    for (Table table : model.tables()) {
      int slots = slots(table.columns());
      if (slots > MAX_PARAMETER_SLOTS) {
        out.report(ReferenceCode.MC317, table.source(), "table '" + table.name() + "' has " + table.columns().size()
            + " columns, which need " + slots + " parameter slots in its Java record; the JVM allows "
            + MAX_PARAMETER_SLOTS + " (non-null bigint and double columns take two): split the table");
      }
      for (Index index : table.indexes()) {
        int n = index.columns().size() + index.include().size();
        if (n > MAX_INDEX_COLUMNS) {
          out.report(ReferenceCode.MC317, index.source(), "index '" + index.name() + "' has " + n
              + " columns (with 'include'); PostgreSQL allows " + MAX_INDEX_COLUMNS);
        }
      }
      for (Column c : table.columns()) {
        if (c.type().kind() == TypeKind.ENUM && c.type().enumValues().size() > MAX_ENUM_VALUES) {
          out.report(ReferenceCode.MC317, c.source(), "enum column '" + table.name() + "." + c.name() + "' has "
              + c.type().enumValues().size() + " values; at most " + MAX_ENUM_VALUES + " are supported");
        }
      }
    }
    for (QueryPattern q : model.queries()) {
      Optional<Table> table = model.table(q.table());
      if (table.isEmpty()) {
        continue;
      }
      List<Column> params = new ArrayList<>();
      if (q.kind() == QueryKind.INSERT && q.set().isEmpty()) {
        table.get().columns().stream().filter(c -> !c.filledByDatabase()).forEach(params::add);
      } else {
        q.set().forEach(s -> table.get().column(s).ifPresent(params::add));
      }
      for (Predicate p : q.where()) {
        if (p.isParameter()) {
          // an expression's parameter is typed like the column it reads (or its cast), never null
          Optional<Column> parameter = p.onExpression()
              ? dev.modelc.dialect.ExpressionTypes.parameterType(table.get(), p.column())
                  .map(t -> new Column(p.column(), t, false, null, false, null, null, q.source()))
              : table.get().column(p.column());
          parameter.ifPresent(c -> params.add(p.operator() == dev.modelc.model.Operator.IN
              ? new Column(c.name(), dev.modelc.model.ColumnType.of(TypeKind.TEXT), true, null, false, null, null, c.source())
              : c));
        }
      }
      int slots = slots(params);
      if (slots > MAX_PARAMETER_SLOTS) {
        out.report(ReferenceCode.MC317, q.source(), "query '" + q.name() + "' takes " + params.size()
            + " parameters, which need " + slots + " parameter slots in Java; the JVM allows " + MAX_PARAMETER_SLOTS);
      }
    }
  }

  /** Parameter slots of the Java values of {@code columns}: primitive long and double take two. */
  static int slots(List<Column> columns) {
    int slots = 0;
    for (Column c : columns) {
      TypeKind k = c.type().kind();
      slots += !c.nullable() && (k == TypeKind.BIGINT || k == TypeKind.DOUBLE) ? 2 : 1;
    }
    return slots;
  }
}
