package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.Page;
import com.campaignengine.webhooks.DeliveryStatus;
import com.campaignengine.webhooks.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A subscription's deliveries as the API shows them, newest first, and the retry of a failed one.
 * Deliveries are inserted by the capture triggers of migration V013, in the transaction of each
 * event.
 */
final class WebhookDeliveryLog {

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

  private final Database database;

  WebhookDeliveryLog(Database database) {
    this.database = database;
  }

  Page<WebhookDelivery> deliveries(
      long workspaceId, long subscriptionId, DeliveryStatus status, long beforeId, int limit) {
    List<WebhookDelivery> rows =
        database.withConnection(
            c ->
                status == null
                    ? Sql.query(
                        c,
                        DELIVERIES,
                        WebhookDeliveryLog::delivery,
                        workspaceId,
                        subscriptionId,
                        beforeId,
                        beforeId,
                        limit + 1)
                    : Sql.query(
                        c,
                        DELIVERIES_WITH_STATUS,
                        WebhookDeliveryLog::delivery,
                        workspaceId,
                        subscriptionId,
                        status.wireName(),
                        beforeId,
                        beforeId,
                        limit + 1));
    return Pages.of(rows, limit, WebhookDelivery::id);
  }

  Optional<WebhookDelivery> delivery(long workspaceId, long subscriptionId, long deliveryId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                DELIVERY,
                WebhookDeliveryLog::delivery,
                workspaceId,
                subscriptionId,
                deliveryId));
  }

  boolean retry(long workspaceId, long subscriptionId, long deliveryId, Instant now) {
    return database.withConnection(
            c -> Sql.update(c, RETRY, now, workspaceId, subscriptionId, deliveryId))
        == 1;
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
}
