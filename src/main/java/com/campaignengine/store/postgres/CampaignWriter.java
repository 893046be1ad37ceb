package com.campaignengine.store.postgres;

import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.StepDraft;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a campaign's rows from a draft, in the caller's transaction: its settings, its mailboxes
 * in order, and the steps of one version with their routes.
 */
final class CampaignWriter {
  private CampaignWriter() {}

  private static final String INSERT_CAMPAIGN =
      """
      INSERT INTO campaign_sequences (workspace_id, name, status, timezone, window_days,
             window_start, window_end, stop_on_reply, stop_on_company_reply, track_opens,
             track_clicks, max_attempts, created_at, updated_at, on_missing_value,
             auto_pause_on_spike, holiday_country, blackout_dates)
      VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date[])
      RETURNING id
      """;

  /** An edit: the settings change for everyone at once, the steps go to the next version. */
  private static final String UPDATE_CAMPAIGN =
      """
      UPDATE campaign_sequences
         SET name = ?, timezone = ?, window_days = ?, window_start = ?, window_end = ?,
             stop_on_reply = ?, stop_on_company_reply = ?, track_opens = ?, track_clicks = ?,
             max_attempts = ?, updated_at = ?, on_missing_value = ?, auto_pause_on_spike = ?,
             holiday_country = ?, blackout_dates = ?::date[], version = version + 1
       WHERE workspace_id = ? AND id = ? AND status <> 'archived'
      RETURNING version
      """;

  private static final String DELETE_MAILBOXES =
      "DELETE FROM campaign_sequence_mailboxes WHERE campaign_id = ?";

  private static final String INSERT_MAILBOX =
      "INSERT INTO campaign_sequence_mailboxes (campaign_id, mailbox_id, position) VALUES (?, ?, ?)";

  private static final String INSERT_STEP =
      """
      INSERT INTO campaign_sequence_steps (campaign_id, version, step_order, step_key, step_type,
             subject, body, body_html, same_thread, wait_duration, wait_unit, business_hours_only,
             condition_type, condition_field, condition_operator, condition_value,
             condition_within_hours, ai_instructions, ai_max_words, ai_context, variants,
             winner_metric, winner_after_sends, task_channel, task_instructions, task_due_in,
             task_due_unit, task_assignee, task_on_overdue)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?,
              ?, ?, ?, ?, ?, ?)
      RETURNING id
      """;

  private static final String ROUTE_STEP =
      """
      UPDATE campaign_sequence_steps
         SET next_step_id = ?, true_next_step_id = ?, false_next_step_id = ?
       WHERE id = ?
      """;

  /** A new draft campaign with its mailboxes and its steps as version 1; returns its id. */
  static long insert(Connection c, long workspaceId, CampaignDraft draft, Instant now)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    params.add(workspaceId);
    addSettings(params, draft, now, now);
    long campaignId =
        Sql.queryOne(c, INSERT_CAMPAIGN, rs -> rs.getLong("id"), params.toArray()).orElseThrow();
    insertMailboxes(c, campaignId, draft.sending().mailboxIds());
    insertSteps(c, campaignId, 1, draft.steps());
    return campaignId;
  }

  /**
   * Replaces the settings and takes the campaign's row lock; returns the new version, or empty if
   * the campaign is archived (or not in the workspace).
   */
  static Optional<Integer> updateSettings(
      Connection c, long workspaceId, long campaignId, CampaignDraft draft, Instant now)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    addSettings(params, draft, now);
    params.add(workspaceId);
    params.add(campaignId);
    return Sql.queryOne(c, UPDATE_CAMPAIGN, rs -> rs.getInt("version"), params.toArray());
  }

  static void replaceMailboxes(Connection c, long campaignId, List<Long> mailboxIds)
      throws SQLException {
    Sql.update(c, DELETE_MAILBOXES, campaignId);
    insertMailboxes(c, campaignId, mailboxIds);
  }

  /** Inserts the steps as {@code version}, then routes each by the ids the inserts returned. */
  static void insertSteps(Connection c, long campaignId, int version, List<StepDraft> steps)
      throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      long id =
          Sql.queryOne(c, INSERT_STEP, rs -> rs.getLong("id"), stepRow(campaignId, version, i, s))
              .orElseThrow();
      ids.put(s.key(), id);
    }
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      Long next = null;
      Long trueNext = null;
      Long falseNext = null;
      if (s.condition() != null) {
        trueNext = s.trueNextStep() == null ? null : ids.get(s.trueNextStep());
        falseNext = s.falseNextStep() == null ? null : ids.get(s.falseNextStep());
      } else if (s.nextStepGiven()) {
        next = s.nextStep() == null ? null : ids.get(s.nextStep());
      } else if (i + 1 < steps.size()) {
        next = ids.get(steps.get(i + 1).key());
      }
      Sql.update(c, ROUTE_STEP, next, trueNext, falseNext, ids.get(s.key()));
    }
  }

  private static void insertMailboxes(Connection c, long campaignId, List<Long> mailboxIds)
      throws SQLException {
    for (int i = 0; i < mailboxIds.size(); i++) {
      Sql.update(c, INSERT_MAILBOX, campaignId, mailboxIds.get(i), i);
    }
  }

  /**
   * The settings columns, in the order both {@code INSERT_CAMPAIGN} and {@code UPDATE_CAMPAIGN}
   * name them; {@code stamps} are created_at and updated_at, or updated_at alone.
   */
  private static void addSettings(List<Object> params, CampaignDraft d, Instant... stamps) {
    Collections.addAll(
        params,
        d.name(),
        d.sending().timezone(),
        d.sending().window().days().stream()
            .map(day -> day.name().substring(0, 3))
            .toArray(String[]::new),
        d.sending().window().start(),
        storedEnd(d.sending().window().end()),
        d.settings().stopOnReply(),
        d.settings().stopOnCompanyReply(),
        d.settings().trackOpens(),
        d.settings().trackClicks(),
        d.sending().maxAttempts());
    Collections.addAll(params, (Object[]) stamps);
    Collections.addAll(
        params,
        d.settings().skipMissingValues() ? "skip" : "send",
        d.settings().autoPauseOnSpike(),
        d.sending().holidays().country(),
        d.sending().holidays().blackoutDates().stream()
            .map(Object::toString)
            .toArray(String[]::new));
  }

  /** PostgreSQL's time has microseconds: LocalTime.MAX is stored as 23:59:59.999999. */
  private static LocalTime storedEnd(LocalTime end) {
    return end.equals(LocalTime.MAX) ? LocalTime.of(23, 59, 59, 999_999_000) : end;
  }

  /** The parameters of {@code INSERT_STEP}; a member the step's type lacks is null (or false). */
  private static Object[] stepRow(long campaignId, int version, int order, StepDraft s) {
    var email = s.email();
    var wait = s.waitSpec();
    var cond = s.condition();
    var task = s.task();
    var ai = email == null ? null : email.ai();
    var winner = email == null ? null : email.winner();
    return new Object[] {
      campaignId,
      version,
      order,
      s.key(),
      s.type().wireName(),
      email == null ? null : email.subject(),
      email == null ? null : email.body(),
      email == null ? null : email.bodyHtml(),
      email != null && email.sameThread(),
      wait == null ? null : wait.duration(),
      wait == null ? null : wait.unit().wireName(),
      wait != null && wait.businessHoursOnly(),
      cond == null ? null : cond.type().wireName(),
      cond == null ? null : cond.field(),
      cond == null || cond.operator() == null ? null : cond.operator().wireName(),
      cond == null ? null : cond.value(),
      cond == null ? null : cond.withinHours(),
      ai == null ? null : ai.instructions(),
      ai == null ? null : ai.maxWords(),
      ai == null ? null : JsonColumns.write(ai.context()),
      email == null || !email.hasVariants() ? null : JsonColumns.writeObject(email.variants()),
      winner == null ? null : winner.metric(),
      winner == null ? null : winner.afterSends(),
      task == null ? null : task.channel().wireName(),
      task == null ? null : task.instructions(),
      task == null ? null : task.dueIn(),
      task == null ? null : task.dueUnit().wireName(),
      task == null ? null : task.assignee(),
      task == null ? null : task.onOverdue().wireName()
    };
  }
}
