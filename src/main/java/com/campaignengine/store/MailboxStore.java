package com.campaignengine.store;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.readmodel.MailboxOwnership;
import com.campaignengine.readmodel.MailboxReading;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sending mailboxes of a workspace. Secrets arrive already sealed; the store never opens them. */
public interface MailboxStore {
  /** Throws {@link DuplicateException} if the workspace already has this address. */
  default Mailbox create(long workspaceId, MailboxDraft draft, byte[] sealedSecrets, Instant now) {
    return create(workspaceId, null, draft, sealedSecrets, now);
  }

  /**
   * As above, owned by {@code ownerUserId} ({@code null}: the workspace's own mailbox, which only
   * admins and service keys manage and send from unless it is shared).
   */
  Mailbox create(
      long workspaceId, Long ownerUserId, MailboxDraft draft, byte[] sealedSecrets, Instant now);

  /** The ownership of those of {@code mailboxIds} that are in the workspace. */
  Map<Long, MailboxOwnership> ownership(long workspaceId, Collection<Long> mailboxIds);

  /**
   * Shares the mailbox with exactly {@code userIds} (users of the same workspace); empty if the
   * workspace has no such mailbox. Throws {@link com.campaignengine.failure.NotFoundException}
   * naming a user id that is not in the workspace, writing nothing.
   */
  Optional<MailboxOwnership> replaceShares(long workspaceId, long mailboxId, List<Long> userIds);

  Optional<Mailbox> find(long workspaceId, long mailboxId);

  List<Mailbox> list(long workspaceId);

  /** How well the mailbox's inbox is read; empty if the workspace has no such mailbox. */
  Optional<MailboxReading> reading(long workspaceId, long mailboxId);

  /**
   * Replaces a mailbox's sealed secrets with {@code change} applied to them, the row locked in
   * between (two writers cannot lose each other's change). The settings version stays: a rotated
   * token is already in use where it was handed out. False when there is no such mailbox.
   */
  boolean changeSealedSecrets(long mailboxId, java.util.function.UnaryOperator<byte[]> change);

  /** The sealed secrets of a mailbox (any workspace: for the node building its transport). */
  Optional<byte[]> sealedSecrets(long mailboxId);

  /**
   * Replaces settings and secrets, reconnects the mailbox, clears any deferral and releases the
   * work parked while it was disconnected, in one transaction.
   */
  Optional<Mailbox> updateCredentials(
      long workspaceId,
      long mailboxId,
      Map<String, Map<String, Object>> settings,
      byte[] sealedSecrets,
      Instant now);

  /**
   * Replaces the display name, limits, gaps and time zone with the draft's (its email and provider
   * stay). With {@code sealedSecrets}, also its settings and secrets as {@link #updateCredentials}
   * does, in the same transaction; without, the settings stay.
   */
  Optional<Mailbox> update(
      long workspaceId, long mailboxId, MailboxDraft draft, byte[] sealedSecrets, Instant now);

  /**
   * Deletes the mailbox unless something live still sends from it: a campaign that is not archived
   * lists it, or an enrollment that is not finished was assigned to it. Archived campaigns forget
   * it; sends, replies and enrollments keep its id as history.
   */
  Deletion delete(long workspaceId, long mailboxId);

  /** What a delete did: not found, refused (what uses the mailbox), or done. */
  record Deletion(boolean found, List<Long> liveCampaigns, long liveEnrollments) {
    public boolean deleted() {
      return found && liveCampaigns.isEmpty() && liveEnrollments == 0;
    }
  }
}
