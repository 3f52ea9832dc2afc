package dev.modelc.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A primary and streaming replicas of real PostgreSQL servers, started from the embedded binaries
 * that {@link Postgres} uses (io.zonky, PostgreSQL 17). Tests that need more than one node, or
 * need to crash and restart a server, use this instead of the one shared server.
 *
 * <p>The binaries carry {@code initdb}, {@code pg_ctl} and {@code postgres} but no
 * {@code pg_basebackup}, so a replica is made the way a base backup is taken by hand: the
 * primary is stopped cleanly, its data directory copied, and the copy started with
 * {@code standby.signal} and a {@code primary_conninfo}. PostgreSQL refuses to run as root; like
 * zonky itself, every server command runs under {@code unshare -U} when the tests run as root, so
 * the server sees an unprivileged user.
 *
 * <p>Servers keep {@code synchronous_commit} on (an immediate shutdown must not lose committed
 * rows) and only turn {@code fsync} off, which matters for a machine crash, not a process crash.
 * Each node logs to {@code <node>.log} next to its data directory. {@link #close} stops every
 * node and deletes the folder; a shutdown hook does so too if a test forgets.
 */
public final class PostgresCluster implements AutoCloseable {
  private final Path base;
  private final Node primary;
  private final List<Node> replicas = new ArrayList<>();
  private final Thread cleanup;

  private PostgresCluster(Path base, Node primary) {
    this.base = base;
    this.primary = primary;
    this.cleanup = new Thread(this::stopAllQuietly, "postgres-cluster-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Starts a primary and {@code replicaCount} streaming replicas, each replica caught up. */
  public static PostgresCluster start(int replicaCount) {
    try {
      Path base = Files.createTempDirectory("modelc-cluster-");
      Node primary = new Node("primary", base.resolve("primary"), freePort());
      PostgresCluster cluster = new PostgresCluster(base, primary);
      try {
        primary.initdb();
        primary.start();
        for (int i = 1; i <= replicaCount; i++) {
          cluster.addReplica("replica" + i);
        }
        return cluster;
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Node primary() {
    return primary;
  }

  /** The first replica. */
  public Node replica() {
    return replicas.get(0);
  }

  public List<Node> replicas() {
    return List.copyOf(replicas);
  }

  /** Creates a database on the primary and waits until every replica has it; returns its name. */
  public String createDatabase(String name) {
    primary.execute("postgres", "CREATE DATABASE " + name);
    waitForReplay();
    return name;
  }

  /** Waits until every running replica has replayed everything the primary has written so far. */
  public void waitForReplay() {
    String lsn = primary.queryString("postgres", "SELECT pg_current_wal_lsn()::text");
    for (Node r : replicas) {
      if (r.running) {
        r.waitUntil("postgres", "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn", 60);
      }
    }
  }

  /**
   * Rebuilds {@code replica} from a fresh copy of the primary, the way an operator re-seeds a
   * broken standby: its statistics start empty, as after a real rebuild. The primary is stopped
   * cleanly for the copy and started again.
   */
  public void rebuild(Node replica) {
    if (!replicas.contains(replica)) {
      throw new IllegalArgumentException(replica.name + " is not a replica of this cluster");
    }
    replica.stopImmediate();
    deleteTree(replica.dataDir);
    seed(replica);
    replica.start();
    replica.waitUntil("postgres", "SELECT pg_is_in_recovery()", 60);
    waitForReplay();
  }

  private void addReplica(String name) {
    Node replica = new Node(name, base.resolve(name), freePort());
    seed(replica);
    replicas.add(replica);
    replica.start();
    replica.waitUntil("postgres", "SELECT pg_is_in_recovery()", 60);
    waitForReplay();
  }

  /** Copies the cleanly stopped primary's data directory into {@code replica}'s and makes it a standby. */
  private void seed(Node replica) {
    primary.stopFast();
    try {
      // a base backup of a running server carries no statistics file: the copy starts with empty statistics
      copyTree(primary.dataDir, replica.dataDir, Set.of("postmaster.pid", "postmaster.opts", "pgstat.stat"));
      Files.writeString(replica.dataDir.resolve("standby.signal"), "");
      Files.writeString(replica.dataDir.resolve("postgresql.conf"), "\n# replica of " + primary.name + "\nport = " + replica.port
          + "\nprimary_conninfo = 'host=localhost port=" + primary.port + " user=postgres application_name=" + replica.name + "'\n",
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    primary.start();
  }

  @Override
  public void close() {
    stopAllQuietly();
    deleteTree(base);
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException ignored) {
      // the JVM is already shutting down
    }
  }

  private void stopAllQuietly() {
    for (Node r : replicas) {
      r.stopQuietly();
    }
    primary.stopQuietly();
  }

  /** One server of the cluster. */
  public static final class Node {
    private final String name;
    private final Path dataDir;
    private final int port;
    private volatile boolean running;

    private Node(String name, Path dataDir, int port) {
      this.name = name;
      this.dataDir = dataDir;
      this.port = port;
    }

    public String name() {
      return name;
    }

    public int port() {
      return port;
    }

    public Path dataDir() {
      return dataDir;
    }

    public boolean running() {
      return running;
    }

    /** The JDBC URL of {@code database} on this node, user {@code postgres} (trusted, no password). */
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** A new autocommit connection to {@code database} on this node. */
    public Connection connect(String database) throws SQLException {
      Connection c = DriverManager.getConnection(jdbcUrl(database));
      c.setAutoCommit(true);
      return c;
    }

    /** {@code pg_ctl stop -m immediate}: the server is gone at once, as in a crash; the next start runs crash recovery. */
    public void stopImmediate() {
      pgCtl("-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
      running = false;
    }

    /** {@code pg_ctl stop -m fast}: a clean shutdown, statistics kept. */
    public void stopFast() {
      pgCtl("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
      running = false;
    }

    /** Starts the server and waits until it accepts connections (a replica: until it is consistent). */
    public void start() {
      pgCtl("-D", dataDir.toString(), "-l", dataDir.resolveSibling(name + ".log").toString(), "-w", "-t", "120", "start");
      running = true;
    }

    /** An immediate shutdown followed by a start: a crash and its recovery. */
    public void crashAndRestart() {
      stopImmediate();
      start();
    }

    /** A clean restart. */
    public void restart() {
      stopFast();
      start();
    }

    /** Runs {@code sql} on {@code database}. */
    public void execute(String database, String sql) {
      try (Connection c = connect(database); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
      }
    }

    /** The first column of the first row of {@code sql} on {@code database}, as text. */
    public String queryString(String database, String sql) {
      try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
      }
    }

    /** Polls the boolean query {@code sql} until it returns true, or fails after {@code seconds}. */
    public void waitUntil(String database, String sql, int seconds) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      String last = null;
      while (System.nanoTime() < deadline) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
          last = "false";
        } catch (SQLException e) {
          last = e.getMessage();
        }
        sleep(50);
      }
      throw new IllegalStateException(name + ": still not true after " + seconds + " s (" + last + "): " + sql);
    }

    private void initdb() {
      run(bin("initdb"), "-A", "trust", "-U", "postgres", "-D", dataDir.toString(), "-E", "UTF-8", "--locale=C", "--no-sync");
      try {
        Files.writeString(dataDir.resolve("postgresql.conf"), String.join("\n",
            "",
            "# modelc PostgresCluster",
            "port = " + port,
            "listen_addresses = 'localhost'",
            "unix_socket_directories = ''",
            "fsync = off",
            "wal_level = replica",
            "max_wal_senders = 10",
            "wal_keep_size = '512MB'",
            "hot_standby = on",
            "hot_standby_feedback = on",
            "max_connections = 100",
            ""), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void pgCtl(String... args) {
      String[] cmd = new String[args.length + 1];
      cmd[0] = bin("pg_ctl");
      System.arraycopy(args, 0, cmd, 1, args.length);
      run(cmd);
    }

    private void stopQuietly() {
      if (running) {
        try {
          stopImmediate();
        } catch (RuntimeException ignored) {
          // stopping on the way out: nothing more to do
        }
      }
    }

    @Override
    public String toString() {
      return name + " (localhost:" + port + ")";
    }
  }

  // ---- processes and files -------------------------------------------------------------------

  private static Path binaries;

  /** Where zonky unpacked its PostgreSQL binaries (unpacking them first when no server has started yet). */
  static synchronized Path binaries() {
    if (binaries == null) {
      Path dir = zonkyBinaries();
      if (!Files.isExecutable(dir.resolve("bin/pg_ctl"))) {
        try {
          EmbeddedPostgres.builder().start().close(); // unpacks the binaries where zonky keeps them
        } catch (IOException e) {
          throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        }
      }
      if (!Files.isExecutable(dir.resolve("bin/pg_ctl"))) {
        throw new IllegalStateException("no PostgreSQL binaries at " + dir);
      }
      binaries = dir;
    }
    return binaries;
  }

  /** zonky unpacks its archive into {@code <working dir>/PG-<md5 of the archive>}. */
  private static Path zonkyBinaries() {
    String working = System.getProperty("ot.epg.working-dir", Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString());
    try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", ArchUtils.normalize(System.getProperty("os.arch")))) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = archive.read(buffer)) > 0;) {
        md5.update(buffer, 0, n);
      }
      return Path.of(working, "PG-" + HexFormat.of().formatHex(md5.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded PostgreSQL archive", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bin(String tool) {
    return binaries().resolve("bin").resolve(tool).toString();
  }

  /** Runs a server tool, under {@code unshare -U} when running as root (PostgreSQL refuses root), and fails on a non-zero exit. */
  private static void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      cmd.addAll(List.of("unshare", "-U"));
    }
    cmd.addAll(List.of(command));
    try {
      Path out = Files.createTempFile("pg-tool-", ".out");
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + Files.readString(out));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to, Set<String> skip) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!skip.contains(file.getFileName().toString())) {
          Files.copy(file, to.resolve(from.relativize(file).toString()));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    // PostgreSQL insists that only its owner may read the data directory
    Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
