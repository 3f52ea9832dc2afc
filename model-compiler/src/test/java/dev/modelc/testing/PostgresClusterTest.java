package dev.modelc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The primary-and-replica harness: streaming works, statistics are per node, crashes keep commits. */
class PostgresClusterTest {
  static PostgresCluster cluster;

  @BeforeAll
  static void start() {
    cluster = PostgresCluster.start(1);
    cluster.createDatabase("smoke");
    cluster.primary().execute("smoke", "create table t (id int primary key); insert into t select generate_series(1, 1000)");
    cluster.waitForReplay();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void theReplicaStreamsThePrimarysWritesAndRefusesWrites() {
    cluster.primary().execute("smoke", "insert into t values (1001)");
    cluster.waitForReplay();
    assertEquals("1001", cluster.replica().queryString("smoke", "select count(*) from t"));
    assertEquals("t", cluster.replica().queryString("smoke", "select pg_is_in_recovery()"));
    assertEquals("replica1", cluster.primary().queryString("postgres", "select application_name from pg_stat_replication"));
    assertThrows(IllegalStateException.class, () -> cluster.replica().execute("smoke", "insert into t values (5000)"));
  }

  @Test
  void indexStatisticsAreKeptPerNode() {
    String before = scans(cluster.primary());
    cluster.replica().execute("smoke", "set enable_seqscan = off; select * from t where id = 7");
    cluster.replica().waitUntil("smoke", "select idx_scan > 0 from pg_stat_user_indexes where indexrelname = 't_pkey'", 30);
    assertEquals(before, scans(cluster.primary()), "a replica's scan is not counted on the primary");
  }

  @Test
  void anImmediateShutdownKeepsCommittedRowsAndDiscardsStatistics() {
    cluster.primary().execute("smoke", "set enable_seqscan = off; select * from t where id = 7");
    cluster.primary().waitUntil("smoke", "select idx_scan > 0 from pg_stat_user_indexes where indexrelname = 't_pkey'", 30);
    String resetBefore = cluster.primary().queryString("smoke", "select stats_reset from pg_stat_archiver");
    cluster.primary().execute("smoke", "insert into t values (2000)");
    cluster.primary().crashAndRestart();
    assertEquals("0", scans(cluster.primary()), "crash recovery discards the statistics");
    assertEquals("1", cluster.primary().queryString("smoke", "select count(*) from t where id = 2000"));
    assertNotEquals(resetBefore, cluster.primary().queryString("smoke", "select stats_reset from pg_stat_archiver"));
    cluster.waitForReplay();
    assertEquals("1", cluster.replica().queryString("smoke", "select count(*) from t where id = 2000"), "the replica reconnects");
  }

  private static String scans(PostgresCluster.Node node) {
    return node.queryString("smoke", "select idx_scan from pg_stat_user_indexes where indexrelname = 't_pkey'");
  }
}
