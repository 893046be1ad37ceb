package com.campaignengine.inbound;

import java.time.Instant;
import java.util.Objects;

/**
 * One message as a mailbox source fetched it, before parsing: the RFC 5322 bytes and when the
 * mailbox received it. Shared by the IMAP and Gmail sources; the inbound pipeline parses it.
 *
 * <p>Immutable by convention: {@code raw} is not copied (messages can be large), so neither the
 * source nor the consumer may modify it. Equality of {@code raw} is by reference, as for any record
 * with an array component.
 *
 * @param sourceId the source's own id of the message: {@code "uidvalidity:uid"} for IMAP, the Gmail
 *     message id for Gmail; for logs and de-duplication within one source
 * @param raw the message's bytes, at most {@link #MAX_BYTES} (longer messages are truncated, so a
 *     parser may see a cut-off MIME structure)
 * @param receivedAt when the mailbox received the message (IMAP INTERNALDATE, Gmail internalDate)
 */
public record RawInbound(String sourceId, byte[] raw, Instant receivedAt) {

  /**
   * Cap on {@link #raw()}: 1 MiB. Replies, auto-replies and bounces fit easily; what is cut off is
   * attachments, which the pipeline does not need.
   */
  public static final int MAX_BYTES = 1 << 20;

  public RawInbound {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (raw.length > MAX_BYTES) {
      throw new IllegalArgumentException("raw exceeds " + MAX_BYTES + " bytes: " + raw.length);
    }
  }

  @Override
  public String toString() {
    // Never the bytes: they are someone's mail.
    return "RawInbound[sourceId="
        + sourceId
        + ", bytes="
        + raw.length
        + ", receivedAt="
        + receivedAt
        + "]";
  }
}
