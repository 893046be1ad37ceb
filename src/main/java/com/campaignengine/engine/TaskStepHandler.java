package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.Completion;
import com.campaignengine.store.StepReads;
import com.campaignengine.store.TaskWrite;
import com.campaignengine.template.SenderFields;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.template.TemplateVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task step opens a task for a person and waits for it. Its run is due again at the task's due
 * time, or at once when someone completes or skips the task (the API moves the run's due time to
 * now): completed or skipped, the sequence goes on (a task_outcome condition reads the outcome);
 * still open and past due, the step does what its {@code on_overdue} says.
 */
final class TaskStepHandler implements InlineStepHandler {
  /** How often a task that is overdue, with {@code on_overdue: wait}, is looked at again. */
  static final Duration OVERDUE_RECHECK = Duration.ofDays(1);

  private final TemplateEngine templates;

  TaskStepHandler(TemplateEngine templates) {
    this.templates = templates;
  }

  @Override
  public List<Completion> handle(List<StepRun> runs, StepReads reads, Instant now) {
    Map<Long, StepReads.Task> tasks =
        reads.tasks(runs.stream().map(r -> r.execution().id()).toList());
    List<Completion> completions = new ArrayList<>(runs.size());
    for (StepRun run : runs) {
      StepReads.Task task = tasks.get(run.execution().id());
      completions.add(task == null ? open(run, now) : follow(run, task, now));
    }
    return completions;
  }

  private Completion open(StepRun run, Instant now) {
    Step.TaskSpec spec = run.step().task();
    Instant due =
        BusinessTime.afterWait(
            now,
            spec.dueIn(),
            spec.dueUnit(),
            Routing.zone(run),
            run.campaign().sending().window(),
            false);
    TaskWrite.Open opened =
        new TaskWrite.Open(
            spec.channel().wireName(),
            templates.renderText(spec.instructions(), variables(run)).replace("\0", ""),
            due,
            spec.onOverdue().wireName(),
            spec.assignee());
    return new Completion.Rescheduled(run.execution(), due, false, null, null, null, opened);
  }

  private static Completion follow(StepRun run, StepReads.Task task, Instant now) {
    Long next = run.step().routes().next();
    if (task.status() == TaskStatus.COMPLETED) {
      return Routing.advance(run, ExecutionStatus.COMPLETED, next, now, null, null);
    }
    if (task.status() != TaskStatus.OPEN) { // skipped by a person, or expired before a crash
      return Routing.advance(run, ExecutionStatus.SKIPPED, next, now, null, null);
    }
    if (now.isBefore(task.dueAt())) { // woken early (a campaign resumed): wait on
      return new Completion.Rescheduled(run.execution(), task.dueAt(), false, null, null, null);
    }
    TaskWrite.Expire expire = new TaskWrite.Expire(task.id());
    return switch (run.step().task().onOverdue()) {
      case WAIT ->
          new Completion.Rescheduled(
              run.execution(),
              now.plus(OVERDUE_RECHECK),
              false,
              null,
              null,
              null,
              task.overdueAt() == null ? new TaskWrite.Overdue(task.id()) : null);
      case SKIP -> Routing.advance(run, ExecutionStatus.SKIPPED, next, now, null, null, expire);
      case END -> Routing.advance(run, ExecutionStatus.SKIPPED, null, now, null, null, expire);
    };
  }

  private static TemplateVariables variables(StepRun run) {
    // A task is done by a person, not sent from a mailbox: no sender, no unsubscribe link.
    return PersonVariables.of(
        run.context().person(), new SenderFields(null, null), run.campaign().name(), null);
  }
}
