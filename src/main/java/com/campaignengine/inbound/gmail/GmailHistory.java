package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.mailbox.GmailSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New mail of one Gmail mailbox, read through the Gmail API's history ({@code users.history.list},
 * then {@code users.messages.get?format=raw} per message), or by date ({@code users.messages.list
 * q=after:…}) where there is no usable history. The refresh token needs a read scope ({@code
 * gmail.readonly}, {@code gmail.modify} or {@code https://mail.google.com/}). Reads only: nothing
 * is marked as read or moved.
 *
 * <p>Checkpoints are Gmail history ids, or {@code reread:<historyId>:<after>:<lastId>} while a
 * re-read by date is under way; see {@link #poll}. Messages labelled SENT or DRAFT are skipped (our
 * own sends and drafts; also mail a user sends to themself).
 *
 * <p>Thread-safe; the access token is shared. Concurrent polls of one mailbox return overlapping
 * messages, so callers poll each mailbox from one thread at a time.
 */
public final class GmailHistory implements InboundSource {

  private static final Logger LOG = LoggerFactory.getLogger(GmailHistory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROFILE = "/gmail/v1/users/me/profile";

  /** Our own mail is not inbound; spam and trash are left out by Gmail's default. */
  private static final String NOT_OURS = " -in:sent -in:drafts";

  /** The most messages one re-read by date lists; beyond, it resumes at the last one taken. */
  private static final int REREAD_LIMIT = 20_000;

  /** Senders per messages.list query: keeps the query string short. */
  static final int SENDERS_PER_QUERY = 20;

  /** The most messages one sender lookup returns per query. */
  private static final int LOOKUP_LIMIT = 500;

  private final GmailApi api;

  /** A reader with its own HTTP client; connecting and each request obey the settings' timeout. */
  public GmailHistory(GmailSettings settings) {
    this.api = new GmailApi(Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public String name() {
    return "gmail";
  }

  /**
   * The messages added after {@code checkpoint}, oldest first.
   *
   * <ul>
   *   <li>{@code checkpoint} null (first poll), or Google no longer has history that old (404;
   *       history lasts about a week, sometimes only hours; logged as a WARN): a re-read by date.
   *       The mailbox's current history id is noted first, then every message received after {@code
   *       since} ({@code messages.list q=after:<epoch seconds>}, page by page) is fetched, oldest
   *       first, at most {@code max} per poll; the checkpoint {@code
   *       reread:<historyId>:<after>:<lastId>} carries the re-read on, and once it is done the
   *       history is read on from the noted id, so nothing that arrived meanwhile is missed.
   *   <li>Otherwise the INBOX messages of the history after it: at most {@code max} messages, taken
   *       by whole history records, and as checkpoint the id of the last record taken, or the
   *       mailbox's current history id when every record was taken. The rest come with the next
   *       poll. The only excess: a single record with more than {@code max} new messages is
   *       returned whole, so polls always make progress. A crash before the checkpoint is stored
   *       re-reads what was not processed.
   * </ul>
   *
   * @param checkpoint a checkpoint from an earlier poll of this mailbox, or null
   * @param since where a re-read by date starts
   * @param max the most messages to return, positive
   * @throws InboundException if Google cannot be reached or refuses (revoked grant: the message
   *     says {@code invalid_grant}); nothing is consumed
   * @throws IllegalArgumentException if {@code checkpoint} is not one of ours
   */
  @Override
  public Poll poll(String checkpoint, Instant since, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    Objects.requireNonNull(since, "since");
    if (checkpoint == null) {
      String now = historyIdNow();
      LOG.info("first read of gmail mail: received since {}, then history from {}", since, now);
      return reread(new Reread(now, since.getEpochSecond(), ""), max);
    }
    Optional<Reread> underWay = Reread.parse(checkpoint);
    if (underWay.isPresent()) {
      return reread(underWay.get(), max);
    }
    if (!checkpoint.matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException("not a gmail checkpoint: " + checkpoint);
    }
    Optional<HistoryListing> listing = HistoryListing.read(api, checkpoint, max);
    if (listing.isEmpty()) {
      String now = historyIdNow();
      LOG.warn(
          "gmail history after {} has expired; re-reading mail received since {}, then history"
              + " from {}",
          checkpoint,
          since,
          now);
      return reread(new Reread(now, since.getEpochSecond(), ""), max);
    }
    return take(listing.get(), checkpoint, max);
  }

  /**
   * The messages received at or after {@code since} from any of {@code senders}: one {@code
   * messages.list q=from:(a OR b OR @domain) after:<epoch seconds>} per {@value #SENDERS_PER_QUERY}
   * senders (with its pages), then each message's raw bytes; each is checked against the senders
   * and {@code since} again, as Gmail's search is looser.
   *
   * @throws InboundException with its {@link InboundException#kind kind}
   */
  @Override
  public List<RawInbound> messagesFrom(Senders senders, Instant since) {
    Objects.requireNonNull(since, "since");
    List<String> terms = senders.terms();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < terms.size(); i += SENDERS_PER_QUERY) {
      List<String> batch = terms.subList(i, Math.min(terms.size(), i + SENDERS_PER_QUERY));
      String q = "from:(" + String.join(" OR ", batch) + ") after:" + since.getEpochSecond();
      ids.addAll(MessageSearch.ids(api, q + NOT_OURS, LOOKUP_LIMIT));
    }
    List<RawInbound> found = new ArrayList<>();
    for (String id : ids) {
      Optional<RawInbound> message = GmailMessages.fetch(api, id);
      if (message.isPresent()
          && !message.get().receivedAt().isBefore(since)
          && GmailMessages.fromAddress(message.get().raw()).filter(senders::matches).isPresent()) {
        found.add(message.get());
      }
    }
    found.sort(Comparator.comparing(RawInbound::receivedAt));
    return found;
  }

  /**
   * A re-read by date under way: the history id to go on from once it is done, the {@code after:}
   * of its search (epoch seconds), and the id of the last message taken ("" before the first).
   */
  private record Reread(String historyId, long after, String lastId) {
    private static final String PREFIX = "reread:";

    static Optional<Reread> parse(String checkpoint) {
      if (!checkpoint.startsWith(PREFIX)) {
        return Optional.empty();
      }
      String[] parts = checkpoint.substring(PREFIX.length()).split(":", -1);
      if (parts.length != 3
          || !parts[0].matches("[0-9]{1,20}")
          || !parts[1].matches("-?[0-9]{1,12}")
          || !parts[2].matches("[0-9A-Za-z_-]{0,64}")) {
        throw new IllegalArgumentException("not a gmail checkpoint: " + checkpoint);
      }
      return Optional.of(new Reread(parts[0], Long.parseLong(parts[1]), parts[2]));
    }

    @Override
    public String toString() {
      return PREFIX + historyId + ":" + after + ":" + lastId;
    }
  }

  private Poll reread(Reread reread, int max) {
    List<String> ids =
        new ArrayList<>(
            MessageSearch.ids(
                api, "after:" + Math.max(0, reread.after()) + NOT_OURS, REREAD_LIMIT));
    Collections.reverse(ids); // Gmail lists newest first
    int from = reread.lastId().isEmpty() ? 0 : ids.indexOf(reread.lastId()) + 1;
    List<String> rest = ids.subList(from, ids.size());
    List<String> batch = rest.size() <= max ? rest : rest.subList(0, max);
    List<RawInbound> messages = new ArrayList<>();
    for (String id : batch) {
      GmailMessages.fetch(api, id).ifPresent(messages::add);
    }
    messages.sort(Comparator.comparing(RawInbound::receivedAt));
    if (batch.size() == rest.size()) {
      return new Poll(messages, reread.historyId(), true);
    }
    String last = batch.get(batch.size() - 1);
    return new Poll(
        messages, new Reread(reread.historyId(), reread.after(), last).toString(), false);
  }

  private Poll take(HistoryListing listing, String historyId, int max) {
    List<RawInbound> messages = new ArrayList<>();
    String checkpoint = historyId;
    int taken = 0;
    for (HistoryListing.Record record : listing.records()) {
      int size = record.messageIds().size();
      if (taken > 0 && taken + size > max) {
        return new Poll(messages, checkpoint, false);
      }
      for (String id : record.messageIds()) {
        GmailMessages.fetch(api, id).ifPresent(messages::add);
      }
      taken += size;
      checkpoint = record.id();
    }
    return listing.complete()
        ? new Poll(messages, listing.historyId(), true)
        : new Poll(messages, checkpoint, false);
  }

  private String historyIdNow() {
    HttpResponse<String> response = api.get(PROFILE);
    if (response.statusCode() / 100 != 2) {
      throw GmailReadErrors.failure(response.statusCode(), response.body());
    }
    try {
      JsonNode profile = JSON.readTree(response.body());
      String historyId = profile.path("historyId").asText("");
      if (historyId.isEmpty()) {
        throw new InboundException("gmail profile has no historyId");
      }
      return historyId;
    } catch (IOException e) {
      throw new InboundException("gmail profile answer is not JSON", e);
    }
  }
}
