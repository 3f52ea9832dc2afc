package dev.modelc.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.compile.Compilation;
import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.dialect.PostgresQuerySql;
import dev.modelc.live.Database;
import dev.modelc.live.StatementStatistics;
import dev.modelc.model.Column;
import dev.modelc.model.JavaNames;
import dev.modelc.model.Model;
import dev.modelc.model.Predicate;
import dev.modelc.model.QueryKind;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.Table;
import dev.modelc.model.Traffic;
import dev.modelc.render.ObservedQueriesRenderer;
import dev.modelc.testing.Cli;
import dev.modelc.testing.Postgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code modelc usage queries} recovers the example models' query patterns from a workload run
 * through their generated accessors: every declared pattern is seen (recall), every statement
 * shape on the model's tables is a declared pattern (precision), and a model missing some
 * patterns gets exactly those proposed, critical ones as critical by their rate.
 */
class UsageQueriesTest {
  static final int CRITICAL_CALLS = 60;
  static final int OTHER_CALLS = 4;

  @ParameterizedTest
  @ValueSource(strings = {"payments", "logistics"})
  void recoversTheDeclaredPatternsFromTheStatementsThatRan(String example) throws Exception {
    Path path = Path.of("..", "example-models", example);
    Compilation c = Compiler.compile(List.of(path));
    Model model = c.model().orElseThrow();
    String url = Postgres.freshDatabase("queries_" + example);
    try (Connection admin = Postgres.connect(url); Statement s = admin.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute(PostgresDdl.createSchema(model));
      // the workload binds random keys: no parent rows are needed for it
      s.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint"
          + " WHERE contype = 'f' AND connamespace = 'public'::regnamespace LOOP"
          + " EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END LOOP; END $$");
      s.execute("SELECT pg_stat_statements_reset()");
    }
    int failures;
    try (Connection app = Postgres.connect(url)) {
      failures = workload(model, example, app);
    }
    assertEquals(0, failures, "every accessor call succeeds");
    StatementStatistics stats;
    try (Connection reader = Database.of(url, "postgres", null).connect(Database.Access.READ_ONLY, 30_000)) {
      stats = StatementStatistics.read(reader);
    }
    ObservedQueries.Report full = ObservedQueries.compare(model, stats, example);
    long declaredSeen = model.queries().size() - full.neverSeen().size();
    long observedDeclared = full.observed().stream().filter(ObservedQueries.Observed::isDeclared).count();
    double recall = (double) declaredSeen / model.queries().size();
    double precision = (double) observedDeclared / full.observed().size();
    System.out.printf(Locale.ROOT, "usage queries on %s: %d declared patterns, %d seen (recall %.3f); %d observed"
        + " shapes, %d declared (precision %.3f); %d statements skipped%n", example, model.queries().size(), declaredSeen,
        recall, full.observed().size(), observedDeclared, precision, full.skipped());
    assertEquals(List.of(), full.neverSeen().stream().map(QueryPattern::name).toList(), ObservedQueriesRenderer.yaml(full));
    assertEquals(List.of(), full.proposals().stream().map(ObservedQueries.Observed::example).toList());

    // A model that lacks some patterns gets them proposed, with the rate's tier.
    List<QueryPattern> removed = new ArrayList<>();
    List<QueryPattern> kept = new ArrayList<>();
    for (int i = 0; i < model.queries().size(); i++) {
      (i % 3 == 0 ? removed : kept).add(model.queries().get(i));
    }
    Model lacking = new Model(model.name(), model.database(), model.tables(), kept, model.retired(), model.policy(),
        model.source());
    ObservedQueries.Report partial = ObservedQueries.compare(lacking, stats, example);
    Set<ObservedQueries.Shape> expected = removed.stream().map(ObservedQueries.Shape::of)
        .filter(s -> kept.stream().noneMatch(k -> ObservedQueries.Shape.of(k).equals(s))).collect(Collectors.toSet());
    Set<ObservedQueries.Shape> proposed = partial.proposals().stream().map(ObservedQueries.Observed::shape)
        .collect(Collectors.toSet());
    assertEquals(expected, proposed, ObservedQueriesRenderer.yaml(partial));
    for (ObservedQueries.Observed o : partial.proposals()) {
      boolean critical = removed.stream().anyMatch(q -> ObservedQueries.Shape.of(q).equals(o.shape())
          && q.traffic() == Traffic.CRITICAL);
      assertEquals(critical, o.proposedTraffic() == Traffic.CRITICAL, o + "\n" + ObservedQueriesRenderer.yaml(partial));
    }
    String yaml = ObservedQueriesRenderer.yaml(partial);
    assertTrue(yaml.contains("    traffic: critical"), yaml);

    // the command line: the full model has nothing to propose
    Cli.Result cli = Cli.run("usage", "queries", path.toString(), "--url", url + "&user=postgres");
    assertEquals(0, cli.exitCode(), cli.all());
  }

  /** Calls every query's accessor: critical ones {@value #CRITICAL_CALLS} times, others {@value #OTHER_CALLS}. */
  private static int workload(Model model, String example, Connection app) throws Exception {
    Random random = new Random(7);
    int failures = 0;
    for (QueryPattern q : model.queries()) {
      Table table = model.table(q.table()).orElseThrow();
      Class<?> queries = Class.forName("dev.modelc.example." + example + "." + JavaNames.queries(table.name()));
      Object accessor = queries.getConstructor(Connection.class).newInstance(app);
      Method method = null;
      for (Method m : queries.getMethods()) {
        if (m.getName().equals(q.name())) {
          method = m;
        }
      }
      List<Column> columns = parameterColumns(table, q);
      int calls = q.traffic() == Traffic.CRITICAL ? CRITICAL_CALLS : OTHER_CALLS;
      for (int i = 0; i < calls; i++) {
        Object[] args = new Object[method.getParameterCount()];
        for (int p = 0; p < args.length; p++) {
          Class<?> type = method.getParameterTypes()[p];
          Object value = sample(columns.get(p), enumTypeOf(method, p, type), random);
          args[p] = java.util.Collection.class.isAssignableFrom(type) ? List.of(value, sample(columns.get(p),
              enumTypeOf(method, p, type), random)) : value;
        }
        try {
          method.invoke(accessor, args);
        } catch (InvocationTargetException e) {
          failures++;
          System.out.println(q.name() + ": " + e.getCause().getMessage());
        }
      }
    }
    return failures;
  }

  /** The column of each bound parameter, in the accessor's order (PostgresQuerySql's). */
  private static List<Column> parameterColumns(Table table, QueryPattern q) {
    List<Column> out = new ArrayList<>();
    if (q.kind() == QueryKind.INSERT) {
      out.addAll(PostgresQuerySql.insertedColumns(table, q));
    } else if (q.kind() == QueryKind.UPDATE) {
      q.set().forEach(n -> out.add(table.column(n).orElseThrow()));
    }
    for (Predicate p : q.where()) {
      if (!p.operator().isUnary() && p.literal() == null) {
        out.add(table.column(p.column()).orElseThrow());
      }
    }
    return out;
  }

  private static Class<?> enumTypeOf(Method m, int p, Class<?> type) {
    if (java.util.Collection.class.isAssignableFrom(type)) {
      var generic = (java.lang.reflect.ParameterizedType) m.getGenericParameterTypes()[p];
      return (Class<?>) generic.getActualTypeArguments()[0];
    }
    return type;
  }

  private static Object sample(Column c, Class<?> javaType, Random random) {
    if (javaType.isEnum()) {
      Object[] constants = javaType.getEnumConstants();
      return constants[random.nextInt(constants.length)];
    }
    return switch (c.type().kind()) {
      case TEXT, VARCHAR, CHAR -> {
        int length = c.type().length() == null ? 12 : Math.min(12, c.type().length());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
          b.append((char) ('a' + random.nextInt(26)));
        }
        yield b.toString();
      }
      case JSON, JSONB -> "{\"k\": " + random.nextInt(100) + "}";
      case UUID -> new UUID(random.nextLong(), random.nextLong());
      case SMALLINT -> (short) (1 + random.nextInt(100));
      case INT -> 1 + random.nextInt(1_000_000);
      case BIGINT -> 1L + random.nextInt(1_000_000);
      case NUMERIC -> BigDecimal.valueOf(1 + random.nextInt(10_000), 2);
      case REAL -> (float) random.nextDouble();
      case DOUBLE -> random.nextDouble();
      case BOOL -> random.nextBoolean();
      case DATE -> LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
      case TIME -> LocalTime.of(random.nextInt(24), random.nextInt(60));
      case TIMESTAMP -> LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(random.nextInt(500_000));
      case TIMESTAMPTZ -> OffsetDateTime.parse("2026-01-01T00:00:00Z").plusMinutes(random.nextInt(500_000));
      case BYTES -> {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        yield bytes;
      }
      case ENUM -> throw new IllegalStateException("enum columns bind their Java enum");
      default -> throw new IllegalStateException("the example models have no " + c.type().kind() + " column");
    };
  }
}
