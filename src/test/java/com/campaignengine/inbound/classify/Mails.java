package com.campaignengine.inbound.classify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds test messages from lines joined with CRLF, as they travel over SMTP and IMAP. */
final class Mails {

  static final Instant RECEIVED = Instant.parse("2026-03-05T08:00:00Z");

  private Mails() {}

  static String eml(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  static InboundMessage parse(String eml) {
    return parse(eml, RECEIVED);
  }

  static InboundMessage parse(String eml, Instant received) {
    return InboundParser.parse("test:1", eml.getBytes(StandardCharsets.UTF_8), received);
  }
}
