package com.campaignengine.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the inbound pipeline and tracking write: replies, auto-replies, bounces, unsubscribes,
 * suppressions, opens and clicks, and which inbound messages each mailbox has processed. Every
 * method is one transaction; recording the same inbound message twice changes nothing the second
 * time.
 */
public interface InboundStore {

  /** A send that an inbound message or a token refers to. */
  record SendRef(
      long sendId,
      long workspaceId,
      long campaignId,
      long stepId,
      long enrollmentId,
      long mailboxId,
      String toAddress,
      Instant sentAt) {}

  /**
   * Whether the mailbox has already processed the message with this key (its Message-ID, or a hash
   * of its header block): re-reading a mailbox must record nothing twice.
   */
  boolean seen(long mailboxId, String messageKey);

  /** Remembers that the mailbox processed this message; kept for the workspace's retention. */
  void markSeen(long mailboxId, String messageKey, Instant now);

  /** The newest send with one of these Message-IDs from this mailbox. */
  Optional<SendRef> findByMessageIds(long mailboxId, List<String> messageIds);

  /** The newest send of this mailbox to this address (fallback when a reply lost its headers). */
  Optional<SendRef> findLatestTo(long mailboxId, String address);

  /** Any send by Message-ID (bounces and provider webhooks). */
  Optional<SendRef> findByMessageId(String messageId);

  Optional<SendRef> findById(long sendId);

  /** A send by the provider's own id (Resend's email id in its webhooks). */
  Optional<SendRef> findByProviderMessageId(String providerMessageId);

  /** The send of an execution (tracking tokens carry the execution id). */
  Optional<SendRef> findByExecutionId(long executionId);

  /**
   * Records a reply; the enrollment becomes {@code replied} and its pending work is cancelled, and
   * with {@code stop_on_company_reply} so do the colleagues' enrollments in the campaign. Returns
   * the enrollments stopped (empty for a duplicate).
   */
  List<Long> recordReply(
      SendRef send, String fromAddress, String subject, String messageId, Instant now);

  /**
   * Records an automatic reply (it never stops the sequence). With an out-of-office return date and
   * {@code pause_on_out_of_office}, pauses the enrollment until {@code resumeAt}.
   */
  boolean recordAutoReply(
      SendRef send,
      String fromAddress,
      String subject,
      String messageId,
      LocalDate returnDate,
      Instant resumeAt,
      Instant now);

  /**
   * Records a bounce. Hard (or the third soft one for the address): the enrollment becomes {@code
   * bounced} and the address is suppressed in the workspace. Returns whether it counted as hard.
   */
  boolean recordBounce(
      long workspaceId,
      SendRef send,
      String recipient,
      String status,
      boolean hard,
      String diagnostic,
      Instant now);

  /**
   * Suppresses the address in the workspace and ends every active, paused or failed enrollment of a
   * person with that address ({@code unsubscribed} or {@code bounced}). {@code emailSendId}: the
   * email that carried the unsubscribe or complaint, when known (null otherwise). Returns how many
   * ended.
   */
  int suppress(long workspaceId, String email, String reason, Long emailSendId, Instant now);

  /** Of these addresses, which are suppressed in the workspace (lower-case). */
  Map<String, String> suppressed(long workspaceId, List<String> emails);

  void recordEvent(
      SendRef send, String type, Integer linkIndex, boolean likelyMachine, Instant now);

  /** The URL at this index of the send's links (clicks redirect only to these). */
  Optional<String> link(long sendId, int index);
}
