package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxConnection;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.MailboxLimits;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.readmodel.MailboxOwnership;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.MailboxStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sending mailboxes, their sealed secrets and credential updates. */
public final class PostgresMailboxStore implements MailboxStore {

  private static final String INSERT =
      """
      INSERT INTO mailboxes (workspace_id, owner_user_id, provider, email, display_name,
             daily_limit, hourly_limit, min_gap_seconds, max_gap_seconds, status, timezone,
             settings, secrets, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'connected', ?, ?::jsonb, ?, ?, ?)
      ON CONFLICT (workspace_id, email) DO NOTHING
      RETURNING *
      """;
  private static final String BY_EMAIL =
      "SELECT id FROM mailboxes WHERE workspace_id = ? AND email = ?";
  private static final String FIND = "SELECT * FROM mailboxes WHERE workspace_id = ? AND id = ?";
  private static final String LIST = "SELECT * FROM mailboxes WHERE workspace_id = ? ORDER BY id";
  private static final String SECRETS = "SELECT secrets FROM mailboxes WHERE id = ?";
  private static final String SECRETS_FOR_UPDATE =
      "SELECT secrets FROM mailboxes WHERE id = ? FOR UPDATE";
  private static final String REPLACE_SECRETS = "UPDATE mailboxes SET secrets = ? WHERE id = ?";

  private static final String UPDATE_CREDENTIALS =
      """
      UPDATE mailboxes
         SET settings = ?::jsonb, secrets = ?, settings_version = settings_version + 1,
             status = 'connected', status_reason = NULL, deferred_until = NULL, updated_at = ?
       WHERE workspace_id = ? AND id = ?
      """;

  private static final String UPDATE =
      """
      UPDATE mailboxes
         SET display_name = ?, daily_limit = ?, hourly_limit = ?, min_gap_seconds = ?,
             max_gap_seconds = ?, timezone = ?, updated_at = ?
       WHERE workspace_id = ? AND id = ?
      """;

  private static final String LOCK =
      "SELECT id FROM mailboxes WHERE workspace_id = ? AND id = ? FOR UPDATE";

  private static final String LIVE_CAMPAIGNS =
      """
      SELECT c.id FROM campaign_sequence_mailboxes cm
        JOIN campaign_sequences c ON c.id = cm.campaign_id
       WHERE cm.mailbox_id = ? AND c.status <> 'archived'
       ORDER BY c.id
      """;

  private static final String LIVE_ENROLLMENTS =
      """
      SELECT count(*) AS n FROM campaign_sequence_leads
       WHERE mailbox_id = ? AND status IN ('active', 'paused', 'failed')
      """;

  /**
   * Rows that refer to the mailbox by foreign key, and the Message-IDs its inbox was read for
   * (retention finds those through the mailbox's workspace, so they would never go); everything
   * else keeps its id as history.
   */
  private static final List<String> DELETE =
      List.of(
          "DELETE FROM campaign_sequence_mailboxes WHERE mailbox_id = ?",
          "DELETE FROM inbound_checkpoints WHERE mailbox_id = ?",
          "DELETE FROM inbound_seen WHERE mailbox_id = ?",
          "DELETE FROM reply_check_holds WHERE mailbox_id = ?",
          "DELETE FROM mailboxes WHERE id = ?");

  private static final String OWNERSHIP =
      """
      SELECT m.id, m.owner_user_id,
             coalesce(array_agg(s.user_id) FILTER (WHERE s.user_id IS NOT NULL), '{}') AS shared
        FROM mailboxes m LEFT JOIN mailbox_shares s ON s.mailbox_id = m.id
       WHERE m.workspace_id = ? AND m.id = ANY(?)
       GROUP BY m.id
      """;

  private static final String LOCK_MAILBOX =
      "SELECT id FROM mailboxes WHERE workspace_id = ? AND id = ? FOR UPDATE";
  private static final String USERS_OF_WORKSPACE =
      "SELECT id FROM users WHERE workspace_id = ? AND id = ANY(?)";
  private static final String UNSHARE = "DELETE FROM mailbox_shares WHERE mailbox_id = ?";
  private static final String SHARE =
      """
      INSERT INTO mailbox_shares (mailbox_id, user_id)
      SELECT ?, u FROM unnest(?::bigint[]) AS u ON CONFLICT DO NOTHING
      """;

  private final Database database;

  public PostgresMailboxStore(Database database) {
    this.database = database;
  }

  @Override
  public Mailbox create(
      long workspaceId, Long ownerUserId, MailboxDraft d, byte[] sealedSecrets, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Mailbox> created =
              Sql.queryOne(
                  c,
                  INSERT,
                  PostgresMailboxStore::map,
                  workspaceId,
                  ownerUserId,
                  d.provider(),
                  d.email(),
                  d.displayName(),
                  d.limits().dailyLimit(),
                  d.limits().hourlyLimit(),
                  d.limits().minGapSeconds(),
                  d.limits().maxGapSeconds(),
                  d.limits().timezone(),
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
  public Map<Long, MailboxOwnership> ownership(long workspaceId, Collection<Long> mailboxIds) {
    Map<Long, MailboxOwnership> result = new HashMap<>();
    database
        .withConnection(
            c ->
                Sql.query(
                    c,
                    OWNERSHIP,
                    PostgresMailboxStore::ownership,
                    workspaceId,
                    c.createArrayOf("bigint", mailboxIds.toArray())))
        .forEach(o -> result.put(o.mailboxId(), o));
    return result;
  }

  @Override
  public Optional<MailboxOwnership> replaceShares(
      long workspaceId, long mailboxId, List<Long> userIds) {
    return database.inTransaction(
        c -> {
          if (Sql.queryOne(c, LOCK_MAILBOX, rs -> rs.getLong("id"), workspaceId, mailboxId)
              .isEmpty()) {
            return Optional.<MailboxOwnership>empty();
          }
          Object ids = c.createArrayOf("bigint", userIds.toArray());
          Set<Long> known =
              new HashSet<>(
                  Sql.query(c, USERS_OF_WORKSPACE, rs -> rs.getLong("id"), workspaceId, ids));
          for (Long user : userIds) {
            if (!known.contains(user)) {
              throw new NotFoundException("no user " + user + " in this workspace");
            }
          }
          Sql.update(c, UNSHARE, mailboxId);
          Sql.update(c, SHARE, mailboxId, ids);
          return Sql.queryOne(
              c,
              OWNERSHIP,
              PostgresMailboxStore::ownership,
              workspaceId,
              c.createArrayOf("bigint", new Object[] {mailboxId}));
        });
  }

  private static MailboxOwnership ownership(ResultSet rs) throws SQLException {
    return new MailboxOwnership(
        rs.getLong("id"),
        (Long) rs.getObject("owner_user_id"),
        Set.of((Long[]) rs.getArray("shared").getArray()));
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
  public boolean changeSealedSecrets(
      long mailboxId, java.util.function.UnaryOperator<byte[]> change) {
    return database.inTransaction(
        c -> {
          Optional<Optional<byte[]>> current =
              Sql.queryOne(
                  c,
                  SECRETS_FOR_UPDATE,
                  rs -> Optional.ofNullable(rs.getBytes("secrets")),
                  mailboxId);
          if (current.isEmpty()) {
            return false;
          }
          Sql.update(c, REPLACE_SECRETS, change.apply(current.get().orElse(null)), mailboxId);
          return true;
        });
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
            c -> replaceCredentials(c, workspaceId, mailboxId, settings, sealedSecrets, now));
    return updated ? find(workspaceId, mailboxId) : Optional.empty();
  }

  @Override
  public Optional<Mailbox> update(
      long workspaceId, long mailboxId, MailboxDraft d, byte[] sealedSecrets, Instant now) {
    boolean updated =
        database.inTransaction(
            c -> {
              int rows =
                  Sql.update(
                      c,
                      UPDATE,
                      d.displayName(),
                      d.limits().dailyLimit(),
                      d.limits().hourlyLimit(),
                      d.limits().minGapSeconds(),
                      d.limits().maxGapSeconds(),
                      d.limits().timezone(),
                      now,
                      workspaceId,
                      mailboxId);
              if (rows > 0 && sealedSecrets != null) {
                replaceCredentials(c, workspaceId, mailboxId, d.settings(), sealedSecrets, now);
              }
              return rows > 0;
            });
    return updated ? find(workspaceId, mailboxId) : Optional.empty();
  }

  private static boolean replaceCredentials(
      java.sql.Connection c,
      long workspaceId,
      long mailboxId,
      Map<String, Map<String, Object>> settings,
      byte[] sealedSecrets,
      Instant now)
      throws SQLException {
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
  }

  @Override
  public Deletion delete(long workspaceId, long mailboxId) {
    return database.inTransaction(
        c -> {
          // Locked first: a campaign adding the mailbox meanwhile waits (its foreign key check
          // shares this row) and is then seen below, or fails on the deleted row.
          if (Sql.queryOne(c, LOCK, rs -> rs.getLong("id"), workspaceId, mailboxId).isEmpty()) {
            return new Deletion(false, List.of(), 0);
          }
          List<Long> campaigns = Sql.query(c, LIVE_CAMPAIGNS, rs -> rs.getLong("id"), mailboxId);
          long enrollments =
              Sql.queryOne(c, LIVE_ENROLLMENTS, rs -> rs.getLong("n"), mailboxId).orElse(0L);
          Deletion deletion = new Deletion(true, campaigns, enrollments);
          if (deletion.deleted()) {
            for (String delete : DELETE) {
              Sql.update(c, delete, mailboxId);
            }
          }
          return deletion;
        });
  }

  static Mailbox map(ResultSet rs) throws SQLException {
    return map(rs, "");
  }

  /**
   * A mailbox from a row whose columns that a join shares with other tables ({@code id}, {@code
   * email}, {@code status}, {@code timezone}, {@code settings}) are named with {@code prefix}.
   */
  static Mailbox map(ResultSet rs, String prefix) throws SQLException {
    return map(rs, prefix, (id, version, json) -> JsonColumns.objectMap(json));
  }

  /** How a mailbox's settings column becomes its map (a cache may skip parsing it again). */
  @FunctionalInterface
  interface SettingsReader {
    java.util.Map<String, Object> read(long mailboxId, int settingsVersion, String json);
  }

  /** As {@link #map(ResultSet, String)}, with the settings read through {@code settings}. */
  static Mailbox map(ResultSet rs, String prefix, SettingsReader settings) throws SQLException {
    long id = rs.getLong(prefix + "id");
    int settingsVersion = rs.getInt("settings_version");
    return new Mailbox(
        id,
        rs.getLong("workspace_id"),
        rs.getString(prefix + "email"),
        rs.getString("display_name"),
        rs.getString(prefix + "status"),
        rs.getString("status_reason"),
        new MailboxLimits(
            rs.getInt("daily_limit"),
            Sql.nullableInt(rs, "hourly_limit"),
            rs.getInt("min_gap_seconds"),
            rs.getInt("max_gap_seconds"),
            rs.getString(prefix + "timezone")),
        new MailboxConnection(
            rs.getString("provider"),
            settings.read(id, settingsVersion, rs.getString(prefix + "settings")),
            settingsVersion));
  }
}
