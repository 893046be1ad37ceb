package com.campaignengine.inbound;

import java.util.List;
import java.util.Objects;

/**
 * What one poll of a mailbox source found: new messages, oldest first, and the checkpoint to pass
 * to the next poll once they are processed. Immutable. Shared by the IMAP and Gmail sources.
 *
 * <p>The checkpoint is opaque to callers: store it as is, after the messages are safely handled, so
 * that a crash in between re-reads them rather than losing them.
 *
 * @param messages the new messages, oldest first; possibly empty
 * @param checkpoint where the next poll continues; never null
 * @param complete whether the poll read everything the mailbox held when it began (false when
 *     {@code max} cut it short): only then does the caller's "read through" time move on
 */
public record Poll(List<RawInbound> messages, String checkpoint, boolean complete) {

  public Poll {
    messages = List.copyOf(messages);
    Objects.requireNonNull(checkpoint, "checkpoint");
  }
}
