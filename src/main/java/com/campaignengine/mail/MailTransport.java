package com.campaignengine.mail;

/**
 * Port through which the engine hands finished messages to a mail provider (SMTP relay, HTTP API,
 * outbox directory, ...).
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #send} concurrently from many
 * worker threads on one shared instance.
 */
public interface MailTransport {

  /**
   * Sends one message.
   *
   * <p>Never throws for provider or I/O errors: those are classified into a {@link SendResult} so
   * the caller can decide between retrying, giving up and pausing the sender. May throw only for
   * programming errors (e.g. a {@code null} message).
   */
  SendResult send(OutgoingMessage message);

  /**
   * Answers, after a crash between "send" and "record that we sent", whether the message with this
   * Message-ID was already accepted by the provider, so the engine can avoid sending it twice.
   *
   * @param messageId the Message-ID including angle brackets, e.g. {@code "<abc@host>"}
   * @return {@link Delivery#UNKNOWN} unless the provider can answer reliably
   */
  default Delivery lookup(String messageId) {
    return Delivery.UNKNOWN;
  }

  /**
   * {@link #lookup} for several Message-IDs at once, e.g. a whole batch interrupted by a crash; a
   * provider that can answer many in one request overrides this.
   *
   * @return an answer for every Message-ID given
   */
  default java.util.Map<String, Delivery> lookupAll(java.util.Collection<String> messageIds) {
    java.util.Map<String, Delivery> answers = new java.util.HashMap<>();
    for (String messageId : messageIds) {
      answers.put(messageId, lookup(messageId));
    }
    return answers;
  }

  /** Short, stable name for logs and metrics, e.g. {@code "outbox"}. */
  String name();
}
