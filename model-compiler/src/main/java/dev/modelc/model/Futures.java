package dev.modelc.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work run on another core, with its failures rethrown as they were thrown. */
public final class Futures {
  private Futures() {}

  /** The value of {@code f}; what went wrong in it is rethrown unwrapped, so callers see the real error. */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
