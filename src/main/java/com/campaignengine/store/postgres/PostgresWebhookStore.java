package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.Page;
import com.campaignengine.webhooks.ClaimedDelivery;
import com.campaignengine.webhooks.DeliveryStatus;
import com.campaignengine.webhooks.WebhookDelivery;
import com.campaignengine.webhooks.WebhookEvent;
import com.campaignengine.webhooks.WebhookStore;
import com.campaignengine.webhooks.WebhookSubscription;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions and deliveries. Deliveries are inserted by the capture triggers of
 * migration V013, in the transaction of each event; this class claims, finishes, lists and prunes
 * them. The claim is one statement (due rows in order, {@code SKIP LOCKED}, a lease, a version
 * bump); every later write is fenced by that version.
 */
public final class PostgresWebhookStore implements WebhookStore {

  private static final String INSERT =
      """
      INSERT INTO webhook_subscriptions (workspace_id, url, description, events, secret, active,
                                         created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, true, ?, ?)
      RETURNING *
      """;

  private static final String LIST =
      "SELECT * FROM webhook_subscriptions WHERE workspace_id = ? ORDER BY id";

  private static final String FIND =
      "SELECT * FROM webhook_subscriptions WHERE workspace_id = ? AND id = ?";

  private static final String UPDATE =
      """
      UPDATE webhook_subscriptions
         SET url = coalesce(?, url),
             events = coalesce(?::text[], events),
             description = CASE WHEN ?::text IS NULL THEN description ELSE nullif(?, '') END,
             active = coalesce(?, active),
             disabled_reason = CASE WHEN ?::boolean IS NULL THEN disabled_reason
                                    WHEN ? THEN NULL
                                    ELSE 'switched off through the API' END,
             updated_at = ?
       WHERE workspace_id = ? AND id = ?
      RETURNING *
      """;

  /** Switched off: pending deliveries wait (no due time) instead of being attempted. */
  private static final String HOLD_PENDING =
      """
      UPDATE webhook_deliveries SET next_attempt_at = NULL
       WHERE subscription_id = ? AND status = 'pending'
      """;

  private static final String RELEASE_HELD =
      """
      UPDATE webhook_deliveries SET next_attempt_at = ?
       WHERE subscription_id = ? AND status = 'pending' AND next_attempt_at IS NULL
      """;

  private static final String DELETE_DELIVERIES =
      "DELETE FROM webhook_deliveries WHERE subscription_id = ?";

  private static final String DELETE =
      "DELETE FROM webhook_subscriptions WHERE workspace_id = ? AND id = ?";

  private static final String DELIVERIES =
      """
      SELECT * FROM webhook_deliveries
       WHERE workspace_id = ? AND subscription_id = ? AND (? = 0 OR id < ?)
       ORDER BY id DESC
       LIMIT ?
      """;

  private static final String DELIVERIES_WITH_STATUS =
      """
      SELECT * FROM webhook_deliveries
       WHERE workspace_id = ? AND subscription_id = ? AND status = ? AND (? = 0 OR id < ?)
       ORDER BY id DESC
       LIMIT ?
      """;

  private static final String DELIVERY =
      """
      SELECT * FROM webhook_deliveries WHERE workspace_id = ? AND subscription_id = ? AND id = ?
      """;

  private static final String RETRY =
      """
      UPDATE webhook_deliveries
         SET status = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL,
             locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE workspace_id = ? AND subscription_id = ? AND id = ? AND status = 'failed'
      """;

  private static final String CLAIM =
      """
      UPDATE webhook_deliveries d
         SET locked_by = ?, locked_until = ?, version = d.version + 1
        FROM webhook_subscriptions s
       WHERE s.id = d.subscription_id
         AND d.id IN (SELECT id FROM webhook_deliveries
                       WHERE status = 'pending' AND next_attempt_at <= ?
                         AND (locked_until IS NULL OR locked_until <= ?)
                       ORDER BY next_attempt_at
                       LIMIT ?
                       FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.version, d.workspace_id, d.subscription_id, d.event_type,
                d.payload::text AS payload, d.occurred_at, d.attempts, s.url, s.secret, s.active
      """;

  private static final String DELIVERED =
      """
      UPDATE webhook_deliveries
         SET status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL,
             next_attempt_at = NULL, delivered_at = ?, finished_at = ?,
             locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE id = ? AND version = ?
      """;

  private static final String RETRY_LATER =
      """
      UPDATE webhook_deliveries
         SET attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ?,
             locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE id = ? AND version = ?
      """;

  private static final String FAILED =
      """
      UPDATE webhook_deliveries
         SET status = 'failed', attempts = attempts + 1, last_status = ?, last_error = ?,
             next_attempt_at = NULL, finished_at = ?,
             locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE id = ? AND version = ?
      """;

  private static final String LOCK_SUBSCRIPTION =
      "SELECT id FROM webhook_subscriptions WHERE id = ? FOR UPDATE";

  private static final String SWITCH_OFF =
      """
      UPDATE webhook_subscriptions SET active = false, disabled_reason = ?, updated_at = ?
       WHERE id = ? AND active
      """;

  private static final String HOLD =
      """
      UPDATE webhook_deliveries
         SET next_attempt_at = NULL, locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE id = ? AND version = ?
      """;

  private static final String PRUNE =
      """
      DELETE FROM webhook_deliveries
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE finished_at < ?
                     ORDER BY finished_at LIMIT ?)
      """;

  private final Database database;

  public PostgresWebhookStore(Database database) {
    this.database = database;
  }

  @Override
  public WebhookSubscription create(
      long workspaceId,
      String url,
      String description,
      List<WebhookEvent> events,
      byte[] sealedSecret,
      Instant now) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                    c,
                    INSERT,
                    PostgresWebhookStore::subscription,
                    workspaceId,
                    url,
                    description,
                    wireNames(events),
                    sealedSecret,
                    now,
                    now)
                .orElseThrow());
  }

  @Override
  public List<WebhookSubscription> list(long workspaceId) {
    return database.withConnection(
        c -> Sql.query(c, LIST, PostgresWebhookStore::subscription, workspaceId));
  }

  @Override
  public Optional<WebhookSubscription> find(long workspaceId, long subscriptionId) {
    return database.withConnection(
        c ->
            Sql.queryOne(c, FIND, PostgresWebhookStore::subscription, workspaceId, subscriptionId));
  }

  @Override
  public Optional<WebhookSubscription> update(
      long workspaceId,
      long subscriptionId,
      String url,
      List<WebhookEvent> events,
      String description,
      Boolean active,
      Instant now) {
    return database.inTransaction(
        c -> {
          Optional<WebhookSubscription> updated =
              Sql.queryOne(
                  c,
                  UPDATE,
                  PostgresWebhookStore::subscription,
                  url,
                  events == null ? null : wireNames(events),
                  description,
                  description,
                  active,
                  active,
                  active,
                  now,
                  workspaceId,
                  subscriptionId);
          if (updated.isPresent() && active != null) {
            if (active) {
              Sql.update(c, RELEASE_HELD, now, subscriptionId);
            } else {
              Sql.update(c, HOLD_PENDING, subscriptionId);
            }
          }
          return updated;
        });
  }

  @Override
  public boolean delete(long workspaceId, long subscriptionId) {
    return database.inTransaction(
        c -> {
          if (Sql.update(c, DELETE, workspaceId, subscriptionId) == 0) {
            return false;
          }
          Sql.update(c, DELETE_DELIVERIES, subscriptionId);
          return true;
        });
  }

  @Override
  public Page<WebhookDelivery> deliveries(
      long workspaceId, long subscriptionId, DeliveryStatus status, long beforeId, int limit) {
    List<WebhookDelivery> rows =
        database.withConnection(
            c ->
                status == null
                    ? Sql.query(
                        c,
                        DELIVERIES,
                        PostgresWebhookStore::delivery,
                        workspaceId,
                        subscriptionId,
                        beforeId,
                        beforeId,
                        limit + 1)
                    : Sql.query(
                        c,
                        DELIVERIES_WITH_STATUS,
                        PostgresWebhookStore::delivery,
                        workspaceId,
                        subscriptionId,
                        status.wireName(),
                        beforeId,
                        beforeId,
                        limit + 1));
    return Pages.of(rows, limit, WebhookDelivery::id);
  }

  @Override
  public Optional<WebhookDelivery> delivery(
      long workspaceId, long subscriptionId, long deliveryId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                DELIVERY,
                PostgresWebhookStore::delivery,
                workspaceId,
                subscriptionId,
                deliveryId));
  }

  @Override
  public boolean retry(long workspaceId, long subscriptionId, long deliveryId, Instant now) {
    return database.withConnection(
            c -> Sql.update(c, RETRY, now, workspaceId, subscriptionId, deliveryId))
        == 1;
  }

  @Override
  public List<ClaimedDelivery> claim(String nodeId, Instant now, Duration lease, int limit) {
    return database.withConnection(
        c ->
            Sql.query(
                c, CLAIM, PostgresWebhookStore::claimed, nodeId, now.plus(lease), now, now, limit));
  }

  @Override
  public boolean recordDelivered(ClaimedDelivery delivery, int httpStatus, Instant now) {
    return fenced(DELIVERED, httpStatus, now, now, delivery.id(), delivery.version());
  }

  @Override
  public boolean recordRetry(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant nextAttemptAt) {
    return fenced(RETRY_LATER, httpStatus, error, nextAttemptAt, delivery.id(), delivery.version());
  }

  @Override
  public boolean recordFailed(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant now) {
    return fenced(FAILED, httpStatus, error, now, delivery.id(), delivery.version());
  }

  @Override
  public boolean recordGone(ClaimedDelivery delivery, int httpStatus, String reason, Instant now) {
    // The subscription is locked first, as a PATCH does, so the two never deadlock.
    return database.inTransaction(
        c -> {
          Sql.query(c, LOCK_SUBSCRIPTION, rs -> rs.getLong("id"), delivery.subscriptionId());
          if (Sql.update(c, FAILED, httpStatus, reason, now, delivery.id(), delivery.version())
              == 0) {
            return false;
          }
          Sql.update(c, SWITCH_OFF, reason, now, delivery.subscriptionId());
          Sql.update(c, HOLD_PENDING, delivery.subscriptionId());
          return true;
        });
  }

  @Override
  public boolean hold(ClaimedDelivery delivery) {
    return fenced(HOLD, delivery.id(), delivery.version());
  }

  @Override
  public int prune(Instant before, int limit) {
    return database.withConnection(c -> Sql.update(c, PRUNE, before, limit));
  }

  /** One fenced update; more than one row would be a bug (ids are unique). */
  private boolean fenced(String sql, Object... params) {
    return database.withConnection(c -> Sql.update(c, sql, params)) == 1;
  }

  private static String[] wireNames(List<WebhookEvent> events) {
    return events.stream().map(WebhookEvent::wireName).toArray(String[]::new);
  }

  private static WebhookSubscription subscription(ResultSet rs) throws SQLException {
    List<WebhookEvent> events = new ArrayList<>();
    for (Object name : (Object[]) rs.getArray("events").getArray()) {
      WebhookEvent.fromWire((String) name).ifPresent(events::add);
    }
    return new WebhookSubscription(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getString("url"),
        rs.getString("description"),
        events,
        rs.getBoolean("active"),
        rs.getString("disabled_reason"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    return new WebhookDelivery(
        rs.getLong("id"),
        rs.getLong("subscription_id"),
        rs.getString("event_type"),
        DeliveryStatus.fromWire(rs.getString("status")).orElseThrow(),
        rs.getInt("attempts"),
        Sql.nullableInt(rs, "last_status"),
        rs.getString("last_error"),
        Sql.instant(rs, "next_attempt_at"),
        Sql.instant(rs, "occurred_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "delivered_at"));
  }

  private static ClaimedDelivery claimed(ResultSet rs) throws SQLException {
    return new ClaimedDelivery(
        rs.getLong("id"),
        rs.getLong("version"),
        rs.getLong("workspace_id"),
        rs.getLong("subscription_id"),
        rs.getString("event_type"),
        rs.getString("payload"),
        Sql.instant(rs, "occurred_at"),
        rs.getInt("attempts"),
        rs.getString("url"),
        rs.getBytes("secret"),
        rs.getBoolean("active"));
  }
}
