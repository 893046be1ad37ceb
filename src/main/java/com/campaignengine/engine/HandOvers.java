package com.campaignengine.engine;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.store.Completion;
import com.campaignengine.store.HandOver;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendRelease;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-overs of one batch: a reserved send is written as {@code sending} ({@link
 * SendOperations#handOver}) right before its provider call, together with the next few sends of the
 * batch when the provider is fast ({@link HandOverPace}); the same write records the provider
 * answers received since the previous hand-over. So what a crash can leave in doubt is the group
 * under way, not the batch. A send whose hand-over was refused (paused, stopped, archived or taken
 * over meanwhile) is not sent; one not handed over after all is released ({@link #flushReleases}).
 * Not thread-safe: one per batch.
 */
final class HandOvers {
  private static final Logger LOG = LoggerFactory.getLogger(HandOvers.class);

  private final SendOperations operations;
  private final HandOverPace pace;
  private final List<SendSlot> slots;
  private final Map<Long, SendDraft> drafts;
  private final Instant now;

  /** Send row ids by execution id, for the sends handed over. */
  private final Map<Long, Long> handedOver = new HashMap<>();

  /** Execution ids whose hand-over was refused. */
  private final Set<Long> refused = new HashSet<>();

  private final List<SendUpdate> answered = new ArrayList<>();
  private final Set<Long> recorded = new HashSet<>();
  private final List<SendRelease> releases = new ArrayList<>();

  /**
   * @param slots the batch's send slots, in the order they are sent
   * @param drafts each slot's send, by execution id
   * @param now the batch's instant: its reservations were taken then, and answers are recorded as
   *     of it, as on completion
   */
  HandOvers(
      SendOperations operations,
      HandOverPace pace,
      List<SendSlot> slots,
      Map<Long, SendDraft> drafts,
      Instant now) {
    this.operations = operations;
    this.pace = pace;
    this.slots = slots;
    this.drafts = drafts;
    this.now = now;
  }

  /**
   * The slot (at {@code position} in the batch's slots) with its row's id if its send may go to its
   * provider now (handed over now, or with an earlier group); null if its hand-over was refused. A
   * group takes the slot and the next reserved sends of the batch that {@code groupable} accepts.
   */
  SendSlot handOver(
      int position, SendSlot slot, MailTransport transport, Predicate<SendSlot> groupable) {
    long execution = slot.executionId();
    if (!handedOver.containsKey(execution) && !refused.contains(execution)) {
      int size = pace.groupSize(transport);
      List<HandOver> group = new ArrayList<>();
      group.add(new HandOver(drafts.get(execution), slot.sendId()));
      for (int i = position + 1; i < slots.size() && group.size() < size; i++) {
        SendSlot next = slots.get(i);
        if (next.kind() == SendSlot.Kind.GO
            && !handedOver.containsKey(next.executionId())
            && !refused.contains(next.executionId())
            && groupable.test(next)) {
          group.add(new HandOver(drafts.get(next.executionId()), next.sendId()));
        }
      }
      long started = System.nanoTime();
      Map<Long, Long> done = operations.handOver(group, List.copyOf(answered), now);
      pace.handedOver(System.nanoTime() - started);
      answered.forEach(update -> recorded.add(update.sendId()));
      answered.clear();
      for (HandOver send : group) {
        long id = send.draft().execution().id();
        if (done.containsKey(id)) {
          handedOver.put(id, done.get(id));
        } else {
          refused.add(id);
        }
      }
    }
    Long sendId = handedOver.get(execution);
    return sendId == null ? null : slot.withSendId(sendId);
  }

  /** The provider answered a send: recorded with the next hand-over, if any. */
  void answered(Completion completion) {
    if (completion.send() != null) {
      answered.add(completion.send());
    }
  }

  /**
   * The send of {@code slot} does not go to its provider after all: its reservation (if this batch
   * took one) is given back and its row, if a group hand-over wrote it, is {@code prepared} again.
   */
  void release(SendSlot slot, long mailboxId) {
    SendDraft draft = drafts.get(slot.executionId());
    releases.add(
        new SendRelease(
            mailboxId,
            slot.kind() == SendSlot.Kind.GO,
            handedOver.get(slot.executionId()),
            draft.execution().version()));
  }

  /** Applies the releases, once the batch's sends are done. */
  void flushReleases() {
    if (releases.isEmpty()) {
      return;
    }
    try {
      operations.release(releases, now);
    } catch (RuntimeException e) {
      // The work itself is unharmed: the reservations count until their day ends, and a row left
      // sending is reconciled as in doubt.
      LOG.warn("Could not release {} sends not handed over", releases.size(), e);
    }
  }

  /**
   * The completion to apply: without its provider answer if a hand-over recorded it already (the
   * row would only be written again).
   */
  Completion toComplete(Completion completion) {
    SendUpdate send = completion.send();
    if (send == null || !recorded.contains(send.sendId())) {
      return completion;
    }
    if (completion instanceof Completion.Advanced a) {
      return new Completion.Advanced(
          a.execution(), a.status(), a.nextStepId(), a.nextAt(), a.emailSendId(), null);
    }
    if (completion instanceof Completion.Rescheduled r) {
      return new Completion.Rescheduled(
          r.execution(), r.at(), r.attempt(), r.errorClass(), r.error(), null);
    }
    if (completion instanceof Completion.DeadLettered d) {
      return new Completion.DeadLettered(d.execution(), d.errorClass(), d.error(), null);
    }
    if (completion instanceof Completion.Held h) {
      return new Completion.Held(h.execution(), h.reason(), null);
    }
    return completion;
  }
}
