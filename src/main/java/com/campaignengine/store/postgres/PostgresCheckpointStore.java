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
       WHERE status = 'connected' AND (provider = 'gmail' OR settings -> 'imap' IS NOT NULL)
       ORDER BY id
      """;

  private static final String ENSURE =
      """
      INSERT INTO inbound_checkpoints (mailbox_id, source) VALUES (?, ?)
      ON CONFLICT (mailbox_id, source) DO NOTHING
      """;

  private static final String LEASE =
      """
      UPDATE inbound_checkpoints SET locked_by = ?, locked_until = ?
       WHERE mailbox_id = ? AND source = ? AND (locked_until IS NULL OR locked_until < ?)
      RETURNING checkpoint
      """;

  private static final String RELEASE =
      """
      UPDATE inbound_checkpoints
         SET checkpoint = ?, last_error = ?, last_polled_at = ?, locked_by = NULL, locked_until = NULL
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
          List<String[]> granted =
              Sql.query(
                  c,
                  LEASE,
                  rs -> new String[] {rs.getString("checkpoint")},
                  node,
                  until,
                  mailboxId,
                  source,
                  now);
          return granted.isEmpty()
              ? Optional.<Lease>empty()
              : Optional.of(new Lease(mailboxId, source, granted.get(0)[0]));
        });
  }

  @Override
  public void release(Lease lease, String checkpoint, String error, Instant now) {
    database.withConnection(
        c -> Sql.update(c, RELEASE, checkpoint, error, now, lease.mailboxId(), lease.source()));
  }
}
