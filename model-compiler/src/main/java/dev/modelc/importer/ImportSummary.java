package dev.modelc.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import brought into the model and what it left unmanaged, per kind of object, with
 * the reasons: the table {@code modelc import} prints, and the figures the docs quote.
 */
public final class ImportSummary {
  /** One kind's figures: how many were imported, and how many were left unmanaged for each reason. */
  public static final class Count {
    private int imported;
    private final Map<String, Integer> unmanaged = new TreeMap<>();

    public int imported() {
      return imported;
    }

    public int unmanaged() {
      return unmanaged.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Reasons (why modelc left them) with how many objects each. */
    public Map<String, Integer> reasons() {
      return Map.copyOf(unmanaged);
    }
  }

  private final Map<String, Count> kinds = new LinkedHashMap<>();

  ImportSummary(List<String> order) {
    order.forEach(k -> kinds.put(k, new Count()));
  }

  void countImported(String kind) {
    kinds.computeIfAbsent(kind, k -> new Count()).imported++;
  }

  void countUnmanaged(String kind, String why) {
    kinds.computeIfAbsent(kind, k -> new Count()).unmanaged.merge(why, 1, Integer::sum);
  }

  /** Figures per kind, in a fixed order; kinds the database has none of are included with zeros. */
  public Map<String, Count> kinds() {
    return java.util.Collections.unmodifiableMap(kinds);
  }

  public int imported(String kind) {
    Count c = kinds.get(kind);
    return c == null ? 0 : c.imported;
  }

  public int unmanaged(String kind) {
    Count c = kinds.get(kind);
    return c == null ? 0 : c.unmanaged();
  }

  /** The summary as text lines: {@code  indexes: 120 imported, 1 left unmanaged (INVALID: ...)}. */
  public String render() {
    StringBuilder b = new StringBuilder();
    int width = kinds.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    kinds.forEach((kind, c) -> {
      if (c.imported == 0 && c.unmanaged.isEmpty()) {
        return;
      }
      b.append("  ").append(String.format("%-" + width + "s", kind + ":")).append(' ');
      b.append(c.imported).append(" imported");
      if (!c.unmanaged.isEmpty()) {
        b.append(", ").append(c.unmanaged()).append(" left unmanaged (");
        StringBuilder reasons = new StringBuilder();
        c.unmanaged.forEach((why, n) -> reasons.append(reasons.length() == 0 ? "" : "; ").append(n).append(": ").append(why));
        b.append(reasons).append(')');
      }
      b.append('\n');
    });
    return b.toString();
  }
}
