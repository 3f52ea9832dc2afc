package dev.modelc.apply;

import dev.modelc.live.Database;
import dev.modelc.live.NodeStatistics;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes whose statistics the usage gates read: the primary apply changes, and every replica
 * named with {@code --replica} (each serves reads and keeps statistics of its own). A node is
 * known by "primary HOST:PORT/DB" or "replica HOST:PORT/DB" in messages and in the journal.
 */
final class Nodes {
  private static final long READ_TIMEOUT_MILLIS = 30_000;

  record Node(String name, Database database) {}

  private final List<Node> all = new ArrayList<>();

  Nodes(Database primary, List<Database> replicas) {
    all.add(new Node("primary " + primary.describe(), primary));
    for (Database r : replicas) {
      all.add(new Node("replica " + r.describe(), r));
    }
  }

  List<Node> all() {
    return List.copyOf(all);
  }

  /** Reads every node; a node that cannot be read goes to {@code unreadable} with the reason. */
  Map<String, NodeStatistics.Reading> read(List<String> indexes, List<String> tables, Map<String, String> unreadable) {
    Map<String, NodeStatistics.Reading> out = new LinkedHashMap<>();
    for (Node n : all) {
      try (Connection c = n.database().connect(Database.Access.READ_ONLY, READ_TIMEOUT_MILLIS)) {
        out.put(n.name(), NodeStatistics.read(c, n.name(), indexes, tables));
      } catch (SQLException e) {
        unreadable.put(n.name(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return out;
  }
}
