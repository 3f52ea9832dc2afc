package dev.modelc.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates model files the way hostile or careless input does: YAML punctuation and structure,
 * tags and aliases, control bytes, numbers at and past every limit, names that are keywords,
 * text that breaks comments, SQL that is not a literal; plus byte-level edits (insert, delete,
 * duplicate, swap lines, flip bits). Deterministic for a seed.
 */
final class Mutator {
  static final List<String> DICTIONARY = List.of(":", " ", "\n", "\n  ", "\n      ", "{", "}", "[", "]", ",", "\"", "'",
      "#", "&a ", "*a", "!foo ", "!!binary ", "!<tag:x,2024:y> ", "---\n", "...\n", "- ", "? ", "| ", "> ", "\t", "\u0000",
      "\u007f", "\u0001", "\r", "\uFEFF", "99999999999", "-1", "0", "2147483647", "2147483648", "9223372036854775807",
      "9223372036854775808", "1_000", "varchar(", "varchar(0)", "char(2147483648)", "numeric(1000,1000)", "numeric(99999999999,2)",
      "*/", "\\u", "\\u000a", "C:\\users", "é", "😀", "_", "__", "_1", "class", "hashCode", "toString", "wait", "rows", "ps",
      "rs", "connection", "json", "jsonb", "enum", "bytes", "values: [a-b, a_b]", "values: [_, é, \"\"]", "default: ",
      "where: ", "\"= 1; DROP TABLE t; --\"", "\"==\"", "in", "\"is null\"", "primaryKey: true", "references: ", "unique: true",
      "kind: insert", "kind: update", "set: []", "returns: [id, id]", "checks:\n      c: { expression: \"(a\" }",
      "indexes:\n      i: { columns: [id], reason: r }", "expression: ", "<<: *a", "~", "null", "true", ".inf", "0x1F",
      "1e400", "0o17", "select", "orders_pkey", "limit: 0", "rows: -5", "lockTimeout: 99999999999s", "%s", "%n", "${x}",
      "tables:", "queries:", "columns:", "model: ", "{ type: text }", "type: int", "nullable: true", "traffic: critical",
      "description: \"*/ \\\\u0041 {@code\"", "owner: '@param'", "renamedFrom: ", "retired:", "policy:");

  private final Random random;

  Mutator(long seed) {
    this.random = new Random(seed);
  }

  byte[] mutate(byte[] input) {
    byte[] out = input;
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      out = once(out);
    }
    return out;
  }

  private byte[] once(byte[] in) {
    int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
    switch (random.nextInt(8)) {
      case 0, 1, 2 -> {
        return insert(in, at, DICTIONARY.get(random.nextInt(DICTIONARY.size())).getBytes(StandardCharsets.UTF_8));
      }
      case 3 -> {
        if (in.length == 0) {
          return in;
        }
        int len = 1 + random.nextInt(Math.min(32, in.length));
        int from = random.nextInt(in.length - len + 1);
        byte[] out = new byte[in.length - len];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, from + len, out, from, in.length - from - len);
        return out;
      }
      case 4 -> {
        if (in.length == 0) {
          return in;
        }
        int len = 1 + random.nextInt(Math.min(64, in.length));
        int from = random.nextInt(in.length - len + 1);
        return insert(in, at, Arrays.copyOfRange(in, from, from + len));
      }
      case 5 -> {
        List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.UTF_8).split("\n", -1)));
        if (lines.size() > 1) {
          int a = random.nextInt(lines.size());
          int b = random.nextInt(lines.size());
          if (random.nextBoolean()) {
            String t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
          } else {
            lines.add(a, lines.get(b));
          }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      }
      case 6 -> {
        if (in.length == 0) {
          return in;
        }
        byte[] out = in.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
      }
      default -> {
        return insert(in, at, new byte[] {(byte) random.nextInt(256)});
      }
    }
  }

  private static byte[] insert(byte[] in, int at, byte[] what) {
    byte[] out = new byte[in.length + what.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(in, at, out, at + what.length, in.length - at);
    return out;
  }
}
