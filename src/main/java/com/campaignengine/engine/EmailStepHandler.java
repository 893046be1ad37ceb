package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.schedule.BusinessTime;
import com.campaignengine.store.Completion;
import com.campaignengine.store.EmailThread;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an email step: defer outside the sending window, render, record the send as {@code sending}
 * (re-checking the enrollment), call the provider, and classify its answer. A send found already
 * recorded is never repeated blindly: it is skipped if sent, reconciled if in doubt.
 */
final class EmailStepHandler implements StepHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EmailStepHandler.class);

  private final ExecutionStore store;
  private final TransportResolver transports;
  private final EmailComposer composer;
  private final RetryPolicy retryPolicy;

  private final Personalization personalization;
  private final Executor aiPool;
  private final EngineListener listener;

  EmailStepHandler(
      ExecutionStore store,
      TransportResolver transports,
      EmailComposer composer,
      RetryPolicy retryPolicy,
      Personalization personalization,
      Executor aiPool,
      EngineListener listener) {
    this.listener = listener;
    this.store = store;
    this.transports = transports;
    this.composer = composer;
    this.retryPolicy = retryPolicy;
    this.personalization = personalization;
    this.aiPool = aiPool;
  }

  @Override
  public List<Completion> handle(List<StepRun> runs, Instant now) {
    List<Completion> completions = new ArrayList<>(runs.size());
    Map<Long, Pending> pending = new HashMap<>();
    List<SendDraft> drafts = new ArrayList<>();
    Map<Long, EmailThread> threads = threadsOf(runs);
    Map<Long, EmailComposer.Composed> composed = new HashMap<>();
    List<StepRun> ordered = new ArrayList<>();
    for (StepRun run : runs) {
      Instant opening = BusinessTime.nextOpening(run.campaign().window(), now, Routing.zone(run));
      if (opening.isAfter(now)) {
        completions.add(
            new Completion.Rescheduled(run.execution(), opening, false, null, null, null));
        continue;
      }
      if (run.campaign().skipMissingValues()) {
        java.util.Set<String> missing = composer.missingValues(run.step(), run.context().person());
        if (!missing.isEmpty()) {
          // The campaign prefers no email to "Hi ,": this person's sequence stops, with the reason.
          completions.add(
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
        completions.add(
            new Completion.DeadLettered(run.execution(), "template", e.getMessage(), null));
      }
    }
    // Before anything is recorded as sending: a slow model holds no rate slot, and runs in
    // parallel.
    Map<Long, Personalization.Outcome> personalized = personalizeAll(ordered, composed, now);
    for (StepRun run : ordered) {
      EmailComposer.Composed c = composed.get(run.execution().id());
      Personalization.Outcome ai = personalized.get(run.execution().id());
      OutgoingMessage message = ai == null ? c.message() : withText(c.message(), ai);
      pending.put(run.execution().id(), new Pending(run, message));
      drafts.add(
          new SendDraft(
              run.execution(),
              run.context().mailbox().id(),
              message.messageId(),
              message.to().email(),
              message.subject(),
              message.inReplyTo(),
              c.links(),
              message.textBody(),
              ai != null && ai.personalized(),
              ai == null ? null : ai.fallbackReason(),
              c.variantKey()));
    }
    Map<Long, Completion> blocked = new HashMap<>();
    List<SendSlot> slots = store.prepareSends(drafts, now);
    Map<String, Delivery> reconciled = lookUpInDoubt(slots, pending);
    for (SendSlot slot : slots) {
      Pending p = pending.get(slot.executionId());
      Completion done = afterSlot(p.run(), p.message(), slot, now, blocked, reconciled);
      completions.add(done);
    }
    return completions;
  }

  /**
   * Sends an earlier attempt left in doubt (a crash mid-batch leaves a whole batch so): the
   * provider is asked about all of a mailbox's at once.
   */
  private Map<String, Delivery> lookUpInDoubt(List<SendSlot> slots, Map<Long, Pending> pending) {
    Map<Long, List<String>> byMailbox = new HashMap<>();
    Map<Long, Pending> sample = new HashMap<>();
    for (SendSlot slot : slots) {
      if (slot.kind() == SendSlot.Kind.IN_DOUBT) {
        Pending p = pending.get(slot.executionId());
        long mailbox = p.run().context().mailbox().id();
        byMailbox.computeIfAbsent(mailbox, k -> new ArrayList<>()).add(slot.messageId());
        sample.putIfAbsent(mailbox, p);
      }
    }
    Map<String, Delivery> answers = new HashMap<>();
    byMailbox.forEach(
        (mailbox, ids) -> {
          MailTransport transport =
              transports.forMailbox(sample.get(mailbox).run().context().mailbox());
          answers.putAll(transport.lookupAll(ids));
          LOG.info("Mailbox(id={}) {} sends in doubt, provider asked at once", mailbox, ids.size());
        });
    return answers;
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
              () -> personalization.personalize(run, c.message().textBody(), c.aiContext(), now),
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
        ai.text(),
        null,
        m.inReplyTo(),
        m.references(),
        m.extraHeaders(),
        m.threadId());
  }

  /** Only same-thread steps need the earlier emails; one query for the batch. */
  private Map<Long, EmailThread> threadsOf(List<StepRun> runs) {
    List<Long> enrollments =
        runs.stream()
            .filter(run -> run.step().email().sameThread())
            .map(run -> run.execution().enrollmentId())
            .toList();
    return enrollments.isEmpty() ? Map.of() : store.threads(enrollments);
  }

  private Completion afterSlot(
      StepRun run,
      OutgoingMessage message,
      SendSlot slot,
      Instant now,
      Map<Long, Completion> blockedMailboxes,
      Map<String, Delivery> reconciled) {
    Long next = run.step().nextStepId();
    return switch (slot.kind()) {
      case INACTIVE -> new Completion.Cancelled(run.execution(), "enrollment no longer active");
      case ALREADY_SENT ->
          Routing.advance(run, ExecutionStatus.SENT, next, now, slot.sendId(), null);
      case IN_DOUBT ->
          reconcile(
              run,
              message,
              slot,
              reconciled.getOrDefault(slot.messageId(), Delivery.UNKNOWN),
              now,
              blockedMailboxes);
      case GO -> sendUnlessBlocked(run, message, slot, now, blockedMailboxes);
      case DEFERRED ->
          new Completion.Rescheduled(
              run.execution(),
              slot.deferUntil(),
              false,
              "deferred",
              "mailbox limit reached; deferred",
              null);
      case PARKED -> new Completion.Held(run.execution(), "mailbox disconnected", null);
      case SUPPRESSED ->
          new Completion.Ended(
              run.execution(),
              "bounced".equals(slot.suppressionReason()) ? "bounced" : "unsubscribed",
              "address suppressed: " + slot.suppressionReason());
      case DUPLICATE_STEP ->
          new Completion.DeadLettered(
              run.execution(),
              "duplicate_step",
              "this step was already sent to this person (send "
                  + slot.sendId()
                  + "); a step is never sent twice: the campaign loops back to it",
              null);
    };
  }

  /** An earlier attempt crashed mid-send: ask the provider before anything else. */
  private Completion reconcile(
      StepRun run,
      OutgoingMessage message,
      SendSlot slot,
      Delivery delivery,
      Instant now,
      Map<Long, Completion> blockedMailboxes) {
    LOG.info(
        "Execution(id={}, enrollment={}) send in doubt, provider says {}",
        run.execution().id(),
        run.execution().enrollmentId(),
        delivery);
    return switch (delivery) {
      case DELIVERED ->
          Routing.advance(
              run,
              ExecutionStatus.SENT,
              run.step().nextStepId(),
              now,
              slot.sendId(),
              SendUpdate.sent(slot.sendId(), null, null));
      case NOT_DELIVERED -> sendUnlessBlocked(run, message, slot, now, blockedMailboxes);
      case UNKNOWN ->
          new Completion.DeadLettered(
              run.execution(),
              "in_doubt",
              "outcome of an interrupted send is unknown; parked for review, not re-sent",
              SendUpdate.inDoubt(slot.sendId(), "interrupted send, provider cannot confirm"));
    };
  }

  /**
   * Once a provider refused a mailbox's credentials or limited it, the rest of the batch from that
   * mailbox is not attempted: hammering a provider with bad credentials can lock the account.
   */
  private Completion sendUnlessBlocked(
      StepRun run,
      OutgoingMessage message,
      SendSlot slot,
      Instant now,
      Map<Long, Completion> blockedMailboxes) {
    long mailbox = run.context().mailbox().id();
    Completion blocker = blockedMailboxes.get(mailbox);
    if (blocker == null) {
      Completion done = send(run, message, slot, now);
      if (done instanceof Completion.Held
          || (done instanceof Completion.Rescheduled r && "rate_limited".equals(r.errorClass()))) {
        blockedMailboxes.put(mailbox, done);
      }
      return done;
    }
    SendUpdate notAttempted = SendUpdate.failed(slot.sendId(), "not attempted: mailbox blocked");
    if (blocker instanceof Completion.Rescheduled limited) {
      return new Completion.Rescheduled(
          run.execution(), limited.at(), false, "rate_limited", limited.error(), notAttempted);
    }
    return new Completion.Held(run.execution(), "mailbox disconnected", notAttempted);
  }

  private Completion send(StepRun run, OutgoingMessage message, SendSlot slot, Instant now) {
    MailTransport transport = transports.forMailbox(run.context().mailbox());
    // The Message-ID is derived from the execution id, so it equals the one recorded in the slot.
    long started = System.nanoTime();
    SendResult result = transport.send(message);
    listener.onSend(transport.name(), result.kind(), Duration.ofNanos(System.nanoTime() - started));
    long sendId = slot.sendId();
    int attemptsAfter = run.execution().attempts() + 1;
    if (result instanceof SendResult.Sent sent) {
      LOG.debug(
          "Execution(id={}, enrollment={}) sent {}",
          run.execution().id(),
          run.execution().enrollmentId(),
          slot.messageId());
      return Routing.advance(
          run,
          ExecutionStatus.SENT,
          run.step().nextStepId(),
          now,
          sendId,
          SendUpdate.sent(sendId, sent.providerMessageId(), sent.threadId()));
    }
    if (result instanceof SendResult.RetryableFailure retry) {
      SendUpdate failed = SendUpdate.failed(sendId, retry.reason());
      if (attemptsAfter >= run.campaign().maxAttempts()) {
        return new Completion.DeadLettered(run.execution(), "transient", retry.reason(), failed);
      }
      Instant at = retryPolicy.nextAttempt(now, run.execution().attempts(), retry.retryAfter());
      return new Completion.Rescheduled(
          run.execution(), at, true, "transient", retry.reason(), failed);
    }
    if (result instanceof SendResult.AuthFailure auth) {
      // Revoked credentials are the mailbox's problem, not the person's: park, do not fail.
      LOG.warn(
          "Mailbox(id={}) refused credentials: {}", run.context().mailbox().id(), auth.reason());
      store.disconnectMailbox(run.context().mailbox().id(), auth.reason(), now);
      return new Completion.Held(
          run.execution(),
          "mailbox disconnected: " + auth.reason(),
          SendUpdate.failed(sendId, auth.reason()));
    }
    if (result instanceof SendResult.RateLimited limited) {
      // A provider limit: the whole mailbox waits for its reset; not a failure, not an attempt.
      Instant until = now.plus(limited.resetAfter());
      store.deferMailbox(run.context().mailbox().id(), limited.reason(), until, now);
      return new Completion.Rescheduled(
          run.execution(),
          until,
          false,
          "rate_limited",
          limited.reason(),
          SendUpdate.failed(sendId, limited.reason()));
    }
    if (result instanceof SendResult.PermanentFailure permanent) {
      return new Completion.DeadLettered(
          run.execution(),
          "permanent",
          permanent.reason(),
          SendUpdate.failed(sendId, permanent.reason()));
    }
    throw new IllegalStateException("unclassified send result " + result);
  }

  private record Pending(StepRun run, OutgoingMessage message) {}
}
