package com.campaignengine.store.postgres;

import com.campaignengine.webhooks.WebhookEvent;
import com.campaignengine.webhooks.WebhookSubscription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions: created, changed and deleted through the API, and switched off when their
 * receiver answers 410 Gone. A subscription that is off holds its pending deliveries (no due time)
 * until it is switched on again.
 */
final class WebhookSubscriptions {

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

  private static final String LOCK = "SELECT id FROM webhook_subscriptions WHERE id = ? FOR UPDATE";

  private static final String SWITCH_OFF =
      """
      UPDATE webhook_subscriptions SET active = false, disabled_reason = ?, updated_at = ?
       WHERE id = ? AND active
      """;

  private final Database database;

  WebhookSubscriptions(Database database) {
    this.database = database;
  }

  WebhookSubscription create(
      long workspaceId,
      String url,
      String description,
      String[] events,
      byte[] sealedSecret,
      Instant now) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                    c,
                    INSERT,
                    WebhookSubscriptions::subscription,
                    workspaceId,
                    url,
                    description,
                    events,
                    sealedSecret,
                    now,
                    now)
                .orElseThrow());
  }

  List<WebhookSubscription> list(long workspaceId) {
    return database.withConnection(
        c -> Sql.query(c, LIST, WebhookSubscriptions::subscription, workspaceId));
  }

  Optional<WebhookSubscription> find(long workspaceId, long subscriptionId) {
    return database.withConnection(
        c ->
            Sql.queryOne(c, FIND, WebhookSubscriptions::subscription, workspaceId, subscriptionId));
  }

  /** The change's null members leave their column as it is (see {@code UPDATE}). */
  Optional<WebhookSubscription> update(
      long workspaceId, long subscriptionId, Change change, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<WebhookSubscription> updated =
              Sql.queryOne(
                  c,
                  UPDATE,
                  WebhookSubscriptions::subscription,
                  change.url(),
                  change.events(),
                  change.description(),
                  change.description(),
                  change.active(),
                  change.active(),
                  change.active(),
                  now,
                  workspaceId,
                  subscriptionId);
          if (updated.isPresent() && change.active() != null) {
            if (change.active()) {
              Sql.update(c, RELEASE_HELD, now, subscriptionId);
            } else {
              Sql.update(c, HOLD_PENDING, subscriptionId);
            }
          }
          return updated;
        });
  }

  /** A change through the API; {@code events} as wire names. */
  record Change(String url, String[] events, String description, Boolean active) {}

  boolean delete(long workspaceId, long subscriptionId) {
    return database.inTransaction(
        c -> {
          if (Sql.update(c, DELETE, workspaceId, subscriptionId) == 0) {
            return false;
          }
          Sql.update(c, DELETE_DELIVERIES, subscriptionId);
          return true;
        });
  }

  /**
   * Takes the subscription's row lock, in the caller's transaction: a delivery's outcome that
   * switches the subscription off locks it first, as a PATCH does, so the two never deadlock.
   */
  static void lock(Connection c, long subscriptionId) throws SQLException {
    Sql.query(c, LOCK, rs -> rs.getLong("id"), subscriptionId);
  }

  /** Switches the subscription off with the reason and holds its pending deliveries. */
  static void switchOff(Connection c, long subscriptionId, String reason, Instant now)
      throws SQLException {
    Sql.update(c, SWITCH_OFF, reason, now, subscriptionId);
    Sql.update(c, HOLD_PENDING, subscriptionId);
  }

  static String[] wireNames(List<WebhookEvent> events) {
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
}
