package com.campaignengine.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link MailTransport} must show. Subclasses supply a fresh transport per test; a
 * subclass for a transport that talks to a real provider would run against a sandbox.
 */
public abstract class MailTransportContractTest {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  /** A fresh transport; called once per test. */
  protected abstract MailTransport transport();

  @Test
  void simple_message_is_sent() {
    SendResult result = transport().send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    assertThat(((SendResult.Sent) result).providerMessageId()).isNotBlank();
  }

  @Test
  void multipart_non_ascii_message_is_sent() {
    assertThat(transport().send(TestMessages.rich(2)).isSent()).isTrue();
  }

  @Test
  void lookup_of_sent_message_is_never_not_delivered() {
    MailTransport transport = transport();
    OutgoingMessage message = TestMessages.simple(3);
    assertThat(transport.send(message).isSent()).isTrue();

    assertThat(transport.lookup(message.messageId())).isIn(Delivery.DELIVERED, Delivery.UNKNOWN);
  }

  @Test
  void lookup_of_unknown_message_is_never_delivered() {
    MailTransport transport = transport();
    transport.send(TestMessages.simple(4));

    assertThat(transport.lookup(MessageIds.forSend(999_999, "mail.example.com")))
        .isIn(Delivery.NOT_DELIVERED, Delivery.UNKNOWN);
  }

  @Test
  void has_a_name() {
    assertThat(transport().name()).isNotBlank().doesNotContainAnyWhitespaces();
  }

  @Test
  void sending_is_thread_safe() throws Exception {
    MailTransport transport = transport();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<SendResult>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<SendResult> results = new ArrayList<>();
                  for (int i = 0; i < PER_THREAD; i++) {
                    results.add(
                        transport.send(TestMessages.simple(1_000L + thread * PER_THREAD + i)));
                  }
                  return results;
                }));
      }
      start.countDown();
      for (Future<List<SendResult>> future : futures) {
        assertThat(future.get(60, TimeUnit.SECONDS))
            .hasSize(PER_THREAD)
            .allMatch(SendResult::isSent);
      }
    } finally {
      pool.shutdownNow();
    }
    for (long id = 1_000; id < 1_000 + THREADS * PER_THREAD; id++) {
      assertThat(transport.lookup(MessageIds.forSend(id, "mail.example.com")))
          .isNotEqualTo(Delivery.NOT_DELIVERED);
    }
    afterConcurrentSends(THREADS * PER_THREAD);
  }

  /**
   * Hook for transport-specific checks after {@link #sending_is_thread_safe()} sent {@code count}
   * distinct messages.
   */
  protected void afterConcurrentSends(int count) throws Exception {}
}
