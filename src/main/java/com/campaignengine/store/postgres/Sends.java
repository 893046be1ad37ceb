package com.campaignengine.store.postgres;

import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendSlot.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records sends as {@code sending} before any provider call (design.md §4.1): one row per
 * execution, ever, with its deterministic Message-ID. In one transaction: the enrollments are
 * share-locked in id order (a concurrent stop either commits before — nothing is sent — or waits),
 * earlier attempts are looked up (never repeated blindly), and only what fits the mailbox's limits
 * is recorded.
 */
final class Sends {

  private static final String EARLIER_ATTEMPTS =
      "SELECT id, execution_id, status, message_id FROM email_sends WHERE execution_id = ANY(?)";

  private static final String INSERT_SENDING =
      """
      INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,
                               mailbox_id, message_id, to_address, subject, in_reply_to, links,
                               body_text, personalized, personalization_fallback, variant_key,
                               status, created_at)
      SELECT x.workspace_id, x.campaign_id, x.enrollment_id, x.execution_id, x.step_id,
             x.mailbox_id, x.message_id, x.to_address, x.subject, x.in_reply_to,
             CASE WHEN x.links = '' THEN NULL ELSE string_to_array(x.links, E'\\n') END,
             x.body_text, x.personalized, x.fallback, x.variant_key, 'sending', ?
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                    ?::text[], ?::text[])
             AS x(workspace_id, campaign_id, enrollment_id, execution_id, step_id, mailbox_id,
                  message_id, to_address, subject, in_reply_to, links, body_text, personalized,
                  fallback, variant_key)
      ON CONFLICT DO NOTHING
      RETURNING id, execution_id, message_id
      """;

  /**
   * Sends of these (enrollment, step) pairs made by other executions: the unique index refused a
   * second one (a loop an older server accepted could lead a person back to a step).
   */
  private static final String SENT_BY_ANOTHER_EXECUTION =
      """
      SELECT s.enrollment_id, s.step_id, s.id FROM email_sends s
        JOIN unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS x(enrollment_id, step_id, execution_id)
          ON s.enrollment_id = x.enrollment_id AND s.step_id = x.step_id
       WHERE s.resend = 0 AND s.execution_id <> x.execution_id
      """;

  /** A failed attempt is known not to have been delivered: it may be tried again. */
  private static final String RETRY_FAILED =
      "UPDATE email_sends SET status = 'sending', error = NULL WHERE id = ANY(?) AND status = 'failed'";

  private final MailboxQuotas quotas = new MailboxQuotas();

  /** An earlier attempt of an execution. */
  private record Earlier(long sendId, String status, String messageId) {}

  List<SendSlot> prepare(Connection c, List<SendDraft> drafts, Instant now) throws SQLException {
    Set<Long> active =
        EnrollmentMoves.shareLockActive(
            c, drafts.stream().map(d -> d.execution().enrollmentId()).toList());
    List<SendSlot> slots = new ArrayList<>();
    List<SendDraft> eligible = new ArrayList<>();
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
    Map<String, String> suppressed = suppressed(c, eligible);
    if (!suppressed.isEmpty()) {
      List<SendDraft> allowed = new ArrayList<>();
      for (SendDraft draft : eligible) {
        String reason = suppressed.get(draft.toAddress().toLowerCase(java.util.Locale.ROOT));
        if (reason == null) {
          allowed.add(draft);
        } else {
          slots.add(
              new SendSlot(
                  draft.execution().id(), Kind.SUPPRESSED, null, draft.messageId(), null, reason));
        }
      }
      eligible = allowed;
      if (eligible.isEmpty()) {
        return slots;
      }
    }
    Map<Long, Earlier> earlier = earlierAttempts(c, eligible);
    Map<Long, List<Long>> candidatesByMailbox = new LinkedHashMap<>();
    for (SendDraft draft : eligible) {
      long execution = draft.execution().id();
      Earlier before = earlier.get(execution);
      if (before != null && before.status().equals("sent")) {
        slots.add(new SendSlot(execution, Kind.ALREADY_SENT, before.sendId(), before.messageId()));
      } else if (before != null && !before.status().equals("failed")) {
        slots.add(new SendSlot(execution, Kind.IN_DOUBT, before.sendId(), before.messageId()));
      } else {
        candidatesByMailbox
            .computeIfAbsent(draft.mailboxId(), m -> new ArrayList<>())
            .add(execution);
      }
    }
    if (candidatesByMailbox.isEmpty()) {
      return slots;
    }
    Map<Long, MailboxQuotas.Decision> decisions = quotas.reserve(c, candidatesByMailbox, now);
    List<SendDraft> fresh = new ArrayList<>();
    List<Long> retried = new ArrayList<>();
    for (SendDraft draft : eligible) {
      MailboxQuotas.Decision decision = decisions.get(draft.execution().id());
      if (decision == null) {
        continue; // already answered above
      }
      long execution = draft.execution().id();
      Earlier before = earlier.get(execution);
      if (decision.parked()) {
        slots.add(new SendSlot(execution, Kind.PARKED, null, draft.messageId()));
      } else if (!decision.go()) {
        slots.add(
            new SendSlot(execution, Kind.DEFERRED, null, draft.messageId(), decision.deferUntil()));
      } else if (before != null) {
        retried.add(before.sendId());
        slots.add(new SendSlot(execution, Kind.GO, before.sendId(), before.messageId()));
      } else {
        fresh.add(draft);
      }
    }
    if (!retried.isEmpty()) {
      Sql.update(c, RETRY_FAILED, (Object) Sql.longs(retried));
    }
    if (!fresh.isEmpty()) {
      List<SendSlot> inserted = insert(c, fresh, now);
      slots.addAll(inserted);
      slots.addAll(duplicates(c, fresh, inserted));
    }
    return slots;
  }

  /** The drafts the insert skipped because their step was already sent to that enrollment. */
  private static List<SendSlot> duplicates(
      Connection c, List<SendDraft> fresh, List<SendSlot> inserted) throws SQLException {
    Set<Long> done = new java.util.HashSet<>();
    inserted.forEach(slot -> done.add(slot.executionId()));
    List<SendDraft> skipped =
        fresh.stream().filter(d -> !done.contains(d.execution().id())).toList();
    if (skipped.isEmpty()) {
      return List.of();
    }
    Map<String, Long> earlier = new HashMap<>();
    Sql.query(
        c,
        SENT_BY_ANOTHER_EXECUTION,
        rs ->
            earlier.put(
                rs.getLong("enrollment_id") + ":" + rs.getLong("step_id"), rs.getLong("id")),
        skipped.stream().map(d -> d.execution().enrollmentId()).toArray(Long[]::new),
        skipped.stream().map(d -> d.execution().stepId()).toArray(Long[]::new),
        skipped.stream().map(d -> d.execution().id()).toArray(Long[]::new));
    List<SendSlot> slots = new ArrayList<>();
    for (SendDraft draft : skipped) {
      Long sendId =
          earlier.get(draft.execution().enrollmentId() + ":" + draft.execution().stepId());
      if (sendId != null) {
        slots.add(
            new SendSlot(draft.execution().id(), Kind.DUPLICATE_STEP, sendId, draft.messageId()));
      }
    }
    return slots;
  }

  /** Suppressed addresses among the drafts (one workspace per batch row; checked per row). */
  private static Map<String, String> suppressed(Connection c, List<SendDraft> drafts)
      throws SQLException {
    Map<String, String> found = new HashMap<>();
    Map<Long, List<String>> byWorkspace = new HashMap<>();
    for (SendDraft d : drafts) {
      byWorkspace
          .computeIfAbsent(d.execution().workspaceId(), w -> new ArrayList<>())
          .add(d.toAddress().toLowerCase(java.util.Locale.ROOT));
    }
    for (Map.Entry<Long, List<String>> entry : byWorkspace.entrySet()) {
      found.putAll(Suppressions.find(c, entry.getKey(), entry.getValue()));
    }
    return found;
  }

  private static Map<Long, Earlier> earlierAttempts(Connection c, List<SendDraft> drafts)
      throws SQLException {
    Map<Long, Earlier> earlier = new HashMap<>();
    Sql.query(
        c,
        EARLIER_ATTEMPTS,
        rs ->
            earlier.put(
                rs.getLong("execution_id"),
                new Earlier(rs.getLong("id"), rs.getString("status"), rs.getString("message_id"))),
        (Object) drafts.stream().map(d -> d.execution().id()).toArray(Long[]::new));
    return earlier;
  }

  private static List<SendSlot> insert(Connection c, List<SendDraft> drafts, Instant now)
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
    List<SendSlot> slots = new ArrayList<>();
    Sql.query(
        c,
        INSERT_SENDING,
        rs ->
            slots.add(
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
        subject,
        inReplyTo,
        links,
        bodyText,
        personalized,
        fallback,
        variant);
    return slots;
  }
}
