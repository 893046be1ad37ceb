package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.store.CampaignStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns, their mailboxes and steps. Reading is in {@link CampaignReader}. */
public final class PostgresCampaignStore implements CampaignStore {

  private static final String INSERT_CAMPAIGN =
      """
      INSERT INTO campaign_sequences (workspace_id, name, status, timezone, window_days,
             window_start, window_end, stop_on_reply, stop_on_company_reply, track_opens,
             track_clicks, max_attempts, created_at, updated_at, on_missing_value,
             auto_pause_on_spike)
      VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      RETURNING id
      """;

  private static final String INSERT_MAILBOX =
      "INSERT INTO campaign_sequence_mailboxes (campaign_id, mailbox_id, position) VALUES (?, ?, ?)";

  private static final String INSERT_STEP =
      """
      INSERT INTO campaign_sequence_steps (campaign_id, step_order, step_key, step_type, subject,
             body, body_html, same_thread, wait_duration, wait_unit, business_hours_only,
             condition_type, condition_field, condition_operator, condition_value,
             condition_within_hours, ai_instructions, ai_max_words, ai_context)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      RETURNING id
      """;

  private static final String ROUTE_STEP =
      """
      UPDATE campaign_sequence_steps
         SET next_step_id = ?, true_next_step_id = ?, false_next_step_id = ?
       WHERE id = ?
      """;

  private static final String CHANGE_STATUS =
      """
      UPDATE campaign_sequences SET status = ?, updated_at = ?
       WHERE workspace_id = ? AND id = ? AND status = ?
      """;

  /** Pausing holds live work; running executions lose their lease (fenced by the version bump). */
  private static final String HOLD_EXECUTIONS =
      """
      UPDATE campaign_sequence_executions
         SET status = 'paused', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE campaign_id = ? AND status IN ('pending', 'running')
      """;

  private static final String CANCEL_EXECUTIONS =
      """
      UPDATE campaign_sequence_executions
         SET status = 'cancelled', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE campaign_id = ? AND status IN ('pending', 'running', 'paused')
      """;

  private static final String STOP_ENROLLMENTS =
      """
      UPDATE campaign_sequence_leads
         SET status = 'stopped', stop_reason = 'campaign archived', updated_at = ?, finished_at = ?
       WHERE campaign_id = ? AND status IN ('active', 'paused', 'failed')
      """;

  private final Database database;
  private final CampaignReader reader = new CampaignReader();

  public PostgresCampaignStore(Database database) {
    this.database = database;
  }

  @Override
  public Campaign create(long workspaceId, CampaignDraft draft, Instant now) {
    long id =
        database.inTransaction(
            c -> {
              long campaignId = insertCampaign(c, workspaceId, draft, now);
              for (int i = 0; i < draft.mailboxIds().size(); i++) {
                Sql.update(c, INSERT_MAILBOX, campaignId, draft.mailboxIds().get(i), i);
              }
              insertSteps(c, campaignId, draft.steps());
              return campaignId;
            });
    return findById(id).orElseThrow();
  }

  private static long insertCampaign(Connection c, long workspaceId, CampaignDraft d, Instant now)
      throws SQLException {
    String[] days =
        d.window().days().stream().map(day -> day.name().substring(0, 3)).toArray(String[]::new);
    return Sql.queryOne(
            c,
            INSERT_CAMPAIGN,
            rs -> rs.getLong("id"),
            workspaceId,
            d.name(),
            d.timezone(),
            days,
            d.window().start(),
            storedEnd(d.window().end()),
            d.stopOnReply(),
            d.stopOnCompanyReply(),
            d.trackOpens(),
            d.trackClicks(),
            d.maxAttempts(),
            now,
            now,
            d.skipMissingValues() ? "skip" : "send",
            d.autoPauseOnSpike())
        .orElseThrow();
  }

  /** PostgreSQL's time has microseconds: LocalTime.MAX is stored as 23:59:59.999999. */
  private static LocalTime storedEnd(LocalTime end) {
    return end.equals(LocalTime.MAX) ? LocalTime.of(23, 59, 59, 999_999_000) : end;
  }

  private static void insertSteps(Connection c, long campaignId, List<StepDraft> steps)
      throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      StepDraft s = steps.get(i);
      var email = s.email();
      var wait = s.waitSpec();
      var cond = s.condition();
      long id =
          Sql.queryOne(
                  c,
                  INSERT_STEP,
                  rs -> rs.getLong("id"),
                  campaignId,
                  i,
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
                  email == null || email.ai() == null ? null : email.ai().instructions(),
                  email == null || email.ai() == null ? null : email.ai().maxWords(),
                  email == null || email.ai() == null ? null : Json.write(email.ai().context()))
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

  @Override
  public Optional<Campaign> find(long workspaceId, long campaignId) {
    return findById(campaignId).filter(c -> c.workspaceId() == workspaceId);
  }

  @Override
  public Optional<Campaign> findById(long campaignId) {
    return database.withConnection(c -> reader.find(c, campaignId));
  }

  @Override
  public List<Campaign> list(long workspaceId) {
    return database.withConnection(
        c -> {
          List<Campaign> campaigns = new ArrayList<>();
          for (long id : reader.idsOf(c, workspaceId)) {
            reader.find(c, id).ifPresent(campaigns::add);
          }
          return campaigns;
        });
  }

  @Override
  public boolean changeStatus(
      long workspaceId, long campaignId, CampaignStatus from, CampaignStatus to, Instant now) {
    from.moveTo(to);
    return database.inTransaction(
        c -> {
          int changed =
              Sql.update(
                  c, CHANGE_STATUS, to.wireName(), now, workspaceId, campaignId, from.wireName());
          if (changed == 0) {
            return false;
          }
          switch (to) {
            case PAUSED -> Sql.update(c, HOLD_EXECUTIONS, campaignId);
            case ACTIVE -> HeldWork.releaseForCampaign(c, campaignId);
            case ARCHIVED -> {
              Sql.update(c, STOP_ENROLLMENTS, now, now, campaignId);
              Sql.update(c, CANCEL_EXECUTIONS, campaignId);
            }
            case DRAFT -> throw new IllegalStateException("no move back to draft");
          }
          return true;
        });
  }
}
