package dev.modelc.parse;

import dev.modelc.diag.Broken;
import dev.modelc.diag.Diagnostics;
import dev.modelc.model.Model;
import dev.modelc.model.Policy;
import dev.modelc.model.QueryPattern;
import dev.modelc.model.SourceRef;
import dev.modelc.model.Table;
import dev.modelc.model.Tombstone;
import dev.modelc.model.UnmanagedObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The front end: model files in, one merged {@link Model} out, or the diagnostics that say why
 * not. Every file is read and walked even after an error so that one run reports everything.
 */
public final class ModelLoader {
  private ModelLoader() {}

  /** Loads the model files and folders at {@code paths}. */
  public static LoadResult load(List<Path> paths) {
    Diagnostics diagnostics = new Diagnostics();
    List<SourceFile> files = ModelSources.read(paths, diagnostics);
    return load(files, diagnostics);
  }

  /** Loads model files already in memory (tests, git baselines). */
  public static LoadResult loadFiles(List<SourceFile> files) {
    return load(files, new Diagnostics());
  }

  private static LoadResult load(List<SourceFile> files, Diagnostics diagnostics) {
    SourceTexts texts = new SourceTexts();
    // Files are independent until they are merged: read and walk them in parallel, each with its
    // own diagnostics, then merge in file order so the result does not depend on scheduling.
    record Read(Optional<FileModel> part, Diagnostics diagnostics) {}
    Interner interner = new Interner();
    List<Read> reads = (files.size() > 16 ? files.parallelStream() : files.stream()).map(file -> {
      Diagnostics own = new Diagnostics();
      Optional<Node> root = YamlReader.read(file, texts, own);
      return new Read(root.map(r -> ModelBuilder.build(r, new NodeReader(file.displayName(), own, interner))), own);
    }).toList();
    List<FileModel> parts = new ArrayList<>(files.size());
    Broken broken = new Broken();
    for (Read read : reads) {
      diagnostics.addAll(read.diagnostics().sorted());
      if (read.part().isPresent()) {
        parts.add(read.part().get());
        broken.addAll(read.part().get().broken);
      } else if (read.diagnostics().hasErrors()) {
        broken.unreadableFile(); // its tables and queries are unknown: names it may define are not reported missing
      }
    }
    Optional<Model> partial = merge(files, parts, diagnostics, broken);
    Optional<Model> model = diagnostics.hasErrors() ? Optional.empty() : partial;
    return new LoadResult(model, partial, broken, diagnostics.sorted(), texts);
  }

  private static Optional<Model> merge(List<SourceFile> files, List<FileModel> parts,
      Diagnostics diagnostics, Broken broken) {
    if (files.isEmpty()) {
      if (!diagnostics.hasErrors()) {
        diagnostics.report(ParseCode.MC109, SourceRef.NONE, "no model files given");
      }
      return Optional.empty();
    }
    Merged merged = new Merged();
    // a call per file, not one long loop body: the JIT compiles it on its own, early
    for (FileModel part : parts) {
      merged.add(part, diagnostics);
    }
    FileModel.Header name = merged.name;
    FileModel.Header database = merged.database;
    Policy policy = merged.policy;
    FileModel.Extensions extensions = merged.extensions;
    if (name == null && !broken.unreadableFiles()) {
      // Only when every file was read: a file that failed to parse may hold the name.
      SourceRef first = parts.isEmpty() ? SourceRef.ofFile(files.get(0).displayName())
          : new SourceRef(parts.get(0).file, 1, 1);
      diagnostics.report(StructureCode.MC203, first,
          "the model needs a name: add 'model: <name>' to one of its files");
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    // Without a name (reported, or in a file that could not be read) the rest is still checked.
    SourceRef at = name != null ? name.source() : new SourceRef(parts.get(0).file, 1, 1);
    return Optional.of(new Model(name != null ? name.value() : "", database == null ? "postgresql" : database.value(),
        merged.tables, merged.queries, merged.retired, policy == null ? Policy.defaults() : policy,
        extensions == null ? List.of() : extensions.names(), merged.unmanaged, at));
  }

  /** The model's parts as the files give them, each defined once; a repeat is reported. */
  private static final class Merged {
    FileModel.Header name;
    FileModel.Header database;
    Policy policy;
    FileModel.Extensions extensions;
    final List<UnmanagedObject> unmanaged = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<QueryPattern> queries = new ArrayList<>();
    final List<Tombstone> retired = new ArrayList<>();
    private final Map<String, SourceRef> unmanagedAt = new HashMap<>();
    private final Map<String, SourceRef> tableAt = new HashMap<>();
    private final Map<String, SourceRef> queryAt = new HashMap<>();
    private final Map<String, SourceRef> tombstoneAt = new HashMap<>();

    void add(FileModel part, Diagnostics diagnostics) {
      name = header(name, part.name, "model", diagnostics);
      database = header(database, part.database, "database", diagnostics);
      if (part.policy != null) {
        if (policy != null) {
          diagnostics.report(StructureCode.MC207, part.policy.source(),
              "'policy' is declared again (first at " + policy.source() + "); keep one");
        } else {
          policy = part.policy;
        }
      }
      if (part.extensions != null) {
        if (extensions != null) {
          diagnostics.report(StructureCode.MC207, part.extensions.source(),
              "'extensions' is declared again (first at " + extensions.source() + "); keep one list");
        } else {
          extensions = part.extensions;
        }
      }
      for (UnmanagedObject u : part.unmanaged) {
        String key = u.kind() + ":" + (u.table() == null ? "" : u.table() + ".") + u.name();
        if (once(unmanagedAt, key, u.source(), () -> "unmanaged " + u.describe(), diagnostics)) {
          unmanaged.add(u);
        }
      }
      for (Table t : part.tables) {
        if (once(tableAt, t.name(), t.source(), () -> "table '" + t.name() + "'", diagnostics)) {
          tables.add(t);
        }
      }
      for (QueryPattern q : part.queries) {
        if (once(queryAt, q.name(), q.source(), () -> "query '" + q.name() + "'", diagnostics)) {
          queries.add(q);
        }
      }
      for (Tombstone r : part.retired) {
        String key = r.kind() + ":" + r.qualifiedName();
        if (once(tombstoneAt, key, r.source(), () -> "retired '" + r.qualifiedName() + "'", diagnostics)) {
          retired.add(r);
        }
      }
    }
  }

  private static FileModel.Header header(FileModel.Header seen, FileModel.Header next, String key,
      Diagnostics diagnostics) {
    if (next == null) {
      return seen;
    }
    if (seen != null) {
      diagnostics.report(StructureCode.MC207, next.source(), "'" + key + "' is declared again (first at "
          + seen.source() + "); declare the model header in one file only");
      return seen;
    }
    return next;
  }

  /** {@code what} names the element in the message, made only for a repeat. */
  private static boolean once(Map<String, SourceRef> seen, String key, SourceRef at, java.util.function.Supplier<String> what,
      Diagnostics diagnostics) {
    SourceRef first = seen.putIfAbsent(key, at);
    if (first != null) {
      diagnostics.report(StructureCode.MC206, at, what.get() + " is defined again (first at " + first
          + "); keep one definition");
      return false;
    }
    return true;
  }
}
