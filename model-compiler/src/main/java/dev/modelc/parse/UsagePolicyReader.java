package dev.modelc.parse;

import dev.modelc.model.UsagePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code policy.usage:}: the window and what never counts as unused. */
final class UsagePolicyReader {
  static final List<String> KEYS =
      List.of("window", "ignorePrimaryKeys", "ignoreUnique", "ignoreSmallerThan", "unusedAtMostScans");
  private static final String WHAT = "'policy.usage'";
  private static final Pattern DAYS = Pattern.compile("(\\d{1,4})\\s*d");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|kB|MB|GB)");

  private UsagePolicyReader() {}

  static UsagePolicy read(NodeReader in, NodeReader.Entry e) {
    UsagePolicy defaults = UsagePolicy.defaults();
    Optional<Map<String, NodeReader.Entry>> m = in.mapping(e.value(), WHAT);
    if (m.isEmpty()) {
      return defaults;
    }
    Map<String, NodeReader.Entry> keys = m.get();
    in.rejectUnknownKeys(keys, KEYS, WHAT);
    int window = defaults.windowDays();
    if (keys.containsKey("window")) {
      Node node = keys.get("window").value();
      Optional<String> v = in.string(node, "'window' of " + WHAT);
      Matcher d = v.map(s -> DAYS.matcher(s.trim())).orElse(null);
      if (d != null && d.matches() && Integer.parseInt(d.group(1)) >= 1) {
        window = Integer.parseInt(d.group(1));
      } else if (v.isPresent()) {
        in.invalid(node, "'window' of " + WHAT + " must be a number of days from 1d to 9999d, such as 30d, not '"
            + v.get() + "'");
      }
    }
    long smaller = defaults.ignoreSmallerThanBytes();
    if (keys.containsKey("ignoreSmallerThan")) {
      Node node = keys.get("ignoreSmallerThan").value();
      Optional<String> v = in.string(node, "'ignoreSmallerThan' of " + WHAT);
      Matcher s = v.map(x -> SIZE.matcher(x.trim())).orElse(null);
      if (s != null && s.matches()) {
        long unit = switch (s.group(2)) {
          case "kB" -> 1024L;
          case "MB" -> 1024L * 1024;
          case "GB" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
        smaller = Long.parseLong(s.group(1)) * unit;
      } else if (v.isPresent()) {
        in.invalid(node, "'ignoreSmallerThan' of " + WHAT + " must be a size such as 0B, 512kB, 8MB or 1GB, not '"
            + v.get() + "'");
      }
    }
    long scans = defaults.unusedAtMostScans();
    if (keys.containsKey("unusedAtMostScans")) {
      Node node = keys.get("unusedAtMostScans").value();
      Optional<Long> v = in.integer(node, "'unusedAtMostScans' of " + WHAT);
      if (v.isPresent() && v.get() < 0) {
        in.invalid(node, "'unusedAtMostScans' of " + WHAT + " must not be negative");
      } else if (v.isPresent()) {
        scans = v.get();
      }
    }
    return new UsagePolicy(window, flag(in, keys, "ignorePrimaryKeys", defaults.ignorePrimaryKeys()),
        flag(in, keys, "ignoreUnique", defaults.ignoreUnique()), smaller, scans, in.at(e.keyNode()));
  }

  private static boolean flag(NodeReader in, Map<String, NodeReader.Entry> keys, String key, boolean fallback) {
    NodeReader.Entry e = keys.get(key);
    return e == null ? fallback : in.bool(e.value(), "'" + key + "' of " + WHAT).orElse(fallback);
  }
}
