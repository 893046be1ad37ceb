package com.campaignengine.mail;

import java.time.Instant;
import java.util.Map;

/** Builders for messages used across the mail tests. */
public final class TestMessages {

  public static final Instant DATE = Instant.parse("2024-05-06T07:08:09Z");

  private TestMessages() {}

  /** A text-only message with a deterministic Message-ID for {@code executionId}. */
  public static OutgoingMessage simple(long executionId) {
    return new OutgoingMessage(
        MessageIds.forSend(executionId, "mail.example.com"),
        DATE,
        new Address("sam@example.com", "Sam Sender"),
        new Address("ada@example.org", null),
        "Hello " + executionId,
        new OutgoingMessage.Body("Hi Ada,\nthis is message " + executionId + ".\n", null),
        OutgoingMessage.Threading.NONE,
        Map.of());
  }

  /** A multipart message with non-ASCII subject, display name and bodies. */
  public static OutgoingMessage rich(long executionId) {
    return new OutgoingMessage(
        MessageIds.forSend(executionId, "mail.example.com"),
        DATE,
        new Address("zoe@example.com", "Zoë Müller"),
        new Address("ada@example.org", "Ada Lovelace"),
        "Grüße aus Köln, Zoë",
        new OutgoingMessage.Body(
            "Hallo Ada,\nGrüße aus Köln!\n", "<p>Hallo Ada,<br>Grüße aus <b>Köln</b>!</p>"),
        OutgoingMessage.Threading.NONE,
        Map.of());
  }
}
