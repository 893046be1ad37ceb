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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

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

  private Cluster cluster;
  private String name;

  private Cluster cluster(TestInfo test) throws IOException {
    name = test.getTestMethod().orElseThrow().getName();
    cluster = Cluster.ofThreeNodes(WORK, name);
    return cluster;
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void report(String line) throws IOException {
    Cluster.report(WORK, name, line);
  }

  /** Keeps the chaos going this long (the length of the disturbance, not a wait for work). */
  private static void hold(Duration duration) {
    await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
  }

  private void awaitDelivered(int atLeast) {
    await("delivered " + atLeast)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.delivered() >= atLeast);
  }

  private void awaitFinished() {
    await("every execution finished")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(cluster::finished);
  }

  /** Sends recorded as sent so far. */
  private long sent() {
    return cluster.count("SELECT count(*) FROM email_sends WHERE status = 'sent'");
  }

  /**
   * Seconds from {@code since} until the nodes record sends again (more than {@code sentBefore}),
   * or until nothing is left to send.
   */
  private double resumedAfter(long since, long sentBefore) {
    await("sending resumes")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> sent() > sentBefore || cluster.finished());
    return (System.nanoTime() - since) / 1e9;
  }

  @Test
  void backends_terminated_again_and_again(TestInfo test) throws IOException {
    cluster(test).enroll(PEOPLE);
    for (int round = 1; round <= 5; round++) {
      awaitDelivered(round * PEOPLE / 2);
      long sentBefore = sent();
      long killed = cluster.terminateEngineBackends();
      long at = System.nanoTime();
      report(
          "round %d: %d backends terminated; sending resumed after %.1f s"
              .formatted(round, killed, resumedAfter(at, sentBefore)));
    }
    awaitFinished();
    cluster.assertExactlyOnce(PEOPLE);
  }

  @Test
  void connection_limit_exhausted_for_a_while(TestInfo test) throws Exception {
    cluster(test).enroll(PEOPLE);
    awaitDelivered(PEOPLE);
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
    report(
        "%d connections held for %.0f s (%d emails delivered meanwhile by batches in flight);"
                .formatted(held.size(), (released - start) / 1e9, cluster.delivered() - during)
            + " sending resumed %.1f s after they were released"
                .formatted(resumedAfter(released, sentBefore)));
    awaitFinished();
    cluster.assertExactlyOnce(PEOPLE);
    assertThat(cluster.nodes).allSatisfy(node -> assertThat(node.alive()).isTrue());
  }

  @Test
  void a_long_idle_in_transaction_session_holding_row_locks(TestInfo test) throws Exception {
    cluster(test).enroll(PEOPLE);
    awaitDelivered(PEOPLE / 2);
    try (Connection other = cluster.chaosConnection();
        Statement s = other.createStatement()) {
      other.setAutoCommit(false);
      // Locks the active enrollments the engine will complete next, then sits idle.
      s.executeQuery(
          "SELECT id FROM campaign_sequence_leads WHERE status = 'active'"
              + " ORDER BY id LIMIT 50 FOR UPDATE");
      long start = System.nanoTime();
      hold(Duration.ofSeconds(20));
      long sentBefore = sent();
      other.rollback();
      long released = System.nanoTime();
      report(
          "held row locks idle in transaction for %.0f s; sending resumed %.1f s after"
              .formatted((released - start) / 1e9, resumedAfter(released, sentBefore)));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    awaitFinished();
    cluster.assertExactlyOnce(PEOPLE);
  }

  @Test
  void offered_load_of_one_and_a_half_times_the_caps_is_deferred_never_failed(TestInfo test)
      throws IOException {
    int cap = 1_000; // three mailboxes: 3,000 emails a day; offered: 1,500 × 3 = 4,500
    int people = 1_500;
    cluster(test).enroll(people, cap);
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
    report(
        "offered %d emails to mailboxes capped at %d a day: %d sent, %d executions deferred to"
                .formatted(people * 3, 3 * cap, cluster.delivered(), deferred)
            + " the next day, none failed");
  }
}
