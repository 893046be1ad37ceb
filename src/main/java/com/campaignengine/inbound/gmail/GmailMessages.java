package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.RawInbound;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fetches single messages with {@code users.messages.get?format=raw}. Stateless. */
final class GmailMessages {

  private static final Logger LOG = LoggerFactory.getLogger(GmailMessages.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/gmail/v1/users/me/messages/";

  private GmailMessages() {}

  /**
   * The message's raw bytes (at most {@link RawInbound#MAX_BYTES}) and internal date; empty if it
   * was deleted meanwhile (404) or turns out to be one of our own sends or drafts.
   *
   * @throws InboundException on any other error
   */
  static Optional<RawInbound> fetch(GmailApi api, String id) {
    HttpResponse<String> response =
        api.get(PATH + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?format=raw");
    if (response.statusCode() == 404) {
      LOG.debug("gmail message {} vanished before it was read", id);
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw GmailReadErrors.failure(response.statusCode(), response.body());
    }
    JsonNode message;
    byte[] raw;
    try {
      message = JSON.readTree(response.body());
      raw = Base64.getUrlDecoder().decode(message.path("raw").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      throw new InboundException("gmail message " + id + " has no readable raw content", e);
    }
    // The history's labels are those at listing time; these are current.
    if (isSent(message)) {
      return Optional.empty();
    }
    if (raw.length > RawInbound.MAX_BYTES) {
      raw = Arrays.copyOf(raw, RawInbound.MAX_BYTES);
    }
    long internalDate = message.path("internalDate").asLong(0);
    Instant receivedAt = internalDate > 0 ? Instant.ofEpochMilli(internalDate) : Instant.now();
    return Optional.of(new RawInbound(id, raw, receivedAt));
  }

  /**
   * Whether a Message resource (or its stub in a history record) is the user's own: labelled SENT
   * or DRAFT. A draft in one of our threads carries our Message-ID in In-Reply-To and must never
   * count as a reply.
   */
  static boolean isSent(JsonNode message) {
    for (JsonNode label : message.path("labelIds")) {
      if (label.asText().equals("SENT") || label.asText().equals("DRAFT")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The address in the From header of raw RFC 5322 bytes, lower-case; empty if none is readable.
   */
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
}
