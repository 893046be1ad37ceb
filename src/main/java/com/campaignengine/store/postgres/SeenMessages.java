package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The inbound messages each mailbox has processed (V018 inbound_seen), pruned by retention. */
final class SeenMessages {
  private SeenMessages() {}

  private static final String SEEN =
      "SELECT 1 FROM inbound_seen WHERE mailbox_id = ? AND message_key = ?";

  private static final String MARK =
      """
      INSERT INTO inbound_seen (mailbox_id, message_key, seen_at) VALUES (?, ?, ?)
      ON CONFLICT (mailbox_id, message_key) DO NOTHING
      """;

  /** The workspace's rows older than the cut-off, by the age index. */
  static final String PRUNE =
      """
      DELETE FROM inbound_seen
       WHERE seen_at < ? AND mailbox_id IN (SELECT id FROM mailboxes WHERE workspace_id = ?)
      """;

  static boolean seen(Connection c, long mailboxId, String key) throws SQLException {
    return Sql.queryOne(c, SEEN, rs -> true, mailboxId, key).isPresent();
  }

  static int mark(Connection c, long mailboxId, String key, Instant now) throws SQLException {
    return Sql.update(c, MARK, mailboxId, key, now);
  }

  static int prune(Connection c, long workspaceId, Instant before) throws SQLException {
    return Sql.update(c, PRUNE, before, workspaceId);
  }
}
