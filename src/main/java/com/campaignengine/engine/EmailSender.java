package com.campaignengine.engine;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Hands one recorded send to its mailbox's provider, times the call and classifies the answer
 * ({@link SendOutcomes}). Once a provider refused a mailbox's credentials or limited it, the rest
 * of the batch from that mailbox is not attempted: hammering a provider with bad credentials can
 * lock the account.
 */
final class EmailSender {
  private final TransportResolver transports;
  private final SendOutcomes outcomes;
  private final EngineListener listener;

  EmailSender(TransportResolver transports, SendOutcomes outcomes, EngineListener listener) {
    this.transports = transports;
    this.outcomes = outcomes;
    this.listener = listener;
  }

  /** {@code blockedMailboxes}: the batch's mailboxes not to try again, with what blocked them. */
  Completion sendUnlessBlocked(
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
    return outcomes.classify(run, slot, result, now);
  }
}
