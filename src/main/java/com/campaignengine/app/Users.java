package com.campaignengine.app;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.access.RoleRequired;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.GoneException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.UserStore;
import com.campaignengine.store.UserStore.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The users of a workspace: invited by an admin with a one-time link (72 h) to set a password, then
 * logging in to the dashboard with it (or through OIDC). Failed logins are counted per user: at
 * most {@value #MAX_FAILURES} in {@link #FAILURE_WINDOW}, after which even the right password
 * waits. Never leaves a workspace without an owner; only an owner makes or unmakes an owner.
 */
public final class Users {
  /** How long an invite link works. */
  public static final Duration INVITE_LENGTH = Duration.ofHours(72);

  /** At most this many failed logins per user within {@link #FAILURE_WINDOW}. */
  public static final int MAX_FAILURES = 10;

  public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

  private static final int MAX_NAME = 200;

  private final UserStore store;
  private final Clock clock;
  private final Passwords passwords;
  private final String publicUrl;
  private final OidcLogin oidc;

  /**
   * @param publicUrl the base of invite links, without a trailing slash
   * @param oidc the OIDC login, or null when it is not configured
   */
  public Users(
      UserStore store, Clock clock, Passwords passwords, String publicUrl, OidcLogin oidc) {
    this.store = store;
    this.clock = clock;
    this.passwords = passwords;
    this.publicUrl = publicUrl;
    this.oidc = oidc;
  }

  /** A user as the API shows it. */
  public record User(
      long id, String email, String name, Role role, Instant createdAt, boolean hasPassword) {
    static User of(StoredUser user) {
      return new User(
          user.id(),
          user.email(),
          user.name(),
          user.role(),
          user.createdAt(),
          user.passwordHash() != null);
    }
  }

  /** A one-time link to set a password (shown once: only its hash is kept). */
  public record Invite(String url, Instant expiresAt) {}

  public record Invited(User user, Invite invite) {}

  /** Invites a user: a new user without a password, and their link. */
  public Invited create(Principal by, String email, String name, Role role) {
    String address = email == null ? null : email.strip();
    if (address == null || address.isEmpty() || !EmailAddresses.isValid(address)) {
      throw new ValidationException("email", "a valid email address is required");
    }
    String cleanName = name(name);
    if (cleanName == null) {
      throw new ValidationException("name", "name is required");
    }
    if (role == null) {
      throw new ValidationException("role", "role is required: owner, admin, member or viewer");
    }
    requireOwnerFor(by, role, "granting the owner role");
    StoredUser user =
        store
            .create(by.workspaceId(), address, cleanName, role, clock.instant())
            .orElseThrow(
                () -> new ConflictException("email", "a user with this email exists", null));
    return new Invited(User.of(user), invite(user.id()));
  }

  public List<User> list(long workspaceId) {
    return store.list(workspaceId).stream().map(User::of).toList();
  }

  public User get(long workspaceId, long userId) {
    return User.of(find(workspaceId, userId));
  }

  /** Changes a user's name and role ({@code null}: unchanged). */
  public User update(Principal by, long userId, String name, Role role) {
    StoredUser user = find(by.workspaceId(), userId);
    String cleanName = name == null ? null : name(name);
    if (name != null && cleanName == null) {
      throw new ValidationException("name", "name may not be empty");
    }
    if (role != null && role != user.role()) {
      requireOwnerFor(by, role == Role.OWNER ? role : user.role(), "changing an owner's role");
    }
    check(store.update(by.workspaceId(), userId, cleanName, role, clock.instant()), "demote");
    return get(by.workspaceId(), userId);
  }

  public void delete(Principal by, long userId) {
    StoredUser user = find(by.workspaceId(), userId);
    requireOwnerFor(by, user.role(), "removing an owner");
    check(store.delete(by.workspaceId(), userId), "remove");
  }

  /** A new link for a user; their earlier links stop working. */
  public Invite reinvite(long workspaceId, long userId) {
    return invite(find(workspaceId, userId).id());
  }

  /** Whether an invite link may still be used: throws as {@link #acceptInvite} would. */
  public void checkInvite(String token) {
    gone(store.inviteState(hash(token), clock.instant()));
  }

  /** Sets the password of an invite's user; the link is used up. */
  public void acceptInvite(String token, String password) {
    checkInvite(token); // a dead link says so before the password is judged
    String hash = passwords.hash(password);
    gone(store.acceptInvite(hash(token), hash, clock.instant()));
  }

  /** What a login with email and password came to. */
  public sealed interface Login {
    record LoggedIn(Workspaces.Session session) implements Login {}

    /** Unknown address or wrong password: the same answer for both. */
    record Refused() implements Login {}

    /** Too many failures: try again in {@code retryAfter}, even with the right password. */
    record Locked(Duration retryAfter) implements Login {}
  }

  /** Logs into the dashboard with email and password. */
  public Login login(String email, String password) {
    Instant now = clock.instant();
    if (email == null || email.isBlank() || email.length() > 320) {
      passwords.matches(password, null); // as long as a real check
      return new Login.Refused();
    }
    // Counted per address, known or not, as a failure until the password proves right: parallel
    // guesses all count, and a lockout says nothing about whether the address has an account.
    String address = Workspaces.sha256(email.strip().toLowerCase(java.util.Locale.ROOT));
    UserStore.Failures failures =
        store.reserveFailure(address, now, now.minus(FAILURE_WINDOW), MAX_FAILURES);
    if (failures.count() >= MAX_FAILURES) {
      Duration wait = Duration.between(now, failures.oldest().plus(FAILURE_WINDOW));
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      return new Login.Locked(Duration.ofSeconds(seconds));
    }
    Optional<StoredUser> found = store.findByEmail(email.strip());
    if (found.isEmpty()) {
      passwords.matches(password, null); // as long as a real check
      return new Login.Refused();
    }
    StoredUser user = found.get();
    if (password == null || !passwords.matches(password, user.passwordHash())) {
      return new Login.Refused();
    }
    store.releaseFailure(address, now);
    return new Login.LoggedIn(openSession(user, now));
  }

  /** The OIDC login, when configured. */
  public Optional<OidcLogin> oidc() {
    return Optional.ofNullable(oidc);
  }

  /**
   * Logs in the user an identity provider vouched for: the one with its (verified) address, which
   * the first such login links to the provider's subject; a later login with another subject is
   * refused.
   *
   * @throws NotFoundException when no user has that address
   */
  public Workspaces.Session login(OidcLogin.Identity identity) {
    StoredUser user =
        store
            .findByEmail(identity.email())
            .orElseThrow(
                () -> new NotFoundException("no user has the address " + identity.email()));
    Instant now = clock.instant();
    if (user.oidcSubject() == null) {
      store.linkOidcSubject(user.id(), identity.subject(), now);
    } else if (!identity.subject().equals(user.oidcSubject())) {
      // Another account of the provider with the same address (a recycled address, another
      // tenant): the user stays linked to the one that first logged in.
      throw new OidcLogin.Refused(
          "your address belongs to a user linked to another account of the identity provider;"
              + " ask an admin of your workspace");
    }
    return openSession(user, now);
  }

  /** Who is asking, as the dashboard shows it. */
  public record Me(long workspaceId, Role role, User user, Long keyId, String keyName) {}

  public Me me(Principal principal) {
    User user =
        principal.userId() == null
            ? null
            : store.find(principal.workspaceId(), principal.userId()).map(User::of).orElse(null);
    String keyName =
        principal.keyId() == null
            ? null
            : store.keyName(principal.workspaceId(), principal.keyId()).orElse(null);
    return new Me(principal.workspaceId(), principal.role(), user, principal.keyId(), keyName);
  }

  private Workspaces.Session openSession(StoredUser user, Instant now) {
    String token = Workspaces.newToken();
    Instant expiresAt = now.plus(Workspaces.SESSION_LENGTH);
    store.openUserSession(user.workspaceId(), user.id(), Workspaces.sha256(token), now, expiresAt);
    return new Workspaces.Session(token, user.workspaceId(), expiresAt);
  }

  private Invite invite(long userId) {
    String token = Workspaces.newToken();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(INVITE_LENGTH);
    store.addInvite(userId, Workspaces.sha256(token), now, expiresAt);
    return new Invite(publicUrl + "/invite/" + token, expiresAt);
  }

  private StoredUser find(long workspaceId, long userId) {
    return store
        .find(workspaceId, userId)
        .orElseThrow(() -> new NotFoundException("no user " + userId));
  }

  private static void requireOwnerFor(Principal by, Role role, String why) {
    if (role == Role.OWNER && !by.role().includes(Role.OWNER)) {
      throw new RoleRequired(Role.OWNER, why);
    }
  }

  private static void check(UserStore.Change change, String verb) {
    switch (change) {
      case DONE -> {}
      case NOT_FOUND -> throw new NotFoundException("no such user");
      case LAST_OWNER ->
          throw new ConflictException(
              "role",
              "cannot " + verb + " the workspace's last owner: make another user owner first",
              null);
    }
  }

  private static void gone(UserStore.InviteState state) {
    switch (state) {
      case OPEN -> {}
      case UNKNOWN -> throw new NotFoundException("no such invite");
      case USED -> throw new GoneException("token", "this invite link has been used already");
      case EXPIRED -> throw new GoneException("token", "this invite link has expired");
    }
  }

  private static String hash(String token) {
    return Workspaces.sha256(token == null ? "" : token);
  }

  private static String name(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME) {
      throw new ValidationException("name", "name is longer than " + MAX_NAME + " characters");
    }
    return stripped;
  }
}
