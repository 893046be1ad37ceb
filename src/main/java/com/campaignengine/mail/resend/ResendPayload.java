package com.campaignengine.mail.resend;

import com.campaignengine.mail.Address;
import com.campaignengine.mail.OutgoingMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Builds the JSON body of {@code POST /emails} from an {@link OutgoingMessage}.
 *
 * <p>The output is deterministic (fixed field order, headers in the message's order): Resend
 * compares a repeated request with the original under the same {@code Idempotency-Key} and answers
 * {@code 409 invalid_idempotent_request} when the bodies differ. For the same reason the message's
 * {@code date} is deliberately not sent: the engine stamps a fresh date each time it composes a
 * message, and Resend sets the Date header itself when it sends.
 *
 * <p>Stateless and thread-safe.
 */
final class ResendPayload {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * RFC 5322 atext plus space, and any non-ASCII character (RFC 6532): such a display name needs no
   * quoting. Everything else ({@code , . ; : " < > ( ) [ ] \ @}) is quoted.
   */
  private static final Pattern PLAIN_NAME =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\- \\x{80}-\\x{10FFFF}]+");

  private ResendPayload() {}

  static byte[] toJson(OutgoingMessage m) {
    ObjectNode body = JSON.createObjectNode();
    body.put("from", mailbox(m.from()));
    body.putArray("to").add(mailbox(m.to()));
    body.put("subject", m.subject());
    body.put("text", m.body().text());
    if (m.body().hasHtml()) {
      body.put("html", m.body().html());
    }
    ObjectNode headers = body.putObject("headers");
    headers.put("Message-ID", m.messageId());
    if (m.threading().inReplyTo() != null) {
      headers.put("In-Reply-To", m.threading().inReplyTo());
    }
    if (!m.threading().references().isEmpty()) {
      headers.put("References", String.join(" ", m.threading().references()));
    }
    m.extraHeaders().forEach(headers::put);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  /**
   * {@code Name <email>} as Resend documents it, with the name quoted (and {@code "} and {@code \}
   * escaped) where RFC 5322 requires; the bare address when there is no name.
   */
  static String mailbox(Address a) {
    String name = a.displayName() == null ? "" : a.displayName().strip();
    if (name.isEmpty()) {
      return a.email();
    }
    if (!PLAIN_NAME.matcher(name).matches()) {
      name = '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    return name + " <" + a.email() + ">";
  }
}
