package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.schedule.BusinessTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The planned timeline of a campaign for one person, computed with the engine's own time rules and
 * sending nothing. Engagement is assumed absent unless given.
 */
public final class Simulator {
  /** A bound, should a loop stored before loops were refused still be there. */
  static final int MAX_ENTRIES = 200;

  /** Engagement to assume; a reply ends the sequence after the first email if it stops on reply. */
  public record Assumptions(boolean replied, boolean opened, boolean clicked) {}

  /** One planned step. {@code branch} is the condition's outcome, null for other steps. */
  public record Entry(String stepKey, String type, Instant at, Boolean branch) {}

  public List<Entry> simulate(
      Campaign campaign, Instant start, ZoneId zone, Person person, Assumptions assume) {
    List<Entry> timeline = new ArrayList<>();
    Step step = campaign.firstStep();
    Instant now = start;
    boolean emailed = false;
    while (step != null && timeline.size() < MAX_ENTRIES) {
      Long next;
      switch (step.type()) {
        case EMAIL -> {
          now = BusinessTime.nextOpening(campaign.window(), now, zone);
          timeline.add(new Entry(step.key(), "email", now, null));
          emailed = true;
          next = step.nextStepId();
          if (assume.replied() && campaign.stopOnReply()) {
            return timeline; // the reply stops the sequence after this email
          }
        }
        case WAIT -> {
          timeline.add(new Entry(step.key(), "wait", now, null));
          Step.WaitSpec wait = step.waitSpec();
          now =
              BusinessTime.afterWait(
                  now,
                  wait.duration(),
                  wait.unit(),
                  zone,
                  campaign.window(),
                  wait.businessHoursOnly());
          next = step.nextStepId();
        }
        default -> {
          boolean holds = holds(step.condition(), person, assume, emailed);
          timeline.add(new Entry(step.key(), "condition", now, holds));
          next = holds ? step.trueNextStepId() : step.falseNextStepId();
        }
      }
      step = next == null ? null : campaign.step(next).orElse(null);
    }
    return timeline;
  }

  private static boolean holds(
      Step.ConditionSpec condition, Person person, Assumptions assume, boolean emailed) {
    return switch (condition.type()) {
      case REPLIED -> emailed && assume.replied();
      case OPENED -> emailed && assume.opened();
      case CLICKED -> emailed && assume.clicked();
      case FIELD ->
          condition
              .operator()
              .test(person == null ? null : person.field(condition.field()), condition.value());
    };
  }
}
