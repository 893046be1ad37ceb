package com.campaignengine.mail.memory;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accepts every message in memory without rendering it: for benchmarks (10,000+ sends/s) and tests.
 * It records the count of accepted sends and the set of Message-IDs, so a run can prove
 * exactly-once delivery via {@link #duplicateCount()}.
 *
 * <p>Thread-safe and lock-free on the send path. Bodies are not kept unless {@link
 * #keepMessages(boolean)} is enabled; the Message-ID set does grow with every distinct message
 * (about 150 bytes each), which is the price of duplicate detection.
 *
 * <p>Tests can script failures with {@link #failNext(SendResult)}: queued results are returned, in
 * order, by the next sends instead of accepting them.
 */
public final class InMemoryTransport implements MailTransport {

  private final LongAdder sent = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
  private final Queue<SendResult> scripted = new ConcurrentLinkedQueue<>();
  private final Queue<OutgoingMessage> kept = new ConcurrentLinkedQueue<>();
  private volatile boolean keepMessages;

  @Override
  public SendResult send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    SendResult result = scripted.poll();
    if (result != null && !result.isSent()) {
      return result; // a scripted failure: the provider did not take the message
    }
    if (!messageIds.add(message.messageId())) {
      duplicates.increment();
    }
    sent.increment();
    if (keepMessages) {
      kept.add(message);
    }
    return result != null ? result : new SendResult.Sent(message.messageId());
  }

  /**
   * {@link Delivery#DELIVERED} if a message with this id was accepted, else {@link
   * Delivery#NOT_DELIVERED}.
   */
  @Override
  public Delivery lookup(String messageId) {
    return messageIds.contains(messageId) ? Delivery.DELIVERED : Delivery.NOT_DELIVERED;
  }

  @Override
  public String name() {
    return "memory";
  }

  /**
   * Queues a result for an upcoming send; a {@link SendResult.Sent} is accepted and recorded as
   * usual.
   */
  public InMemoryTransport failNext(SendResult result) {
    scripted.add(Objects.requireNonNull(result, "result"));
    return this;
  }

  /** Whether to keep accepted messages for {@link #messages()}; off by default to stay cheap. */
  public InMemoryTransport keepMessages(boolean keep) {
    this.keepMessages = keep;
    return this;
  }

  /** Number of accepted sends, duplicates included. */
  public long sentCount() {
    return sent.sum();
  }

  /** Number of accepted sends whose Message-ID had already been accepted before. */
  public long duplicateCount() {
    return duplicates.sum();
  }

  /** Snapshot of the distinct accepted Message-IDs. */
  public Set<String> sentMessageIds() {
    return Set.copyOf(messageIds);
  }

  /**
   * Snapshot of the kept messages in acceptance order; empty unless {@link #keepMessages(boolean)}.
   */
  public List<OutgoingMessage> messages() {
    return List.copyOf(kept);
  }

  /** Forgets everything sent, kept and scripted (not thread-safe against concurrent sends). */
  public void reset() {
    scripted.clear();
    kept.clear();
    messageIds.clear();
    sent.reset();
    duplicates.reset();
  }
}
