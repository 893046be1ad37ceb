package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.store.CheckpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Inbound checkpoints with leases. */
public final class PostgresCheckpointStore implements CheckpointStore {

  private static final String INBOUND_MAILBOXES =
      """
      SELECT * FROM mailboxes
       WHERE status = 'connected' AND (provider IN ('gmail', 'microsoft') OR settings -> 'imap' IS NOT NULL)
       ORDER BY id
      """;

  private static final String ENSURE =
      """
      INSERT INTO inbound_checkpoints (mailbox_id, source) VALUES (?, ?)
      ON CONFLICT (mailbox_id, source) DO NOTHING
      """;

  /**
   * Before the first complete read, reading starts at the mailbox's creation or its first send
   * (email_sends_mailbox_idx), whichever is earlier: never at "now".
   */
  private static final String LEASE =
      """
      UPDATE inbound_checkpoints c SET locked_by = ?, locked_until = ?
       WHERE c.mailbox_id = ? AND c.source = ? AND (c.locked_until IS NULL OR c.locked_until < ?)
      RETURNING c.checkpoint,
                COALESCE(c.read_through,
                         (SELECT LEAST(m.created_at,
                                       (SELECT min(s.created_at) FROM email_sends s
                                         WHERE s.mailbox_id = m.id))
                            FROM mailboxes m WHERE m.id = c.mailbox_id)) AS read_through
      """;

  private static final String SAVE_READ =
      """
      UPDATE inbound_checkpoints
         SET checkpoint = ?, read_through = ?, last_read_at = ?, last_polled_at = ?,
             locked_by = NULL, locked_until = NULL
       WHERE mailbox_id = ? AND source = ?
      """;

  private static final String SAVE_FAILURE =
      """
      UPDATE inbound_checkpoints
         SET last_error = ?, last_error_at = ?, last_polled_at = ?,
             locked_by = NULL, locked_until = NULL
       WHERE mailbox_id = ? AND source = ?
      """;

  private final Database database;

  public PostgresCheckpointStore(Database database) {
    this.database = database;
  }

  @Override
  public List<Mailbox> inboundMailboxes() {
    return database.withConnection(c -> Sql.query(c, INBOUND_MAILBOXES, PostgresMailboxStore::map));
  }

  @Override
  public Optional<Lease> lease(
      long mailboxId, String source, String node, Instant now, Instant until) {
    return database.inTransaction(
        c -> {
          Sql.update(c, ENSURE, mailboxId, source);
          // A row, even with a null checkpoint, means the lease was granted.
          return Sql.queryOne(
              c,
              LEASE,
              rs ->
                  new Lease(
                      mailboxId,
                      source,
                      rs.getString("checkpoint"),
                      Sql.instant(rs, "read_through")),
              node,
              until,
              mailboxId,
              source,
              now);
        });
  }

  @Override
  public void saveRead(Lease lease, String checkpoint, Instant readThrough, Instant now) {
    database.withConnection(
        c ->
            Sql.update(
                c,
                SAVE_READ,
                checkpoint,
                readThrough,
                now,
                now,
                lease.mailboxId(),
                lease.source()));
  }

  @Override
  public void saveFailure(Lease lease, String error, Instant now) {
    database.withConnection(
        c -> Sql.update(c, SAVE_FAILURE, error, now, now, lease.mailboxId(), lease.source()));
  }
}
