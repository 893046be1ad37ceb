package com.campaignengine.store.postgres;

import com.campaignengine.campaign.CrossCampaignRules;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.EnrollmentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Enrollments: bulk enroll, listing, and the lifecycle moves with their effect on executions. */
public final class PostgresEnrollmentStore implements EnrollmentStore {

  /**
   * A person already in the campaign is skipped ({@code already_enrolled}), unless their row was a
   * host application's that broke a rule ({@code skipped}, never run): the API enrolls them in it.
   */
  private static final String INSERT_LEADS =
      """
      INSERT INTO campaign_sequence_leads (workspace_id, campaign_id, person_id, mailbox_id, status,
             current_step_id, enrolled_at, updated_at)
      SELECT ?, ?, x.person_id, x.mailbox_id, 'active', ?, ?, ?
        FROM unnest(?::bigint[], ?::bigint[]) AS x(person_id, mailbox_id)
      ON CONFLICT (campaign_id, person_id) DO UPDATE
        SET mailbox_id = excluded.mailbox_id, status = 'active',
            current_step_id = excluded.current_step_id, stop_reason = NULL, skip_reason = NULL,
            inserted_as_row = false, enrolled_at = excluded.enrolled_at,
            updated_at = excluded.updated_at, finished_at = NULL, resume_at = NULL
        WHERE campaign_sequence_leads.status = 'skipped'
      RETURNING id, person_id
      """;

  private static final String LOCK_PEOPLE = "SELECT enrollment_lock_people(?, ?::bigint[])";

  /** Who of the people may not be enrolled, and why: one call for all of them. */
  private static final String SKIP_REASONS =
      "SELECT person_id, reason FROM enrollment_skip_reasons(?, ?, ?::bigint[], ?)";

  private static final String RULES =
      """
      SELECT one_active_sequence_per_person, stop_all_on_reply, recontact_cooldown_days
        FROM workspace_settings WHERE workspace_id = ?
      """;

  private static final String SET_RULES =
      """
      INSERT INTO workspace_settings (workspace_id, one_active_sequence_per_person,
             stop_all_on_reply, recontact_cooldown_days, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (workspace_id) DO UPDATE
        SET one_active_sequence_per_person = excluded.one_active_sequence_per_person,
            stop_all_on_reply = excluded.stop_all_on_reply,
            recontact_cooldown_days = excluded.recontact_cooldown_days,
            updated_at = excluded.updated_at
      """;

  private static final String ACTIVE_BY_MAILBOX =
      """
      SELECT mailbox_id, count(*) AS n FROM campaign_sequence_leads
       WHERE campaign_id = ? AND status IN ('active', 'paused') GROUP BY mailbox_id
      """;

  private static final String VIEW =
      """
      SELECT l.*, s.step_key,
             CASE WHEN e.status IN ('pending', 'running') THEN e.scheduled_at END AS next_run_at
        FROM campaign_sequence_leads l
        LEFT JOIN campaign_sequence_executions e ON e.enrollment_id = l.id
        LEFT JOIN campaign_sequence_steps s ON s.id = coalesce(e.step_id, l.current_step_id)
      """;

  private static final String IN_WORKSPACE =
      "SELECT 1 FROM campaign_sequence_leads WHERE workspace_id = ? AND id = ?";

  private static final String LATEST_SEND =
      "SELECT max(id) AS id FROM email_sends WHERE enrollment_id = ?";

  private final Database database;

  public PostgresEnrollmentStore(Database database) {
    this.database = database;
  }

  @Override
  public CrossCampaignRules rules(long workspaceId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                    c,
                    RULES,
                    rs -> {
                      int days = rs.getInt("recontact_cooldown_days");
                      return new CrossCampaignRules(
                          rs.getBoolean("one_active_sequence_per_person"),
                          rs.getBoolean("stop_all_on_reply"),
                          rs.wasNull() ? null : days);
                    },
                    workspaceId)
                .orElse(CrossCampaignRules.OFF));
  }

  @Override
  public void setRules(long workspaceId, CrossCampaignRules rules, Instant now) {
    database.withConnection(
        c ->
            Sql.update(
                c,
                SET_RULES,
                workspaceId,
                rules.oneActiveSequencePerPerson(),
                rules.stopAllOnReply(),
                rules.recontactCooldownDays(),
                now));
  }

  @Override
  public Map<Long, String> enroll(
      long workspaceId,
      long campaignId,
      long firstStepId,
      boolean campaignActive,
      List<NewEnrollment> candidates,
      Instant now) {
    if (candidates.isEmpty()) {
      return Map.of();
    }
    return database.inTransaction(
        c -> {
          Long[] ids = candidates.stream().map(NewEnrollment::personId).toArray(Long[]::new);
          // The rules are read after the people are locked: a concurrent enrollment of one of
          // them (API or row insert) has committed by then, and is seen (READ COMMITTED).
          Sql.query(c, LOCK_PEOPLE, rs -> Boolean.TRUE, workspaceId, ids);
          Map<Long, String> refused = new LinkedHashMap<>();
          Sql.query(
              c,
              SKIP_REASONS,
              rs -> refused.put(rs.getLong("person_id"), rs.getString("reason")),
              workspaceId,
              campaignId,
              ids,
              now);
          List<NewEnrollment> enrollments =
              candidates.stream().filter(e -> !refused.containsKey(e.personId())).toList();
          if (enrollments.isEmpty()) {
            return refused;
          }
          Map<Long, Instant> firstRun = new HashMap<>();
          enrollments.forEach(e -> firstRun.put(e.personId(), e.firstRunAt()));
          List<long[]> created =
              Sql.query(
                  c,
                  INSERT_LEADS,
                  rs -> new long[] {rs.getLong("id"), rs.getLong("person_id")},
                  workspaceId,
                  campaignId,
                  firstStepId,
                  now,
                  now,
                  enrollments.stream().map(NewEnrollment::personId).toArray(Long[]::new),
                  enrollments.stream().map(NewEnrollment::mailboxId).toArray(Long[]::new));
          Long[] enrollmentIds = new Long[created.size()];
          Instant[] at = new Instant[created.size()];
          boolean dueNow = false;
          List<Long> skipped = new ArrayList<>(firstRun.keySet());
          for (int i = 0; i < created.size(); i++) {
            enrollmentIds[i] = created.get(i)[0];
            at[i] = firstRun.get(created.get(i)[1]);
            dueNow |= !at[i].isAfter(now);
            skipped.remove(created.get(i)[1]);
          }
          if (enrollmentIds.length > 0) {
            ExecutionRows.insertFirst(
                c,
                workspaceId,
                campaignId,
                firstStepId,
                campaignActive ? "pending" : "paused",
                now,
                enrollmentIds,
                at);
            if (campaignActive && dueNow) {
              PostgresWakeups.notifyDue(c);
            }
          }
          skipped.forEach(id -> refused.put(id, "already_enrolled"));
          return refused;
        });
  }

  @Override
  public Map<Long, Long> activeByMailbox(long campaignId) {
    return database.withConnection(
        c -> {
          Map<Long, Long> load = new HashMap<>();
          Sql.query(
              c,
              ACTIVE_BY_MAILBOX,
              rs -> load.put(rs.getLong("mailbox_id"), rs.getLong("n")),
              campaignId);
          return load;
        });
  }

  @Override
  public Optional<EnrollmentView> findFor(long workspaceId, long campaignId, long personId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                VIEW + " WHERE l.workspace_id = ? AND l.campaign_id = ? AND l.person_id = ?",
                PostgresEnrollmentStore::view,
                workspaceId,
                campaignId,
                personId));
  }

  @Override
  public Optional<EnrollmentView> find(long workspaceId, long enrollmentId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                VIEW + " WHERE l.workspace_id = ? AND l.id = ?",
                PostgresEnrollmentStore::view,
                workspaceId,
                enrollmentId));
  }

  @Override
  public Page<EnrollmentView> list(
      long workspaceId, long campaignId, EnrollmentStatus status, long afterId, int limit) {
    List<EnrollmentView> rows =
        database.withConnection(
            c ->
                Sql.query(
                    c,
                    VIEW
                        + " WHERE l.workspace_id = ? AND l.campaign_id = ?"
                        + " AND (?::text IS NULL OR l.status = ?) AND l.id > ?"
                        + " ORDER BY l.id LIMIT ?",
                    PostgresEnrollmentStore::view,
                    workspaceId,
                    campaignId,
                    status == null ? null : status.wireName(),
                    status == null ? null : status.wireName(),
                    afterId,
                    limit + 1));
    return Pages.of(rows, limit, EnrollmentView::id);
  }

  @Override
  public boolean move(
      long workspaceId, long enrollmentId, EnrollmentStatus to, String reason, Instant now) {
    return database.inTransaction(c -> moveLocked(c, workspaceId, enrollmentId, to, reason, now));
  }

  private static boolean moveLocked(
      Connection c,
      long workspaceId,
      long enrollmentId,
      EnrollmentStatus to,
      String reason,
      Instant now)
      throws SQLException {
    if (Sql.queryOne(c, IN_WORKSPACE, rs -> Boolean.TRUE, workspaceId, enrollmentId).isEmpty()) {
      return false;
    }
    return EnrollmentMoves.move(c, enrollmentId, to, reason, null, now);
  }

  @Override
  public List<Long> recordReply(
      long workspaceId, long enrollmentId, String fromAddress, String subject, Instant now) {
    return database.inTransaction(
        c -> {
          if (Sql.queryOne(c, IN_WORKSPACE, rs -> Boolean.TRUE, workspaceId, enrollmentId)
              .isEmpty()) {
            return List.<Long>of();
          }
          Long sendId =
              Sql.queryOne(c, LATEST_SEND, rs -> Sql.nullableLong(rs, "id"), enrollmentId)
                  .orElse(null);
          // Recorded by hand (API, demo): no inbound Message-ID, so each call is a new reply.
          return Replies.record(c, enrollmentId, sendId, fromAddress, subject, null, now);
        });
  }

  private static EnrollmentView view(ResultSet rs) throws SQLException {
    return new EnrollmentView(
        rs.getLong("id"),
        rs.getLong("campaign_id"),
        rs.getLong("person_id"),
        rs.getLong("mailbox_id"),
        EnrollmentStatus.fromWire(rs.getString("status")),
        rs.getString("step_key"),
        Sql.instant(rs, "next_run_at"),
        rs.getString("stop_reason"),
        Sql.instant(rs, "enrolled_at"),
        Sql.instant(rs, "finished_at"));
  }
}
