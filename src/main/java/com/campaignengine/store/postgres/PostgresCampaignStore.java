package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.readmodel.CampaignEdit;
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

  private static final String LOCK_CAMPAIGN =
      "SELECT version FROM campaign_sequences WHERE workspace_id = ? AND id = ? FOR UPDATE";

  /**
   * An A/B winner chosen on the previous version stays chosen when the edited step still tests a
   * variant of that key.
   */
  private static final String KEEP_WINNERS =
      """
      UPDATE campaign_sequence_steps n
         SET winner_variant = o.winner_variant, winner_chosen_at = o.winner_chosen_at
        FROM campaign_sequence_steps o
       WHERE n.campaign_id = ? AND n.version = ? AND o.campaign_id = n.campaign_id
         AND o.version = n.version - 1 AND o.step_key = n.step_key
         AND o.winner_variant IS NOT NULL AND n.winner_metric IS NOT NULL
         AND n.variants @> jsonb_build_array(jsonb_build_object('key', o.winner_variant))
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
             winner_metric, winner_after_sends)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
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
              insertSteps(c, campaignId, 1, draft.steps());
              return campaignId;
            });
    return findById(id).orElseThrow();
  }

  @Override
  public CampaignEdit update(
      long workspaceId,
      long campaignId,
      CampaignDraft draft,
      boolean moveEnrollments,
      Instant now) {
    return database.inTransaction(
        c -> edit(c, workspaceId, campaignId, draft, moveEnrollments, now));
  }

  private CampaignEdit edit(
      Connection c,
      long workspaceId,
      long campaignId,
      CampaignDraft d,
      boolean moveEnrollments,
      Instant now)
      throws SQLException {
    // The UPDATE takes the campaign's row lock: edits and moves of one campaign run one at a time.
    int version =
        Sql.queryOne(
                c,
                UPDATE_CAMPAIGN,
                rs -> rs.getInt("version"),
                d.name(),
                d.timezone(),
                days(d),
                d.window().start(),
                storedEnd(d.window().end()),
                d.stopOnReply(),
                d.stopOnCompanyReply(),
                d.trackOpens(),
                d.trackClicks(),
                d.maxAttempts(),
                now,
                d.skipMissingValues() ? "skip" : "send",
                d.autoPauseOnSpike(),
                d.holidays().country(),
                dates(d),
                workspaceId,
                campaignId)
            .orElseThrow(
                () -> new IllegalStateException("campaign " + campaignId + " is archived"));
    Sql.update(c, DELETE_MAILBOXES, campaignId);
    for (int i = 0; i < d.mailboxIds().size(); i++) {
      Sql.update(c, INSERT_MAILBOX, campaignId, d.mailboxIds().get(i), i);
    }
    insertSteps(c, campaignId, version, d.steps());
    Sql.update(c, KEEP_WINNERS, campaignId, version);
    Campaign edited = reader.find(c, campaignId).orElseThrow();
    if (!moveEnrollments) {
      return new CampaignEdit(edited, VersionMoves.onEarlierVersions(c, edited), null);
    }
    // What was waiting moved or ended; only what a node was running stays behind.
    CampaignEdit.Moves moves = VersionMoves.move(c, edited, now);
    return new CampaignEdit(edited, moves.leftRunning(), moves);
  }

  @Override
  public CampaignEdit.Moves moveToCurrentVersion(long workspaceId, long campaignId, Instant now) {
    return database.inTransaction(
        c -> {
          Sql.queryOne(c, LOCK_CAMPAIGN, rs -> rs.getInt("version"), workspaceId, campaignId)
              .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
          return VersionMoves.move(c, reader.find(c, campaignId).orElseThrow(), now);
        });
  }

  @Override
  public long onEarlierVersions(long campaignId) {
    return database.withConnection(
        c -> VersionMoves.onEarlierVersions(c, reader.find(c, campaignId).orElseThrow()));
  }

  /** Thrown to roll a preview back, carrying what it read before. */
  private static final class Preview extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Campaign campaign;

    Preview(Campaign campaign) {
      super("preview", null, false, false);
      this.campaign = campaign;
    }
  }

  @Override
  public Campaign preview(long workspaceId, Long campaignId, CampaignDraft draft, Instant now) {
    try {
      database.inTransaction(
          c -> {
            long id;
            if (campaignId == null) {
              id = insertCampaign(c, workspaceId, draft, now);
              for (int i = 0; i < draft.mailboxIds().size(); i++) {
                Sql.update(c, INSERT_MAILBOX, id, draft.mailboxIds().get(i), i);
              }
              insertSteps(c, id, 1, draft.steps());
            } else {
              id = edit(c, workspaceId, campaignId, draft, false, now).campaign().id();
            }
            throw new Preview(reader.find(c, id).orElseThrow());
          });
    } catch (Preview preview) {
      return preview.campaign;
    }
    throw new IllegalStateException("a preview always rolls back");
  }

  private static String[] days(CampaignDraft d) {
    return d.window().days().stream().map(day -> day.name().substring(0, 3)).toArray(String[]::new);
  }

  private static String[] dates(CampaignDraft d) {
    return d.holidays().blackoutDates().stream().map(Object::toString).toArray(String[]::new);
  }

  private static long insertCampaign(Connection c, long workspaceId, CampaignDraft d, Instant now)
      throws SQLException {
    String[] days = days(d);
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
            d.autoPauseOnSpike(),
            d.holidays().country(),
            dates(d))
        .orElseThrow();
  }

  /** PostgreSQL's time has microseconds: LocalTime.MAX is stored as 23:59:59.999999. */
  private static LocalTime storedEnd(LocalTime end) {
    return end.equals(LocalTime.MAX) ? LocalTime.of(23, 59, 59, 999_999_000) : end;
  }

  private static void insertSteps(Connection c, long campaignId, int version, List<StepDraft> steps)
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
                  version,
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
                  email == null || email.ai() == null
                      ? null
                      : JsonColumns.write(email.ai().context()),
                  email == null || !email.hasVariants()
                      ? null
                      : JsonColumns.writeObject(email.variants()),
                  email == null || email.winner() == null ? null : email.winner().metric(),
                  email == null || email.winner() == null ? null : email.winner().afterSends())
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
