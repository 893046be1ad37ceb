package com.campaignengine.store.postgres;

import com.campaignengine.webhooks.ClaimedDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dispatcher's side of webhook deliveries: claim the due ones, record each attempt's outcome,
 * prune the finished. The claim is one statement (due rows in order, {@code SKIP LOCKED}, a lease,
 * a version bump); every later write is fenced by that version.
 */
final class WebhookDeliveryQueue {

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

  WebhookDeliveryQueue(Database database) {
    this.database = database;
  }

  List<ClaimedDelivery> claim(String nodeId, Instant now, Duration lease, int limit) {
    return database.withConnection(
        c ->
            Sql.query(
                c, CLAIM, WebhookDeliveryQueue::claimed, nodeId, now.plus(lease), now, now, limit));
  }

  boolean recordDelivered(ClaimedDelivery delivery, int httpStatus, Instant now) {
    return fenced(DELIVERED, httpStatus, now, now, delivery.id(), delivery.version());
  }

  boolean recordRetry(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant nextAttemptAt) {
    return fenced(RETRY_LATER, httpStatus, error, nextAttemptAt, delivery.id(), delivery.version());
  }

  boolean recordFailed(ClaimedDelivery delivery, Integer httpStatus, String error, Instant now) {
    return fenced(FAILED, httpStatus, error, now, delivery.id(), delivery.version());
  }

  /** Fails the delivery and switches its subscription off, in one transaction. */
  boolean recordGone(ClaimedDelivery delivery, int httpStatus, String reason, Instant now) {
    return database.inTransaction(
        c -> {
          WebhookSubscriptions.lock(c, delivery.subscriptionId());
          if (Sql.update(c, FAILED, httpStatus, reason, now, delivery.id(), delivery.version())
              == 0) {
            return false;
          }
          WebhookSubscriptions.switchOff(c, delivery.subscriptionId(), reason, now);
          return true;
        });
  }

  boolean hold(ClaimedDelivery delivery) {
    return fenced(HOLD, delivery.id(), delivery.version());
  }

  int prune(Instant before, int limit) {
    return database.withConnection(c -> Sql.update(c, PRUNE, before, limit));
  }

  /** One fenced update; more than one row would be a bug (ids are unique). */
  private boolean fenced(String sql, Object... params) {
    return database.withConnection(c -> Sql.update(c, sql, params)) == 1;
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
