package com.campaignengine.store;

import java.util.List;

/**
 * A send about to be reserved, then written as {@code sending} when it is handed to the provider:
 * which execution sends from which mailbox to whom under which Message-ID, what is sent and how it
 * was composed.
 */
public record SendDraft(
    ClaimedExecution execution,
    long mailboxId,
    String messageId,
    String toAddress,
    Content content,
    Composition composition) {

  /**
   * What the send keeps of the message. {@code inReplyTo} is the Message-ID it follows up in the
   * same thread, or null; {@code links} are the tracked links of its HTML body, in order.
   */
  public record Content(String subject, String inReplyTo, String bodyText, List<String> links) {}

  /**
   * How the content was made: the A/B variant sent ({@code variantKey}, or null), and whether AI
   * personalized the text body or, if it fell back to the template, why.
   */
  public record Composition(
      String variantKey, boolean personalized, String personalizationFallback) {}
}
