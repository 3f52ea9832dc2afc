package dev.modelc.benchmarks;

import dev.modelc.compile.Compiler;
import dev.modelc.dialect.PostgresDdl;
import dev.modelc.example.payments.Charge;
import dev.modelc.example.payments.ChargeStatus;
import dev.modelc.example.payments.ChargesQueries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generated query methods against hand-written JDBC doing the same work (same SQL, same
 * binding, same row mapping into the same record), on one embedded PostgreSQL. The target is
 * generated <= 1.05x hand-written per call. Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar AccessorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessorBenchmark {
  static final String BY_ID = "SELECT id, merchant_id, customer_id, payment_method_id, amount, currency, status, failure_code, metadata, created_at, captured_at FROM charges WHERE id = ?";
  static final String RECENT = "SELECT id, merchant_id, customer_id, payment_method_id, amount, currency, status, failure_code, metadata, created_at, captured_at FROM charges WHERE merchant_id = ? AND created_at < ? ORDER BY created_at DESC LIMIT 100";
  static final String COUNT = "SELECT count(*) FROM charges WHERE merchant_id = ? AND created_at >= ?";

  EmbeddedPostgres postgres;
  Connection db;
  ChargesQueries generated;
  UUID merchant;
  UUID charge;
  OffsetDateTime now = OffsetDateTime.parse("2026-11-24T00:00:00Z");

  @Setup(Level.Trial)
  public void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    db = postgres.getPostgresDatabase().getConnection();
    var model = Compiler.compile(List.of(Path.of("example-models/payments"))).model().orElseThrow();
    try (Statement s = db.createStatement()) {
      s.execute(PostgresDdl.createSchema(model));
      merchant = UUID.randomUUID();
      s.execute("insert into merchants (id, name, country) values ('" + merchant + "', 'Bench', 'DE')");
      s.execute("insert into charges (merchant_id, amount, currency, created_at, metadata) select '" + merchant
          + "', g, 'EUR', timestamptz '2026-01-01' + g * interval '1 minute', '{\"k\": 1}' from generate_series(1, 20000) g");
      s.execute("analyze");
      try (ResultSet rs = s.executeQuery("select id from charges limit 1")) {
        rs.next();
        charge = rs.getObject(1, UUID.class);
      }
    }
    generated = new ChargesQueries(db);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    db.close();
    postgres.close();
  }

  @Benchmark
  public Optional<Charge> byIdGenerated() throws SQLException {
    return generated.chargeById(charge);
  }

  @Benchmark
  public Optional<Charge> byIdHandWritten() throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(BY_ID)) {
      ps.setObject(1, charge);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  @Benchmark
  public List<Charge> recentGenerated() throws SQLException {
    return generated.recentChargesForMerchant(merchant, now);
  }

  @Benchmark
  public List<Charge> recentHandWritten() throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(RECENT)) {
      ps.setObject(1, merchant);
      ps.setObject(2, now);
      try (ResultSet rs = ps.executeQuery()) {
        List<Charge> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(map(rs));
        }
        return rows;
      }
    }
  }

  @Benchmark
  public long countGenerated() throws SQLException {
    return generated.countChargesForMerchantSince(merchant, now.minusDays(30));
  }

  @Benchmark
  public long countHandWritten() throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(COUNT)) {
      ps.setObject(1, merchant);
      ps.setObject(2, now.minusDays(30));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Charge map(ResultSet rs) throws SQLException {
    return new Charge(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class), rs.getLong(5), rs.getString(6), ChargeStatus.fromDatabase(rs.getString(7)),
        rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class));
  }
}
