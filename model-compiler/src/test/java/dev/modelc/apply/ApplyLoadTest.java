package dev.modelc.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelc.example.load.ChargeStatus;
import dev.modelc.example.load.ChargesQueries;
import dev.modelc.testing.Cli;
import dev.modelc.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Game day under load: client threads run the generated accessors of the incident scenario
 * (reads of the critical dashboard query and of single charges, writes of new charges and their
 * settlement) at a fixed rate, before, throughout and after {@code modelc apply} replaces the
 * index on a table of 1,000,000 rows (build concurrently, deploy, usage evidence, drop, rename).
 * It reports the failed client transactions (which must be 0), the latency percentiles per phase,
 * and the longest time a client waited on a lock held by apply (sampled from pg_locks every 10 ms).
 */
class ApplyLoadTest {
  static final int ROWS = 1_000_000;
  static final int READERS = 3;
  static final int WRITERS = 1;
  /** Each client starts a transaction every 10 ms: 400 transactions per second in all. */
  static final long INTERVAL_NANOS = 10_000_000L;
  static final long PHASE_MILLIS = 3_000;

  @TempDir
  Path temp;

  /** Warm-up (connections, JIT) is measured but not reported. */
  enum Phase { WARMUP, BEFORE, DURING, AFTER }

  @Test
  void clientsSeeNoFailedTransactionAndNoLongLockWaitWhileTheIndexIsReplaced() throws Exception {
    try (PostgresCluster cluster = PostgresCluster.start(1)) {
      String db = cluster.createDatabase("load");
      String url = cluster.primary().jdbcUrl(db);
      long t0 = System.nanoTime();
      GameDay.seed(url, GameDay.INCIDENT, ROWS);
      try (Connection c = GameDay.connect(url); Statement s = c.createStatement()) {
        s.execute("VACUUM (ANALYZE) charges"); // as a live table would be: the visibility map is set
      }
      cluster.waitForReplay();
      long seeded = (System.nanoTime() - t0) / 1_000_000;
      Path plan = GameDay.writePlan(GameDay.INCIDENT, temp.resolve("plan"));
      ReviewedPlan reviewed = PlanReader.read(plan).plan();
      Path approvals = temp.resolve("approvals.yaml");
      Files.writeString(approvals, "plan: " + reviewed.hash() + "\napprovals:\n  - by: oncall\n    steps: ["
          + String.join(", ", reviewed.steps().stream().filter(PlanStep::approvalRequired).map(PlanStep::id).toList()) + "]\n");

      Load load = new Load(url);
      load.start();
      Thread.sleep(2_000);
      load.phase.set(Phase.BEFORE);
      Thread.sleep(PHASE_MILLIS);
      load.phase.set(Phase.DURING);
      long applyStart = System.nanoTime();
      List<String> base = List.of("apply", plan.toString(), "--url", url, "--replica", cluster.replica().jdbcUrl(db), "--approvals",
          approvals.toString(), "--progress", "plain", "--stats-settle", "1500ms");
      Cli.Result expand = run(base, "--until", "deploy");
      assertEquals(0, expand.exitCode(), expand.all());
      Cli.Result confirm = run(base, "--deployed", "--usage-window", "1h");
      assertEquals(4, confirm.exitCode(), "the usage gate waits for its evidence: " + confirm.all());
      Thread.sleep(2_000);
      Cli.Result contract = run(base, "--usage-window", "2s");
      assertEquals(0, contract.exitCode(), contract.all());
      long applyMillis = (System.nanoTime() - applyStart) / 1_000_000;
      load.phase.set(Phase.AFTER);
      Thread.sleep(PHASE_MILLIS);
      load.stop();

      String report = load.report(applyMillis, seeded);
      System.out.println(report);
      assertEquals(0, load.failed.get(), "failed client transactions\n" + report + load.errors);
      assertTrue(load.count(Phase.DURING) > 1000, "clients kept working during apply\n" + report);
      assertTrue(load.longestLockWaitMillis.get() < 1000, "no client waited long on apply's locks\n" + report);
      try (Connection c = GameDay.connect(url)) {
        assertEquals(ROWS + load.inserted.get(), GameDay.count(c, "SELECT count(*) FROM charges"), "no row is lost");
        assertTrue(GameDay.text(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'charges_merchant_created'").contains("INCLUDE"),
            "the replacement took the name");
        assertEquals(0, GameDay.count(c, "SELECT count(*) FROM pg_indexes WHERE indexname = 'charges_merchant_created__new'"));
      }
    }
  }

  private static Cli.Result run(List<String> base, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The clients, their measurements, and the lock sampler. */
  static final class Load {
    final String url;
    final AtomicReference<Phase> phase = new AtomicReference<>(Phase.WARMUP);
    final AtomicLong failed = new AtomicLong();
    final AtomicLong inserted = new AtomicLong();
    final AtomicLong longestLockWaitMillis = new AtomicLong();
    final Map<Phase, List<Long>> latencies = new ConcurrentHashMap<>();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> threads = new ArrayList<>();
    volatile boolean running = true;

    Load(String url) {
      this.url = url;
      for (Phase p : Phase.values()) {
        latencies.put(p, Collections.synchronizedList(new ArrayList<>()));
      }
    }

    void start() {
      for (int i = 0; i < READERS + WRITERS; i++) {
        boolean writer = i >= READERS;
        threads.add(new Thread(() -> client(writer), "load-" + i));
      }
      threads.add(new Thread(this::sampleLocks, "lock-sampler"));
      threads.forEach(Thread::start);
    }

    void stop() throws InterruptedException {
      running = false;
      for (Thread t : threads) {
        t.join(30_000);
      }
    }

    long count(Phase p) {
      return latencies.get(p).size();
    }

    /** One client: a transaction every interval, timed from when it was due (a late start counts against it). */
    private void client(boolean writer) {
      Properties props = new Properties();
      props.setProperty("user", "postgres");
      props.setProperty("ApplicationName", "load-client");
      try (Connection c = DriverManager.getConnection(url, props)) {
        c.setAutoCommit(false);
        ChargesQueries charges = new ChargesQueries(c);
        long due = System.nanoTime();
        while (running) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          Phase p = phase.get();
          try {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            UUID merchant = UUID.fromString(String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", 1 + r.nextInt(GameDay.MERCHANTS)));
            if (writer) {
              UUID id = UUID.randomUUID();
              charges.createCharge(id, merchant, r.nextLong(1, 1_000_000), "EUR");
              charges.settleCharge(ChargeStatus.SUCCEEDED, id);
            } else {
              charges.recentChargesForMerchant(merchant);
              charges.chargeById(UUID.fromString(String.format(Locale.ROOT, "00000000-0000-0000-0001-%012d", 1 + r.nextInt(ROWS))));
            }
            c.commit();
            if (writer) {
              inserted.incrementAndGet();
            }
            latencies.get(p).add(System.nanoTime() - due);
          } catch (SQLException e) {
            failed.incrementAndGet();
            errors.add(p + ": " + e.getMessage());
            try {
              c.rollback();
            } catch (SQLException ignored) {
              // the connection is gone; the next transaction reports it again
            }
          }
          due += INTERVAL_NANOS;
        }
      } catch (SQLException | InterruptedException e) {
        failed.incrementAndGet();
        errors.add("client: " + e);
      }
    }

    /** Every 10 ms: how long each client waiting on a lock held by an apply session has been waiting. */
    private void sampleLocks() {
      try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
        while (running) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
              "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - w.state_change) * 1000), 0)::bigint FROM pg_stat_activity w "
                  + "WHERE w.application_name = 'load-client' AND w.wait_event_type = 'Lock' AND EXISTS (SELECT 1 FROM "
                  + "unnest(pg_blocking_pids(w.pid)) b JOIN pg_stat_activity h ON h.pid = b WHERE h.application_name LIKE 'modelc apply%')")) {
            rs.next();
            longestLockWaitMillis.accumulateAndGet(rs.getLong(1), Math::max);
          }
          Thread.sleep(10);
        }
      } catch (SQLException | InterruptedException e) {
        errors.add("sampler: " + e);
      }
    }

    String report(long applyMillis, long seededMillis) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "apply under load: %,d rows (seeded in %.1f s); %d clients at %d transactions/s "
          + "each; apply took %.1f s; failed client transactions: %d; longest client wait on a lock held by apply: %d ms%n",
          ROWS, seededMillis / 1000.0, READERS + WRITERS, 1_000_000_000L / INTERVAL_NANOS, applyMillis / 1000.0, failed.get(),
          longestLockWaitMillis.get()));
      for (Phase p : List.of(Phase.BEFORE, Phase.DURING, Phase.AFTER)) {
        List<Long> l = new ArrayList<>(latencies.get(p));
        Collections.sort(l);
        if (l.isEmpty()) {
          continue;
        }
        b.append(String.format(Locale.ROOT, "  %-6s %,6d transactions: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", p.name().toLowerCase(Locale.ROOT),
            l.size(), l.get(l.size() / 2) / 1e6, l.get((int) Math.min(l.size() - 1, Math.ceil(l.size() * 0.99) - 1)) / 1e6,
            l.get(l.size() - 1) / 1e6));
      }
      return b.toString();
    }
  }
}
