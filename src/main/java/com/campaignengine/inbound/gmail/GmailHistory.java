package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.mailbox.GmailSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New INBOX mail of one Gmail mailbox, read through the Gmail API's history ({@code
 * users.history.list}, then {@code users.messages.get?format=raw} per message). The refresh token
 * needs a read scope ({@code gmail.readonly}, {@code gmail.modify} or {@code
 * https://mail.google.com/}). Reads only: nothing is marked as read or moved.
 *
 * <p>Checkpoints are Gmail history ids; see {@link #poll}. Messages labelled SENT are skipped (our
 * own sends; also mail a user sends to themself).
 *
 * <p>Thread-safe; the access token is shared. Concurrent polls of one mailbox return overlapping
 * messages, so callers poll each mailbox from one thread at a time.
 */
public final class GmailHistory {

  private static final Logger LOG = LoggerFactory.getLogger(GmailHistory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROFILE = "/gmail/v1/users/me/profile";

  private final GmailApi api;

  /** A reader with its own HTTP client; connecting and each request obey the settings' timeout. */
  public GmailHistory(GmailSettings settings) {
    this.api = new GmailApi(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * The INBOX messages added after {@code historyId}, oldest first.
   *
   * <ul>
   *   <li>{@code historyId} null (first poll): no messages and the mailbox's current history id
   *       ({@code users.getProfile}), so a new mailbox starts from now.
   *   <li>Google no longer has history that old (404; history lasts about a week, sometimes only
   *       hours): the same, logged as a WARN. Messages that arrived in the gap are missed.
   *   <li>Otherwise at most {@code max} messages, taken by whole history records, and as checkpoint
   *       the id of the last record taken, or the mailbox's current history id when every record
   *       was taken. The rest come with the next poll. The only excess: a single record with more
   *       than {@code max} new messages is returned whole, so polls always make progress. A crash
   *       before the checkpoint is stored re-reads what was not processed.
   * </ul>
   *
   * @param historyId a checkpoint from an earlier poll of this mailbox, or null
   * @param max the most messages to return, positive
   * @throws InboundException if Google cannot be reached or refuses (revoked grant: the message
   *     says {@code invalid_grant}); nothing is consumed
   * @throws IllegalArgumentException if {@code historyId} is not a history id
   */
  public Poll poll(String historyId, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    if (historyId == null) {
      String now = profile().path("historyId").asText();
      LOG.info("reading new gmail mail from history id {} on", now);
      return new Poll(List.of(), now);
    }
    if (!historyId.matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException("not a gmail history id: " + historyId);
    }
    Optional<HistoryListing> listing = HistoryListing.read(api, historyId, max);
    if (listing.isEmpty()) {
      JsonNode profile = profile();
      String now = profile.path("historyId").asText();
      LOG.warn(
          "gmail history of {} after {} has expired; resuming at {}, mail in between is missed",
          profile.path("emailAddress").asText("?"),
          historyId,
          now);
      return new Poll(List.of(), now);
    }
    return take(listing.get(), historyId, max);
  }

  private Poll take(HistoryListing listing, String historyId, int max) {
    List<RawInbound> messages = new ArrayList<>();
    String checkpoint = historyId;
    int taken = 0;
    for (HistoryListing.Record record : listing.records()) {
      int size = record.messageIds().size();
      if (taken > 0 && taken + size > max) {
        return new Poll(messages, checkpoint);
      }
      for (String id : record.messageIds()) {
        GmailMessages.fetch(api, id).ifPresent(messages::add);
      }
      taken += size;
      checkpoint = record.id();
    }
    return new Poll(messages, listing.complete() ? listing.historyId() : checkpoint);
  }

  private JsonNode profile() {
    HttpResponse<String> response = api.get(PROFILE);
    if (response.statusCode() / 100 != 2) {
      throw new InboundException(
          GmailReadErrors.apiFailure(response.statusCode(), response.body()));
    }
    try {
      JsonNode profile = JSON.readTree(response.body());
      if (profile.path("historyId").asText("").isEmpty()) {
        throw new InboundException("gmail profile has no historyId");
      }
      return profile;
    } catch (IOException e) {
      throw new InboundException("gmail profile answer is not JSON", e);
    }
  }
}
