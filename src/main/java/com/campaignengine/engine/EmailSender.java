package com.campaignengine.engine;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one reserved send to its mailbox's provider: first writes it as {@code sending} ({@link
 * HandOvers}, which re-checks the execution, its enrollment and its campaign right before the
 * call), then times the call and classifies the answer ({@link SendOutcomes}). A send not handed to
 * the provider is released: its reservation is given back, and its execution runs again if it is
 * still live. Once a provider refused a mailbox's credentials or limited it, the rest of the batch
 * from that mailbox is not attempted: hammering a provider with bad credentials can lock the
 * account. A stopping node hands nothing over any more.
 */
final class EmailSender {
  private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);

  /** When the rest of a batch cut short by a database outage runs again. */
  private static final Duration OUTAGE_RETRY = Duration.ofSeconds(2);

  /** When the rest of a batch cut short by a failure of ours (a transport's bug) runs again. */
  private static final Duration UNEXPECTED_RETRY = Duration.ofMinutes(1);

  /** When a send whose hand-over was refused (and whose execution is still ours) runs again. */
  private static final Duration REFUSED_RETRY = Duration.ofMinutes(1);

  private final SendOutcomes outcomes;
  private final EngineListener listener;
  private final HandOverPace pace;
  private final BooleanSupplier stopping;

  EmailSender(
      SendOutcomes outcomes, EngineListener listener, HandOverPace pace, BooleanSupplier stopping) {
    this.outcomes = outcomes;
    this.listener = listener;
    this.pace = pace;
    this.stopping = stopping;
  }

  /** What stops the rest of one batch: blocked mailboxes, an outage. One per batch. */
  static final class Blocks {
    private final Map<Long, Completion> mailboxes = new HashMap<>();
    private Completion.Rescheduled halted;

    /**
     * After a hand-over lost to a database outage, what it wrote is unknown: the rest of the batch
     * keeps its reservations (a cap may go under-used for the day, never exceeded).
     */
    private boolean keepReservations;

    boolean blocked(long mailboxId) {
      return halted != null || mailboxes.containsKey(mailboxId);
    }
  }

  /**
   * The send of {@code slot}, at {@code position} in the batch, unless something blocks it; {@code
   * groupable} says which later sends of the batch may be handed over with it.
   */
  Completion sendUnlessBlocked(
      StepRun run,
      OutgoingMessage message,
      int position,
      SendSlot slot,
      MailTransport transport,
      Instant now,
      HandOvers handOvers,
      Blocks blocks,
      Predicate<SendSlot> groupable) {
    long mailbox = run.context().mailbox().id();
    Completion blocker = blocks.halted != null ? blocks.halted : blocks.mailboxes.get(mailbox);
    if (blocker instanceof Completion.Rescheduled later) {
      if (!blocks.keepReservations) {
        handOvers.release(slot, mailbox);
      }
      return new Completion.Rescheduled(
          run.execution(), later.at(), false, later.errorClass(), later.error(), null);
    }
    if (blocker != null) {
      handOvers.release(slot, mailbox);
      return new Completion.Held(run.execution(), "mailbox disconnected", null);
    }
    if (stopping.getAsBoolean()) {
      // Due again at once: another node takes it without waiting for a lease to run out.
      handOvers.release(slot, mailbox);
      return new Completion.Rescheduled(
          run.execution(), now, false, "shutdown", "released by a stopping node", null);
    }
    SendSlot handedOver;
    try {
      handedOver = handOvers.handOver(position, slot, transport, groupable);
    } catch (StoreException e) {
      if (!e.transientFailure()) {
        throw e;
      }
      // Not handed over, or (the commit's answer lost) handed over and never sent: then it is only
      // in doubt. Nothing more of this batch goes out now.
      LOG.warn("Hand-over failed on a database outage; the rest of the batch waits", e);
      blocks.keepReservations = true;
      blocks.halted =
          new Completion.Rescheduled(
              run.execution(), now.plus(OUTAGE_RETRY), false, "database", e.getMessage(), null);
      return blocks.halted;
    }
    if (handedOver == null) {
      // Paused, stopped, archived or taken over since the claim: nothing goes out. Such a change
      // bumped the execution's version, so this completion is fenced off; it is only a fallback.
      handOvers.release(slot, mailbox);
      return new Completion.Rescheduled(
          run.execution(),
          now.plus(REFUSED_RETRY),
          false,
          "not_handed_over",
          "no longer live when its turn to be sent came",
          null);
    }
    Completion done = send(run, message, handedOver, transport, now, blocks);
    handOvers.answered(done);
    if (done instanceof Completion.Held
        || (done instanceof Completion.Rescheduled r && "rate_limited".equals(r.errorClass()))) {
      blocks.mailboxes.put(mailbox, done);
    }
    return done;
  }

  private Completion send(
      StepRun run,
      OutgoingMessage message,
      SendSlot slot,
      MailTransport transport,
      Instant now,
      Blocks blocks) {
    // The Message-ID is derived from the execution id, so it equals the one recorded in the slot.
    long started = System.nanoTime();
    SendResult result;
    try {
      result = transport.send(message);
    } catch (RuntimeException e) {
      // A transport should answer, not throw: the outcome of this send is unknown (it stays
      // sending, to be reconciled), and the rest of the batch is released rather than risked.
      LOG.error("Execution(id={}) provider call failed unexpectedly", run.execution().id(), e);
      listener.onUnexpectedError(e);
      String error = String.valueOf(e.getMessage());
      blocks.halted =
          new Completion.Rescheduled(
              run.execution(), now.plus(UNEXPECTED_RETRY), false, "unexpected", error, null);
      boolean exhausted = run.execution().attempts() + 1 >= run.campaign().sending().maxAttempts();
      return exhausted
          ? new Completion.DeadLettered(run.execution(), "unexpected", error, null)
          : new Completion.Rescheduled(
              run.execution(), now.plus(UNEXPECTED_RETRY), true, "unexpected", error, null);
    }
    long took = System.nanoTime() - started;
    pace.sent(transport, took);
    listener.onSend(transport.name(), result.kind(), Duration.ofNanos(took));
    return outcomes.classify(run, slot, result, now);
  }
}
