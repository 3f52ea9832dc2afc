package dev.modelc.render;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths as a review shows them: relative to the root of the git repository the current
 * directory is in (the folder holding {@code .git}), or to the current directory outside a
 * repository, with forward slashes; never the absolute paths of a CI machine.
 */
public final class RepositoryPaths {
  private final Path cwd;
  private final Path root;

  private RepositoryPaths(Path cwd, Path root) {
    this.cwd = cwd;
    this.root = root;
  }

  /** Paths relative to the repository around the current directory. */
  public static RepositoryPaths ofWorkingDirectory() {
    return of(Path.of("").toAbsolutePath());
  }

  public static RepositoryPaths of(Path cwd) {
    Path abs = cwd.toAbsolutePath().normalize();
    for (Path p = abs; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return new RepositoryPaths(abs, p);
      }
    }
    return new RepositoryPaths(abs, abs);
  }

  /** The repository root (or the current directory outside a repository). */
  public Path root() {
    return root;
  }

  /**
   * {@code path} (as given: relative to the current directory, or absolute) relative to the
   * root; a path outside the root stays relative to the current directory when it can.
   */
  public String relative(String path) {
    if (path.isEmpty() || path.startsWith("git:")) {
      return path;
    }
    Path abs = cwd.resolve(path.replace('\\', '/')).normalize();
    if (abs.startsWith(root)) {
      String r = root.relativize(abs).toString().replace('\\', '/');
      return r.isEmpty() ? "." : r;
    }
    return abs.startsWith(cwd.getRoot()) && cwd.getRoot().equals(abs.getRoot())
        ? cwd.relativize(abs).toString().replace('\\', '/') : path;
  }

  /** True when {@code path} lies inside the root. */
  public boolean inside(String path) {
    return cwd.resolve(path.replace('\\', '/')).normalize().startsWith(root);
  }

  /** A path relative to the root as a URI reference: each segment percent-encoded (RFC 3986). */
  public static String uriReference(String relative) {
    StringBuilder b = new StringBuilder();
    for (byte x : relative.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }

  /** The root as a file URI ending in '/', for SARIF's originalUriBaseIds. */
  public String rootUri() {
    String uri = root.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /** An absolute path as a file URI. */
  public String fileUri(String path) {
    return cwd.resolve(path).normalize().toUri().toString();
  }
}
