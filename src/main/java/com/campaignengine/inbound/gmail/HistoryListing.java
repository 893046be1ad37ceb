package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The INBOX messages added after a history id ({@code users.history.list} with {@code
 * historyTypes=messageAdded&labelId=INBOX}), grouped by history record, oldest first. Each message
 * id appears once, in its first record; messages labelled SENT (our own sends, or mail to self) are
 * left out. Immutable.
 *
 * @param records the history records read, oldest first, some perhaps without messages
 * @param historyId the mailbox's history id at the time of the last page
 * @param complete whether every page was read, i.e. {@code historyId} covers all records
 */
record HistoryListing(List<HistoryListing.Record> records, String historyId, boolean complete) {

  /** One history record: its id and the new messages it added. */
  record Record(String id, List<String> messageIds) {}

  static final String PATH = "/gmail/v1/users/me/history";

  // Google's maximum page size: fewer round trips for a mailbox that was busy.
  private static final int PAGE_SIZE = 500;

  // Guards against a server that keeps answering with another page token.
  private static final int MAX_PAGES = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  HistoryListing {
    records = List.copyOf(records);
  }

  /**
   * Reads pages until they are exhausted or more than {@code enough} message ids are known (the
   * caller cannot take more anyway).
   *
   * @return empty if Google no longer has history for {@code startHistoryId} (404)
   * @throws InboundException on any other error
   */
  static Optional<HistoryListing> read(GmailApi api, String startHistoryId, int enough) {
    List<Record> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String historyId = startHistoryId;
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpResponse<String> response = api.get(query(startHistoryId, pageToken));
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      JsonNode body = parse(response);
      for (JsonNode history : body.path("history")) {
        records.add(new Record(history.path("id").asText(), added(history, seen)));
      }
      historyId = body.path("historyId").asText(historyId);
      pageToken = body.path("nextPageToken").asText("");
      if (pageToken.isEmpty()) {
        return Optional.of(new HistoryListing(records, historyId, true));
      }
      if (seen.size() > enough) {
        break;
      }
    }
    return Optional.of(new HistoryListing(records, historyId, false));
  }

  private static List<String> added(JsonNode history, Set<String> seen) {
    List<String> ids = new ArrayList<>();
    for (JsonNode added : history.path("messagesAdded")) {
      JsonNode message = added.path("message");
      String id = message.path("id").asText("");
      if (!id.isEmpty() && !GmailMessages.isSent(message) && seen.add(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String query(String startHistoryId, String pageToken) {
    String query =
        PATH
            + "?startHistoryId="
            + startHistoryId
            + "&historyTypes=messageAdded&labelId=INBOX&maxResults="
            + PAGE_SIZE;
    return pageToken == null
        ? query
        : query + "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8);
  }

  private static JsonNode parse(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw GmailReadErrors.failure(response.statusCode(), response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new InboundException("gmail history answer is not JSON", e);
    }
  }
}
