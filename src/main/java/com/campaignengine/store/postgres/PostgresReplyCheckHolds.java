package com.campaignengine.store.postgres;

import com.campaignengine.store.ReplyCheckHolds;
import java.time.Instant;

/** The table {@code reply_check_holds}: one row per mailbox that holds its follow-ups. */
public final class PostgresReplyCheckHolds implements ReplyCheckHolds {

  private static final String HOLDING =
      """
      INSERT INTO reply_check_holds AS h
             (mailbox_id, workspace_id, waiting_since, last_error, last_error_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (mailbox_id) DO UPDATE
         SET waiting_since = CASE WHEN h.last_error_at < ? THEN excluded.waiting_since
                                  ELSE h.waiting_since END,
             last_error = excluded.last_error,
             last_error_at = excluded.last_error_at
      """;

  private static final String RELEASED = "DELETE FROM reply_check_holds WHERE mailbox_id = ?";

  /** Errors are operators' text; a provider's answer can be long. */
  private static final int MAX_ERROR = 1000;

  private final Database database;

  public PostgresReplyCheckHolds(Database database) {
    this.database = database;
  }

  @Override
  public void holding(long workspaceId, long mailboxId, String error, Instant now) {
    String text = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    database.inTransaction(
        c ->
            Sql.update(c, HOLDING, mailboxId, workspaceId, now, text, now, now.minus(STALE_AFTER)));
  }

  @Override
  public void released(long mailboxId) {
    database.inTransaction(c -> Sql.update(c, RELEASED, mailboxId));
  }
}
