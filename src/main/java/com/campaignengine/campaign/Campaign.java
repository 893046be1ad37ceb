package com.campaignengine.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A campaign (sequence) with its settings and the steps of its current {@code version} in order.
 * Immutable. {@code autoPauseOnSpike}: paused by the alert evaluator when its bounce or error rate
 * spikes. {@code earlierSteps}: the steps of earlier versions, on which enrollments still in flight
 * may run (an edit never changes a step in place). {@code window} includes the holidays of the
 * campaign and of its workspace as closed dates; {@code holidays} is what the campaign itself sets.
 */
public record Campaign(
    long id,
    long workspaceId,
    String name,
    CampaignStatus status,
    String timezone,
    SendingWindow window,
    boolean stopOnReply,
    boolean stopOnCompanyReply,
    boolean trackOpens,
    boolean trackClicks,
    int maxAttempts,
    List<Long> mailboxIds,
    List<Step> steps,
    Instant createdAt,
    boolean skipMissingValues,
    boolean autoPauseOnSpike,
    int version,
    List<Step> earlierSteps,
    Holidays holidays) {

  public Campaign {
    mailboxIds = List.copyOf(mailboxIds);
    steps = List.copyOf(steps);
    earlierSteps = List.copyOf(earlierSteps);
    holidays = holidays == null ? Holidays.NONE : holidays;
  }

  public Step firstStep() {
    return steps.get(0);
  }

  /** A step of any version, by id: executions name the step they run. */
  public Optional<Step> step(long stepId) {
    return steps.stream()
        .filter(s -> s.id() == stepId)
        .findFirst()
        .or(() -> earlierSteps.stream().filter(s -> s.id() == stepId).findFirst());
  }

  public Optional<Step> stepByKey(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
