package com.campaignengine.app;

import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.StoredEvent;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.store.EventStore;
import com.campaignengine.tracking.WebhookSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ATS webhooks into the event pipeline of {@link EventService}, and their settings ({@code
 * /api/v1/settings/ats}). A workspace's webhook URLs carry a random token that names the workspace
 * (not a credential); what proves the sender is each ATS's documented signature, checked with the
 * secret the workspace stored (sealed) before anything of the body is used:
 *
 * <ul>
 *   <li>Greenhouse: header {@code Signature: sha256 <hex HMAC-SHA256 of the raw body>} under the
 *       webhook's secret key; {@code candidate_stage_change} is {@code stage_changed}, {@code
 *       hire_candidate} {@code hired}, {@code reject_candidate} {@code rejected}, with data {@code
 *       stage} (the current stage's name), {@code stage_id}, {@code application_id}, {@code
 *       candidate_id}, {@code job}; the person is found by the candidate's email addresses, else by
 *       the custom field {@code greenhouse_candidate_id};
 *   <li>Lever: body fields {@code token}, {@code triggeredAt}, {@code signature}, where the
 *       signature is the hex HMAC-SHA256 of {@code token + triggeredAt} under the webhook's
 *       signature token; {@code candidateStageChange} is {@code stage_changed} with data {@code
 *       stage} (Lever's {@code toStageId}), {@code from_stage}, {@code opportunity_id}, {@code
 *       candidate_id}; {@code candidateHired} is {@code hired}. Lever's payload has no email
 *       address: the person is the one whose custom field {@code lever_candidate_id} holds the
 *       {@code candidateId}.
 * </ul>
 *
 * The host application may sign its events instead of sending an API key ({@link #verifyHost}).
 *
 * <p>A badly signed delivery is refused (401) and nothing is stored. An event about a person the
 * workspace does not know is answered 200 {@code unknown_person} and not stored (unless a rule
 * creates the person), so the ATS does not retry it for ever.
 */
public final class AtsWebhooks {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int MIN_SECRET = 16;
  static final int MAX_SECRET = 500;

  /** What the settings API shows: the token of the URLs and which ATS is configured. */
  public record Settings(String hookToken, boolean greenhouse, boolean lever, boolean host) {}

  /** How far a signed host event's timestamp may be from the server's clock, either way. */
  public static final Duration HOST_TOLERANCE = Duration.ofMinutes(5);

  /** How long an ATS delivery (no timestamp in its signature) is remembered against replays. */
  public static final Duration ATS_MEMORY = Duration.ofDays(7);

  /** A signed delivery already acted on: a replay, or a retry of one received. */
  public static final class Duplicate extends com.campaignengine.failure.ConflictException {
    private static final long serialVersionUID = 1L;

    Duplicate() {
      super("signature", "this signed delivery was already received", null);
    }
  }

  /** What a webhook did: {@code outcome} and the stored event, if one was. */
  public record Result(String outcome, StoredEvent event) {}

  private final EventStore store;
  private final EventService events;
  private final SecretBox secrets;
  private final Clock clock;

  public AtsWebhooks(EventStore store, EventService events, SecretBox secrets, Clock clock) {
    this.store = store;
    this.events = events;
    this.secrets = secrets;
    this.clock = clock;
  }

  public Settings settings(long workspaceId) {
    return store
        .ats(workspaceId)
        .map(AtsWebhooks::view)
        .orElse(new Settings(null, false, false, false));
  }

  /**
   * Sets, or with "" / null clears, the secrets given ({@code set*}: the member was sent); the
   * first save makes the URLs' token.
   */
  public Settings save(
      long workspaceId,
      boolean setGreenhouse,
      String greenhouseSecret,
      boolean setLever,
      String leverSignatureToken,
      boolean setHost,
      String hostEventsSecret) {
    byte[] greenhouse = setGreenhouse ? seal("greenhouse_secret", greenhouseSecret) : null;
    byte[] lever = setLever ? seal("lever_signature_token", leverSignatureToken) : null;
    byte[] host = setHost ? seal("host_events_secret", hostEventsSecret) : null;
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    return view(
        store.saveAts(
            workspaceId,
            Base64.getUrlEncoder().withoutPadding().encodeToString(token),
            setGreenhouse,
            greenhouse,
            setLever,
            lever,
            setHost,
            host,
            clock.instant()));
  }

  private byte[] seal(String field, String secret) {
    if (secret == null || secret.isEmpty()) {
      return null;
    }
    if (secret.strip().length() < MIN_SECRET || secret.length() > MAX_SECRET) {
      throw new ValidationException(
          field, field + " must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
    }
    return secrets.seal(secret.strip());
  }

  private static Settings view(EventStore.AtsSettings settings) {
    return new Settings(
        settings.hookToken(),
        settings.greenhouseSecret() != null,
        settings.leverSignatureToken() != null,
        settings.hostEventsSecret() != null);
  }

  // ---- The host application ------------------------------------------------------------------

  /**
   * Proves a signed event of the host application and returns its workspace: {@code X-Signature:
   * sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">} under the workspace's host events secret,
   * with {@code X-Signature-Timestamp: <unix seconds>} within {@link #HOST_TOLERANCE} of the
   * server's clock, and a signature not seen before (a replay is refused, 409). Any other failure
   * is a 401, before anything of the body is used. Then {@code act} judges the body for the
   * workspace; if it throws, the delivery is forgotten, so the host may send it again.
   */
  public <R> R host(
      String hookToken,
      byte[] body,
      String signatureHeader,
      String timestampHeader,
      java.util.function.LongFunction<R> act) {
    EventStore.AtsSettings settings = settingsFor(hookToken);
    if (settings.hostEventsSecret() == null || signatureHeader == null || timestampHeader == null) {
      throw new InboundWebhooks.BadSignature();
    }
    Instant now = clock.instant();
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      throw new InboundWebhooks.BadSignature();
    }
    if (Math.abs(seconds - now.getEpochSecond()) > HOST_TOLERANCE.toSeconds()) {
      throw new InboundWebhooks.BadSignature();
    }
    byte[] prefix = (seconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    byte[] secret = secrets.open(settings.hostEventsSecret()).getBytes(StandardCharsets.UTF_8);
    if (!WebhookSignatures.verifyHmacSha256Hex(signed, signatureHeader, secret)) {
      throw new InboundWebhooks.BadSignature();
    }
    return once(
        settings,
        "host",
        signed,
        HOST_TOLERANCE.multipliedBy(2),
        () -> act.apply(settings.workspaceId()),
        () -> {
          throw new Duplicate();
        });
  }

  /**
   * Acts on a verified delivery once: {@code act} if it is new for the workspace and source (it is
   * remembered first, and forgotten again if {@code act} throws, so a retry is not lost), else
   * {@code duplicate}. {@code signed} is what the verified signature covers, not the header as
   * written: a header may spell one signature several ways ({@code sha256=} or not, either case),
   * and a replay must not pass by respelling it.
   */
  private <R> R once(
      EventStore.AtsSettings settings,
      String source,
      byte[] signed,
      Duration memory,
      java.util.function.Supplier<R> act,
      java.util.function.Supplier<R> duplicate) {
    Instant now = clock.instant();
    byte[] key = sha256(signed);
    if (!store.firstDelivery(settings.workspaceId(), source, key, now, now.minus(memory))) {
      return duplicate.get();
    }
    try {
      return act.get();
    } catch (RuntimeException e) {
      store.forgetDelivery(settings.workspaceId(), source, key);
      throw e;
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(content);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  // ---- Greenhouse -----------------------------------------------------------------------------

  public Result greenhouse(String hookToken, byte[] body, String signatureHeader) {
    EventStore.AtsSettings settings = settingsFor(hookToken);
    if (settings.greenhouseSecret() == null || signatureHeader == null) {
      throw new InboundWebhooks.BadSignature();
    }
    String signature = signatureHeader.strip();
    if (!signature.regionMatches(true, 0, "sha256 ", 0, 7)) {
      throw new InboundWebhooks.BadSignature();
    }
    byte[] secret = secrets.open(settings.greenhouseSecret()).getBytes(StandardCharsets.UTF_8);
    if (!WebhookSignatures.verifyHmacSha256Hex(body, signature.substring(7).strip(), secret)) {
      throw new InboundWebhooks.BadSignature();
    }
    return once(
        settings,
        "greenhouse",
        body,
        ATS_MEMORY,
        () -> greenhouseEvent(settings, body),
        () -> new Result("duplicate", null));
  }

  private Result greenhouseEvent(EventStore.AtsSettings settings, byte[] body) {
    JsonNode root = parse(body);
    String action = root.path("action").asText("");
    String type =
        switch (action) {
          case "candidate_stage_change" -> "stage_changed";
          case "hire_candidate" -> "hired";
          case "reject_candidate" -> "rejected";
          default -> null;
        };
    if (type == null) {
      return new Result(action.equals("ping") ? "ping" : "ignored", null);
    }
    JsonNode application = root.path("payload").path("application");
    JsonNode candidate = application.path("candidate");
    ObjectNode data = JSON.createObjectNode();
    putText(data, "stage", application.path("current_stage").path("name"));
    putText(data, "stage_id", application.path("current_stage").path("id"));
    putText(data, "application_id", application.path("id"));
    putText(data, "candidate_id", candidate.path("id"));
    JsonNode job = application.path("jobs").path(0);
    putText(
        data, "job", job.isMissingNode() ? application.path("job").path("name") : job.path("name"));
    data.put("greenhouse_action", action);
    List<String> emails = new ArrayList<>();
    for (JsonNode address : candidate.path("email_addresses")) {
      if (address.path("value").isTextual()) {
        emails.add(address.path("value").asText());
      }
    }
    String candidateId = candidate.path("id").isValueNode() ? candidate.path("id").asText() : null;
    return receive(
        settings.workspaceId(),
        new EventService.PersonRef(null, emails, "greenhouse_candidate_id", candidateId),
        type,
        data,
        "greenhouse");
  }

  // ---- Lever ----------------------------------------------------------------------------------

  public Result lever(String hookToken, byte[] body) {
    EventStore.AtsSettings settings = settingsFor(hookToken);
    if (settings.leverSignatureToken() == null) {
      throw new InboundWebhooks.BadSignature();
    }
    JsonNode root;
    try {
      root = parse(body);
    } catch (ValidationException e) {
      throw new InboundWebhooks.BadSignature();
    }
    JsonNode token = root.path("token");
    JsonNode triggeredAt = root.path("triggeredAt");
    JsonNode signature = root.path("signature");
    if (!token.isTextual() || !triggeredAt.isValueNode() || !signature.isTextual()) {
      throw new InboundWebhooks.BadSignature();
    }
    byte[] key = secrets.open(settings.leverSignatureToken()).getBytes(StandardCharsets.UTF_8);
    byte[] signed = (token.asText() + triggeredAt.asText()).getBytes(StandardCharsets.UTF_8);
    if (!WebhookSignatures.verifyHmacSha256Hex(signed, signature.asText(), key)) {
      throw new InboundWebhooks.BadSignature();
    }
    // The signature covers only token + triggeredAt, not the event: one older than the time
    // deliveries are remembered could be replayed with another event, so it is refused.
    if (!triggeredAt.canConvertToLong()) {
      throw new InboundWebhooks.BadSignature();
    }
    Instant at = Instant.ofEpochMilli(triggeredAt.asLong());
    Instant now = clock.instant();
    if (at.isBefore(now.minus(ATS_MEMORY)) || at.isAfter(now.plus(HOST_TOLERANCE))) {
      throw new InboundWebhooks.BadSignature();
    }
    return once(
        settings,
        "lever",
        signed,
        ATS_MEMORY,
        () -> leverEvent(settings, root),
        () -> new Result("duplicate", null));
  }

  private Result leverEvent(EventStore.AtsSettings settings, JsonNode root) {
    String event = root.path("event").asText("");
    String type =
        switch (event) {
          case "candidateStageChange" -> "stage_changed";
          case "candidateHired" -> "hired";
          default -> null;
        };
    if (type == null) {
      return new Result("ignored", null);
    }
    JsonNode payload = root.path("data");
    ObjectNode data = JSON.createObjectNode();
    putText(data, "stage", payload.path("toStageId"));
    putText(data, "from_stage", payload.path("fromStageId"));
    putText(data, "opportunity_id", payload.path("opportunityId"));
    JsonNode candidate =
        payload.path("candidateId").isTextual()
            ? payload.path("candidateId")
            : payload.path("contactId");
    putText(data, "candidate_id", candidate);
    data.put("lever_event", event);
    if (!candidate.isTextual()) {
      throw new ValidationException("data.candidateId", "data.candidateId is required");
    }
    return receive(
        settings.workspaceId(),
        EventService.PersonRef.byCustomField("lever_candidate_id", candidate.asText()),
        type,
        data,
        "lever");
  }

  // ---- shared ---------------------------------------------------------------------------------

  private EventStore.AtsSettings settingsFor(String hookToken) {
    // An unknown token is answered as a bad signature: nothing tells a prober which tokens exist.
    return Optional.ofNullable(hookToken)
        .flatMap(store::atsByToken)
        .orElseThrow(InboundWebhooks.BadSignature::new);
  }

  private Result receive(
      long workspaceId,
      EventService.PersonRef person,
      String type,
      ObjectNode data,
      String source) {
    try {
      StoredEvent stored = events.receive(workspaceId, person, type, data, source);
      return new Result("received", stored);
    } catch (NotFoundException e) {
      return new Result("unknown_person", null);
    }
  }

  private static void putText(ObjectNode data, String name, JsonNode value) {
    if (value != null && value.isValueNode() && !value.isNull()) {
      data.put(name, value.asText());
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
}
