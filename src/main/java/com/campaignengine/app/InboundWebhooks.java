package com.campaignengine.app;

import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.inbound.InboundProcessor;
import com.campaignengine.inbound.classify.Bounce;
import com.campaignengine.inbound.classify.InboundParser;
import com.campaignengine.store.InboundStore;
import com.campaignengine.tracking.WebhookSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Events pushed by providers, checked by signature before anything is read:
 *
 * <ul>
 *   <li>{@code generic}: {@code X-Signature: sha256=<hex HMAC-SHA256 of the body>} with {@code
 *       CAMPAIGN_ENGINE_WEBHOOK_SECRET}; body {@code {"mailbox_id": "1", "raw": "<base64 RFC
 *       5322>"}} — a reply, auto-reply or bounce that arrived elsewhere, through the same pipeline
 *       as the inboxes;
 *   <li>{@code resend}: Resend's Svix signature with {@code CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET};
 *       {@code email.bounced} (permanent: hard) and {@code email.complained} (suppressed).
 * </ul>
 */
public final class InboundWebhooks {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A refused signature. */
  public static final class BadSignature extends CampaignEngineException {
    private static final long serialVersionUID = 1L;

    BadSignature() {
      super("bad or missing webhook signature");
    }
  }

  /** What a webhook did. */
  public record Result(String outcome) {}

  private final InboundProcessor processor;
  private final InboundStore store;
  private final byte[] genericSecret;
  private final String resendSecret;
  private final Clock clock;

  public InboundWebhooks(
      InboundProcessor processor,
      InboundStore store,
      String genericSecret,
      String resendSecret,
      Clock clock) {
    this.processor = processor;
    this.store = store;
    this.genericSecret =
        genericSecret == null || genericSecret.isBlank()
            ? null
            : genericSecret.getBytes(StandardCharsets.UTF_8);
    this.resendSecret = resendSecret == null || resendSecret.isBlank() ? null : resendSecret;
    this.clock = clock;
  }

  public Result generic(byte[] body, String signature) {
    if (genericSecret == null
        || signature == null
        || !WebhookSignatures.verifyHmacSha256Hex(body, signature, genericSecret)) {
      throw new BadSignature();
    }
    JsonNode event = parse(body);
    long mailboxId = longField(event, "mailbox_id");
    String raw = text(event, "raw");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(raw);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("raw", "raw must be the base64 of an RFC 5322 message");
    }
    InboundProcessor.Outcome outcome =
        processor.process(mailboxId, InboundParser.parse("webhook", bytes, clock.instant()));
    return new Result(outcome.name().toLowerCase(java.util.Locale.ROOT));
  }

  public Result resend(byte[] body, String svixId, String svixTimestamp, String svixSignature) {
    if (resendSecret == null
        || !WebhookSignatures.verifySvix(
            body, svixId, svixTimestamp, svixSignature, resendSecret, clock.instant())) {
      throw new BadSignature();
    }
    JsonNode event = parse(body);
    String type = text(event, "type");
    JsonNode data = event.path("data");
    Optional<InboundStore.SendRef> send =
        store.findByProviderMessageId(data.path("email_id").asText(""));
    if (send.isEmpty()) {
      return new Result("unmatched");
    }
    InboundStore.SendRef ref = send.get();
    switch (type) {
      case "email.bounced" -> {
        boolean permanent =
            !"Transient".equalsIgnoreCase(data.path("bounce").path("type").asText(""));
        // Svix delivers an event again until it is acknowledged, under the same id.
        processor.recordBounce(
            ref,
            "svix:" + svixId,
            new Bounce(
                ref.toAddress(),
                permanent ? "5.0.0" : "4.0.0",
                permanent,
                data.path("bounce").path("message").asText(null),
                Optional.empty()),
            clock.instant());
        return new Result("bounce");
      }
      case "email.complained" -> {
        store.suppress(
            ref.workspaceId(), ref.toAddress(), "complained", ref.sendId(), clock.instant());
        return new Result("complaint");
      }
      default -> {
        return new Result("ignored");
      }
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ValidationException("body", "the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ValidationException("body", "malformed JSON");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    return value.asText();
  }

  private static long longField(JsonNode node, String field) {
    try {
      return Long.parseLong(text(node, field));
    } catch (NumberFormatException e) {
      throw new ValidationException(field, field + " must be an id");
    }
  }
}
