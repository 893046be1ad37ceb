package com.campaignengine.access;

import com.campaignengine.failure.ValidationException;
import java.util.Locale;

/**
 * What a user or a key may do in its workspace, each role including the ones below it: a viewer
 * reads; a member also creates and edits campaigns, people, enrollments and their own mailboxes; an
 * admin also manages users, keys, webhooks and settings; an owner also deletes the workspace and
 * transfers its ownership. Which route needs which role is {@code api.AccessRules}.
 */
public enum Role {
  VIEWER,
  MEMBER,
  ADMIN,
  OWNER;

  /** The role's name on the wire: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role includes {@code needed}. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The lesser of two roles: a user's key never does more than its user. */
  public Role cappedBy(Role other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * The role named {@code text} ({@code owner}, {@code admin}, {@code member}, {@code viewer}).
   *
   * @throws ValidationException (422) naming {@code field} for anything else
   */
  public static Role parse(String text, String field) {
    if (text != null) {
      for (Role role : values()) {
        if (role.wire().equals(text)) {
          return role;
        }
      }
    }
    throw new ValidationException(
        field, "unknown role '" + text + "': use owner, admin, member or viewer");
  }

  /** The role stored in the database (always valid there: a CHECK constraint). */
  public static Role fromDatabase(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
