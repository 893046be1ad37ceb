package com.campaignengine.testing;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.memory.InMemoryTransport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A provider that holds each message until the test lets it through: a slow provider without
 * sleeps. Messages let through are kept by an {@link InMemoryTransport}; {@link #entered} counts
 * those handed to it, held or not.
 */
public final class GatedTransport implements MailTransport {
  private final InMemoryTransport sink = new InMemoryTransport().keepMessages(true);
  private final Semaphore gate = new Semaphore(0);
  private final List<OutgoingMessage> entered = new CopyOnWriteArrayList<>();

  @Override
  public SendResult send(OutgoingMessage message) {
    entered.add(message);
    try {
      if (!gate.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let " + message.messageId() + " through");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return sink.send(message);
  }

  @Override
  public Delivery lookup(String messageId) {
    return sink.lookup(messageId);
  }

  @Override
  public String name() {
    return "gated";
  }

  /** Lets {@code count} more messages through. */
  public void letThrough(int count) {
    gate.release(count);
  }

  /** Lets every message through from now on. */
  public void open() {
    gate.release(1_000_000);
  }

  /** Messages handed to this provider so far, held or let through. */
  public int entered() {
    return entered.size();
  }

  /** The recipients of the messages handed to this provider so far. */
  public List<String> enteredRecipients() {
    return entered.stream().map(m -> m.to().email()).toList();
  }

  /** Messages the provider accepted (let through). */
  public long sent() {
    return sink.sentCount();
  }

  public long duplicates() {
    return sink.duplicateCount();
  }
}
