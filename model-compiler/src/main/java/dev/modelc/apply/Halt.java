package dev.modelc.apply;

import java.io.PrintStream;
import java.util.Set;

/**
 * Crash rehearsal (docs/apply.md, "Rehearsing a crash"): with the environment variable
 * {@code MODELC_APPLY_HALT_AT} set to a comma-separated list of points, apply prints
 * {@code modelc apply: halted at POINT} and stops there without exiting, so a game day can kill it
 * ({@code kill -9}) or the database at exactly that point and then check that a rerun completes.
 * Points: {@code step:N} (before step N runs, after its gates and approval; N from 1),
 * {@code after:N} (after step N is recorded), {@code batch:STEP-ID:K} (after batch K of a backfill
 * committed), {@code build:STEP-ID} (the concurrent build's statement is about to be sent).
 */
final class Halt {
  static final String VARIABLE = "MODELC_APPLY_HALT_AT";
  private final Set<String> points;
  private final PrintStream out;

  Halt(String spec, PrintStream out) {
    this.points = spec == null || spec.isBlank() ? Set.of() : Set.of(spec.trim().split("\\s*,\\s*"));
    this.out = out;
  }

  static Halt none() {
    return new Halt(null, System.err);
  }

  void at(String point) {
    if (points.contains(point)) {
      out.println("modelc apply: halted at " + point);
      out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
