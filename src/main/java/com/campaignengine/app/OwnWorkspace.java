package com.campaignengine.app;

import com.campaignengine.access.Principal;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.WorkspaceView;
import com.campaignengine.store.OwnWorkspaceStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's own workspace: its name (admins), handing ownership to another user and deleting it
 * with everything in it (owners). Who may is {@code api.AccessRules}; this checks what is asked.
 */
public final class OwnWorkspace {
  private static final Logger LOG = LoggerFactory.getLogger(OwnWorkspace.class);
  private static final int MAX_NAME = 200;

  private final OwnWorkspaceStore store;
  private final Clock clock;

  public OwnWorkspace(OwnWorkspaceStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public WorkspaceView get(Principal caller) {
    return store
        .find(caller.workspaceId())
        .orElseThrow(() -> new NotFoundException("no such workspace"));
  }

  public WorkspaceView rename(Principal caller, String name) {
    return store
        .rename(caller.workspaceId(), checkedName(name))
        .orElseThrow(() -> new NotFoundException("no such workspace"));
  }

  /** The user becomes an owner; a user handing it over becomes an admin. */
  public void transferOwnership(Principal caller, long toUserId) {
    if (caller.userId() != null && caller.userId() == toUserId) {
      throw new ConflictException("user_id", "you are the owner already", null);
    }
    store.transferOwnership(caller.workspaceId(), caller.userId(), toUserId, clock.instant());
  }

  /**
   * Deletes the workspace and everything in it. {@code confirm} must be the workspace's name, so a
   * stray request cannot do it.
   */
  public long delete(Principal caller, String confirm) {
    WorkspaceView workspace = get(caller);
    if (confirm == null || !confirm.equals(workspace.name())) {
      throw new ValidationException(
          "confirm", "confirm must be the workspace's name, exactly: \"" + workspace.name() + "\"");
    }
    long rows = store.delete(caller.workspaceId());
    // The workspace's audit log went with it: the server's log keeps who deleted it.
    LOG.warn(
        "Workspace {} (\"{}\") deleted by {}: {} rows",
        workspace.id(),
        workspace.name(),
        caller.actor(),
        rows);
    return rows;
  }

  static String checkedName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
      throw new ValidationException("name", "name must be 1 to " + MAX_NAME + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException("name", "name must not contain control characters");
    }
    return stripped;
  }
}
