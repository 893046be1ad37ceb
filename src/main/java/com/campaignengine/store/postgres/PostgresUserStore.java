package com.campaignengine.store.postgres;

import com.campaignengine.access.Role;
import com.campaignengine.store.UserStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, invites, failed logins, user sessions and OIDC login states. */
public final class PostgresUserStore implements UserStore {
  private static final String COLUMNS =
      "id, workspace_id, email, name, role, password_hash, oidc_subject, created_at";
  private static final String INSERT =
      """
      INSERT INTO users (workspace_id, email, name, role, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT ((lower(email))) DO NOTHING
      RETURNING\s"""
          + COLUMNS;
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? ORDER BY id";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM users WHERE workspace_id = ? AND id = ?";
  private static final String FIND_BY_EMAIL =
      "SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)";

  /** Locks the workspace's owners, so two demotions cannot each leave the other as the last. */
  private static final String LOCK_OWNERS =
      "SELECT id FROM users WHERE workspace_id = ? AND role = 'owner' ORDER BY id FOR UPDATE";

  private static final String LOCK_USER =
      "SELECT role FROM users WHERE workspace_id = ? AND id = ? FOR UPDATE";
  private static final String UPDATE =
      """
      UPDATE users SET name = coalesce(?::text, name), role = coalesce(?::text, role), updated_at = ?
       WHERE workspace_id = ? AND id = ?
      """;
  private static final String DELETE = "DELETE FROM users WHERE workspace_id = ? AND id = ?";

  private static final String RETIRE_INVITES =
      "UPDATE user_invites SET used_at = ? WHERE user_id = ? AND used_at IS NULL";
  private static final String INSERT_INVITE =
      """
      INSERT INTO user_invites (token_sha256, user_id, created_at, expires_at)
      VALUES (?, ?, ?, ?)
      """;
  private static final String INVITE =
      "SELECT user_id, expires_at, used_at FROM user_invites WHERE token_sha256 = ? FOR UPDATE";
  private static final String USE_INVITE =
      "UPDATE user_invites SET used_at = ? WHERE token_sha256 = ?";
  private static final String SET_PASSWORD =
      "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";

  private static final String FAILURES =
      """
      SELECT count(*) AS n, min(failed_at) AS oldest
        FROM login_failures WHERE address_sha256 = ? AND failed_at > ?
      """;

  /** The address's lock, for this transaction (two addresses may share one: they only wait). */
  private static final String LOCK_FOR_LOGIN =
      "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))::text AS locked";

  private static final String RELEASE_FAILURE =
      """
      DELETE FROM login_failures
       WHERE ctid = (SELECT ctid FROM login_failures
                      WHERE address_sha256 = ? AND failed_at = ? LIMIT 1)
      """;

  /** Every address's aged failures: probing many addresses leaves nothing behind for long. */
  private static final String PRUNE_FAILURES = "DELETE FROM login_failures WHERE failed_at <= ?";

  private static final String INSERT_FAILURE =
      "INSERT INTO login_failures (address_sha256, failed_at) VALUES (?, ?)";

  private static final String EXPIRED_SESSIONS =
      "DELETE FROM dashboard_sessions WHERE expires_at <= ?";
  private static final String OPEN_SESSION =
      """
      INSERT INTO dashboard_sessions (token_sha256, workspace_id, user_id, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?)
      """;
  private static final String LINK_OIDC =
      "UPDATE users SET oidc_subject = ?, updated_at = ? WHERE id = ?";
  private static final String KEY_NAME =
      "SELECT name FROM api_keys WHERE workspace_id = ? AND id = ?";

  private static final String EXPIRED_STATES =
      "DELETE FROM oidc_login_states WHERE expires_at <= ?";
  private static final String INSERT_STATE =
      """
      INSERT INTO oidc_login_states (state_sha256, nonce, code_verifier, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?)
      """;
  private static final String TAKE_STATE =
      """
      DELETE FROM oidc_login_states WHERE state_sha256 = ?
      RETURNING nonce, code_verifier, expires_at
      """;

  private final Database database;

  public PostgresUserStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<StoredUser> create(
      long workspaceId, String email, String name, Role role, Instant now) {
    return database.inTransaction(
        c ->
            Sql.queryOne(
                c,
                INSERT,
                PostgresUserStore::user,
                workspaceId,
                email,
                name,
                role.wire(),
                now,
                now));
  }

  @Override
  public List<StoredUser> list(long workspaceId) {
    return database.withConnection(c -> Sql.query(c, LIST, PostgresUserStore::user, workspaceId));
  }

  @Override
  public Optional<StoredUser> find(long workspaceId, long userId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, PostgresUserStore::user, workspaceId, userId));
  }

  @Override
  public Optional<StoredUser> findByEmail(String email) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND_BY_EMAIL, PostgresUserStore::user, email));
  }

  @Override
  public Change update(long workspaceId, long userId, String name, Role role, Instant now) {
    return database.inTransaction(
        c -> {
          Change allowed = lastOwnerCheck(c, workspaceId, userId, role);
          if (allowed == Change.DONE) {
            Sql.update(
                c, UPDATE, name, role == null ? null : role.wire(), now, workspaceId, userId);
          }
          return allowed;
        });
  }

  @Override
  public Change delete(long workspaceId, long userId) {
    return database.inTransaction(
        c -> {
          Change allowed = lastOwnerCheck(c, workspaceId, userId, Role.VIEWER);
          if (allowed == Change.DONE) {
            Sql.update(c, DELETE, workspaceId, userId);
          }
          return allowed;
        });
  }

  /** Whether the user may become {@code role} (null: stays) without the owners running out. */
  private static Change lastOwnerCheck(Connection c, long workspaceId, long userId, Role role)
      throws SQLException {
    List<Long> owners = Sql.query(c, LOCK_OWNERS, rs -> rs.getLong("id"), workspaceId);
    Optional<String> current =
        Sql.queryOne(c, LOCK_USER, rs -> rs.getString("role"), workspaceId, userId);
    if (current.isEmpty()) {
      return Change.NOT_FOUND;
    }
    boolean losesOwner = owners.contains(userId) && role != null && role != Role.OWNER;
    return losesOwner && owners.size() == 1 ? Change.LAST_OWNER : Change.DONE;
  }

  @Override
  public void addInvite(long userId, String tokenSha256, Instant now, Instant expiresAt) {
    database.inTransaction(
        c -> {
          Sql.update(c, RETIRE_INVITES, now, userId);
          return Sql.update(c, INSERT_INVITE, tokenSha256, userId, now, expiresAt);
        });
  }

  @Override
  public InviteState inviteState(String tokenSha256, Instant now) {
    return database.inTransaction(c -> state(c, tokenSha256, now).state());
  }

  @Override
  public InviteState acceptInvite(String tokenSha256, String passwordHash, Instant now) {
    return database.inTransaction(
        c -> {
          Invite invite = state(c, tokenSha256, now);
          if (invite.state() == InviteState.OPEN) {
            Sql.update(c, USE_INVITE, now, tokenSha256);
            Sql.update(c, SET_PASSWORD, passwordHash, now, invite.userId());
          }
          return invite.state();
        });
  }

  private record Invite(InviteState state, long userId) {}

  private static Invite state(Connection c, String tokenSha256, Instant now) throws SQLException {
    return Sql.queryOne(
            c,
            INVITE,
            rs -> {
              long user = rs.getLong("user_id");
              if (Sql.instant(rs, "used_at") != null) {
                return new Invite(InviteState.USED, user);
              }
              boolean expired = !Sql.instant(rs, "expires_at").isAfter(now);
              return new Invite(expired ? InviteState.EXPIRED : InviteState.OPEN, user);
            },
            tokenSha256)
        .orElse(new Invite(InviteState.UNKNOWN, 0));
  }

  @Override
  public Failures reserveFailure(String address, Instant now, Instant since, int max) {
    return database.inTransaction(
        c -> {
          Sql.query(c, LOCK_FOR_LOGIN, rs -> rs.getString("locked"), address);
          Sql.update(c, PRUNE_FAILURES, since);
          Failures counted =
              Sql.queryOne(
                      c,
                      FAILURES,
                      rs -> new Failures(rs.getInt("n"), Sql.instant(rs, "oldest")),
                      address,
                      since)
                  .orElseThrow();
          if (counted.count() < max) {
            Sql.update(c, INSERT_FAILURE, address, now);
          }
          return counted;
        });
  }

  @Override
  public void releaseFailure(String address, Instant at) {
    database.withConnection(c -> Sql.update(c, RELEASE_FAILURE, address, at));
  }

  @Override
  public void openUserSession(
      long workspaceId, long userId, String tokenSha256, Instant now, Instant expiresAt) {
    database.inTransaction(
        c -> {
          Sql.update(c, EXPIRED_SESSIONS, now);
          return Sql.update(c, OPEN_SESSION, tokenSha256, workspaceId, userId, now, expiresAt);
        });
  }

  @Override
  public void linkOidcSubject(long userId, String subject, Instant now) {
    database.withConnection(c -> Sql.update(c, LINK_OIDC, subject, now, userId));
  }

  @Override
  public Optional<String> keyName(long workspaceId, long keyId) {
    return database.withConnection(
        c -> Sql.queryOne(c, KEY_NAME, rs -> rs.getString("name"), workspaceId, keyId));
  }

  @Override
  public void saveLoginState(String stateSha256, LoginState state, Instant now, Instant expiresAt) {
    database.inTransaction(
        c -> {
          Sql.update(c, EXPIRED_STATES, now);
          return Sql.update(
              c, INSERT_STATE, stateSha256, state.nonce(), state.codeVerifier(), now, expiresAt);
        });
  }

  @Override
  public Optional<LoginState> takeLoginState(String stateSha256, Instant now) {
    return database
        .inTransaction(
            c ->
                Sql.queryOne(
                    c,
                    TAKE_STATE,
                    rs ->
                        Sql.instant(rs, "expires_at").isAfter(now)
                            ? Optional.of(
                                new LoginState(
                                    rs.getString("nonce"), rs.getString("code_verifier")))
                            : Optional.<LoginState>empty(),
                    stateSha256))
        .flatMap(state -> state);
  }

  private static StoredUser user(ResultSet rs) throws SQLException {
    return new StoredUser(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getString("email"),
        rs.getString("name"),
        Role.fromDatabase(rs.getString("role")),
        rs.getString("password_hash"),
        rs.getString("oidc_subject"),
        Sql.instant(rs, "created_at"));
  }
}
