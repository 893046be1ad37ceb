package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.MailboxStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sending mailboxes, their sealed secrets and credential updates. */
public final class PostgresMailboxStore implements MailboxStore {

  private static final String INSERT =
      """
      INSERT INTO mailboxes (workspace_id, provider, email, display_name, daily_limit,
             hourly_limit, min_gap_seconds, max_gap_seconds, status, timezone, settings, secrets,
             created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'connected', ?, ?::jsonb, ?, ?, ?)
      ON CONFLICT (workspace_id, email) DO NOTHING
      RETURNING *
      """;
  private static final String BY_EMAIL =
      "SELECT id FROM mailboxes WHERE workspace_id = ? AND email = ?";
  private static final String FIND = "SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ?";
  private static final String LIST = "SELECT * FROM mailboxes WHERE workspace_id = ? ORDER BY id";
  private static final String SECRETS = "SELECT secrets FROM mailboxes WHERE id = ?";

  private static final String UPDATE_CREDENTIALS =
      """
      UPDATE mailboxes
         SET settings = ?::jsonb, secrets = ?, settings_version = settings_version + 1,
             status = 'connected', status_reason = NULL, deferred_until = NULL, updated_at = ?
       WHERE workspace_id = ? AND id = ?
      """;

  private final Database database;

  public PostgresMailboxStore(Database database) {
    this.database = database;
  }

  @Override
  public Mailbox create(long workspaceId, MailboxDraft d, byte[] sealedSecrets, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Mailbox> created =
              Sql.queryOne(
                  c,
                  INSERT,
                  PostgresMailboxStore::map,
                  workspaceId,
                  d.provider(),
                  d.email(),
                  d.displayName(),
                  d.dailyLimit(),
                  d.hourlyLimit(),
                  d.minGapSeconds(),
                  d.maxGapSeconds(),
                  d.timezone(),
                  JsonColumns.writeObject(d.settings()),
                  sealedSecrets,
                  now,
                  now);
          if (created.isPresent()) {
            return created.get();
          }
          long existing =
              Sql.queryOne(c, BY_EMAIL, rs -> rs.getLong("id"), workspaceId, d.email())
                  .orElseThrow();
          throw new DuplicateException("a mailbox with this email already exists", existing);
        });
  }

  @Override
  public Optional<MailboxReading> reading(long workspaceId, long mailboxId) {
    return database.withConnection(
        c -> MailboxReadings.read(c, workspaceId, mailboxId).stream().findFirst());
  }

  @Override
  public Optional<Mailbox> find(long workspaceId, long mailboxId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, PostgresMailboxStore::map, workspaceId, mailboxId));
  }

  @Override
  public List<Mailbox> list(long workspaceId) {
    return database.withConnection(c -> Sql.query(c, LIST, PostgresMailboxStore::map, workspaceId));
  }

  @Override
  public Optional<byte[]> sealedSecrets(long mailboxId) {
    return database.withConnection(
        c -> Sql.queryOne(c, SECRETS, rs -> rs.getBytes("secrets"), mailboxId));
  }

  @Override
  public Optional<Mailbox> updateCredentials(
      long workspaceId,
      long mailboxId,
      Map<String, Map<String, Object>> settings,
      byte[] sealedSecrets,
      Instant now) {
    boolean updated =
        database.inTransaction(
            c -> {
              int rows =
                  Sql.update(
                      c,
                      UPDATE_CREDENTIALS,
                      JsonColumns.writeObject(settings),
                      sealedSecrets,
                      now,
                      workspaceId,
                      mailboxId);
              if (rows > 0) {
                HeldWork.releaseForMailbox(c, mailboxId);
              }
              return rows > 0;
            });
    return updated ? find(workspaceId, mailboxId) : Optional.empty();
  }

  static Mailbox map(ResultSet rs) throws SQLException {
    return map(rs, "");
  }

  /**
   * A mailbox from a row whose columns that a join shares with other tables ({@code id}, {@code
   * email}, {@code status}, {@code timezone}, {@code settings}) are named with {@code prefix}.
   */
  static Mailbox map(ResultSet rs, String prefix) throws SQLException {
    return new Mailbox(
        rs.getLong(prefix + "id"),
        rs.getLong("workspace_id"),
        rs.getString("provider"),
        rs.getString(prefix + "email"),
        rs.getString("display_name"),
        rs.getInt("daily_limit"),
        Sql.nullableInt(rs, "hourly_limit"),
        rs.getInt("min_gap_seconds"),
        rs.getInt("max_gap_seconds"),
        rs.getString(prefix + "status"),
        rs.getString(prefix + "timezone"),
        JsonColumns.objectMap(rs.getString(prefix + "settings")),
        rs.getInt("settings_version"),
        rs.getString("status_reason"));
  }
}
