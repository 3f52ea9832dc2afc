package dev.modelc.apply;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a locking statement again after a lock timeout. Every statement of a step waits at most
 * the plan's {@code lock_timeout} for its lock (so it never queues the application's queries
 * behind it for longer); when it gives up (SQLSTATE 55P03), or loses a deadlock (40P01), the step
 * is rolled back and tried again after a jittered exponential delay: attempt {@code k} waits a
 * random time between half and all of {@code min(maxDelay, firstDelay * 2^(k-1))}. After
 * {@code retries} retries the last error stands. docs/apply.md gives the defaults and the bound.
 */
public final class LockRetry {
  /** How often and how long to wait: the plan's {@code lockRetries}, and delays from the command line. */
  public record Settings(int retries, Duration firstDelay, Duration maxDelay) {
    /** The longest all retries can wait between attempts (not counting the attempts' own lock waits). */
    public Duration maxTotalDelay() {
      Duration total = Duration.ZERO;
      for (int k = 1; k <= retries; k++) {
        total = total.plus(delayCap(k));
      }
      return total;
    }

    Duration delayCap(int attempt) {
      long millis = firstDelay.toMillis() << Math.min(30, attempt - 1);
      return Duration.ofMillis(Math.min(maxDelay.toMillis(), millis));
    }
  }

  /** One try of the work; it undoes itself (rolls back) before throwing. */
  @FunctionalInterface
  public interface Attempt {
    void run() throws SQLException;
  }

  /** Hears about each retry before its delay. */
  @FunctionalInterface
  public interface Listener {
    void retrying(int retry, int of, Duration delay, SQLException cause) throws SQLException;
  }

  private final Settings settings;

  public LockRetry(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Runs {@code attempt}, retrying on lock timeouts and deadlocks as described above. */
  public void run(Attempt attempt, Listener listener) throws SQLException, InterruptedException {
    for (int retry = 1; ; retry++) {
      try {
        attempt.run();
        return;
      } catch (SQLException e) {
        if (!retryable(e) || retry > settings.retries()) {
          throw e;
        }
        Duration delay = delay(retry);
        listener.retrying(retry, settings.retries(), delay, e);
        Thread.sleep(delay.toMillis());
      }
    }
  }

  /** The jittered delay before retry {@code k}. */
  Duration delay(int k) {
    long cap = settings.delayCap(k).toMillis();
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  /** Lock timeout and deadlock: the statement lost a race for a lock and may win the next one. */
  public static boolean retryable(SQLException e) {
    return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }
}
