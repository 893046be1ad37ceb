package com.campaignengine.mail.gmail;

import com.campaignengine.mail.SendResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of {@code users.messages.send}: the request {@code {"raw": ..., "threadId": ...}} and
 * the accepted Message resource {@code {"id": ..., "threadId": ..., "labelIds": [...]}}. Stateless
 * and thread-safe.
 */
final class GmailJson {

  private static final Logger LOG = LoggerFactory.getLogger(GmailJson.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private GmailJson() {}

  /** The send request for these RFC 5322 bytes, filed under {@code threadId} unless null. */
  static byte[] sendRequest(byte[] rfc5322, String threadId) {
    ObjectNode body = JSON.createObjectNode();
    // Gmail takes URL-safe base64; padding is optional and Google's own clients omit it.
    body.put("raw", Base64.getUrlEncoder().withoutPadding().encodeToString(rfc5322));
    if (threadId != null) {
      body.put("threadId", threadId);
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing a JSON tree failed", e);
    }
  }

  /**
   * The result for a 2xx answer to a send. Google accepted the message, so a body without ids still
   * counts as sent: retrying would send it twice.
   */
  static SendResult.Sent accepted(String messageId, String body) {
    JsonNode json = read(body);
    String id = json.path("id").asText("");
    String threadId = json.path("threadId").asText("");
    if (id.isEmpty()) {
      LOG.warn("gmail accepted {} but named no message id", messageId);
    } else {
      LOG.debug("gmail accepted {} as {} in thread {}", messageId, id, threadId);
    }
    return new SendResult.Sent(id, threadId.isEmpty() ? null : threadId);
  }

  /**
   * Whether Gmail refused a send because of its {@code threadId}: 400 "Invalid thread_id value"
   * when the thread was deleted, or 404, since the thread is the only entity a send names.
   */
  static boolean unknownThread(int status, String body) {
    return status == 404
        || (status == 400
            && GoogleError.parse(status, body)
                .message()
                .toLowerCase(Locale.ROOT)
                .contains("thread"));
  }

  /** The parsed body, or a missing node when it is empty or not JSON. */
  static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
