package com.campaignengine.store;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sending mailboxes of a workspace. */
public interface MailboxStore {
  /** Throws {@link DuplicateException} if the workspace already has this address. */
  Mailbox create(long workspaceId, MailboxDraft draft, Instant now);

  Optional<Mailbox> find(long workspaceId, long mailboxId);

  List<Mailbox> list(long workspaceId);
}
