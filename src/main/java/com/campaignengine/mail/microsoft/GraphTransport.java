package com.campaignengine.mail.microsoft;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mailbox.MicrosoftSettings;
import com.campaignengine.mailbox.MicrosoftTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends as a Microsoft 365 mailbox through Microsoft Graph, so messages appear in its Sent Items
 * and replies thread in Outlook.
 *
 * <p><b>A first email</b> is a draft ({@code POST /me/messages} with subject, body, recipient,
 * {@code internetMessageId} and the {@code x-} headers), then {@code POST /me/messages/{id}/send}.
 * The draft's {@code internetMessageId} is the engine's own Message-ID (Graph lets a draft set it),
 * so replies, bounces and {@link #lookup} find the message by the id the engine stored.
 *
 * <p><b>A {@code same_thread} follow-up</b> ({@link OutgoingMessage.Threading#threadId()} set) is
 * {@code POST /me/messages/{earlier}/createReply} (with the recipient and the {@code x-} headers),
 * then a {@code PATCH} of the draft's recipient, subject, body and Message-ID, then {@code send}:
 * Exchange sets In-Reply-To, References and the conversation, so Outlook threads it. If Graph no
 * longer knows the earlier message under that id, it is looked up by its Message-ID ({@link
 * OutgoingMessage.Threading#inReplyTo()}); if it is gone (deleted), the follow-up goes out as a new
 * message rather than not at all.
 *
 * <p><b>Ids:</b> {@link SendResult.Sent#providerMessageId()} is the Graph message id (immutable:
 * requests ask for {@code IdType="ImmutableId"}), and {@link SendResult.Sent#threadId()} the Graph
 * id of the message a follow-up replies to: the first email's own id.
 *
 * <p><b>Headers:</b> Graph's {@code internetMessageHeaders} take only names that begin with {@code
 * x-}; others, notably {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}, are left out
 * (logged at DEBUG). Graph's JSON carries one body: the HTML one when there is one, else the text.
 *
 * <p><b>Failures</b> are classified by {@link GraphErrors}. A draft whose send was refused is
 * deleted, so a retry does not leave a second one behind.
 *
 * <p>Thread-safe: {@link HttpClient} and the token cache are; there is no other mutable state.
 */
public final class GraphTransport implements MailTransport {

  private static final Logger LOG = LoggerFactory.getLogger(GraphTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String MESSAGES = "/me/messages";
  static final String ME = "/me";

  private final MicrosoftSettings settings;
  private final GraphHttp http;
  private final Clock clock;

  /** A transport with its own HTTP client; connecting and each request obey the timeout. */
  public GraphTransport(MicrosoftSettings settings) {
    this(settings, rotated -> {});
  }

  /** As above; {@code onRotated} keeps each new refresh token Microsoft hands out. */
  public GraphTransport(MicrosoftSettings settings, Consumer<String> onRotated) {
    this(settings, newClient(settings), Clock.systemUTC(), onRotated);
  }

  GraphTransport(MicrosoftSettings settings, HttpClient client, Clock clock) {
    this(settings, client, clock, rotated -> {});
  }

  GraphTransport(
      MicrosoftSettings settings, HttpClient client, Clock clock, Consumer<String> onRotated) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        new GraphHttp(
            client,
            new MicrosoftTokens(settings, client, clock).onRotated(onRotated),
            settings.timeout());
  }

  @Override
  public SendResult send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    String earlier = message.threading().threadId();
    String draftId = null;
    if (earlier != null) {
      Draft reply = replyDraft(message, earlier);
      if (reply.failure() != null) {
        return failed(message, reply.failure());
      }
      draftId = reply.id();
      if (draftId != null) {
        GraphHttp.Outcome patched =
            http.call(
                HttpRequest.newBuilder(settings.endpoint(MESSAGES + "/" + encode(draftId)))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .method("PATCH", json(replyContent(message))));
        if (!patched.ok()) {
          delete(draftId);
          return failed(message, classify(patched));
        }
      }
    }
    if (draftId == null) {
      GraphHttp.Outcome created =
          http.call(
              HttpRequest.newBuilder(settings.endpoint(MESSAGES))
                  .header("Content-Type", "application/json; charset=UTF-8")
                  .POST(json(content(message))));
      if (!created.ok()) {
        return failed(message, classify(created));
      }
      draftId = read(created.response().body()).path("id").asText("");
      if (draftId.isEmpty()) {
        return failed(
            message, new SendResult.RetryableFailure("microsoft draft answer has no id", null));
      }
      earlier = null;
    }
    GraphHttp.Outcome sent =
        http.call(
            HttpRequest.newBuilder(settings.endpoint(MESSAGES + "/" + encode(draftId) + "/send"))
                .POST(BodyPublishers.noBody()));
    if (sent.failure() != null) {
      // No answer: Graph may have sent it; the draft stays, and lookup tells.
      return failed(message, sent.failure());
    }
    if (!sent.ok()) {
      delete(draftId);
      return failed(message, classify(sent));
    }
    LOG.debug("microsoft graph accepted {} as {}", message.messageId(), draftId);
    return new SendResult.Sent(draftId, earlier != null ? earlier : draftId);
  }

  /**
   * {@link Delivery#DELIVERED} if the mailbox holds a sent message (not a draft) with this
   * Message-ID, {@link Delivery#NOT_DELIVERED} if it holds none, {@link Delivery#UNKNOWN} on any
   * error.
   */
  @Override
  public Delivery lookup(String messageId) {
    Optional<List<JsonNode>> found = findByMessageId(messageId);
    if (found.isEmpty()) {
      return Delivery.UNKNOWN;
    }
    return found.get().stream().anyMatch(m -> !m.path("isDraft").asBoolean(false))
        ? Delivery.DELIVERED
        : Delivery.NOT_DELIVERED;
  }

  /**
   * Checks the configuration without sending: refreshes the access token and reads the signed-in
   * user ({@code GET /me}).
   *
   * @return empty if Graph accepted the credentials, else an operator-facing problem, e.g. {@code
   *     "microsoft OAuth token 400 invalid_grant: AADSTS70000: ..."}
   */
  public Optional<String> verify() {
    return http.call(
            HttpRequest.newBuilder(settings.endpoint(ME + "?$select=mail,userPrincipalName")).GET())
        .problem();
  }

  @Override
  public String name() {
    return "microsoft";
  }

  /** The draft created by createReply: its id, null to send a new message, or a failure. */
  private record Draft(String id, SendResult failure) {}

  private Draft replyDraft(OutgoingMessage message, String earlier) {
    GraphHttp.Outcome created = createReply(earlier, message);
    if (created.failure() == null && created.status() == 404) {
      Optional<String> byMessageId =
          message.threading().inReplyTo() == null
              ? Optional.empty()
              : findByMessageId(message.threading().inReplyTo())
                  .flatMap(
                      list ->
                          list.stream()
                              .filter(m -> !m.path("isDraft").asBoolean(false))
                              .map(m -> m.path("id").asText(""))
                              .filter(id -> !id.isEmpty())
                              .findFirst());
      if (byMessageId.isEmpty()) {
        LOG.info(
            "microsoft graph no longer has message {}; sending {} outside its conversation",
            earlier,
            message.messageId());
        return new Draft(null, null);
      }
      created = createReply(byMessageId.get(), message);
    }
    if (!created.ok()) {
      return new Draft(null, classify(created));
    }
    String id = read(created.response().body()).path("id").asText("");
    if (id.isEmpty()) {
      return new Draft(
          null, new SendResult.RetryableFailure("microsoft createReply answer has no id", null));
    }
    return new Draft(id, null);
  }

  /**
   * createReply with the properties a reply draft takes at creation only: the recipient and the
   * {@code x-} headers ({@code internetMessageHeaders} cannot be updated later).
   */
  private GraphHttp.Outcome createReply(String earlier, OutgoingMessage message) {
    ObjectNode full = content(message);
    ObjectNode reply = JSON.createObjectNode();
    ObjectNode draft = reply.putObject("message");
    draft.set("toRecipients", full.get("toRecipients"));
    if (full.has("internetMessageHeaders")) {
      draft.set("internetMessageHeaders", full.get("internetMessageHeaders"));
    }
    return http.call(
        HttpRequest.newBuilder(settings.endpoint(MESSAGES + "/" + encode(earlier) + "/createReply"))
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(json(reply)));
  }

  /**
   * What a reply draft is patched with: the properties Graph lets a draft update (subject, body,
   * recipient, Message-ID), so the engine's text replaces the quoted original.
   */
  static ObjectNode replyContent(OutgoingMessage message) {
    ObjectNode patch = content(message);
    patch.remove("internetMessageHeaders");
    return patch;
  }

  /** The messages with this internetMessageId (id and isDraft), or empty on any error. */
  private Optional<List<JsonNode>> findByMessageId(String messageId) {
    String id = messageId.strip();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (!id.startsWith("<")) {
      id = "<" + id + ">";
    }
    String filter = "internetMessageId eq '" + id.replace("'", "''") + "'";
    String query =
        MESSAGES
            + "?$filter="
            + encode(filter)
            + "&$select="
            + encode("id,isDraft,conversationId,internetMessageId")
            + "&$top=10";
    GraphHttp.Outcome outcome = http.call(HttpRequest.newBuilder(settings.endpoint(query)).GET());
    Optional<String> problem = outcome.problem();
    if (problem.isPresent()) {
      LOG.warn("microsoft lookup of {} failed: {}", messageId, problem.get());
      return Optional.empty();
    }
    JsonNode value = read(outcome.response().body()).path("value");
    if (!value.isArray()) {
      LOG.warn("microsoft lookup of {} got an unreadable answer", messageId);
      return Optional.empty();
    }
    List<JsonNode> found = new ArrayList<>();
    value.forEach(found::add);
    return Optional.of(found);
  }

  /** The draft's content: subject, body, recipient, Message-ID and the headers Graph takes. */
  static ObjectNode content(OutgoingMessage message) {
    ObjectNode draft = JSON.createObjectNode();
    draft.put("subject", message.subject());
    ObjectNode body = draft.putObject("body");
    if (message.body().hasHtml()) {
      body.put("contentType", "HTML").put("content", message.body().html());
    } else {
      body.put("contentType", "Text").put("content", message.body().text());
    }
    ObjectNode to = draft.putArray("toRecipients").addObject().putObject("emailAddress");
    to.put("address", message.to().email());
    if (message.to().displayName() != null && !message.to().displayName().isBlank()) {
      to.put("name", message.to().displayName());
    }
    draft.put("internetMessageId", message.messageId());
    ArrayNode headers = JSON.createArrayNode();
    for (Map.Entry<String, String> header : message.extraHeaders().entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).startsWith("x-")) {
        headers.addObject().put("name", header.getKey()).put("value", header.getValue());
      } else {
        LOG.debug(
            "microsoft graph takes only x- headers; {} of {} is left out",
            header.getKey(),
            message.messageId());
      }
    }
    if (!headers.isEmpty()) {
      draft.set("internetMessageHeaders", headers);
    }
    return draft;
  }

  private SendResult classify(GraphHttp.Outcome outcome) {
    if (outcome.failure() != null) {
      return outcome.failure();
    }
    return GraphErrors.classify(
        outcome.response().statusCode(),
        outcome.response().headers().firstValue("Retry-After"),
        outcome.response().body(),
        clock.instant());
  }

  private static SendResult failed(OutgoingMessage message, SendResult result) {
    LOG.warn("microsoft graph did not send {}: {}", message.messageId(), result);
    return result;
  }

  private void delete(String draftId) {
    GraphHttp.Outcome deleted =
        http.call(
            HttpRequest.newBuilder(settings.endpoint(MESSAGES + "/" + encode(draftId))).DELETE());
    deleted.problem().ifPresent(problem -> LOG.info("left draft {} behind: {}", draftId, problem));
  }

  private static HttpRequest.BodyPublisher json(ObjectNode node) {
    try {
      return BodyPublishers.ofByteArray(JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing a JSON tree failed", e);
    }
  }

  static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static HttpClient newClient(MicrosoftSettings settings) {
    return HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }
}
