package com.campaignengine.store.postgres;

import com.campaignengine.mailbox.ReplyDetection;
import com.campaignengine.readmodel.MailboxReading;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
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
             c.source, c.last_read_at, c.last_error, c.last_error_at,
             h.waiting_since, h.last_error AS hold_reason
        FROM mailboxes m
        LEFT JOIN inbound_checkpoints c ON c.mailbox_id = m.id
        LEFT JOIN reply_check_holds h ON h.mailbox_id = m.id
       WHERE m.workspace_id = ? AND (?::bigint IS NULL OR m.id = ?)
       ORDER BY m.id
      """;

  /** Through the V008 index of pending executions with an error class. */
  private static final String WAITING =
      """
      SELECT l.mailbox_id, count(*) AS n
        FROM campaign_sequence_executions x
        JOIN campaign_sequence_leads l ON l.id = x.enrollment_id
       WHERE x.workspace_id = ? AND x.status = 'pending'
         AND x.error_class = 'waiting_for_reply_check'
         AND (?::bigint IS NULL OR l.mailbox_id = ?)
       GROUP BY l.mailbox_id
      """;

  private record Row(
      long mailboxId, ReplyDetection detection, String source, MailboxReading read) {}

  /**
   * Per mailbox of the workspace (or only {@code mailboxId} when it is not null): how many
   * follow-ups wait for a reply check. Mailboxes with none are absent.
   */
  static Map<Long, Long> followUpsWaiting(Connection c, long workspaceId, Long mailboxId)
      throws SQLException {
    Map<Long, Long> waiting = new HashMap<>();
    Sql.query(
        c,
        WAITING,
        rs -> waiting.put(rs.getLong("mailbox_id"), rs.getLong("n")),
        workspaceId,
        mailboxId,
        mailboxId);
    return waiting;
  }

  /** Every mailbox of the workspace, or only {@code mailboxId} when it is not null. */
  static List<MailboxReading> read(Connection c, long workspaceId, Long mailboxId)
      throws SQLException {
    Map<Long, Long> waiting = followUpsWaiting(c, workspaceId, mailboxId);
    List<Row> rows =
        Sql.query(
            c,
            READINGS,
            rs -> {
              long id = rs.getLong("id");
              ReplyDetection detection =
                  ReplyDetection.of(rs.getString("provider"), rs.getBoolean("has_imap"));
              long held = waiting.getOrDefault(id, 0L);
              MailboxReading.FollowUpsWaiting followUps =
                  held == 0
                      ? MailboxReading.FollowUpsWaiting.NONE
                      : new MailboxReading.FollowUpsWaiting(
                          held, Sql.instant(rs, "waiting_since"), rs.getString("hold_reason"));
              return new Row(
                  id,
                  detection,
                  rs.getString("source"),
                  new MailboxReading(
                      id,
                      detection,
                      Sql.instant(rs, "last_read_at"),
                      rs.getString("last_error"),
                      Sql.instant(rs, "last_error_at"),
                      followUps));
            },
            workspaceId,
            mailboxId,
            mailboxId);
    Map<Long, MailboxReading> byMailbox = new LinkedHashMap<>();
    for (Row row : rows) {
      byMailbox.putIfAbsent(
          row.mailboxId(),
          MailboxReading.unread(row.mailboxId(), row.detection(), row.read().followUpsWaiting()));
      if (row.detection().wireName().equals(row.source())) {
        byMailbox.put(row.mailboxId(), row.read());
      }
    }
    return new ArrayList<>(byMailbox.values());
  }
}
