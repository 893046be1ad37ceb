package com.campaignengine.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.app.SubscriptionChange;
import com.campaignengine.store.postgres.PostgresWebhookStore;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.WebhookReceiver;
import com.campaignengine.testing.WebhookReceiver.Received;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims across dispatchers on one database: two never hold the same delivery, a killed node's
 * claims are sent by another once their lease ends (and the dead node's late answer is dropped),
 * and finished deliveries are pruned after the keep period.
 */
class DispatcherClaimsTest {
  private static final Instant START = Instant.parse("2026-03-02T14:00:00Z");
  private static final WebhookSettings SETTINGS =
      WebhookSettings.builder()
          .concurrency(8)
          .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
          .lease(Duration.ofSeconds(30))
          .build();

  private final MutableClock clock = new MutableClock(START);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
  private TestNode app;
  private long workspace;
  private long subscription;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, null);
    workspace = app.workspaces.authenticate(app.workspaces.createWorkspace("test")).orElseThrow();
    subscription =
        app.outboundWebhooks
            .create(workspace, receiver.url("/hook"), List.of("email.sent"), "cluster")
            .subscription()
            .id();
  }

  @AfterEach
  void stop() {
    dispatchers.forEach(WebhookDispatcher::close);
    receiver.close();
    app.close();
  }

  private WebhookDispatcher dispatcher(String node, WebhookListener listener) {
    WebhookDispatcher dispatcher = app.newWebhookDispatcher(SETTINGS, node, listener);
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  /** Deliveries as the capture triggers write them, due now. */
  private void queue(int count) {
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type, payload,
                                                occurred_at, next_attempt_at, created_at)
                SELECT s.workspace_id, s.id, 'email.sent',
                       jsonb_build_object('send_id', n::text), ?, ?, ?
                  FROM webhook_subscriptions s, generate_series(1, ?) AS n
                 WHERE s.id = ?
                """)) {
      java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
      insert.setTimestamp(1, now);
      insert.setTimestamp(2, now);
      insert.setTimestamp(3, now);
      insert.setInt(4, count);
      insert.setLong(5, subscription);
      assertThat(insert.executeUpdate()).isEqualTo(count);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String where) {
    return Sql.count(
        app.database().dataSource(), "SELECT count(*) FROM webhook_deliveries WHERE " + where);
  }

  @Test
  void two_dispatchers_on_one_database_never_send_the_same_delivery_twice() throws Exception {
    int total = 300;
    queue(total);
    Map<String, AtomicInteger> recordedBy = new ConcurrentHashMap<>();
    List<WebhookDispatcher> nodes = new ArrayList<>();
    for (String node : List.of("node-a", "node-b")) {
      AtomicInteger recorded = recordedBy.computeIfAbsent(node, n -> new AtomicInteger());
      nodes.add(
          dispatcher(
              node,
              new WebhookListener() {
                @Override
                public void onAttempt(String eventType, String outcome, boolean ok) {
                  if (ok && outcome.equals("delivered")) {
                    recorded.incrementAndGet();
                  }
                }
              }));
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (WebhookDispatcher node : nodes) {
      runs.add(
          threads.submit(
              () -> {
                go.await();
                while (count("status = 'pending'") > 0) {
                  node.deliverDueOnce();
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> run : runs) {
      run.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    List<Received> received = receiver.received("/hook");
    Map<String, Long> perId =
        received.stream()
            .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
    assertThat(perId).hasSize(total);
    assertThat(perId.values()).as("each delivery sent once").containsOnly(1L);
    assertThat(receiver.overlaps()).as("never the same delivery concurrently").isEmpty();
    assertThat(count("status = 'delivered' AND attempts = 1")).isEqualTo(total);
    assertThat(recordedBy.get("node-a").get() + recordedBy.get("node-b").get()).isEqualTo(total);
    assertThat(recordedBy.values()).as("both nodes took part").allMatch(n -> n.get() > 0);
  }

  @Test
  void a_killed_nodes_claims_are_sent_by_another_node_once_their_lease_ends() {
    queue(20);
    WebhookStore store = new PostgresWebhookStore(app.database());
    List<ClaimedDelivery> dead = store.claim("dead-node", clock.instant(), SETTINGS.lease(), 100);
    assertThat(dead).hasSize(20);
    WebhookDispatcher survivor = dispatcher("survivor", WebhookListener.NONE);
    assertThat(survivor.deliverDueOnce()).as("still leased").isZero();
    assertThat(receiver.received()).isEmpty();

    clock.advance(SETTINGS.lease().plusSeconds(1));
    int sent = 0;
    for (int turn; (turn = survivor.deliverDueOnce()) > 0; ) {
      sent += turn;
    }
    assertThat(sent).isEqualTo(20);
    assertThat(count("status = 'delivered'")).isEqualTo(20);
    assertThat(receiver.received().stream().map(Received::webhookId).distinct()).hasSize(20);

    // The dead node comes back with an answer: its claim was taken over, the answer is dropped.
    assertThat(store.recordFailed(dead.get(0), 500, "late", clock.instant())).isFalse();
    assertThat(store.recordRetry(dead.get(1), 500, "late", clock.instant())).isFalse();
    assertThat(count("status = 'delivered'")).isEqualTo(20);
  }

  @Test
  void finished_deliveries_are_pruned_after_the_keep_period_and_pending_ones_stay() {
    queue(5);
    WebhookDispatcher node = dispatcher("node", WebhookListener.NONE);
    assertThat(node.deliverDueOnce()).isEqualTo(5);
    queue(2);
    // Switched off: the two new ones are held, pending, and must survive pruning.
    app.outboundWebhooks.update(
        workspace, subscription, new SubscriptionChange(null, null, null, false));

    clock.advance(SETTINGS.keepFinished().minusDays(1));
    assertThat(node.pruneOnce()).as("not old enough").isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(node.pruneOnce()).isEqualTo(5);
    assertThat(count("true")).as("the held ones stay").isEqualTo(2);
  }

  @Test
  void the_background_loop_of_a_serving_node_sends_what_is_due_until_closed() {
    app.startWebhooks(
        WebhookSettings.builder()
            .pollInterval(Duration.ofMillis(50))
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .lease(Duration.ofSeconds(30))
            .build());
    queue(3);
    await().atMost(Duration.ofSeconds(20)).until(() -> count("status = 'delivered'") == 3);
    assertThat(receiver.received()).hasSize(3);
    queue(2);
    await().atMost(Duration.ofSeconds(20)).until(() -> count("status = 'delivered'") == 5);
    app.close();
    assertThat(receiver.received()).hasSize(5);
  }
}
