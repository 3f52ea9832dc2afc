package dev.modelc.benchmarks;

import dev.modelc.evidence.UsageHistory;
import dev.modelc.evidence.UsageHistory.Snapshot;
import dev.modelc.evidence.UsageRecorder;
import dev.modelc.live.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code modelc usage record} on a database of 2,000 tables, each with a primary key and two
 * secondary indexes (6,000 indexes), some of them scanned: one snapshot of the node (connect
 * read-only, read the index and table statistics and sizes) and its history line. Run from the
 * repository root: {@code java -jar benchmarks/target/benchmarks.jar UsageRecordBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UsageRecordBenchmark {
  @Param({"2000"})
  int tables;

  EmbeddedPostgres postgres;
  Database database;

  @Setup(Level.Trial)
  public void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (int t = 0; t < tables; t++) {
        s.addBatch("CREATE TABLE t" + t + " (id bigint PRIMARY KEY, account_id bigint, created_at timestamptz)");
        s.addBatch("CREATE INDEX t" + t + "_account ON t" + t + " (account_id)");
        s.addBatch("CREATE INDEX t" + t + "_created ON t" + t + " (created_at)");
        if (t % 10 == 0) {
          s.addBatch("INSERT INTO t" + t + " SELECT g, g % 10, now() FROM generate_series(1, 100) g");
        }
      }
      s.executeBatch();
      s.execute("SET enable_seqscan = off");
      for (int t = 0; t < tables; t += 10) {
        s.executeQuery("SELECT count(*) FROM t" + t + " WHERE id = 1").close(); // some indexes have scans
      }
    }
    database = Database.of(url, "postgres", null);
    Snapshot check = UsageRecorder.snapshot("primary", database, 60_000);
    if (check.statistics().indexes().size() < 3 * tables) {
      throw new IllegalStateException("expected " + 3 * tables + " indexes, read " + check.statistics().indexes().size());
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    postgres.close();
  }

  @Benchmark
  public String record() throws Exception {
    return UsageHistory.line(UsageRecorder.snapshot("primary", database, 60_000));
  }
}
