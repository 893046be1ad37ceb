package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.store.Claim;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.Completion;
import com.campaignengine.store.EmailThread;
import com.campaignengine.store.Engagement;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.HandOver;
import com.campaignengine.store.InlineSteps;
import com.campaignengine.store.RunContext;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendRelease;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import com.campaignengine.store.StepReads;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claim, lease and reap of executions; completion and sends live in their own classes, and the
 * statements that write the execution rows in {@link ExecutionRows}.
 */
public final class PostgresExecutionStore implements ExecutionStore {

  /** Due rows in order, skipping what others hold; locked until this transaction ends. */
  private static final String CLAIM =
      """
      SELECT id, workspace_id, campaign_id, enrollment_id, step_id, attempts, version, scheduled_at,
             resend
        FROM campaign_sequence_executions
       WHERE status = 'pending' AND scheduled_at <= ?
       ORDER BY scheduled_at
       LIMIT ?
         FOR UPDATE SKIP LOCKED
      """;

  /** The next instant anything becomes due: a pending execution or a paused enrollment's resume. */
  private static final String NEXT_DUE =
      """
      SELECT least((SELECT min(scheduled_at) FROM campaign_sequence_executions
                     WHERE status = 'pending'),
                   (SELECT min(resume_at) FROM campaign_sequence_leads
                     WHERE status = 'paused' AND resume_at IS NOT NULL)) AS due
      """;

  private static final String ENGAGEMENT =
      """
      SELECT l.id,
             EXISTS (SELECT 1 FROM email_replies r
                      WHERE r.enrollment_id = l.id AND NOT r.is_auto_reply) AS replied,
             EXISTS (SELECT 1 FROM email_events v WHERE v.enrollment_id = l.id
                        AND v.event_type = 'opened' AND NOT v.likely_machine) AS opened,
             EXISTS (SELECT 1 FROM email_events v
                      WHERE v.enrollment_id = l.id AND v.event_type = 'clicked') AS clicked,
             last.sent_at AS last_sent_at,
             (SELECT min(r.received_at) FROM email_replies r WHERE r.enrollment_id = l.id
                 AND NOT r.is_auto_reply AND r.received_at >= last.sent_at) AS reply_after,
             (SELECT min(v.occurred_at) FROM email_events v WHERE v.enrollment_id = l.id
                 AND v.event_type = 'opened' AND NOT v.likely_machine
                 AND v.occurred_at >= last.sent_at) AS open_after,
             (SELECT min(v.occurred_at) FROM email_events v WHERE v.enrollment_id = l.id
                 AND v.event_type = 'clicked' AND v.occurred_at >= last.sent_at) AS click_after
        FROM unnest(?::bigint[]) AS l(id)
        LEFT JOIN LATERAL (SELECT max(s.sent_at) AS sent_at FROM email_sends s
                            WHERE s.enrollment_id = l.id AND s.status = 'sent') last ON true
      """;

  /**
   * Sent emails per enrollment, oldest first, for same-thread follow-ups. An email that bounced and
   * is sent again (a re-send of its step is scheduled or written) never reached the person: its
   * re-send, threaded as the step was, takes its place.
   */
  private static final String THREADS =
      """
      SELECT enrollment_id, array_agg(message_id ORDER BY id) AS message_ids,
             (array_agg(subject ORDER BY id))[1] AS first_subject,
             (array_agg(provider_thread_id ORDER BY id) FILTER (WHERE provider_thread_id IS NOT NULL))[1]
                 AS provider_thread_id
        FROM email_sends s
       WHERE enrollment_id = ANY(?) AND status = 'sent'
         AND NOT EXISTS (SELECT 1 FROM campaign_sequence_executions e
                          WHERE e.enrollment_id = s.enrollment_id AND e.step_id = s.step_id
                            AND e.resend > greatest(s.resend, 0))
         AND NOT EXISTS (SELECT 1 FROM email_sends r
                          WHERE r.enrollment_id = s.enrollment_id AND r.step_id = s.step_id
                            AND r.resend > greatest(s.resend, 0))
       GROUP BY enrollment_id
      """;

  /** Handed over counts: a send in doubt may well have reached the person. */
  private static final String FIRST_EMAILS =
      """
      SELECT enrollment_id, min(coalesce(sent_at, created_at)) AS first_at
        FROM email_sends
       WHERE enrollment_id = ANY(?) AND status IN ('sent', 'sending', 'in_doubt')
       GROUP BY enrollment_id
      """;

  private static final String DUE_RESUMES =
      """
      SELECT id FROM campaign_sequence_leads
       WHERE status = 'paused' AND resume_at <= ? ORDER BY id LIMIT 1000
      """;

  private static final String QUEUE =
      """
      SELECT count(*) AS due,
             coalesce(extract(epoch FROM (?::timestamptz - min(scheduled_at))), 0) AS lag
        FROM campaign_sequence_executions
       WHERE status = 'pending' AND scheduled_at <= ? AND ?::timestamptz IS NOT NULL
      """;

  private final Database database;
  private final MailboxStates mailboxStates = new MailboxStates();
  private final RunContexts runContexts;
  private final Sends sends;
  private final Completions completions;

  public PostgresExecutionStore(Database database) {
    this.database = database;
    this.runContexts = new RunContexts();
    this.sends = new Sends();
    this.completions = new Completions();
  }

  @Override
  public Claim claim(
      String nodeId,
      Instant now,
      Instant leaseUntil,
      int limit,
      InlineSteps inline,
      Instant wakeBefore) {
    return database.inTransaction(
        c -> {
          List<ClaimedExecution> due =
              Sql.query(c, CLAIM, PostgresExecutionStore::claimed, now, limit);
          if (due.isEmpty()) {
            return Claim.NOTHING;
          }
          List<ClaimedExecution> leased = new ArrayList<>();
          List<ClaimedExecution> inlined = new ArrayList<>();
          for (ClaimedExecution execution : due) {
            (inline.runsInline(execution) ? inlined : leased).add(execution);
          }
          List<ClaimedExecution> leases = lease(c, nodeId, leaseUntil, leased);
          if (inlined.isEmpty()) {
            return new Claim(due.size(), leases, List.of(), false);
          }
          List<Completion> ran = inline.run(inlined, new Reads(c), now);
          // A full batch wakes no one: its worker claims again at once.
          Instant wake = due.size() < limit ? wakeBefore : null;
          Completions.Applied applied = completions.applyInline(c, ran, now, wake);
          return new Claim(due.size(), leases, applied.won(), applied.dueSoon());
        });
  }

  private static ClaimedExecution claimed(ResultSet rs) throws SQLException {
    return new ClaimedExecution(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getLong("campaign_id"),
        rs.getLong("enrollment_id"),
        rs.getLong("step_id"),
        rs.getInt("attempts"),
        rs.getLong("version"),
        Sql.instant(rs, "scheduled_at"),
        rs.getInt("resend"));
  }

  /** Leases the rows; returns them with the version the lease gave them. */
  private static List<ClaimedExecution> lease(
      Connection c, String nodeId, Instant leaseUntil, List<ClaimedExecution> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    ExecutionRows.lease(
        c,
        nodeId,
        leaseUntil,
        rows.stream().map(ClaimedExecution::enrollmentId).toArray(Long[]::new));
    List<ClaimedExecution> leased = new ArrayList<>(rows.size());
    for (ClaimedExecution e : rows) {
      leased.add(
          new ClaimedExecution(
              e.id(),
              e.workspaceId(),
              e.campaignId(),
              e.enrollmentId(),
              e.stepId(),
              e.attempts(),
              e.version() + 1,
              e.scheduledAt(),
              e.resend()));
    }
    return leased;
  }

  /** Reads for inline steps, on the claim's connection. */
  private final class Reads implements StepReads {
    private final Connection c;

    Reads(Connection c) {
      this.c = c;
    }

    @Override
    public Map<Long, RunContext> people(Collection<Long> enrollmentIds) {
      try {
        return runContexts.loadPeople(c, enrollmentIds);
      } catch (SQLException e) {
        throw Database.translate(e);
      }
    }

    @Override
    public Map<Long, Engagement> engagement(Collection<Long> enrollmentIds) {
      try {
        return engagementOf(c, enrollmentIds);
      } catch (SQLException e) {
        throw Database.translate(e);
      }
    }

    @Override
    public Map<Long, Task> tasks(Collection<Long> executionIds) {
      try {
        return TaskRows.tasks(c, executionIds);
      } catch (SQLException e) {
        throw Database.translate(e);
      }
    }

    @Override
    public Map<Long, String> taskOutcomes(Collection<Long> enrollmentIds) {
      try {
        return TaskRows.outcomes(c, enrollmentIds);
      } catch (SQLException e) {
        throw Database.translate(e);
      }
    }
  }

  @Override
  public Map<Long, RunContext> loadContexts(Collection<Long> enrollmentIds) {
    return database.withConnection(c -> runContexts.load(c, enrollmentIds));
  }

  private static Map<Long, Engagement> engagementOf(Connection c, Collection<Long> enrollmentIds)
      throws SQLException {
    Map<Long, Engagement> result = new HashMap<>();
    Sql.query(
        c,
        ENGAGEMENT,
        rs ->
            result.put(
                rs.getLong("id"),
                new Engagement(
                    rs.getBoolean("replied"),
                    rs.getBoolean("opened"),
                    rs.getBoolean("clicked"),
                    Sql.instant(rs, "last_sent_at"),
                    Sql.instant(rs, "reply_after"),
                    Sql.instant(rs, "open_after"),
                    Sql.instant(rs, "click_after"))),
        (Object) Sql.longs(enrollmentIds));
    return result;
  }

  @Override
  public Map<Long, EmailThread> threads(Collection<Long> enrollmentIds) {
    return database.withConnection(
        c -> {
          Map<Long, EmailThread> threads = new HashMap<>();
          Sql.query(
              c,
              THREADS,
              rs ->
                  threads.put(
                      rs.getLong("enrollment_id"),
                      new EmailThread(
                          List.of((String[]) rs.getArray("message_ids").getArray()),
                          rs.getString("first_subject"),
                          rs.getString("provider_thread_id"))),
              (Object) Sql.longs(enrollmentIds));
          return threads;
        });
  }

  @Override
  public Map<Long, Instant> firstEmails(Collection<Long> enrollmentIds) {
    return database.withConnection(
        c -> {
          Map<Long, Instant> first = new HashMap<>();
          Sql.query(
              c,
              FIRST_EMAILS,
              rs -> first.put(rs.getLong("enrollment_id"), Sql.instant(rs, "first_at")),
              (Object) Sql.longs(enrollmentIds));
          return first;
        });
  }

  @Override
  public void disconnectMailbox(long mailboxId, String reason, Instant now) {
    database.inTransaction(c -> mailboxStates.disconnect(c, mailboxId, reason, now));
  }

  @Override
  public void deferMailbox(long mailboxId, String reason, Instant until, Instant now) {
    database.inTransaction(c -> mailboxStates.defer(c, mailboxId, reason, until, now));
  }

  @Override
  public List<SendSlot> prepareSends(List<SendDraft> drafts, Instant now) {
    return drafts.isEmpty()
        ? List.of()
        : database.inTransaction(c -> sends.prepare(c, drafts, now));
  }

  @Override
  public Map<Long, Long> handOver(List<HandOver> sends, List<SendUpdate> answered, Instant now) {
    return database.inTransaction(c -> HandOverWrites.handOver(c, sends, answered, now));
  }

  @Override
  public void release(List<SendRelease> releases, Instant reservedAt) {
    if (!releases.isEmpty()) {
      database.inTransaction(c -> HandOverWrites.release(c, releases, reservedAt));
    }
  }

  @Override
  public void secretUnavailable(long mailboxId, String nodeId, String reason, Instant now) {
    database.withConnection(
        c -> mailboxStates.secretUnavailable(c, mailboxId, nodeId, reason, now));
  }

  @Override
  public List<Completion> complete(List<Completion> batch, Instant now, Instant wakeBefore) {
    return batch.isEmpty()
        ? List.of()
        : database.inTransaction(c -> completions.applyLeased(c, batch, now, wakeBefore).won());
  }

  @Override
  public int renewLeases(String nodeId, Collection<Long> inFlight, Instant leaseUntil) {
    if (inFlight.isEmpty()) {
      return 0;
    }
    return database.withConnection(
        c -> ExecutionRows.renewLeases(c, leaseUntil, Sql.longs(inFlight), nodeId));
  }

  @Override
  public int reapExpired(Instant now) {
    return database.withConnection(c -> ExecutionRows.reapExpired(c, now));
  }

  @Override
  public int release(String nodeId) {
    return database.withConnection(c -> ExecutionRows.releaseLeases(c, nodeId));
  }

  @Override
  public int resumeDue(Instant now) {
    return database.inTransaction(
        c -> {
          List<Long> due = Sql.query(c, DUE_RESUMES, rs -> rs.getLong("id"), now);
          return due.isEmpty()
              ? 0
              : EnrollmentMoves.moveAll(c, due, EnrollmentStatus.ACTIVE, null, now).size();
        });
  }

  @Override
  public long[] queue(Instant now) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                    c,
                    QUEUE,
                    rs -> new long[] {rs.getLong("due"), (long) Math.max(0, rs.getDouble("lag"))},
                    now,
                    now,
                    now)
                .orElse(new long[] {0, 0}));
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return database.withConnection(c -> Sql.queryOne(c, NEXT_DUE, rs -> Sql.instant(rs, "due")));
  }
}
