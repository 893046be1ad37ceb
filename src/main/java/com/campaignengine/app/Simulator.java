package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.schedule.BusinessTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planned timeline of a campaign for one person, computed with the engine's own time rules and
 * sending nothing. Engagement is assumed absent unless given.
 */
public final class Simulator {
  /** A bound, should a loop stored before loops were refused still be there. */
  static final int MAX_ENTRIES = 200;

  /** What a person can do with an email, as {@code events} name it. */
  public static final Set<String> EVENTS = Set.of("opened", "clicked", "replied");

  /**
   * Engagement to assume: {@code replied}, {@code opened}, {@code clicked} after every email, and
   * {@code afterStep} the events after one email step, by its key ({@code {"intro": ["replied"]}}).
   * A reply ends the sequence after that email if the campaign stops on reply; otherwise it makes
   * later {@code replied} conditions true, as an open or a click does for theirs.
   */
  public record Assumptions(
      boolean replied, boolean opened, boolean clicked, Map<String, Set<String>> afterStep) {
    public Assumptions {
      afterStep = afterStep == null ? Map.of() : Map.copyOf(afterStep);
    }

    public Assumptions(boolean replied, boolean opened, boolean clicked) {
      this(replied, opened, clicked, Map.of());
    }

    /** What happened after this email step. */
    Set<String> after(String stepKey) {
      Set<String> events = new HashSet<>(afterStep.getOrDefault(stepKey, Set.of()));
      if (replied) {
        events.add("replied");
      }
      if (opened) {
        events.add("opened");
      }
      if (clicked) {
        events.add("clicked");
      }
      return events;
    }
  }

  /** One planned step. {@code branch} is the condition's outcome, null for other steps. */
  public record Entry(String stepKey, String type, Instant at, Boolean branch) {}

  public List<Entry> simulate(
      Campaign campaign, Instant start, ZoneId zone, Person person, Assumptions assume) {
    checkEvents(campaign, assume);
    List<Entry> timeline = new ArrayList<>();
    Step step = campaign.steps().first();
    Instant now = start;
    Set<String> happened = new HashSet<>();
    while (step != null && timeline.size() < MAX_ENTRIES) {
      Long next;
      switch (step.type()) {
        case EMAIL -> {
          now = BusinessTime.nextOpening(campaign.sending().window(), now, zone);
          timeline.add(new Entry(step.key(), "email", now, null));
          Set<String> events = assume.after(step.key());
          happened.addAll(events);
          next = step.routes().next();
          if (events.contains("replied") && campaign.settings().stopOnReply()) {
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
                  campaign.sending().window(),
                  wait.businessHoursOnly());
          next = step.routes().next();
        }
        case TASK -> {
          // Planned as if done at its due time, with no outcome: the latest the sequence goes on
          // (unless the step waits on past it).
          timeline.add(new Entry(step.key(), "task", now, null));
          Step.TaskSpec task = step.task();
          now =
              BusinessTime.afterWait(
                  now, task.dueIn(), task.dueUnit(), zone, campaign.sending().window(), false);
          next = step.routes().next();
        }
        default -> {
          boolean holds = holds(step.condition(), person, happened);
          timeline.add(new Entry(step.key(), "condition", now, holds));
          next = holds ? step.routes().ifTrue() : step.routes().ifFalse();
        }
      }
      step = next == null ? null : campaign.steps().byId(next).orElse(null);
    }
    return timeline;
  }

  private static boolean holds(Step.ConditionSpec condition, Person person, Set<String> happened) {
    return switch (condition.type()) {
      case REPLIED -> happened.contains("replied");
      case OPENED -> happened.contains("opened");
      case CLICKED -> happened.contains("clicked");
      case FIELD ->
          condition
              .operator()
              .test(person == null ? null : person.field(condition.field()), condition.value());
      case TASK_OUTCOME -> condition.operator().test(null, condition.value());
    };
  }

  /** Events name email steps of this campaign, and only what a person can do with an email. */
  private static void checkEvents(Campaign campaign, Assumptions assume) {
    assume
        .afterStep()
        .forEach(
            (key, events) -> {
              Step step =
                  campaign
                      .steps()
                      .byKey(key)
                      .orElseThrow(
                          () ->
                              new ValidationException(
                                  "events." + key, "the campaign has no step '" + key + "'"));
              if (step.type() != StepType.EMAIL) {
                throw new ValidationException(
                    "events." + key,
                    "'" + key + "' is a " + step.type().wireName() + " step: events follow emails");
              }
            });
  }
}
