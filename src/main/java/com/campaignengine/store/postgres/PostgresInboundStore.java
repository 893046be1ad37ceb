package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.ReplyCategory;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.store.InboundStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replies, auto-replies, bounces and suppressions. Finding the send a message refers to is in
 * {@link SendLookups}; opens and clicks are in {@link TrackingEvents}.
 */
public final class PostgresInboundStore implements InboundStore {
  /**
   * A third soft bounce for an address counts as hard; with more re-sends allowed, the one after
   * them ({@link #softBouncesBeforeHard}).
   */
  static final int SOFT_BOUNCES_BEFORE_HARD = 3;

  private static final String INSERT_AUTO_REPLY =
      """
      INSERT INTO email_replies (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
             mailbox_id, from_address, subject, message_id, kind, is_auto_reply, return_date,
             received_at, body, category, category_set_by, category_set_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'auto_reply', true, ?, ?, ?, 'auto_reply', 'keywords', ?)
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private static final String PAUSES_ON_OOO =
      """
      SELECT c.pause_on_out_of_office FROM campaign_sequence_leads l
        JOIN campaign_sequences c ON c.id = l.campaign_id WHERE l.id = ?
      """;

  /** Last, so that the webhook event it triggers says what the bounce did. */
  private static final String INSERT_BOUNCE =
      """
      INSERT INTO email_bounces (workspace_id, email_send_id, recipient, status, hard, diagnostic,
             message_key, resend_number, resend_at, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING
      RETURNING id
      """;

  private static final String REPORT_SEEN =
      "SELECT 1 FROM email_bounces WHERE workspace_id = ? AND message_key = ?";

  private static final String SOFT_BOUNCES =
      "SELECT count(*) AS n FROM email_bounces WHERE workspace_id = ? AND recipient = ? AND NOT hard";

  private static final String SUPPRESS =
      """
      INSERT INTO suppressions (workspace_id, email, reason, email_send_id, created_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (workspace_id, email) DO NOTHING
      """;

  private static final String ENROLLMENTS_OF_ADDRESS =
      """
      SELECT l.id FROM campaign_sequence_leads l JOIN people p ON p.id = l.person_id
       WHERE l.workspace_id = ? AND lower(p.email_address) = ?
         AND l.status IN ('active', 'paused', 'failed')
      """;

  private final Database database;
  private final SendLookups sends;
  private final TrackingEvents events;

  public PostgresInboundStore(Database database) {
    this.database = database;
    this.sends = new SendLookups(database);
    this.events = new TrackingEvents(database);
  }

  @Override
  public boolean seen(long mailboxId, String messageKey) {
    return database.withConnection(c -> SeenMessages.seen(c, mailboxId, messageKey));
  }

  @Override
  public void markSeen(long mailboxId, String messageKey, Instant now) {
    database.withConnection(c -> SeenMessages.mark(c, mailboxId, messageKey, now));
  }

  @Override
  public Optional<SendRef> findByMessageIds(long mailboxId, List<String> messageIds) {
    return sends.byMessageIds(mailboxId, messageIds);
  }

  @Override
  public Optional<SendRef> findLatestTo(long mailboxId, String address) {
    return sends.latestTo(mailboxId, address);
  }

  @Override
  public Optional<SendRef> findById(long sendId) {
    return sends.byId(sendId);
  }

  @Override
  public Optional<SendRef> findByProviderMessageId(String providerMessageId) {
    return sends.byProviderMessageId(providerMessageId);
  }

  @Override
  public Optional<SendRef> findByExecutionId(long executionId) {
    return sends.byExecutionId(executionId);
  }

  @Override
  public Optional<RecordedReply> recordReply(
      SendRef send,
      String fromAddress,
      String subject,
      String messageId,
      String body,
      ReplyCategory category,
      Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Replies.Recorded> recorded =
              Replies.record(
                  c,
                  send.enrollmentId(),
                  send.sendId(),
                  fromAddress,
                  subject,
                  messageId,
                  body,
                  category,
                  now);
          if (recorded.isPresent()
              && category == ReplyCategory.UNSUBSCRIBE_REQUEST
              && fromAddress != null) {
            suppressIn(
                c,
                send.workspaceId(),
                fromAddress.toLowerCase(Locale.ROOT),
                "unsubscribed",
                send.sendId(),
                now);
          }
          return recorded.map(r -> new RecordedReply(r.replyId(), r.personId(), r.stopped()));
        });
  }

  @Override
  public boolean recordAutoReply(
      SendRef send,
      String fromAddress,
      String subject,
      String messageId,
      String body,
      LocalDate returnDate,
      Instant resumeAt,
      Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Long> inserted =
              Sql.queryOne(
                  c,
                  INSERT_AUTO_REPLY,
                  rs -> rs.getLong("id"),
                  send.workspaceId(),
                  send.campaignId(),
                  send.stepId(),
                  send.enrollmentId(),
                  send.sendId(),
                  send.mailboxId(),
                  fromAddress,
                  subject,
                  messageId,
                  returnDate,
                  now,
                  body,
                  now);
          boolean pauses =
              Sql.queryOne(c, PAUSES_ON_OOO, rs -> rs.getBoolean(1), send.enrollmentId())
                  .orElse(false);
          if (inserted.isEmpty() || resumeAt == null || !pauses || !resumeAt.isAfter(now)) {
            return false;
          }
          return EnrollmentMoves.move(
              c, send.enrollmentId(), EnrollmentStatus.PAUSED, "out of office", resumeAt, now);
        });
  }

  @Override
  public BounceOutcome recordBounce(
      long workspaceId, SendRef send, BounceReport bounce, SoftBounceResends resends, Instant now) {
    String address = bounce.recipient().toLowerCase(Locale.ROOT);
    Long sendId = send == null ? null : send.sendId();
    try {
      return database.inTransaction(
          c -> {
            if (bounce.messageKey() != null
                && Sql.queryOne(c, REPORT_SEEN, rs -> true, workspaceId, bounce.messageKey())
                    .isPresent()) {
              return BounceOutcome.DUPLICATE;
            }
            long softBefore =
                Sql.queryOne(c, SOFT_BOUNCES, rs -> rs.getLong("n"), workspaceId, address)
                    .orElse(0L);
            boolean countsAsHard =
                bounce.hard() || softBefore + 1 >= softBouncesBeforeHard(resends);
            Optional<BounceResends.Scheduled> resend = Optional.empty();
            if (!countsAsHard && !bounce.delayed() && resends.enabled() && send != null) {
              resend = BounceResends.schedule(c, send.enrollmentId(), send.sendId(), resends, now);
            }
            boolean inserted =
                Sql.queryOne(
                        c,
                        INSERT_BOUNCE,
                        rs -> rs.getLong("id"),
                        workspaceId,
                        sendId,
                        address,
                        bounce.status(),
                        bounce.hard(),
                        bounce.diagnostic(),
                        bounce.messageKey(),
                        resend.map(BounceResends.Scheduled::number).orElse(null),
                        resend.map(BounceResends.Scheduled::at).orElse(null),
                        now)
                    .isPresent();
            if (!inserted) {
              // The same report, recorded by another transaction since the check above.
              throw new DuplicateReport();
            }
            if (countsAsHard) {
              suppressIn(c, workspaceId, address, "bounced", sendId, now);
            }
            return new BounceOutcome(
                false,
                countsAsHard,
                resend.map(BounceResends.Scheduled::number).orElse(0),
                resend.map(BounceResends.Scheduled::at).orElse(null));
          });
    } catch (DuplicateReport duplicate) {
      return BounceOutcome.DUPLICATE;
    }
  }

  /**
   * The soft bounce of an address that counts as hard: the third, or the one after the re-sends
   * allowed, so that every one of them can happen.
   */
  static int softBouncesBeforeHard(SoftBounceResends resends) {
    return Math.max(SOFT_BOUNCES_BEFORE_HARD, resends.max() + 1);
  }

  /** Rolls back what a report recorded twice at once would have done the second time. */
  private static final class DuplicateReport extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateReport() {
      super("the same delivery report, recorded meanwhile", null, false, false);
    }
  }

  @Override
  public int suppress(
      long workspaceId, String email, String reason, Long emailSendId, Instant now) {
    return database.inTransaction(
        c -> suppressIn(c, workspaceId, email.toLowerCase(Locale.ROOT), reason, emailSendId, now));
  }

  /**
   * Suppresses {@code address} (lower-case) and ends its sequences, in the caller's transaction.
   */
  static int suppressIn(
      Connection c, long workspaceId, String address, String reason, Long emailSendId, Instant now)
      throws SQLException {
    Sql.update(c, SUPPRESS, workspaceId, address, reason, emailSendId, now);
    List<Long> enrollments =
        Sql.query(c, ENROLLMENTS_OF_ADDRESS, rs -> rs.getLong("id"), workspaceId, address);
    EnrollmentStatus ending =
        reason.equals("bounced") ? EnrollmentStatus.BOUNCED : EnrollmentStatus.UNSUBSCRIBED;
    return EnrollmentMoves.moveAll(c, enrollments, ending, reason, now).size();
  }

  @Override
  public Map<String, String> suppressed(long workspaceId, List<String> emails) {
    if (emails.isEmpty()) {
      return Map.of();
    }
    return database.withConnection(
        c ->
            Suppressions.find(
                c, workspaceId, emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList()));
  }

  @Override
  public void recordEvent(
      SendRef send, String type, Integer linkIndex, boolean likelyMachine, Instant now) {
    events.record(send, type, linkIndex, likelyMachine, now);
  }

  @Override
  public Optional<String> link(long sendId, int index) {
    return events.link(sendId, index);
  }
}
