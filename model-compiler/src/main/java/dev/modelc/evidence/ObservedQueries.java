package dev.modelc.evidence;

import dev.modelc.live.StatementStatistics;
import dev.modelc.model.JavaNames;
import dev.modelc.model.Model;
import dev.modelc.model.Operator;
import dev.modelc.model.OrderTerm;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Traffic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * {@code modelc usage queries}: the statements PostgreSQL actually ran, read as query patterns.
 * Each normalised single-table statement of {@code pg_stat_statements} is parsed (JSqlParser)
 * into a shape: table, kind, the columns of its conditions with their operators, its order, and
 * whether it has a limit. Shapes equal to a declared pattern's are that pattern; the others are
 * proposed as new patterns, with their observed rate as a traffic tier; declared patterns no
 * statement matched are listed as never seen. Literals and parameters look alike here
 * ({@code pg_stat_statements} replaces both with {@code $n}), so they are compared as one.
 */
public final class ObservedQueries {
  /** At least this many calls per second: critical traffic. */
  public static final double CRITICAL_PER_SECOND = 10;
  /** Fewer calls than one a minute, each taking a second or more: batch traffic. */
  public static final double BATCH_PER_SECOND = 1.0 / 60;

  /** One condition: a column and how it is compared. */
  public record Condition(String column, Operator operator) {}

  /** What a statement does, in the terms of a query pattern. */
  public record Shape(String table, QueryKind kind, List<Condition> where, List<String> orderBy, boolean limit,
      List<String> set) {
    public Shape {
      where = where.stream().sorted(Comparator.comparing(Condition::column).thenComparing(Condition::operator)).toList();
      orderBy = List.copyOf(orderBy);
      set = set.stream().sorted().toList();
    }

    /** The shape of a declared pattern (for an insert, its table alone). */
    public static Shape of(QueryPattern q) {
      List<Condition> where = q.where().stream().map(p -> new Condition(p.column(), p.operator())).toList();
      List<String> order = q.kind() == QueryKind.SELECT ? q.orderBy().stream().map(OrderTerm::toString).toList() : List.of();
      boolean limit = q.kind() == QueryKind.SELECT && q.limit() != null;
      return new Shape(q.table(), q.kind(), where, order, limit, q.kind() == QueryKind.UPDATE ? q.set() : List.of());
    }
  }

  /**
   * One shape as observed: the calls of every statement of that shape, their rows and mean time,
   * one example text, the declared patterns it is, and (when none) the name and tier proposed.
   */
  public record Observed(Shape shape, long calls, long rows, double meanMillis, String example, List<String> declared,
      String proposedName, Traffic proposedTraffic, double callsPerSecond) {
    public Observed {
      declared = List.copyOf(declared);
    }

    public boolean isDeclared() {
      return !declared.isEmpty();
    }
  }

  /** Everything observed, the declared patterns never seen, and how many statements were not single-table. */
  public record Report(String model, String database, StatementStatistics statistics, List<Observed> observed,
      List<QueryPattern> neverSeen, int skipped) {
    public Report {
      observed = List.copyOf(observed);
      neverSeen = List.copyOf(neverSeen);
    }

    public List<Observed> proposals() {
      return observed.stream().filter(o -> !o.isDeclared()).toList();
    }
  }

  private ObservedQueries() {}

  /** Compares the recorded statements with the model's query patterns. */
  public static Report compare(Model model, StatementStatistics statistics, String database) {
    Set<String> tables = new HashSet<>();
    model.tables().forEach(t -> tables.add(t.name()));
    double seconds = Math.max(1, statistics.period().toMillis() / 1000.0);
    Map<Shape, List<StatementStatistics.Statement>> byShape = new LinkedHashMap<>();
    int skipped = 0;
    for (StatementStatistics.Statement s : statistics.statements()) {
      Optional<Shape> shape = parse(s.query());
      if (shape.isEmpty() || !tables.contains(shape.get().table())) {
        skipped++;
        continue;
      }
      byShape.computeIfAbsent(shape.get(), k -> new ArrayList<>()).add(s);
    }
    Map<Shape, List<String>> declared = new LinkedHashMap<>();
    for (QueryPattern q : model.queries()) {
      declared.computeIfAbsent(Shape.of(q), k -> new ArrayList<>()).add(q.name());
    }
    Set<String> names = new HashSet<>();
    model.queries().forEach(q -> names.add(q.name()));
    List<Observed> observed = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<Shape, List<StatementStatistics.Statement>> e : byShape.entrySet()) {
      long calls = e.getValue().stream().mapToLong(StatementStatistics.Statement::calls).sum();
      long rows = e.getValue().stream().mapToLong(StatementStatistics.Statement::rows).sum();
      double total = e.getValue().stream().mapToDouble(StatementStatistics.Statement::totalMillis).sum();
      double mean = calls == 0 ? 0 : total / calls;
      List<String> matches = declared.getOrDefault(e.getKey(), List.of());
      seen.addAll(matches);
      double rate = calls / seconds;
      String name = matches.isEmpty() ? uniqueName(e.getKey(), names) : null;
      observed.add(new Observed(e.getKey(), calls, rows, mean, e.getValue().get(0).query(), matches, name,
          matches.isEmpty() ? tier(rate, mean) : null, rate));
    }
    List<QueryPattern> neverSeen = model.queries().stream().filter(q -> !seen.contains(q.name())).toList();
    return new Report(model.name(), database, statistics, observed, neverSeen, skipped);
  }

  /** critical from {@value #CRITICAL_PER_SECOND}/s; batch when rarer than one a minute and slow; else standard. */
  static Traffic tier(double callsPerSecond, double meanMillis) {
    if (callsPerSecond >= CRITICAL_PER_SECOND) {
      return Traffic.CRITICAL;
    }
    if (callsPerSecond < BATCH_PER_SECOND && meanMillis >= 1000) {
      return Traffic.BATCH;
    }
    return Traffic.STANDARD;
  }

  private static String uniqueName(Shape s, Set<String> taken) {
    String verb = switch (s.kind()) {
      case SELECT -> "find";
      case COUNT -> "count";
      case EXISTS -> "exists";
      case INSERT -> "insert";
      case UPDATE -> "update";
      case DELETE -> "delete";
    };
    StringBuilder b = new StringBuilder(verb).append(capitalize(JavaNames.field(s.table())));
    if (!s.where().isEmpty()) {
      b.append("By");
      s.where().stream().map(Condition::column).distinct()
          .forEach(c -> b.append(capitalize(JavaNames.field(c).replaceAll("_$", ""))));
    }
    String name = b.toString();
    String unique = name;
    for (int i = 2; !taken.add(unique); i++) {
      unique = name + i;
    }
    return unique;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The shape of one normalised statement; empty when it is not a simple single-table one. */
  public static Optional<Shape> parse(String sql) {
    Statement statement;
    try {
      statement = CCJSqlParserUtil.parse(sql);
    } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
      return Optional.empty();
    }
    try {
      if (statement instanceof PlainSelect select) {
        return select(select);
      }
      if (statement instanceof Update update) {
        if ((update.getJoins() != null && !update.getJoins().isEmpty()) || update.getFromItem() != null || update.getTable() == null) {
          return Optional.empty();
        }
        List<String> set = new ArrayList<>();
        for (UpdateSet u : update.getUpdateSets()) {
          u.getColumns().forEach(c -> set.add(name(c.getColumnName())));
        }
        return conditions(update.getWhere()).map(w -> new Shape(name(update.getTable()), QueryKind.UPDATE, w,
            List.of(), false, set));
      }
      if (statement instanceof Delete delete) {
        if ((delete.getJoins() != null && !delete.getJoins().isEmpty()) || (delete.getUsingList() != null && !delete.getUsingList().isEmpty())) {
          return Optional.empty();
        }
        return conditions(delete.getWhere()).map(w -> new Shape(name(delete.getTable()), QueryKind.DELETE, w,
            List.of(), false, List.of()));
      }
      if (statement instanceof Insert insert) {
        if (insert.getSelect() != null && !(insert.getSelect() instanceof net.sf.jsqlparser.statement.select.Values)
            && insert.getSelect().getPlainSelect() != null && insert.getSelect().getPlainSelect().getFromItem() != null) {
          return Optional.empty(); // INSERT ... SELECT ... FROM: not a row the application provides
        }
        return Optional.of(new Shape(name(insert.getTable()), QueryKind.INSERT, List.of(), List.of(), false, List.of()));
      }
    } catch (UnsupportedOperationException e) {
      // JSqlParser's statement model throws this for forms it parses but cannot describe (some
      // INSERT and UPDATE variants): such a statement has no single-table shape to propose
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Shape> select(PlainSelect select) {
    if (!(select.getFromItem() instanceof Table table) || (select.getJoins() != null && !select.getJoins().isEmpty())
        || select.getGroupBy() != null || select.getDistinct() != null) {
      if (select.getFromItem() == null && select.getSelectItems().size() == 1
          && select.getSelectItems().get(0).getExpression() instanceof ExistsExpression exists
          && exists.getRightExpression() instanceof ParenthesedSelect inner
          && inner.getSelect() instanceof PlainSelect sub && sub.getFromItem() instanceof Table t
          && (sub.getJoins() == null || sub.getJoins().isEmpty())) {
        return conditions(sub.getWhere()).map(w -> new Shape(name(t), QueryKind.EXISTS, w, List.of(), false, List.of()));
      }
      return Optional.empty();
    }
    boolean count = select.getSelectItems().size() == 1 && isCountStar(select.getSelectItems().get(0));
    Optional<List<Condition>> where = conditions(select.getWhere());
    if (where.isEmpty()) {
      return Optional.empty();
    }
    List<String> order = new ArrayList<>();
    if (!count && select.getOrderByElements() != null) {
      for (OrderByElement o : select.getOrderByElements()) {
        if (!(o.getExpression() instanceof Column c)) {
          return Optional.empty();
        }
        order.add(name(c.getColumnName()) + (o.isAsc() ? "" : " desc"));
      }
    }
    boolean limit = !count && select.getLimit() != null;
    return Optional.of(new Shape(name(table), count ? QueryKind.COUNT : QueryKind.SELECT, where.get(), order, limit,
        List.of()));
  }

  private static boolean isCountStar(SelectItem<?> item) {
    if (!(item.getExpression() instanceof Function f) || f.getName() == null || !f.getName().equalsIgnoreCase("count")) {
      return false;
    }
    return f.isAllColumns() || (f.getParameters() != null && f.getParameters().size() == 1
        && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns);
  }

  /** The conjunction's conditions; empty when any part is not {@code column op value}. */
  private static Optional<List<Condition>> conditions(Expression where) {
    List<Condition> out = new ArrayList<>();
    if (where == null) {
      return Optional.of(out);
    }
    return collect(where, out) ? Optional.of(out) : Optional.empty();
  }

  private static boolean collect(Expression e, List<Condition> out) {
    if (e instanceof net.sf.jsqlparser.expression.Parenthesis p) {
      return collect(p.getExpression(), out);
    }
    if (e instanceof AndExpression and) {
      return collect(and.getLeftExpression(), out) && collect(and.getRightExpression(), out);
    }
    if (e instanceof IsNullExpression n && n.getLeftExpression() instanceof Column c) {
      out.add(new Condition(name(c.getColumnName()), n.isNot() ? Operator.IS_NOT_NULL : Operator.IS_NULL));
      return true;
    }
    if (e instanceof net.sf.jsqlparser.expression.operators.relational.LikeExpression like
        && like.getLeftExpression() instanceof Column c && !like.isNot()) {
      boolean ilike = like.isCaseInsensitive() || like.getLikeKeyWord().name().equals("ILIKE");
      out.add(new Condition(name(c.getColumnName()), ilike ? Operator.ILIKE : Operator.LIKE));
      return true;
    }
    if (e instanceof InExpression in && in.getLeftExpression() instanceof Column c && !in.isNot()) {
      out.add(new Condition(name(c.getColumnName()), Operator.IN));
      return true;
    }
    if (e instanceof net.sf.jsqlparser.expression.BinaryExpression b && b.getLeftExpression() instanceof Column c
        && !(b.getRightExpression() instanceof Column)) {
      Operator op;
      if (e instanceof EqualsTo) {
        op = isAny(b.getRightExpression()) ? Operator.IN : Operator.EQ;
      } else if (e instanceof NotEqualsTo) {
        op = Operator.NE;
      } else if (e instanceof MinorThan) {
        op = Operator.LT;
      } else if (e instanceof MinorThanEquals) {
        op = Operator.LE;
      } else if (e instanceof GreaterThan) {
        op = Operator.GT;
      } else if (e instanceof GreaterThanEquals) {
        op = Operator.GE;
      } else {
        return false;
      }
      out.add(new Condition(name(c.getColumnName()), op));
      return true;
    }
    return false;
  }

  /** {@code = ANY ($1)} and {@code = ANY (CAST($1 AS t[]))}: an {@code in} condition bound as an array. */
  private static boolean isAny(Expression right) {
    if (right instanceof Function f) {
      return f.getName() != null && f.getName().equalsIgnoreCase("any");
    }
    return right.getClass().getSimpleName().equals("AnyComparisonExpression");
  }

  private static String name(Table t) {
    return name(t.getName());
  }

  private static String name(String identifier) {
    String s = Objects.requireNonNull(identifier);
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** The predicate a proposal writes for a condition: the operator alone (the value is a parameter). */
  static Predicate predicate(Condition c) {
    return new Predicate(c.column(), c.operator(), null, dev.modelc.model.SourceRef.NONE);
  }
}
