package com.campaignengine.inbound.microsoft;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.mailbox.MicrosoftSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New mail of a Microsoft 365 mailbox's Inbox, read through Graph's delta query ({@code GET
 * /me/mailFolders/inbox/messages/delta}), then each message's MIME ({@code GET
 * /me/messages/{id}/$value}) for the same inbound pipeline as IMAP and Gmail. Reads only: nothing
 * is marked read or moved. Needs {@code Mail.ReadWrite} (or {@code Mail.Read}).
 *
 * <p>Checkpoints: {@code delta:<deltaLink>} once a round is complete, {@code next:<nextLink>} or
 * {@code resync:<nextLink>} while a round is under way (more than {@code max} messages). Links are
 * followed only on the configured Graph URL.
 *
 * <p>Thread-safe; callers poll each mailbox from one thread at a time.
 */
public final class GraphInbox implements InboundSource {

  private static final Logger LOG = LoggerFactory.getLogger(GraphInbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String DELTA = "/me/mailFolders/inbox/messages/delta";
  static final String MESSAGES = "/me/messages";

  private static final String SELECT = "$select=receivedDateTime,isDraft,from";

  /** Graph's codes for a delta token it no longer knows. */
  private static final Set<String> EXPIRED =
      Set.of(
          "syncstatenotfound", "resyncrequired", "syncstateinvalid", "errorinvalidsyncstatedata");

  // Guards against a server that keeps answering with another page link.
  private static final int MAX_PAGES = 200;

  private final GraphApi api;

  /** A reader with its own HTTP client; connecting and each request obey the settings' timeout. */
  public GraphInbox(MicrosoftSettings settings) {
    this(settings, rotated -> {});
  }

  /** As above; {@code onRotated} keeps each new refresh token Microsoft hands out. */
  public GraphInbox(MicrosoftSettings settings, Consumer<String> onRotated) {
    this(settings, Clock.systemUTC(), onRotated);
  }

  GraphInbox(MicrosoftSettings settings, Clock clock) {
    this(settings, clock, rotated -> {});
  }

  GraphInbox(MicrosoftSettings settings, Clock clock, Consumer<String> onRotated) {
    this.api = new GraphApi(Objects.requireNonNull(settings, "settings"), clock, onRotated);
  }

  @Override
  public String name() {
    return "microsoft";
  }

  /**
   * The Inbox's new messages, oldest first.
   *
   * <ul>
   *   <li>No checkpoint, or Graph no longer knows its delta token (410 Gone, {@code
   *       SyncStateNotFound}, {@code resyncRequired}; logged as a WARN): a resync, i.e. a delta
   *       round without a token, filtered to {@code receivedDateTime ge since}; messages older than
   *       {@code since} are skipped as well. Its last page's deltaLink is the next checkpoint, so
   *       what arrives during the resync comes with the next poll.
   *   <li>Otherwise the delta from the stored link: the messages created in the Inbox since
   *       (delivered, or moved there), page after page ({@code @odata.nextLink}) until the {@code
   *       @odata.deltaLink}. Rounds ask for {@code changeType=created}, so a message read or flagged
   *       does not come again; drafts are skipped.
   * </ul>
   *
   * At most about {@code max} messages per poll: a round stops after the page that reaches it and
   * returns its nextLink as the checkpoint (not {@linkplain Poll#complete() complete}). What comes
   * twice (a resync) the intake knows.
   *
   * @throws InboundException if Graph cannot be reached or refuses (revoked grant: {@code
   *     invalid_grant}); nothing is consumed
   * @throws IllegalArgumentException if {@code checkpoint} is not one of ours
   */
  @Override
  public Poll poll(String checkpoint, Instant since, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    Objects.requireNonNull(since, "since");
    boolean resync;
    URI url;
    if (checkpoint == null) {
      LOG.info("first read of microsoft mail: a delta round over mail received since {}", since);
      resync = true;
      url = initial(since);
    } else {
      int colon = checkpoint.indexOf(':');
      String kind = colon < 0 ? "" : checkpoint.substring(0, colon);
      if (!Set.of("delta", "next", "resync").contains(kind)) {
        throw new IllegalArgumentException("not a microsoft checkpoint: " + checkpoint);
      }
      resync = kind.equals("resync");
      String link = checkpoint.substring(colon + 1);
      if (link.startsWith(api.settings().graphUrl() + "/")) {
        url = URI.create(link);
      } else {
        LOG.warn("microsoft checkpoint is not on {}; resyncing", api.settings().graphUrl());
        resync = true;
        url = initial(since);
      }
    }
    List<RawInbound> messages = new ArrayList<>();
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      HttpResponse<byte[]> response = api.get(url);
      if (response.statusCode() / 100 != 2) {
        String body = GraphApi.text(response);
        if (expired(response.statusCode(), body) && !url.equals(initial(since))) {
          LOG.warn(
              "microsoft delta token has expired; resyncing the Inbox from mail received since {}",
              since);
          resync = true;
          url = initial(since);
          messages.clear();
          continue;
        }
        throw GraphApi.failure(response.statusCode(), body);
      }
      JsonNode page;
      try {
        page = JSON.readTree(response.body());
      } catch (IOException e) {
        throw new InboundException("microsoft delta answer is not JSON", e);
      }
      for (JsonNode item : page.path("value")) {
        if (item.has("@removed") || item.path("isDraft").asBoolean(false)) {
          continue;
        }
        Instant received = receivedAt(item);
        if (resync && received != null && received.isBefore(since)) {
          continue;
        }
        fetch(item.path("id").asText(""), received).ifPresent(messages::add);
      }
      messages.sort(Comparator.comparing(RawInbound::receivedAt));
      String deltaLink = page.path("@odata.deltaLink").asText("");
      if (!deltaLink.isEmpty()) {
        return new Poll(messages, "delta:" + deltaLink, true);
      }
      String nextLink = page.path("@odata.nextLink").asText("");
      if (nextLink.isEmpty() || !nextLink.startsWith(api.settings().graphUrl() + "/")) {
        throw new InboundException(
            "microsoft delta page has neither a usable nextLink nor a deltaLink");
      }
      if (messages.size() >= max) {
        return new Poll(messages, (resync ? "resync:" : "next:") + nextLink, false);
      }
      url = URI.create(nextLink);
    }
    throw new InboundException("microsoft delta did not end after " + MAX_PAGES + " pages");
  }

  /**
   * The messages received at or after {@code since} from any of {@code senders}: {@code GET
   * /me/messages?$filter=receivedDateTime ge …} (every folder, so replies filed away count), page
   * after page, each checked against the senders, then the matching messages' MIME. Drafts and our
   * own mail (not from a sender looked for) are left out.
   */
  @Override
  public List<RawInbound> messagesFrom(Senders senders, Instant since) {
    Objects.requireNonNull(since, "since");
    if (senders.isEmpty()) {
      return List.of();
    }
    URI url =
        api.settings()
            .endpoint(
                MESSAGES
                    + "?$filter="
                    + encode("receivedDateTime ge " + since.truncatedTo(ChronoUnit.SECONDS))
                    + "&"
                    + SELECT
                    + "&$top=100");
    List<RawInbound> found = new ArrayList<>();
    for (int pages = 0; pages < MAX_PAGES && url != null; pages++) {
      JsonNode page = api.json(url);
      for (JsonNode item : page.path("value")) {
        if (item.path("isDraft").asBoolean(false)) {
          continue;
        }
        String from = item.path("from").path("emailAddress").path("address").asText("");
        Instant received = receivedAt(item);
        if (senders.matches(from) && (received == null || !received.isBefore(since))) {
          fetch(item.path("id").asText(""), received)
              .filter(m -> fromAddress(m.raw()).filter(senders::matches).isPresent())
              .ifPresent(found::add);
        }
      }
      String next = page.path("@odata.nextLink").asText("");
      url = next.startsWith(api.settings().graphUrl() + "/") ? URI.create(next) : null;
    }
    found.sort(Comparator.comparing(RawInbound::receivedAt));
    return found;
  }

  private URI initial(Instant since) {
    return api.settings()
        .endpoint(
            DELTA
                + "?changeType=created&"
                + SELECT
                + "&$filter="
                + encode("receivedDateTime ge " + since.truncatedTo(ChronoUnit.SECONDS)));
  }

  private static boolean expired(int status, String body) {
    return status == 410 || EXPIRED.contains(GraphApi.code(body).toLowerCase(Locale.ROOT));
  }

  /** The message's MIME, at most {@link RawInbound#MAX_BYTES}; empty if it vanished (404). */
  private Optional<RawInbound> fetch(String id, Instant received) {
    if (id.isEmpty()) {
      return Optional.empty();
    }
    HttpResponse<byte[]> response =
        api.get(api.settings().endpoint(MESSAGES + "/" + encode(id) + "/$value"));
    if (response.statusCode() == 404) {
      LOG.debug("microsoft message {} vanished before it was read", id);
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw GraphApi.failure(response.statusCode(), GraphApi.text(response));
    }
    byte[] raw = response.body();
    if (raw.length > RawInbound.MAX_BYTES) {
      raw = Arrays.copyOf(raw, RawInbound.MAX_BYTES);
    }
    return Optional.of(new RawInbound(id, raw, received == null ? Instant.now() : received));
  }

  private static Instant receivedAt(JsonNode item) {
    String text = item.path("receivedDateTime").asText("");
    try {
      return text.isEmpty() ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Optional<String> fromAddress(byte[] raw) {
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
      String from = headers.getHeader("From", ",");
      if (from == null) {
        return Optional.empty();
      }
      InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
      return addresses.length == 0 || addresses[0].getAddress() == null
          ? Optional.empty()
          : Optional.of(addresses[0].getAddress().toLowerCase(Locale.ROOT));
    } catch (MessagingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
