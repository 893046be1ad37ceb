package com.campaignengine.store.postgres;

import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendSlot.Kind;
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
 * Records sends as {@code sending} before any provider call (design.md §4.1): one row per
 * execution, ever, with its deterministic Message-ID. Enrollment rows are share-locked first, in id
 * order, so a concurrent stop either commits before (nothing is sent) or waits for this.
 */
final class Sends {

  private static final String LOCK_ACTIVE_ENROLLMENTS =
      """
      SELECT id, status FROM campaign_sequence_leads
       WHERE id = ANY(?) ORDER BY id FOR SHARE
      """;

  private static final String INSERT_SENDING =
      """
      INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,
                               mailbox_id, message_id, to_address, subject, status, created_at)
      SELECT x.workspace_id, x.campaign_id, x.enrollment_id, x.execution_id, x.step_id,
             x.mailbox_id, x.message_id, x.to_address, x.subject, 'sending', ?
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::text[], ?::text[], ?::text[])
             AS x(workspace_id, campaign_id, enrollment_id, execution_id, step_id, mailbox_id,
                  message_id, to_address, subject)
      ON CONFLICT (execution_id) DO NOTHING
      RETURNING id, execution_id, message_id
      """;

  private static final String EARLIER_ATTEMPTS =
      "SELECT id, execution_id, status, message_id FROM email_sends WHERE execution_id = ANY(?)";

  /** A failed attempt is known not to have been delivered: it may be tried again. */
  private static final String RETRY_FAILED =
      "UPDATE email_sends SET status = 'sending', error = NULL WHERE id = ANY(?) AND status = 'failed'";

  List<SendSlot> prepare(Connection c, List<SendDraft> drafts, Instant now) throws SQLException {
    Set<Long> active = lockActiveEnrollments(c, drafts);
    List<SendDraft> eligible = new ArrayList<>();
    List<SendSlot> slots = new ArrayList<>();
    for (SendDraft draft : drafts) {
      if (active.contains(draft.execution().enrollmentId())) {
        eligible.add(draft);
      } else {
        slots.add(new SendSlot(draft.execution().id(), Kind.INACTIVE, null, draft.messageId()));
      }
    }
    if (eligible.isEmpty()) {
      return slots;
    }
    Map<Long, SendSlot> inserted = insert(c, eligible, now);
    slots.addAll(inserted.values());
    List<Long> others = new ArrayList<>();
    for (SendDraft draft : eligible) {
      if (!inserted.containsKey(draft.execution().id())) {
        others.add(draft.execution().id());
      }
    }
    if (!others.isEmpty()) {
      slots.addAll(earlierAttempts(c, others));
    }
    return slots;
  }

  private static Set<Long> lockActiveEnrollments(Connection c, List<SendDraft> drafts)
      throws SQLException {
    Long[] ids = drafts.stream().map(d -> d.execution().enrollmentId()).toArray(Long[]::new);
    Set<Long> active = new HashSet<>();
    Sql.query(
        c,
        LOCK_ACTIVE_ENROLLMENTS,
        rs -> "active".equals(rs.getString("status")) && active.add(rs.getLong("id")),
        (Object) ids);
    return active;
  }

  private static Map<Long, SendSlot> insert(Connection c, List<SendDraft> drafts, Instant now)
      throws SQLException {
    int n = drafts.size();
    Long[] workspace = new Long[n];
    Long[] campaign = new Long[n];
    Long[] enrollment = new Long[n];
    Long[] execution = new Long[n];
    Long[] step = new Long[n];
    Long[] mailbox = new Long[n];
    String[] messageId = new String[n];
    String[] to = new String[n];
    String[] subject = new String[n];
    for (int i = 0; i < n; i++) {
      SendDraft d = drafts.get(i);
      workspace[i] = d.execution().workspaceId();
      campaign[i] = d.execution().campaignId();
      enrollment[i] = d.execution().enrollmentId();
      execution[i] = d.execution().id();
      step[i] = d.execution().stepId();
      mailbox[i] = d.mailboxId();
      messageId[i] = d.messageId();
      to[i] = d.toAddress();
      subject[i] = d.subject();
    }
    Map<Long, SendSlot> slots = new HashMap<>();
    Sql.query(
        c,
        INSERT_SENDING,
        rs ->
            slots.put(
                rs.getLong("execution_id"),
                new SendSlot(
                    rs.getLong("execution_id"),
                    Kind.GO,
                    rs.getLong("id"),
                    rs.getString("message_id"))),
        now,
        workspace,
        campaign,
        enrollment,
        execution,
        step,
        mailbox,
        messageId,
        to,
        subject);
    return slots;
  }

  private static List<SendSlot> earlierAttempts(Connection c, List<Long> executionIds)
      throws SQLException {
    List<SendSlot> slots = new ArrayList<>();
    List<Long> retryable = new ArrayList<>();
    Sql.query(
        c,
        EARLIER_ATTEMPTS,
        rs -> {
          String status = rs.getString("status");
          Kind kind =
              switch (status) {
                case "sent" -> Kind.ALREADY_SENT;
                case "failed" -> Kind.GO;
                default -> Kind.IN_DOUBT; // sending (a crash mid-send) or in_doubt
              };
          if (kind == Kind.GO) {
            retryable.add(rs.getLong("id"));
          }
          return slots.add(
              new SendSlot(
                  rs.getLong("execution_id"), kind, rs.getLong("id"), rs.getString("message_id")));
        },
        (Object) Sql.longs(executionIds));
    if (!retryable.isEmpty()) {
      Sql.update(c, RETRY_FAILED, (Object) Sql.longs(retryable));
    }
    return slots;
  }
}
