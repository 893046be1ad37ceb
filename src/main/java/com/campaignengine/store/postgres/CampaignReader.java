package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignSettings;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.CampaignSteps;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.FieldOperator;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.SendingPolicy;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.campaign.TaskChannel;
import com.campaignengine.campaign.TaskOverdue;
import com.campaignengine.campaign.WaitUnit;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads a campaign with its mailboxes and steps. */
final class CampaignReader {

  private static final String CAMPAIGN = "SELECT * FROM campaign_sequences WHERE id = ?";

  private static final String IDS =
      "SELECT id FROM campaign_sequences WHERE workspace_id = ? ORDER BY id";

  private static final String MAILBOXES =
      "SELECT mailbox_id FROM campaign_sequence_mailboxes WHERE campaign_id = ? ORDER BY position";

  /** Every version's steps: enrollments in flight may still run on earlier ones. */
  private static final String STEPS =
      "SELECT * FROM campaign_sequence_steps WHERE campaign_id = ? ORDER BY version, step_order";

  private static final String WORKSPACE_HOLIDAYS =
      "SELECT holiday_country, blackout_dates FROM workspace_holidays WHERE workspace_id = ?";

  List<Long> idsOf(Connection c, long workspaceId) throws SQLException {
    return Sql.query(c, IDS, rs -> rs.getLong("id"), workspaceId);
  }

  Optional<Campaign> find(Connection c, long campaignId) throws SQLException {
    Optional<Campaign> header = Sql.queryOne(c, CAMPAIGN, CampaignReader::header, campaignId);
    if (header.isEmpty()) {
      return header;
    }
    Campaign h = header.get();
    List<Long> mailboxes = Sql.query(c, MAILBOXES, rs -> rs.getLong("mailbox_id"), campaignId);
    List<Step> current = new ArrayList<>();
    List<Step> earlier = new ArrayList<>();
    Sql.query(
        c,
        STEPS,
        rs -> (rs.getInt("version") == h.version() ? current : earlier).add(step(rs)),
        campaignId);
    Holidays workspace =
        Sql.queryOne(c, WORKSPACE_HOLIDAYS, CampaignReader::holidays, h.workspaceId())
            .orElse(Holidays.NONE);
    SendingPolicy stored = h.sending();
    return Optional.of(
        new Campaign(
            h.id(),
            h.workspaceId(),
            h.name(),
            h.status(),
            h.version(),
            h.createdAt(),
            h.settings(),
            new SendingPolicy(
                mailboxes,
                stored.timezone(),
                stored.window().closedOn(ClosedDates.of(stored.holidays(), workspace)),
                stored.holidays(),
                stored.maxAttempts()),
            new CampaignSteps(current, earlier)));
  }

  /** The campaign row alone: no mailboxes, no steps, the window without holidays. */
  private static Campaign header(ResultSet rs) throws SQLException {
    return new Campaign(
        rs.getLong("id"),
        rs.getLong("workspace_id"),
        rs.getString("name"),
        CampaignStatus.fromWire(rs.getString("status")),
        rs.getInt("version"),
        Sql.instant(rs, "created_at"),
        new CampaignSettings(
            rs.getBoolean("stop_on_reply"),
            rs.getBoolean("stop_on_company_reply"),
            rs.getBoolean("track_opens"),
            rs.getBoolean("track_clicks"),
            "skip".equals(rs.getString("on_missing_value")),
            rs.getBoolean("auto_pause_on_spike")),
        new SendingPolicy(
            List.of(),
            rs.getString("timezone"),
            new SendingWindow(
                days(rs.getArray("window_days")),
                rs.getObject("window_start", LocalTime.class),
                end(rs.getObject("window_end", LocalTime.class))),
            holidays(rs),
            rs.getInt("max_attempts")),
        new CampaignSteps(List.of(), List.of()));
  }

  /** {@code holiday_country} and {@code blackout_dates} of a campaign or workspace row. */
  static Holidays holidays(ResultSet rs) throws SQLException {
    Set<LocalDate> dates = new TreeSet<>();
    for (Object day : (Object[]) rs.getArray("blackout_dates").getArray()) {
      dates.add(day instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(day.toString()));
    }
    return new Holidays(rs.getString("holiday_country"), dates);
  }

  private static LocalTime end(LocalTime stored) {
    return stored.isAfter(LocalTime.of(23, 59, 59)) ? LocalTime.MAX : stored;
  }

  private static Set<DayOfWeek> days(Array array) throws SQLException {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (Object day : (Object[]) array.getArray()) {
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().startsWith(day.toString())) {
          days.add(d);
        }
      }
    }
    return days;
  }

  private static Step step(ResultSet rs) throws SQLException {
    StepType type = StepType.fromWire(rs.getString("step_type")).orElseThrow();
    Step.EmailContent email = null;
    Step.WaitSpec wait = null;
    Step.ConditionSpec condition = null;
    Step.TaskSpec task = null;
    switch (type) {
      case EMAIL ->
          email =
              new Step.EmailContent(
                  rs.getString("subject"),
                  rs.getString("body"),
                  rs.getString("body_html"),
                  rs.getBoolean("same_thread"),
                  rs.getString("ai_instructions") == null
                      ? null
                      : new Step.AiSpec(
                          rs.getString("ai_instructions"),
                          rs.getInt("ai_max_words"),
                          JsonColumns.stringMap(rs.getString("ai_context"))),
                  JsonColumns.variants(rs.getString("variants")),
                  rs.getString("winner_metric") == null
                      ? null
                      : new Step.WinnerRule(
                          rs.getString("winner_metric"), rs.getInt("winner_after_sends")),
                  rs.getString("winner_variant"));
      case WAIT ->
          wait =
              new Step.WaitSpec(
                  rs.getInt("wait_duration"),
                  WaitUnit.fromWire(rs.getString("wait_unit")).orElseThrow(),
                  rs.getBoolean("business_hours_only"));
      case CONDITION -> {
        String operator = rs.getString("condition_operator");
        condition =
            new Step.ConditionSpec(
                ConditionType.fromWire(rs.getString("condition_type")).orElseThrow(),
                rs.getString("condition_field"),
                operator == null ? null : FieldOperator.fromWire(operator).orElseThrow(),
                rs.getString("condition_value"),
                Sql.nullableInt(rs, "condition_within_hours"));
      }
      case TASK ->
          task =
              new Step.TaskSpec(
                  TaskChannel.fromWire(rs.getString("task_channel")).orElseThrow(),
                  rs.getString("task_instructions"),
                  rs.getInt("task_due_in"),
                  WaitUnit.fromWire(rs.getString("task_due_unit")).orElseThrow(),
                  rs.getString("task_assignee"),
                  TaskOverdue.fromWire(rs.getString("task_on_overdue")).orElseThrow());
    }
    return new Step(
        rs.getLong("id"),
        rs.getString("step_key"),
        rs.getInt("step_order"),
        type,
        email,
        wait,
        condition,
        task,
        new Step.Routes(
            Sql.nullableLong(rs, "next_step_id"),
            Sql.nullableLong(rs, "true_next_step_id"),
            Sql.nullableLong(rs, "false_next_step_id")));
  }
}
