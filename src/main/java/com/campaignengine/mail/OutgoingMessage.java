package com.campaignengine.mail;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fully rendered message, ready for a {@link MailTransport}. Immutable and therefore safe to
 * share between threads.
 *
 * <p>The constructors reject CR/LF in the subject and every header value, because such a value
 * would let template output or imported data inject headers (e.g. a {@code Bcc:}).
 *
 * @param messageId our Message-ID, angle brackets included: {@code <local@domain>} (see {@link
 *     MessageIds})
 * @param date the Date header
 * @param from the sender
 * @param to the single recipient
 * @param subject the subject, may contain any Unicode (it is RFC 2047-encoded on the wire)
 * @param body the text and optional HTML bodies
 * @param threading where the message sits in a conversation; {@code null} means a new one
 * @param extraHeaders further headers in the order given (e.g. List-Unsubscribe); {@code null}
 *     means none
 */
public record OutgoingMessage(
    String messageId,
    Instant date,
    Address from,
    Address to,
    String subject,
    Body body,
    Threading threading,
    Map<String, String> extraHeaders) {

  /** {@code <local@domain>}: printable ASCII without angle brackets or further {@code @}. */
  private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~&&[^@]]+@[!-;=?-~&&[^@]]+>");

  /**
   * The bodies of a message.
   *
   * @param text the text/plain body, always present
   * @param html the text/html body, or {@code null} for a text-only message
   */
  public record Body(String text, String html) {
    public Body {
      Objects.requireNonNull(text, "text");
    }

    /** Whether the message has an HTML alternative. */
    public boolean hasHtml() {
      return html != null;
    }
  }

  /**
   * Where a message sits in a conversation.
   *
   * @param inReplyTo Message-ID this message replies to, or {@code null}
   * @param references Message-IDs of the thread, oldest first; {@code null} means none
   * @param threadId the provider's own thread id to file a follow-up under (Gmail's {@code
   *     threadId}), or {@code null}; transports without threads ignore it
   */
  public record Threading(String inReplyTo, List<String> references, String threadId) {
    /** A message that starts a conversation. */
    public static final Threading NONE = new Threading(null, List.of(), null);

    public Threading {
      if (inReplyTo != null) {
        HeaderValues.requireSingleLine("In-Reply-To", inReplyTo);
      }
      references = references == null ? List.of() : List.copyOf(references);
      references.forEach(r -> HeaderValues.requireSingleLine("References", r));
    }
  }

  public OutgoingMessage {
    if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
      throw new IllegalArgumentException("Message-ID must look like <local@domain>: " + messageId);
    }
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    HeaderValues.requireSingleLine("subject", subject);
    threading = threading == null ? Threading.NONE : threading;
    extraHeaders = copyHeaders(extraHeaders);
  }

  // LinkedHashMap rather than Map.copyOf: header order stays as given, so output is reproducible.
  private static Map<String, String> copyHeaders(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          HeaderValues.requireExtraHeaderName(name);
          Objects.requireNonNull(value, () -> "value of header " + name);
          HeaderValues.requireSingleLine("header " + name, value);
          copy.put(name, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
