package com.campaignengine.store;

import com.campaignengine.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users of workspaces, their one-time invites, failed logins, their dashboard sessions and the OIDC
 * logins in flight. Every read and write of a user is confined to a workspace, except the lookups a
 * login makes (an address belongs to one user on the whole server).
 */
public interface UserStore {
  /** A user as stored; {@code passwordHash} is null until an invite is accepted. */
  record StoredUser(
      long id,
      long workspaceId,
      String email,
      String name,
      Role role,
      String passwordHash,
      String oidcSubject,
      Instant createdAt) {}

  /** What a change to a user came to. */
  enum Change {
    DONE,
    NOT_FOUND,
    /** Refused: the workspace would be left without an owner. */
    LAST_OWNER
  }

  /** A new user; empty when the address is taken (by any workspace's user). */
  Optional<StoredUser> create(long workspaceId, String email, String name, Role role, Instant now);

  List<StoredUser> list(long workspaceId);

  Optional<StoredUser> find(long workspaceId, long userId);

  /** The user with this address, in any workspace (case-insensitive). */
  Optional<StoredUser> findByEmail(String email);

  /**
   * Changes a user's name and role ({@code null}: unchanged), in one transaction that refuses to
   * demote the workspace's last owner.
   */
  Change update(long workspaceId, long userId, String name, Role role, Instant now);

  /** Deletes a user (their invites, sessions, keys and failures go too), never the last owner. */
  Change delete(long workspaceId, long userId);

  /** A new invite for a user; every earlier invite of theirs stops working. */
  void addInvite(long userId, String tokenSha256, Instant now, Instant expiresAt);

  /** Where an invite stands. */
  enum InviteState {
    OPEN,
    USED,
    EXPIRED,
    UNKNOWN
  }

  InviteState inviteState(String tokenSha256, Instant now);

  /**
   * Uses an open invite and sets its user's password, in one transaction; otherwise changes nothing
   * and says why.
   */
  InviteState acceptInvite(String tokenSha256, String passwordHash, Instant now);

  /** The failed logins of an address since a time: how many, and the oldest. */
  record Failures(int count, Instant oldest) {}

  /**
   * Counts the failed logins with an address (by its SHA-256; known to a user or not) since {@code
   * since} and, when fewer than {@code max}, records one more at {@code now} before the password is
   * checked (released by {@link #releaseFailure} if it was right), all under a lock on the address:
   * parallel attempts cannot all pass the count. Failures older than {@code since} are pruned.
   *
   * @return the failures counted before this attempt; {@code count >= max}: none was recorded
   */
  Failures reserveFailure(String addressSha256, Instant now, Instant since, int max);

  /** Takes back the failure {@link #reserveFailure} recorded at {@code at}: the login succeeded. */
  void releaseFailure(String addressSha256, Instant at);

  /** Opens a dashboard session of a user. */
  void openUserSession(
      long workspaceId, long userId, String tokenSha256, Instant now, Instant expiresAt);

  /** Links a user to their identity at an OIDC provider ({@code issuer|sub}). */
  void linkOidcSubject(long userId, String subject, Instant now);

  /** An API key's name, if it is this workspace's. */
  Optional<String> keyName(long workspaceId, long keyId);

  /** An OIDC login in flight: the nonce and PKCE verifier its state stands for. */
  record LoginState(String nonce, String codeVerifier) {}

  void saveLoginState(String stateSha256, LoginState state, Instant now, Instant expiresAt);

  /** Takes (deletes) a login state: empty when unknown, used already or expired. */
  Optional<LoginState> takeLoginState(String stateSha256, Instant now);
}
