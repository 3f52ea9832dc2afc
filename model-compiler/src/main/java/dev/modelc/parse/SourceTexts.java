package dev.modelc.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded text of each model file, so renderers can show the offending source line. */
public final class SourceTexts {
  private final Map<String, String> texts = new java.util.concurrent.ConcurrentHashMap<>();

  /** The texts of both, for rendering diagnostics of two models together. */
  public static SourceTexts merge(SourceTexts a, SourceTexts b) {
    SourceTexts all = new SourceTexts();
    all.texts.putAll(a.texts);
    all.texts.putAll(b.texts);
    return all;
  }

  void put(String file, String text) {
    texts.put(file, text);
  }

  /** The 1-based {@code line} of {@code file}, without its line break. */
  public Optional<String> line(String file, int line) {
    String text = texts.get(file);
    if (text == null || line < 1) {
      return Optional.empty();
    }
    int start = 0;
    for (int current = 1; current < line; current++) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        return Optional.empty();
      }
      start = next + 1;
    }
    int end = text.indexOf('\n', start);
    String result = text.substring(start, end < 0 ? text.length() : end);
    return Optional.of(result.endsWith("\r") ? result.substring(0, result.length() - 1) : result);
  }
}
