package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.mail.Delivery;
import com.campaignengine.store.Completion;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.SendSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Sends an email step, a batch at a time: compose and personalize the batch ({@link
 * EmailBatchComposer}), record its sends as {@code sending} (re-checking each enrollment and the
 * mailbox's limits), then act on each send slot: call the provider ({@link EmailSender}, which
 * classifies the answer through {@link SendOutcomes}) or settle without a call. A send found
 * already recorded is never repeated blindly: it is skipped if sent, reconciled if in doubt ({@link
 * InDoubtReconciler}).
 */
final class EmailStepHandler implements StepHandler {
  private final ExecutionStore store;
  private final EmailBatchComposer composer;
  private final InDoubtReconciler inDoubt;
  private final EmailSender sender;

  EmailStepHandler(
      ExecutionStore store,
      TransportResolver transports,
      EmailComposer composer,
      RetryPolicy retryPolicy,
      Personalization personalization,
      Executor aiPool,
      EngineListener listener) {
    this.store = store;
    this.composer = new EmailBatchComposer(store, composer, personalization, aiPool);
    this.inDoubt = new InDoubtReconciler(transports);
    this.sender = new EmailSender(transports, new SendOutcomes(store, retryPolicy), listener);
  }

  @Override
  public List<Completion> handle(List<StepRun> runs, Instant now) {
    EmailBatch batch = composer.compose(runs, now);
    List<Completion> completions = new ArrayList<>(runs.size());
    completions.addAll(batch.settled());
    Map<Long, EmailBatch.Ready> ready = batch.byExecution();
    List<SendSlot> slots = store.prepareSends(batch.drafts(), now);
    Map<String, Delivery> reconciled = inDoubt.lookUp(slots, ready);
    Map<Long, Completion> blocked = new HashMap<>();
    for (SendSlot slot : slots) {
      completions.add(afterSlot(ready.get(slot.executionId()), slot, now, blocked, reconciled));
    }
    return completions;
  }

  private Completion afterSlot(
      EmailBatch.Ready email,
      SendSlot slot,
      Instant now,
      Map<Long, Completion> blockedMailboxes,
      Map<String, Delivery> reconciled) {
    StepRun run = email.run();
    return switch (slot.kind()) {
      case INACTIVE -> new Completion.Cancelled(run.execution(), "enrollment no longer active");
      case ALREADY_SENT ->
          Routing.advance(
              run, ExecutionStatus.SENT, run.step().routes().next(), now, slot.sendId(), null);
      case IN_DOUBT ->
          inDoubt.reconcile(
              run,
              slot,
              reconciled.getOrDefault(slot.messageId(), Delivery.UNKNOWN),
              now,
              () -> sender.sendUnlessBlocked(run, email.message(), slot, now, blockedMailboxes));
      case GO -> sender.sendUnlessBlocked(run, email.message(), slot, now, blockedMailboxes);
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
