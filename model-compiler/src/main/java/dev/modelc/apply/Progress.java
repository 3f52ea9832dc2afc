package dev.modelc.apply;

import java.io.PrintWriter;

/**
 * What apply tells the operator while it works. On a terminal a long step keeps one live line
 * up to date (rewritten in place); otherwise (a CI log, a pipe) it prints plain lines, a progress
 * line at most every few seconds so logs stay readable.
 */
final class Progress {
  private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
  private final PrintWriter out;
  private final boolean live;
  private int liveWidth;
  private long lastPlain;

  Progress(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  boolean isLive() {
    return live;
  }

  /** A line of its own. */
  synchronized void line(String text) {
    clearLive();
    out.println(text);
    out.flush();
  }

  /** The current state of a long step: rewritten in place on a terminal, an occasional line otherwise. */
  synchronized void update(String text) {
    if (live) {
      String padded = text.length() < liveWidth ? text + " ".repeat(liveWidth - text.length()) : text;
      out.print("\r" + padded);
      out.flush();
      liveWidth = text.length();
      return;
    }
    long now = System.nanoTime();
    if (lastPlain == 0 || now - lastPlain >= PLAIN_INTERVAL_NANOS) {
      out.println(text);
      out.flush();
      lastPlain = now;
    }
  }

  /** The long step is over: its last state stays on screen (or in the log) as a line. */
  synchronized void done(String text) {
    if (live) {
      update(text);
      out.println();
      out.flush();
      liveWidth = 0;
    } else {
      out.println(text);
      out.flush();
    }
    lastPlain = 0;
  }

  private void clearLive() {
    if (live && liveWidth > 0) {
      out.print("\r" + " ".repeat(liveWidth) + "\r");
      liveWidth = 0;
    }
  }
}
