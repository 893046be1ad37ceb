package com.campaignengine.store;

import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.campaign.SoftBounceResends;
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
   * A reply just recorded.
   *
   * @param replyId its {@code email_replies} row
   * @param personId who wrote it
   * @param stopped the enrollments it stopped
   */
  record RecordedReply(long replyId, long personId, List<Long> stopped) {}

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

  Optional<SendRef> findById(long sendId);

  /** A send by the provider's own id (Resend's email id in its webhooks). */
  Optional<SendRef> findByProviderMessageId(String providerMessageId);

  /** The send of an execution (tracking tokens carry the execution id). */
  Optional<SendRef> findByExecutionId(long executionId);

  /**
   * Records a reply; the enrollment becomes {@code replied} and its pending work is cancelled, and
   * with {@code stop_on_company_reply} so do the colleagues' enrollments in the campaign. Returns
   * what was recorded (empty for a duplicate). The reply is kept for the inbox with its trimmed
   * {@code body} and the {@code category} the keyword rules gave it; an {@code unsubscribe_request}
   * also suppresses the sender's address, in the same transaction.
   */
  Optional<RecordedReply> recordReply(
      SendRef send,
      String fromAddress,
      String subject,
      String messageId,
      String body,
      ReplyCategory category,
      Instant now);

  /**
   * Records an automatic reply (it never stops the sequence). With an out-of-office return date and
   * {@code pause_on_out_of_office}, pauses the enrollment until {@code resumeAt}.
   */
  boolean recordAutoReply(
      SendRef send,
      String fromAddress,
      String subject,
      String messageId,
      String body,
      LocalDate returnDate,
      Instant resumeAt,
      Instant now);

  /**
   * A delivery report as the inbound pipeline read it.
   *
   * @param messageKey the report's own Message-ID, or the provider's id of the event; the same key
   *     twice in a workspace is one report (null: no key, never taken for a duplicate)
   * @param status the RFC 3463 enhanced status code, e.g. "4.2.2"
   * @param hard a permanent failure: stop mailing the address
   * @param delayed the sending server still tries (RFC 3464 {@code Action: delayed}): the email may
   *     yet arrive, so it is never re-sent for this report
   */
  record BounceReport(
      String messageKey,
      String recipient,
      String status,
      boolean hard,
      boolean delayed,
      String diagnostic) {}

  /**
   * What recording a bounce did.
   *
   * @param duplicate the same report was recorded before: nothing changed
   * @param countedAsHard the address is suppressed and the enrollment ended as bounced
   * @param resendNumber the re-send of the bounced step scheduled (1, 2, ...), or 0 for none
   * @param resendAt when that re-send is due, or null
   */
  record BounceOutcome(
      boolean duplicate, boolean countedAsHard, int resendNumber, Instant resendAt) {
    public static final BounceOutcome DUPLICATE = new BounceOutcome(true, false, 0, null);

    public boolean resendScheduled() {
      return resendAt != null;
    }
  }

  /**
   * Records a bounce of {@code send} (null: matched none of our sends). Hard, or the soft one that
   * makes the address's third (or, with more re-sends allowed, the one after them): the enrollment
   * becomes {@code bounced} and the address is suppressed in the workspace.
   *
   * <p>Otherwise, per {@code resends}: a soft bounce of the enrollment's latest email while the
   * enrollment is active, and that email was sent fewer than {@code resends.max()} times before,
   * ends the enrollment's live execution (a claimed one is fenced by its version, so a hand-over
   * under way sends nothing) and schedules that email's step again {@code resends.after()} from
   * {@code now}, as the next re-send of it, to the same address from the same mailbox; after it the
   * sequence goes on from that step. A step re-sent already, or followed by a later email, is not
   * re-sent again. Taking the same report twice changes nothing the second time.
   */
  BounceOutcome recordBounce(
      long workspaceId, SendRef send, BounceReport bounce, SoftBounceResends resends, Instant now);

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
