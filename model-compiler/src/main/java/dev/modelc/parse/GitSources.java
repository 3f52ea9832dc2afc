package dev.modelc.parse;

import dev.modelc.diag.Diagnostics;
import dev.modelc.model.SourceRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads a model as it was at a git revision ({@code git:REF[:path]}), through JGit, without a
 * working-tree checkout or a {@code git} executable. Display names are {@code git:REF:path}.
 */
public final class GitSources {
  public static final String PREFIX = "git:";

  private GitSources() {}

  public static boolean isGitSpec(String spec) {
    return spec.startsWith(PREFIX);
  }

  /**
   * The model files at {@code spec}. {@code defaultPath} (the new model's path) is used when the
   * spec names no path; paths are relative to the current directory, inside the repository.
   */
  public static List<SourceFile> read(String spec, Path defaultPath, Diagnostics out) {
    return read(spec, defaultPath, Path.of(""), out);
  }

  /** As {@link #read(String, Path, Diagnostics)}, with paths relative to {@code workDir}. */
  public static List<SourceFile> read(String spec, Path defaultPath, Path workDir, Diagnostics out) {
    String rest = spec.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String ref = colon < 0 ? rest : rest.substring(0, colon);
    Path path = colon < 0 ? defaultPath : Path.of(rest.substring(colon + 1));
    SourceRef at = SourceRef.ofFile(spec);
    if (ref.isEmpty()) {
      out.report(ParseCode.MC102, at, "'" + spec + "' names no revision; write git:REF[:path], e.g. git:origin/main");
      return List.of();
    }
    Path cwd = workDir.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(cwd.toFile());
    if (builder.getGitDir() == null) {
      out.report(ParseCode.MC102, at, "the current directory " + cwd + " is not inside a git repository, so '" + spec + "' cannot be read");
      return List.of();
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      Path absolute = cwd.resolve(path).normalize();
      if (!absolute.startsWith(root)) {
        out.report(ParseCode.MC102, at, "path " + path + " is outside the repository at " + root);
        return List.of();
      }
      String inRepo = root.relativize(absolute).toString().replace('\\', '/');
      ObjectId id = repo.resolve(ref + "^{commit}");
      if (id == null) {
        out.report(ParseCode.MC102, at, "git revision '" + ref + "' does not exist in " + root + " (a branch, tag, sha or HEAD~1 is expected)");
        return List.of();
      }
      return readTree(repo, id, ref, inRepo, at, out);
    } catch (IOException | RuntimeException e) {
      out.report(ParseCode.MC102, at, "cannot read '" + spec + "' from git: " + e.getMessage());
      return List.of();
    }
  }

  private static List<SourceFile> readTree(Repository repo, ObjectId commitId, String ref, String path, SourceRef at,
      Diagnostics out) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(commitId);
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        String prefix = path.isEmpty() ? "" : path + "/";
        while (tree.next()) {
          String p = tree.getPathString();
          boolean exact = p.equals(path);
          boolean under = p.startsWith(prefix) && (p.endsWith(".yaml") || p.endsWith(".yml"));
          if (!exact && !under) {
            continue;
          }
          byte[] bytes = repo.open(tree.getObjectId(0)).getCachedBytes(64 * 1024 * 1024);
          files.add(new SourceFile(PREFIX + ref + ":" + p, bytes));
        }
      }
    }
    Optional<SourceFile> none = files.isEmpty() ? Optional.empty() : Optional.of(files.get(0));
    if (none.isEmpty()) {
      out.report(ParseCode.MC109, at, "no model files at '" + path + "' in git revision '" + ref + "'");
    }
    files.sort((a, b) -> a.displayName().compareTo(b.displayName()));
    return files;
  }
}
