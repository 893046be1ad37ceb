package com.campaignengine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos scenarios beyond the ones CI runs on every build ({@link MultiNodeTest}): backends
 * terminated, the connection limit exhausted, a long idle-in-transaction session, and offered load
 * above the mailboxes' caps. Each checks exactly-once delivery and no loss. Run with {@code mvn -B
 * test -Dtest=ChaosTest -Dchaos=all} (about four minutes).
 */
@Tag("chaos")
@EnabledIfSystemProperty(named = "chaos", matches = "all")
class ChaosTest {
  private static final Path WORK = Path.of("target", "chaos");
  private static final int PEOPLE = 3_000;

  static {
    org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
  }

  @RegisterExtension final Cluster.PerTest clusters = new Cluster.PerTest(WORK);

  /** Keeps the chaos going this long (the length of the disturbance, not a wait for work). */
  private static void hold(Duration duration) {
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }

  private static void awaitDelivered(Cluster cluster, int atLeast) {
    await("delivered " + atLeast)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.delivered() >= atLeast);
  }

  /** Sends recorded as sent so far. */
  private static long sent(Cluster cluster) {
    return cluster.count("SELECT count(*) FROM email_sends WHERE status = 'sent'");
  }

  /**
   * Seconds from {@code since} until the nodes record sends again (more than {@code sentBefore}),
   * or until nothing is left to send.
   */
  private static double resumedAfter(Cluster cluster, long since, long sentBefore) {
    await("sending resumes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> sent(cluster) > sentBefore || cluster.finished());
    return (System.nanoTime() - since) / 1e9;
  }

  @Test
  void backends_terminated_again_and_again(Cluster cluster) throws IOException {
    cluster.enroll(PEOPLE);
    for (int round = 1; round <= 5; round++) {
      awaitDelivered(cluster, round * PEOPLE / 2);
      long sentBefore = sent(cluster);
      long killed = cluster.terminateEngineBackends();
      long at = System.nanoTime();
      cluster.report(
          "round %d: %d backends terminated; sending resumed after %.1f s"
              .formatted(round, killed, resumedAfter(cluster, at, sentBefore)));
    }
    cluster.awaitFinished(Duration.ofMinutes(5));
    cluster.assertExactlyOnce(PEOPLE);
  }

  @Test
  void connection_limit_exhausted_for_a_while(Cluster cluster) throws Exception {
    cluster.enroll(PEOPLE);
    awaitDelivered(cluster, PEOPLE);
    List<Connection> held = cluster.exhaustConnections();
    // The nodes must reconnect now, and cannot until the other client lets go.
    cluster.terminateEngineBackends();
    int during = cluster.delivered();
    long start = System.nanoTime();
    hold(Duration.ofSeconds(10));
    long sentBefore; // counted on one of the held connections: no other can be opened now
    try (Statement s = held.get(0).createStatement();
        java.sql.ResultSet rs =
            s.executeQuery("SELECT count(*) FROM email_sends WHERE status = 'sent'")) {
      rs.next();
      sentBefore = rs.getLong(1);
    }
    for (Connection connection : held) {
      connection.close();
    }
    long released = System.nanoTime();
    cluster.report(
        "%d connections held for %.0f s (%d emails delivered meanwhile by batches in flight);"
                .formatted(held.size(), (released - start) / 1e9, cluster.delivered() - during)
            + " sending resumed %.1f s after they were released"
                .formatted(resumedAfter(cluster, released, sentBefore)));
    cluster.awaitFinished(Duration.ofMinutes(5));
    cluster.assertExactlyOnce(PEOPLE);
    assertThat(cluster.nodes).allSatisfy(node -> assertThat(node.alive()).isTrue());
  }

  @Test
  void a_long_idle_in_transaction_session_holding_row_locks(Cluster cluster) throws Exception {
    cluster.enroll(PEOPLE);
    awaitDelivered(cluster, PEOPLE / 2);
    try (Connection other = cluster.chaosConnection();
        Statement s = other.createStatement()) {
      other.setAutoCommit(false);
      // Locks the active enrollments the engine will complete next, then sits idle.
      s.executeQuery(
          "SELECT id FROM campaign_sequence_leads WHERE status = 'active'"
              + " ORDER BY id LIMIT 50 FOR UPDATE");
      long start = System.nanoTime();
      hold(Duration.ofSeconds(20));
      long sentBefore = sent(cluster);
      other.rollback();
      long released = System.nanoTime();
      cluster.report(
          "held row locks idle in transaction for %.0f s; sending resumed %.1f s after"
              .formatted((released - start) / 1e9, resumedAfter(cluster, released, sentBefore)));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    cluster.awaitFinished(Duration.ofMinutes(5));
    cluster.assertExactlyOnce(PEOPLE);
  }

  @Test
  void offered_load_of_one_and_a_half_times_the_caps_is_deferred_never_failed(Cluster cluster)
      throws IOException {
    int cap = 1_000; // three mailboxes: 3,000 emails a day; offered: 1,500 × 3 = 4,500
    int people = 1_500;
    cluster.enroll(people, cap);
    await("the day's capacity used")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                cluster.delivered() >= 3 * cap
                    && cluster.count(
                            "SELECT count(*) FROM campaign_sequence_executions"
                                + " WHERE status = 'running'")
                        == 0);
    hold(Duration.ofSeconds(3)); // nothing more may go out
    cluster.assertNoDuplicates();
    assertThat(cluster.delivered()).isEqualTo(3 * cap);
    assertThat(cluster.count("SELECT max(sent_today) FROM mailboxes")).isEqualTo(cap);
    assertThat(cluster.count("SELECT count(*) FROM email_sends WHERE status <> 'sent'")).isZero();
    assertThat(
            cluster.count(
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .isZero();
    long deferred =
        cluster.count(
            "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'pending'"
                + " AND scheduled_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
                + " + interval '1 day'");
    assertThat(deferred).as("pending until the mailboxes' next day").isPositive();
    assertThat(
            cluster.count("SELECT count(*) FROM campaign_sequence_leads WHERE status = 'active'"))
        .isEqualTo(cluster.count("SELECT count(*) FROM campaign_sequence_leads"));
    cluster.report(
        "offered %d emails to mailboxes capped at %d a day: %d sent, %d executions deferred to"
                .formatted(people * 3, 3 * cap, cluster.delivered(), deferred)
            + " the next day, none failed");
  }
}
