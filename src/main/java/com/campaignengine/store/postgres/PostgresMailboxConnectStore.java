package com.campaignengine.store.postgres;

import com.campaignengine.store.MailboxConnectStore;
import java.time.Instant;
import java.util.Optional;

/** {@link MailboxConnectStore} on the {@code mailbox_connect_states} table. */
public final class PostgresMailboxConnectStore implements MailboxConnectStore {
  private static final String EXPIRED = "DELETE FROM mailbox_connect_states WHERE expires_at <= ?";
  private static final String INSERT =
      """
      INSERT INTO mailbox_connect_states
        (state_sha256, provider, workspace_id, user_id, mailbox_id, code_verifier, created_at,
         expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;
  private static final String TAKE =
      """
      DELETE FROM mailbox_connect_states WHERE state_sha256 = ?
      RETURNING provider, workspace_id, user_id, mailbox_id, code_verifier, expires_at
      """;

  private final Database database;

  public PostgresMailboxConnectStore(Database database) {
    this.database = database;
  }

  @Override
  public void save(String stateSha256, PendingConnect pending, Instant now, Instant expiresAt) {
    database.inTransaction(
        c -> {
          Sql.update(c, EXPIRED, now);
          return Sql.update(
              c,
              INSERT,
              stateSha256,
              pending.provider(),
              pending.workspaceId(),
              pending.userId(),
              pending.mailboxId(),
              pending.codeVerifier(),
              now,
              expiresAt);
        });
  }

  @Override
  public Optional<PendingConnect> take(String stateSha256, Instant now) {
    return database
        .inTransaction(
            c ->
                Sql.queryOne(
                    c,
                    TAKE,
                    rs -> {
                      Long mailboxId = Sql.nullableLong(rs, "mailbox_id");
                      return Sql.instant(rs, "expires_at").isAfter(now)
                          ? Optional.of(
                              new PendingConnect(
                                  rs.getString("provider"),
                                  rs.getLong("workspace_id"),
                                  rs.getLong("user_id"),
                                  mailboxId,
                                  rs.getString("code_verifier")))
                          : Optional.<PendingConnect>empty();
                    },
                    stateSha256))
        .flatMap(state -> state);
  }
}
