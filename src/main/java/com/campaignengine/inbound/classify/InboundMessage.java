package com.campaignengine.inbound.classify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message that arrived in a sender's mailbox (or was pushed by a provider), reduced to what the
 * inbound pipeline needs. Header names in {@code headers} are lower-case; values are unfolded.
 * {@code raw} keeps the RFC 5322 bytes for parsers that need the MIME structure (bounces); it may
 * be truncated for very large messages.
 *
 * @param sourceId the source's own id (IMAP UIDVALIDITY:UID, Gmail message id), for logs
 * @param messageId this message's Message-ID, angle brackets included, or null
 * @param inReplyTo Message-IDs in In-Reply-To, brackets included
 * @param references Message-IDs in References, oldest first, brackets included
 * @param fromAddress the sender's address, lower-case, no display name
 */
public record InboundMessage(
    String sourceId,
    String messageId,
    List<String> inReplyTo,
    List<String> references,
    String fromAddress,
    String subject,
    Instant receivedAt,
    Map<String, String> headers,
    String textBody,
    byte[] raw) {

  public InboundMessage {
    inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
    references = references == null ? List.of() : List.copyOf(references);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
