package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendUpdate;
import com.campaignengine.store.TaskWrite;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where an enrollment goes after a step, and when: an email step is scheduled at the next opening
 * of the sending window in the person's time zone, so it is not claimed only to be deferred.
 */
final class Routing {
  private Routing() {}

  static ZoneId zone(StepRun run) {
    return BusinessTime.zoneFor(
        run.context().person().timezone(), run.campaign().sending().timezone());
  }

  static Completion.Advanced advance(
      StepRun run,
      ExecutionStatus status,
      Long nextStepId,
      Instant at,
      Long sendId,
      SendUpdate send) {
    return advance(run, status, nextStepId, at, sendId, send, null);
  }

  /** As above, carrying what a task step writes to its task with the move. */
  static Completion.Advanced advance(
      StepRun run,
      ExecutionStatus status,
      Long nextStepId,
      Instant at,
      Long sendId,
      SendUpdate send,
      TaskWrite task) {
    Instant nextAt = at;
    if (nextStepId != null) {
      Step next =
          run.campaign()
              .steps()
              .byId(nextStepId)
              .orElseThrow(() -> new IllegalStateException("unknown next step " + nextStepId));
      if (next.type() == StepType.EMAIL) {
        nextAt = BusinessTime.nextOpening(run.campaign().sending().window(), at, zone(run));
      }
    }
    return new Completion.Advanced(run.execution(), status, nextStepId, nextAt, sendId, send, task);
  }
}
