package com.campaignengine.store;

import com.campaignengine.readmodel.WorkspaceView;
import java.time.Instant;
import java.util.Optional;

/** The caller's own workspace: its name, its ownership and its deletion. */
public interface OwnWorkspaceStore {
  Optional<WorkspaceView> find(long workspaceId);

  Optional<WorkspaceView> rename(long workspaceId, String name);

  /**
   * Makes {@code toUserId} (a user of the workspace) an owner and, when {@code fromUserId} is
   * given, makes that user an admin, in one transaction. Throws {@link
   * com.campaignengine.failure.NotFoundException}, having written nothing, when the target is not a
   * user of the workspace.
   */
  void transferOwnership(long workspaceId, Long fromUserId, long toUserId, Instant now);

  /**
   * Deletes the workspace and everything in it (people, campaigns, sends, events, mailboxes, users,
   * keys, sessions, settings, the audit log) in one transaction; other workspaces are untouched.
   * Returns the number of rows deleted, 0 when there was no such workspace.
   */
  long delete(long workspaceId);
}
