package com.campaignengine.readmodel;

import java.util.Set;

/**
 * Who owns a mailbox and whom it is shared with.
 *
 * @param ownerUserId {@code null} for a mailbox of the workspace
 */
public record MailboxOwnership(long mailboxId, Long ownerUserId, Set<Long> sharedWith) {
  public MailboxOwnership {
    sharedWith = Set.copyOf(sharedWith);
  }
}
