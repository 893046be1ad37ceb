package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.Completion;
import com.campaignengine.store.StepReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A wait step completes at once and schedules the next step after the wait, in business time. */
final class WaitStepHandler implements InlineStepHandler {

  @Override
  public List<Completion> handle(List<StepRun> runs, StepReads reads, Instant now) {
    List<Completion> completions = new ArrayList<>(runs.size());
    for (StepRun run : runs) {
      Step.WaitSpec wait = run.step().waitSpec();
      Instant resume =
          BusinessTime.afterWait(
              now,
              wait.duration(),
              wait.unit(),
              Routing.zone(run),
              run.campaign().sending().window(),
              wait.businessHoursOnly());
      completions.add(
          Routing.advance(
              run, ExecutionStatus.COMPLETED, run.step().routes().next(), resume, null, null));
    }
    return completions;
  }
}
