package com.campaignengine.store.postgres;

import com.campaignengine.store.InboundStore.SendRef;
import java.time.Instant;
import java.util.Optional;

/** Opens and clicks of a send, and the links a click may redirect to. */
final class TrackingEvents {

  private static final String INSERT_EVENT =
      """
      INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
             event_type, occurred_at, likely_machine, link_index)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String LINK = "SELECT links[?] AS url FROM email_sends WHERE id = ?";

  private final Database database;

  TrackingEvents(Database database) {
    this.database = database;
  }

  void record(SendRef send, String type, Integer linkIndex, boolean likelyMachine, Instant now) {
    database.withConnection(
        c ->
            Sql.update(
                c,
                INSERT_EVENT,
                send.workspaceId(),
                send.campaignId(),
                send.stepId(),
                send.enrollmentId(),
                send.sendId(),
                type,
                now,
                likelyMachine,
                linkIndex));
  }

  Optional<String> link(long sendId, int index) {
    // PostgreSQL arrays are 1-based; link indexes are 0-based.
    return database.withConnection(
        c -> Sql.queryOne(c, LINK, rs -> rs.getString("url"), index + 1, sendId));
  }
}
