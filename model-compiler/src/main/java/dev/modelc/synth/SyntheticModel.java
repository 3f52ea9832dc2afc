package dev.modelc.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes realistic synthetic models of N tables, one file per table, deterministic by seed,
 * for benchmarks and scale tests. Each table has mixed column types, a foreign key to an
 * earlier table, four indexes with reasons (two serve its two query patterns, two are kept for
 * declared reasons) and a traffic tier; the model checks clean. The {@code v2} variant changes
 * about 5% of the objects the way real pull requests do: index modifications, new nullable
 * columns, renames with {@code renamedFrom}, and retired indexes with tombstones.
 */
public final class SyntheticModel {
  private static final String[] TIERS = {"critical", "standard", "batch"};
  private static final String[] OWNERS = {"team-accounts", "team-payments", "team-ledger", "team-risk", "team-platform"};

  private SyntheticModel() {}

  /** Writes the model under {@code out} (model.yaml and tables/tNNNNN.yaml); returns the file count. */
  public static int write(Path out, int tables, long seed, boolean v2) throws IOException {
    if (tables < 1) {
      throw new IllegalArgumentException("tables must be at least 1, not " + tables);
    }
    Files.createDirectories(out.resolve("tables"));
    Files.writeString(out.resolve("model.yaml"), "model: synthetic\ndatabase: postgresql\ndescription: "
        + tables + " synthetic tables, seed " + seed + (v2 ? ", variant v2" : "") + "\n", StandardCharsets.UTF_8);
    for (int i = 0; i < tables; i++) {
      Files.writeString(out.resolve("tables").resolve(name(i) + ".yaml"), table(i, seed, v2), StandardCharsets.UTF_8);
    }
    return tables + 1;
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "t%05d", i);
  }

  /** One table and its query patterns. The change kind of v2 is decided per table, by seed. */
  static String table(int i, long seed, boolean v2) {
    Random r = new Random(seed * 1_000_003L + i);
    String t = name(i);
    int change = v2 ? Math.floorMod(r.nextInt(), 5) : -1; // 0..3 change, 4 unchanged
    long rows = (long) Math.pow(10, 3 + r.nextInt(7));
    String tier = TIERS[r.nextInt(TIERS.length)];
    String owner = OWNERS[r.nextInt(OWNERS.length)];
    String parent = i == 0 ? null : name(r.nextInt(i));
    boolean renamed = change == 2;
    String label = renamed ? "label" : "title";
    StringBuilder y = new StringBuilder(1024);
    y.append("tables:\n  ").append(t).append(":\n");
    y.append("    description: Synthetic table ").append(i).append(".\n");
    y.append("    owner: ").append(owner).append('\n');
    y.append("    rows: ").append(rows).append('\n');
    y.append("    columns:\n");
    y.append("      id: { type: bigint, primaryKey: true }\n");
    if (parent != null) {
      y.append("      parent_id: { type: bigint, nullable: true, references: ").append(parent).append(".id }\n");
    }
    y.append("      external_id: { type: uuid, unique: true }\n");
    y.append("      account_id: { type: bigint }\n");
    y.append("      status: { type: enum, values: [active, paused, closed], default: active }\n");
    y.append("      amount: { type: \"numeric(12,2)\", nullable: true }\n");
    y.append("      ").append(label).append(": { type: varchar(200)").append(renamed ? ", renamedFrom: title" : "").append(" }\n");
    y.append("      flags: { type: int, default: 0 }\n");
    y.append("      payload: { type: jsonb, nullable: true }\n");
    y.append("      created_at: { type: timestamptz, default: now() }\n");
    if (change == 1) {
      y.append("      note: { type: text, nullable: true, description: Added in v2. }\n");
    }
    y.append("    indexes:\n");
    String order = change == 0 ? "created_at" : "created_at desc";
    y.append("      ").append(t).append("_account_created:\n");
    y.append("        columns: [account_id, ").append(order).append("]\n");
    if (change == 0) {
      y.append("        include: [status]\n");
    }
    y.append("        reason: Accounts page through their recent rows.\n");
    y.append("      ").append(t).append("_status_created:\n");
    y.append("        columns: [status, created_at]\n");
    y.append("        keep: Operations dashboards filter by status.\n");
    y.append("        reason: Status scans for operations.\n");
    if (change != 3) {
      y.append("      ").append(t).append("_flags:\n");
      y.append("        columns: [flags]\n");
      y.append("        keep: Ad-hoc investigations by flag.\n");
      y.append("        reason: Flag lookups.\n");
    }
    y.append("      ").append(t).append("_search:\n");
    y.append("        columns: [").append(label).append("]\n");
    y.append("        reason: Search by ").append(label).append(".\n");
    y.append("queries:\n");
    String q = "q" + i;
    y.append("  ").append(q).append("Recent:\n");
    y.append("    table: ").append(t).append('\n');
    y.append("    where: { account_id: \"=\" }\n");
    y.append("    orderBy: [created_at desc]\n");
    y.append("    limit: 50\n");
    y.append("    traffic: ").append(tier).append('\n');
    y.append("    owner: ").append(owner).append('\n');
    y.append("  ").append(q).append("By").append(Character.toUpperCase(label.charAt(0))).append(label.substring(1)).append(":\n");
    y.append("    table: ").append(t).append('\n');
    y.append("    where: { ").append(label).append(": \"=\" }\n");
    y.append("    traffic: ").append(TIERS[(i + 1) % TIERS.length]).append('\n');
    if (change == 3) {
      y.append("retired:\n  indexes:\n    ").append(t).append('.').append(t).append("_flags: { reason: Investigations moved to the warehouse. }\n");
    }
    return y.toString();
  }
}
