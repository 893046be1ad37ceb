package com.campaignengine.store.postgres;

import com.campaignengine.store.HandOver;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendRelease;
import com.campaignengine.store.SendUpdate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands reserved sends over, in the caller's transaction, right before their provider calls: each
 * is written as {@code sending} (a new row with its deterministic Message-ID, or the row of an
 * earlier attempt) only while its execution is live. A send written so and never answered is what a
 * crash leaves in doubt; one never written was never handed over.
 */
final class HandOverWrites {

  /**
   * The executions still live, share-locked in enrollment order. Every pause, stop and archive
   * updates the execution and bumps its version, so it either committed before (the version no
   * longer matches: not handed over) or waits for this transaction. A matching version also means
   * the claim is still this one: the claim bumped it, and so does every later change of status. The
   * enrollment and campaign are read per row (subqueries, not joins), so the plan stays on primary
   * keys whatever the statistics say; a join let the planner start from the campaign and read all
   * its executions (20 ms for 128 sends at 60,000 executions, against 0.6).
   */
  private static final String LIVE =
      """
      SELECT e.id
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS x(enrollment_id, execution_id, version)
        JOIN campaign_sequence_executions e
          ON e.enrollment_id = x.enrollment_id AND e.id = x.execution_id
       WHERE e.version = x.version
         AND (SELECT l.status FROM campaign_sequence_leads l WHERE l.id = e.enrollment_id) = 'active'
         AND (SELECT c.status FROM campaign_sequences c WHERE c.id = e.campaign_id) = 'active'
       ORDER BY e.enrollment_id
         FOR SHARE OF e
      """;

  /**
   * One row per execution, ever, and one per (enrollment, step, resend): a row some other claim
   * wrote wins, and this send is not sent. Any unique conflict skips the row rather than failing
   * the group: a step another execution already wrote for the enrollment is found by the next
   * prepare ({@link Sends}) and dead-lettered as {@code duplicate_step}.
   */
  private static final String INSERT_SENDING =
      """
      INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,
                               resend, mailbox_id, message_id, to_address, subject, in_reply_to,
                               links, body_text, personalized, personalization_fallback,
                               variant_key, status, created_at)
      SELECT x.workspace_id, x.campaign_id, x.enrollment_id, x.execution_id, x.step_id, x.resend,
             x.mailbox_id, x.message_id, x.to_address, x.subject, x.in_reply_to,
             CASE WHEN x.links = '' THEN NULL ELSE string_to_array(x.links, E'\\n') END,
             x.body_text, x.personalized, x.fallback, x.variant_key, 'sending', ?
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[],
                    ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::boolean[], ?::text[], ?::text[])
             AS x(workspace_id, campaign_id, enrollment_id, execution_id, step_id, resend,
                  mailbox_id, message_id, to_address, subject, in_reply_to, links, body_text,
                  personalized, fallback, variant_key)
      ON CONFLICT DO NOTHING
      RETURNING id, execution_id
      """;

  /**
   * The row of an earlier attempt: failed at the provider, never handed over ({@code prepared}), or
   * in doubt and not delivered by the provider's own account ({@code sending}).
   */
  private static final String MARK =
      """
      UPDATE email_sends SET status = 'sending', error = NULL
       WHERE id = ANY(?) AND status IN ('prepared', 'failed', 'sending')
      RETURNING id, execution_id
      """;

  /** Marked by a group hand-over, then not sent: {@code prepared}, while the claim holds. */
  private static final String UNMARK =
      """
      UPDATE email_sends s SET status = 'prepared'
        FROM unnest(?::bigint[], ?::bigint[]) AS x(id, version), campaign_sequence_executions e
       WHERE s.id = x.id AND s.status = 'sending' AND e.enrollment_id = s.enrollment_id
         AND e.id = s.execution_id AND e.version = x.version
      """;

  private static final MailboxQuotas QUOTAS = new MailboxQuotas();

  private HandOverWrites() {}

  /**
   * Records the provider answers given, then hands the sends over; returns, for each send handed
   * over, its execution id and the id of its row.
   */
  static Map<Long, Long> handOver(
      Connection c, List<HandOver> sends, List<SendUpdate> answered, Instant now)
      throws SQLException {
    Completions.recordSends(c, answered, now);
    if (sends.isEmpty()) {
      return Map.of();
    }
    Long[] enrollments = new Long[sends.size()];
    Long[] executions = new Long[sends.size()];
    Long[] versions = new Long[sends.size()];
    for (int i = 0; i < sends.size(); i++) {
      enrollments[i] = sends.get(i).draft().execution().enrollmentId();
      executions[i] = sends.get(i).draft().execution().id();
      versions[i] = sends.get(i).draft().execution().version();
    }
    Set<Long> live =
        new HashSet<>(
            Sql.query(c, LIVE, rs -> rs.getLong("id"), enrollments, executions, versions));
    List<SendDraft> fresh = new ArrayList<>();
    List<Long> earlier = new ArrayList<>();
    for (HandOver send : sends) {
      if (live.contains(send.draft().execution().id())) {
        if (send.sendId() == null) {
          fresh.add(send.draft());
        } else {
          earlier.add(send.sendId());
        }
      }
    }
    Map<Long, Long> handedOver = new HashMap<>();
    if (!earlier.isEmpty()) {
      Sql.query(
          c,
          MARK,
          rs -> handedOver.put(rs.getLong("execution_id"), rs.getLong("id")),
          (Object) Sql.longs(earlier));
    }
    if (!fresh.isEmpty()) {
      insert(c, fresh, now, handedOver);
    }
    return handedOver;
  }

  /**
   * Sends reserved at {@code reservedAt} and not handed to a provider after all: reservations given
   * back (mailboxes locked in id order), rows marked {@code sending} by a group hand-over {@code
   * prepared} again.
   */
  static Void release(Connection c, List<SendRelease> releases, Instant reservedAt)
      throws SQLException {
    Map<Long, Integer> reserved = new HashMap<>();
    List<Long> marked = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    for (SendRelease release : releases) {
      if (release.reservedNow()) {
        reserved.merge(release.mailboxId(), 1, Integer::sum);
      }
      if (release.markedSendId() != null) {
        marked.add(release.markedSendId());
        versions.add(release.executionVersion());
      }
    }
    if (!reserved.isEmpty()) {
      QUOTAS.giveBack(c, reserved, reservedAt);
    }
    if (!marked.isEmpty()) {
      Sql.update(c, UNMARK, Sql.longs(marked), Sql.longs(versions));
    }
    return null;
  }

  private static void insert(
      Connection c, List<SendDraft> drafts, Instant now, Map<Long, Long> handedOver)
      throws SQLException {
    int n = drafts.size();
    Long[] workspace = new Long[n];
    Long[] campaign = new Long[n];
    Long[] enrollment = new Long[n];
    Long[] execution = new Long[n];
    Long[] step = new Long[n];
    Integer[] resend = new Integer[n];
    Long[] mailbox = new Long[n];
    String[] messageId = new String[n];
    String[] to = new String[n];
    String[] subject = new String[n];
    String[] inReplyTo = new String[n];
    // URLs cannot contain a raw newline, so one text per send joins them (unnest cannot nest
    // arrays).
    String[] links = new String[n];
    String[] bodyText = new String[n];
    Boolean[] personalized = new Boolean[n];
    String[] fallback = new String[n];
    String[] variant = new String[n];
    for (int i = 0; i < n; i++) {
      SendDraft d = drafts.get(i);
      workspace[i] = d.execution().workspaceId();
      campaign[i] = d.execution().campaignId();
      enrollment[i] = d.execution().enrollmentId();
      execution[i] = d.execution().id();
      step[i] = d.execution().stepId();
      resend[i] = d.execution().resend();
      mailbox[i] = d.mailboxId();
      messageId[i] = d.messageId();
      to[i] = d.toAddress();
      subject[i] = d.content().subject();
      inReplyTo[i] = d.content().inReplyTo();
      links[i] = String.join("\n", d.content().links());
      bodyText[i] = d.content().bodyText();
      personalized[i] = d.composition().personalized();
      fallback[i] = d.composition().personalizationFallback();
      variant[i] = d.composition().variantKey();
    }
    Sql.query(
        c,
        INSERT_SENDING,
        rs -> handedOver.put(rs.getLong("execution_id"), rs.getLong("id")),
        now,
        workspace,
        campaign,
        enrollment,
        execution,
        step,
        resend,
        mailbox,
        messageId,
        to,
        subject,
        inReplyTo,
        links,
        bodyText,
        personalized,
        fallback,
        variant);
  }
}
