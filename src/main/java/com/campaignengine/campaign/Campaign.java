package com.campaignengine.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A campaign (sequence) with its settings and its steps in order. Immutable. {@code
 * autoPauseOnSpike}: paused by the alert evaluator when its bounce or error rate spikes.
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
    boolean autoPauseOnSpike) {

  public Campaign {
    mailboxIds = List.copyOf(mailboxIds);
    steps = List.copyOf(steps);
  }

  public Step firstStep() {
    return steps.get(0);
  }

  public Optional<Step> step(long stepId) {
    return steps.stream().filter(s -> s.id() == stepId).findFirst();
  }

  public Optional<Step> stepByKey(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  public Campaign withStatus(CampaignStatus next) {
    return new Campaign(
        id,
        workspaceId,
        name,
        status.moveTo(next),
        timezone,
        window,
        stopOnReply,
        stopOnCompanyReply,
        trackOpens,
        trackClicks,
        maxAttempts,
        mailboxIds,
        steps,
        createdAt,
        skipMissingValues,
        autoPauseOnSpike);
  }
}
