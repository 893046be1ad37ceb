package com.campaignengine.engine;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.Completion;
import com.campaignengine.store.EmailThread;
import com.campaignengine.store.SendDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Composes a batch of email runs before anything is recorded: a run outside its sending window is
 * deferred to the next opening, one missing a value the campaign requires ends, one whose template
 * fails is dead-lettered; the others are rendered, then personalized where the step asks for it.
 */
final class EmailBatchComposer {
  private final SendOperations operations;
  private final EmailComposer composer;
  private final Personalization personalization;
  private final Executor aiPool;

  EmailBatchComposer(
      SendOperations operations,
      EmailComposer composer,
      Personalization personalization,
      Executor aiPool) {
    this.operations = operations;
    this.composer = composer;
    this.personalization = personalization;
    this.aiPool = aiPool;
  }

  EmailBatch compose(List<StepRun> runs, Instant now) {
    List<Completion> settled = new ArrayList<>();
    Map<Long, EmailThread> threads = threadsOf(runs);
    Map<Long, EmailComposer.Composed> composed = new HashMap<>();
    List<StepRun> ordered = new ArrayList<>();
    for (StepRun run : runs) {
      Instant opening =
          BusinessTime.nextOpening(run.campaign().sending().window(), now, Routing.zone(run));
      if (opening.isAfter(now)) {
        settled.add(new Completion.Rescheduled(run.execution(), opening, false, null, null, null));
        continue;
      }
      if (run.campaign().settings().skipMissingValues()) {
        Set<String> missing = composer.missingValues(run.step(), run.context().person());
        if (!missing.isEmpty()) {
          // The campaign prefers no email to "Hi ,": this person's sequence stops, with the reason.
          settled.add(
              new Completion.Ended(
                  run.execution(), "stopped", "missing value: " + String.join(", ", missing)));
          continue;
        }
      }
      try {
        composed.put(
            run.execution().id(),
            composer.compose(run, threads.get(run.execution().enrollmentId()), now));
        ordered.add(run);
      } catch (RuntimeException e) {
        settled.add(new Completion.DeadLettered(run.execution(), "template", e.getMessage(), null));
      }
    }
    // Before anything is recorded as sending: a slow model holds no rate slot, and runs in
    // parallel.
    Map<Long, Personalization.Outcome> personalized = personalizeAll(ordered, composed, now);
    List<EmailBatch.Ready> ready = new ArrayList<>();
    for (StepRun run : ordered) {
      EmailComposer.Composed c = composed.get(run.execution().id());
      Personalization.Outcome ai = personalized.get(run.execution().id());
      OutgoingMessage message = ai == null ? c.message() : withText(c.message(), ai);
      ready.add(new EmailBatch.Ready(run, message, draft(run, c, message, ai)));
    }
    return new EmailBatch(settled, ready);
  }

  /** Only same-thread steps need the earlier emails; one query for the batch. */
  private Map<Long, EmailThread> threadsOf(List<StepRun> runs) {
    List<Long> enrollments =
        runs.stream()
            .filter(run -> run.step().email().sameThread())
            .map(run -> run.execution().enrollmentId())
            .toList();
    return enrollments.isEmpty() ? Map.of() : operations.threads(enrollments);
  }

  private Map<Long, Personalization.Outcome> personalizeAll(
      List<StepRun> runs, Map<Long, EmailComposer.Composed> composed, Instant now) {
    Map<Long, CompletableFuture<Personalization.Outcome>> futures = new HashMap<>();
    for (StepRun run : runs) {
      if (run.step().email().ai() == null) {
        continue;
      }
      EmailComposer.Composed c = composed.get(run.execution().id());
      futures.put(
          run.execution().id(),
          CompletableFuture.supplyAsync(
              () -> personalization.personalize(run, c.message().body().text(), c.aiContext(), now),
              aiPool));
    }
    Map<Long, Personalization.Outcome> outcomes = new HashMap<>();
    futures.forEach((id, future) -> outcomes.put(id, future.join()));
    return outcomes;
  }

  /**
   * The personalized text replaces the text part; a template HTML part would no longer match it, so
   * a personalized email goes out as plain text (as a personal email usually is).
   */
  private static OutgoingMessage withText(OutgoingMessage m, Personalization.Outcome ai) {
    if (!ai.personalized()) {
      return m;
    }
    return new OutgoingMessage(
        m.messageId(),
        m.date(),
        m.from(),
        m.to(),
        m.subject(),
        new OutgoingMessage.Body(ai.text(), null),
        m.threading(),
        m.extraHeaders());
  }

  /** The send row; {@code ai} null when the step asked for no personalization. */
  private static SendDraft draft(
      StepRun run,
      EmailComposer.Composed composed,
      OutgoingMessage message,
      Personalization.Outcome ai) {
    return new SendDraft(
        run.execution(),
        run.context().mailbox().id(),
        message.messageId(),
        message.to().email(),
        new SendDraft.Content(
            message.subject(),
            message.threading().inReplyTo(),
            message.body().text(),
            composed.links()),
        new SendDraft.Composition(
            composed.variantKey(),
            ai != null && ai.personalized(),
            ai == null ? null : ai.fallbackReason()));
  }
}
