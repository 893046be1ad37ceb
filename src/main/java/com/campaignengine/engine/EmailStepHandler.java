package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Sends an email step, a batch at a time: compose and personalize the batch ({@link
 * EmailBatchComposer}), find each mailbox's transport ({@link MailboxTransports}: one whose
 * credentials cannot be unsealed here makes its runs wait), ask each mailbox whether the people of
 * its follow-ups replied ({@link ReplyCheck}), reserve the sends (re-checking each enrollment and
 * the mailbox's limits), then act on each send slot in turn: hand it over and call the provider
 * ({@link EmailSender}, {@link HandOvers}, answers classified by {@link SendOutcomes}) or settle
 * without a call. A send found already recorded is never repeated blindly: it is skipped if sent,
 * reconciled if in doubt ({@link InDoubtReconciler}).
 */
final class EmailStepHandler implements StepHandler {
  /** When work whose mailbox's credentials this node cannot unseal is due again. */
  static final Duration SECRET_RETRY = Duration.ofMinutes(1);

  private final SendOperations operations;
  private final EmailBatchComposer composer;
  private final MailboxTransports transports;
  private final InDoubtReconciler inDoubt = new InDoubtReconciler();
  private final HandOverPace pace = new HandOverPace();
  private final EmailSender sender;
  private final ReplyCheck replyCheck;
  private final BooleanSupplier stopping;

  EmailStepHandler(
      SendOperations operations,
      MailboxTransports transports,
      EmailComposer composer,
      RetryPolicy retryPolicy,
      Personalization personalization,
      Executor aiPool,
      ReplyCheck replyCheck,
      EngineListener listener,
      BooleanSupplier stopping) {
    this.operations = operations;
    this.composer = new EmailBatchComposer(operations, composer, personalization, aiPool);
    this.transports = transports;
    this.sender =
        new EmailSender(new SendOutcomes(operations, retryPolicy), listener, pace, stopping);
    this.replyCheck = replyCheck;
    this.stopping = stopping;
  }

  @Override
  public List<Completion> handle(List<StepRun> runs, Instant now) {
    EmailBatch batch = composer.compose(runs, now);
    List<Completion> completions = new ArrayList<>(runs.size());
    completions.addAll(batch.settled());
    MailboxTransports.Batch mailboxes = transports.forBatch(now);
    Map<Long, MailTransport> byMailbox = new HashMap<>();
    List<EmailBatch.Ready> sendable = new ArrayList<>();
    for (EmailBatch.Ready email : batch.ready()) {
      long mailbox = email.run().context().mailbox().id();
      Optional<MailTransport> transport = mailboxes.of(email.run().context().mailbox());
      if (transport.isEmpty()) {
        // Not the send's fault: no attempt counted, nothing reserved; a node that can open the
        // credentials sends it.
        completions.add(
            new Completion.Rescheduled(
                email.run().execution(),
                now.plus(SECRET_RETRY),
                false,
                "secret_unavailable",
                mailboxes.whyUnavailable(mailbox),
                null));
      } else if (stopping.getAsBoolean()) {
        completions.add(
            new Completion.Rescheduled(
                email.run().execution(),
                now,
                false,
                "shutdown",
                "released by a stopping node",
                null));
      } else {
        byMailbox.put(mailbox, transport.get());
        sendable.add(email);
      }
    }
    // Follow-ups wait while their mailbox cannot say whether the person replied; a reply it finds
    // stops the enrollment here, so the reservation below skips it.
    Map<Long, Completion> waiting = replyCheck.check(sendable, now);
    completions.addAll(waiting.values());
    sendable.removeIf(email -> waiting.containsKey(email.run().execution().id()));
    EmailBatch toSend = new EmailBatch(List.of(), sendable);
    Map<Long, EmailBatch.Ready> ready = toSend.byExecution();
    List<SendSlot> slots = operations.prepareSends(toSend.drafts(), now);
    Map<String, Delivery> reconciled = inDoubt.lookUp(slots, ready, byMailbox);
    Map<Long, SendDraft> drafts = new HashMap<>();
    sendable.forEach(r -> drafts.put(r.run().execution().id(), r.draft()));
    HandOvers handOvers = new HandOvers(operations, pace, slots, drafts, now);
    EmailSender.Blocks blocks = new EmailSender.Blocks();
    for (int i = 0; i < slots.size(); i++) {
      SendSlot slot = slots.get(i);
      EmailBatch.Ready email = ready.get(slot.executionId());
      MailTransport transport = byMailbox.get(email.run().context().mailbox().id());
      // Handed over with this one: later sends of the batch through the same transport, from a
      // mailbox nothing blocks.
      Predicate<SendSlot> groupable =
          next -> {
            long mailbox = ready.get(next.executionId()).run().context().mailbox().id();
            return !blocks.blocked(mailbox) && byMailbox.get(mailbox) == transport;
          };
      int position = i;
      Supplier<Completion> send =
          () ->
              sender.sendUnlessBlocked(
                  email.run(),
                  email.message(),
                  position,
                  slot,
                  transport,
                  now,
                  handOvers,
                  blocks,
                  groupable);
      completions.add(afterSlot(email, slot, now, reconciled, send));
    }
    handOvers.flushReleases();
    return completions.stream().map(handOvers::toComplete).toList();
  }

  private Completion afterSlot(
      EmailBatch.Ready email,
      SendSlot slot,
      Instant now,
      Map<String, Delivery> reconciled,
      Supplier<Completion> send) {
    StepRun run = email.run();
    return switch (slot.kind()) {
      case INACTIVE -> new Completion.Cancelled(run.execution(), "enrollment no longer active");
      case ALREADY_SENT ->
          Routing.advance(
              run, ExecutionStatus.SENT, run.step().routes().next(), now, slot.sendId(), null);
      case IN_DOUBT ->
          inDoubt.reconcile(
              run, slot, reconciled.getOrDefault(slot.messageId(), Delivery.UNKNOWN), now, send);
      case GO -> send.get();
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
}
