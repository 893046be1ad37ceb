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
 * Reserves sends before any provider call (design.md §4.1). In one transaction: the enrollments are
 * share-locked in id order, suppressions and earlier attempts are looked up (never repeated
 * blindly), and only what fits the mailbox's limits is reserved. Nothing is written for the sends
 * themselves: each is written as {@code sending} (one row per execution, ever, with its
 * deterministic Message-ID) when it is handed over, right before its provider call ({@link
 * HandOverWrites}), so only what a provider may really have received can be in doubt after a crash.
 */
final class Sends {

  private static final String EARLIER_ATTEMPTS =
      "SELECT id, execution_id, status, message_id FROM email_sends WHERE execution_id = ANY(?)";

  /**
   * Sends of these (enrollment, step, resend) written for other executions: a step is sent to an
   * enrollment once, and each re-send of it after a soft bounce once (the unique index on
   * (enrollment_id, step_id, resend)); only a loop an older server accepted could lead a person
   * back to a step.
   */
  private static final String SENT_BY_ANOTHER_EXECUTION =
      """
      SELECT x.execution_id, s.id FROM email_sends s
        JOIN unnest(?::bigint[], ?::bigint[], ?::int[], ?::bigint[])
             AS x(enrollment_id, step_id, resend, execution_id)
          ON s.enrollment_id = x.enrollment_id AND s.step_id = x.step_id AND s.resend = x.resend
       WHERE s.execution_id <> x.execution_id
      """;

  private final MailboxQuotas quotas = new MailboxQuotas();

  /** An earlier attempt of an execution. */
  private record Earlier(long sendId, String status, String messageId) {
    /** Failed at the provider, or never handed over: sending it is not a duplicate. */
    boolean mayGoAgain() {
      return status.equals("failed") || status.equals("prepared");
    }
  }

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
    Map<Long, Long> duplicates =
        sentByAnotherExecution(
            c, eligible.stream().filter(d -> !earlier.containsKey(d.execution().id())).toList());
    Map<Long, List<Long>> candidatesByMailbox = new LinkedHashMap<>();
    for (SendDraft draft : eligible) {
      long execution = draft.execution().id();
      Earlier before = earlier.get(execution);
      if (duplicates.containsKey(execution)) {
        // Checked before any reservation: a step already sent to this enrollment takes no quota.
        slots.add(
            new SendSlot(
                execution, Kind.DUPLICATE_STEP, duplicates.get(execution), draft.messageId()));
      } else if (before != null && before.status().equals("sent")) {
        slots.add(new SendSlot(execution, Kind.ALREADY_SENT, before.sendId(), before.messageId()));
      } else if (before != null && !before.mayGoAgain()) {
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
        slots.add(new SendSlot(execution, Kind.GO, before.sendId(), before.messageId()));
      } else {
        slots.add(new SendSlot(execution, Kind.GO, null, draft.messageId()));
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

  /**
   * Of these drafts (none with a row of its own execution yet), those whose step another execution
   * already wrote for the enrollment: the id of that send, by execution id. The hand-over's insert
   * skips such a row too ({@link HandOverWrites}), should one be written between this check and it.
   */
  private static Map<Long, Long> sentByAnotherExecution(Connection c, List<SendDraft> drafts)
      throws SQLException {
    Map<Long, Long> found = new HashMap<>();
    if (drafts.isEmpty()) {
      return found;
    }
    Sql.query(
        c,
        SENT_BY_ANOTHER_EXECUTION,
        rs -> found.put(rs.getLong("execution_id"), rs.getLong("id")),
        drafts.stream().map(d -> d.execution().enrollmentId()).toArray(Long[]::new),
        drafts.stream().map(d -> d.execution().stepId()).toArray(Long[]::new),
        drafts.stream().map(d -> d.execution().resend()).toArray(Integer[]::new),
        drafts.stream().map(d -> d.execution().id()).toArray(Long[]::new));
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
}
