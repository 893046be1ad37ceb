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
 * <p>Checkpoints are Gmail history ids, or {@code reread:<historyId>:<after>:<before>} while a
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
      return reread(new Reread(now, Math.max(0, since.getEpochSecond()), 0), max);
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
      return reread(new Reread(now, Math.max(0, since.getEpochSecond()), 0), max);
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
   * A re-read by date under way: the history id to go on from once it is done, and the window of
   * receipt times still to read, {@code after:} to {@code before:} (epoch seconds; 0: no upper
   * bound yet).
   */
  private record Reread(String historyId, long after, long before) {
    private static final String PREFIX = "reread:";

    static Optional<Reread> parse(String checkpoint) {
      if (!checkpoint.startsWith(PREFIX)) {
        return Optional.empty();
      }
      String[] parts = checkpoint.substring(PREFIX.length()).split(":", -1);
      if (parts.length != 3
          || !parts[0].matches("[0-9]{1,20}")
          || !parts[1].matches("[0-9]{1,12}")
          || !parts[2].matches("[0-9]{1,12}")) {
        throw new IllegalArgumentException("not a gmail checkpoint: " + checkpoint);
      }
      return Optional.of(new Reread(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    }

    @Override
    public String toString() {
      return PREFIX + historyId + ":" + after + ":" + before;
    }
  }

  /**
   * One step of a re-read by date. Gmail lists newest first, so each step takes the newest {@code
   * max} messages of the window still to read and moves the window's end back to the oldest of
   * them: one page per step, however long the re-read. The end moves to one second after that
   * message (Gmail's search has seconds), so a message sharing its second is not skipped; the
   * boundary message comes again and the intake knows it.
   */
  private Poll reread(Reread reread, int max) {
    String q =
        "after:"
            + reread.after()
            + (reread.before() > 0 ? " before:" + reread.before() : "")
            + NOT_OURS;
    List<String> ids = MessageSearch.ids(api, q, max + 1);
    boolean more = ids.size() > max;
    List<RawInbound> messages = new ArrayList<>();
    for (String id : more ? ids.subList(0, max) : ids) {
      GmailMessages.fetch(api, id).ifPresent(messages::add);
    }
    messages.sort(Comparator.comparing(RawInbound::receivedAt));
    if (!more) {
      return new Poll(messages, reread.historyId(), true);
    }
    long before = reread.before();
    if (!messages.isEmpty()) {
      long next = messages.get(0).receivedAt().getEpochSecond() + 1;
      // More than max messages in one second: step over the second rather than stand still.
      before = before > 0 && next >= before ? before - 1 : next;
    }
    return new Poll(
        messages, new Reread(reread.historyId(), reread.after(), before).toString(), false);
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
