package com.campaignengine.app;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.failure.ForbiddenException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.readmodel.MailboxOwnership;
import com.campaignengine.store.MailboxStore;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which mailboxes a caller may manage and send from, beyond what its role allows on the route
 * ({@code api.AccessRules}): the one place for the per-mailbox rule.
 *
 * <ul>
 *   <li>an admin or owner, and a workspace's service key, may use every mailbox of the workspace;
 *   <li>a member user manages only the mailboxes they own, and sends only from those and from the
 *       mailboxes shared with them ("send on behalf of"); a mailbox of the workspace itself (no
 *       owner: every mailbox made before users existed) is used by members only once shared.
 * </ul>
 *
 * A mailbox of another workspace is not found (404), never forbidden: nothing says it exists.
 */
public final class MailboxAccess {
  private final MailboxStore mailboxes;

  public MailboxAccess(MailboxStore mailboxes) {
    this.mailboxes = mailboxes;
  }

  /** Refuses (403) unless the caller may change or remove this mailbox; 404 if it is not there. */
  public void requireMayManage(Principal caller, long mailboxId) {
    MailboxOwnership ownership = ownership(caller, mailboxId);
    if (!unrestricted(caller) && !caller.userId().equals(ownership.ownerUserId())) {
      throw new ForbiddenException(
          "mailbox_id",
          "mailbox " + mailboxId + " is not yours: only its owner or an admin may change it");
    }
  }

  /**
   * Refuses (403, naming the first such mailbox) unless the caller may send from every one of
   * {@code mailboxIds}; mailboxes not in the workspace are left to the caller's own checks.
   */
  public void requireMaySendFrom(Principal caller, Collection<Long> mailboxIds) {
    if (unrestricted(caller) || mailboxIds.isEmpty()) {
      return;
    }
    Set<Long> ids = new LinkedHashSet<>(mailboxIds);
    Map<Long, MailboxOwnership> found = mailboxes.ownership(caller.workspaceId(), ids);
    for (Long id : ids) {
      MailboxOwnership ownership = found.get(id);
      if (ownership != null && !maySend(caller.userId(), ownership)) {
        throw new ForbiddenException(
            "mailbox_ids",
            "you may not send from mailbox "
                + id
                + ": it is neither yours nor shared with you (an admin can share it)");
      }
    }
  }

  /** Who owns the mailbox and whom it is shared with. */
  public MailboxOwnership ownership(Principal caller, long mailboxId) {
    MailboxOwnership ownership =
        mailboxes.ownership(caller.workspaceId(), List.of(mailboxId)).get(mailboxId);
    if (ownership == null) {
      throw new NotFoundException("no mailbox " + mailboxId);
    }
    return ownership;
  }

  /** Shares the mailbox with exactly these users of the workspace; its owner or an admin may. */
  public MailboxOwnership share(Principal caller, long mailboxId, List<Long> userIds) {
    requireMayManage(caller, mailboxId);
    return mailboxes
        .replaceShares(caller.workspaceId(), mailboxId, userIds)
        .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
  }

  private static boolean unrestricted(Principal caller) {
    return caller.userId() == null || caller.role().includes(Role.ADMIN);
  }

  private static boolean maySend(long userId, MailboxOwnership ownership) {
    return Long.valueOf(userId).equals(ownership.ownerUserId())
        || ownership.sharedWith().contains(userId);
  }
}
