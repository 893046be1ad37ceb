package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an earlier attempt left in doubt (a crash between handing a send over, {@code sending}, and
 * the provider's answer) are never repeated blindly: the provider is asked first, and a send it
 * cannot confirm is parked for review, not sent again.
 */
final class InDoubtReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(InDoubtReconciler.class);

  /**
   * What the providers know of the batch's sends in doubt, by Message-ID. Each mailbox's provider
   * is asked about all of its sends at once ({@code transports}: the batch's, by mailbox id).
   */
  Map<String, Delivery> lookUp(
      List<SendSlot> slots,
      Map<Long, EmailBatch.Ready> ready,
      Map<Long, MailTransport> transports) {
    Map<Long, List<String>> byMailbox = new HashMap<>();
    for (SendSlot slot : slots) {
      if (slot.kind() == SendSlot.Kind.IN_DOUBT) {
        long mailbox = ready.get(slot.executionId()).run().context().mailbox().id();
        byMailbox.computeIfAbsent(mailbox, k -> new ArrayList<>()).add(slot.messageId());
      }
    }
    Map<String, Delivery> answers = new HashMap<>();
    byMailbox.forEach(
        (mailbox, ids) -> {
          answers.putAll(transports.get(mailbox).lookupAll(ids));
          LOG.info("Mailbox(id={}) {} sends in doubt, provider asked at once", mailbox, ids.size());
        });
    return answers;
  }

  /**
   * Delivered: the run advances as sent. Not delivered: it is sent now ({@code send}). Unknown:
   * dead-lettered as in doubt.
   */
  Completion reconcile(
      StepRun run, SendSlot slot, Delivery delivery, Instant now, Supplier<Completion> send) {
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
              run.step().routes().next(),
              now,
              slot.sendId(),
              SendUpdate.sent(slot.sendId(), null, null));
      case NOT_DELIVERED -> send.get();
      case UNKNOWN ->
          new Completion.DeadLettered(
              run.execution(),
              "in_doubt",
              "outcome of an interrupted send is unknown; parked for review, not re-sent",
              SendUpdate.inDoubt(slot.sendId(), "interrupted send, provider cannot confirm"));
    };
  }
}
