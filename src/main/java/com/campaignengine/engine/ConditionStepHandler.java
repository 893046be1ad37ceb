package com.campaignengine.engine;

import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.store.Completion;
import com.campaignengine.store.Engagement;
import com.campaignengine.store.StepReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A condition step branches on the enrollment's recorded engagement, on a person's field, or on the
 * outcome of the enrollment's latest task.
 */
final class ConditionStepHandler implements InlineStepHandler {

  @Override
  public List<Completion> handle(List<StepRun> runs, StepReads reads, Instant now) {
    List<Long> enrollments = runs.stream().map(r -> r.execution().enrollmentId()).toList();
    Map<Long, Engagement> engagement = reads.engagement(enrollments);
    Map<Long, String> outcomes =
        runs.stream().anyMatch(r -> r.step().condition().type() == ConditionType.TASK_OUTCOME)
            ? reads.taskOutcomes(enrollments)
            : Map.of();
    List<Completion> completions = new ArrayList<>(runs.size());
    for (StepRun run : runs) {
      long enrollment = run.execution().enrollmentId();
      Engagement facts = engagement.getOrDefault(enrollment, Engagement.NONE);
      boolean holds = holds(run, facts, outcomes.get(enrollment));
      Long next = holds ? run.step().routes().ifTrue() : run.step().routes().ifFalse();
      completions.add(Routing.advance(run, ExecutionStatus.COMPLETED, next, now, null, null));
    }
    return completions;
  }

  /** {@code taskOutcome}: the outcome of the enrollment's latest task, or null. */
  static boolean holds(StepRun run, Engagement facts, String taskOutcome) {
    Step.ConditionSpec condition = run.step().condition();
    Integer within = condition.withinHours();
    return switch (condition.type()) {
      case REPLIED -> within == null ? facts.replied() : facts.within(facts.replyAfter(), within);
      case OPENED -> within == null ? facts.opened() : facts.within(facts.openAfter(), within);
      case CLICKED -> within == null ? facts.clicked() : facts.within(facts.clickAfter(), within);
      case FIELD ->
          condition
              .operator()
              .test(run.context().person().field(condition.field()), condition.value());
      case TASK_OUTCOME -> condition.operator().test(taskOutcome, condition.value());
    };
  }
}
