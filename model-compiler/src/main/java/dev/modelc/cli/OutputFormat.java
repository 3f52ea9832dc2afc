package dev.modelc.cli;

/** How {@code check} prints diagnostics. */
public enum OutputFormat {
  text,
  json,
  sarif
}
