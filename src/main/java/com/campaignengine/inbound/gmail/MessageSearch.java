package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the messages matching a Gmail search ({@code users.messages.list?q=…}), page after
 * page with {@code pageToken}, newest first as Gmail lists them. Spam and trash are left out, as
 * Gmail does by default. Stateless.
 */
final class MessageSearch {

  static final String PATH = "/gmail/v1/users/me/messages";

  // Google's maximum page size: fewer round trips.
  private static final int PAGE_SIZE = 500;

  // Guards against a server that keeps answering with another page token.
  private static final int MAX_PAGES = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private MessageSearch() {}

  /**
   * The ids of at most {@code limit} messages matching {@code q}, newest first.
   *
   * @throws InboundException on any error answer
   */
  static List<String> ids(GmailApi api, String q, int limit) {
    Set<String> ids = new LinkedHashSet<>();
    String pageToken = "";
    int pages = 0;
    do {
      String query =
          PATH
              + "?maxResults="
              + PAGE_SIZE
              + "&q="
              + URLEncoder.encode(q, StandardCharsets.UTF_8)
              + (pageToken.isEmpty()
                  ? ""
                  : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
      JsonNode page = parse(api.get(query));
      for (JsonNode message : page.path("messages")) {
        String id = message.path("id").asText("");
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      pageToken = page.path("nextPageToken").asText("");
      pages++;
    } while (!pageToken.isEmpty() && ids.size() < limit && pages < MAX_PAGES);
    List<String> found = new ArrayList<>(ids);
    return found.size() <= limit ? found : found.subList(0, limit);
  }

  private static JsonNode parse(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw GmailReadErrors.failure(response.statusCode(), response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new InboundException("gmail messages.list answer is not JSON", e);
    }
  }
}
