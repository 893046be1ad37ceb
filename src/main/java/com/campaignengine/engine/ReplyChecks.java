package com.campaignengine.engine;

import com.campaignengine.inbound.InboundIntake;
import com.campaignengine.inbound.InboundSources;
import com.campaignengine.store.ReplyCheckHolds;
import java.util.List;
import java.util.Optional;

/**
 * What the check before a follow-up ({@link ReplyCheck}) works with: the mailboxes' inbound sources
 * to ask, the inbound pipeline to feed what they find, and where a mailbox that cannot be asked is
 * marked as holding its follow-ups.
 */
public record ReplyChecks(InboundSources sources, InboundIntake intake, ReplyCheckHolds holds) {

  /** No check at all: follow-ups are sent as first emails are (engines in unit-level tests). */
  public static final ReplyChecks NONE =
      new ReplyChecks(
          mailbox -> Optional.empty(), (mailboxId, messages) -> List.of(), ReplyCheckHolds.NONE);
}
