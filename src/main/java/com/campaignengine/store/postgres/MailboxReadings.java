package com.campaignengine.store.postgres;

import com.campaignengine.mailbox.ReplyDetection;
import com.campaignengine.readmodel.MailboxReading;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well each mailbox's inbox is read, from its inbound checkpoint. A mailbox that changed its
 * way of reading (Gmail, then IMAP settings) has a row per source; the current one counts.
 */
final class MailboxReadings {
  private MailboxReadings() {}

  private static final String READINGS =
      """
      SELECT m.id, m.provider, m.settings -> 'imap' IS NOT NULL AS has_imap,
             c.source, c.last_read_at, c.last_error, c.last_error_at
        FROM mailboxes m LEFT JOIN inbound_checkpoints c ON c.mailbox_id = m.id
       WHERE m.workspace_id = ? AND (?::bigint IS NULL OR m.id = ?)
       ORDER BY m.id
      """;

  private record Row(
      long mailboxId, ReplyDetection detection, String source, MailboxReading read) {}

  /** Every mailbox of the workspace, or only {@code mailboxId} when it is not null. */
  static List<MailboxReading> read(Connection c, long workspaceId, Long mailboxId)
      throws SQLException {
    List<Row> rows =
        Sql.query(
            c,
            READINGS,
            rs -> {
              long id = rs.getLong("id");
              ReplyDetection detection =
                  ReplyDetection.of(rs.getString("provider"), rs.getBoolean("has_imap"));
              return new Row(
                  id,
                  detection,
                  rs.getString("source"),
                  new MailboxReading(
                      id,
                      detection,
                      Sql.instant(rs, "last_read_at"),
                      rs.getString("last_error"),
                      Sql.instant(rs, "last_error_at")));
            },
            workspaceId,
            mailboxId,
            mailboxId);
    Map<Long, MailboxReading> byMailbox = new LinkedHashMap<>();
    for (Row row : rows) {
      byMailbox.putIfAbsent(
          row.mailboxId(), MailboxReading.unread(row.mailboxId(), row.detection()));
      if (row.detection().wireName().equals(row.source())) {
        byMailbox.put(row.mailboxId(), row.read());
      }
    }
    return new ArrayList<>(byMailbox.values());
  }
}
