package com.campaignengine.mail.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {

  @Test
  void counts_duplicates() {
    InMemoryTransport transport = new InMemoryTransport();
    transport.send(TestMessages.simple(1));
    transport.send(TestMessages.simple(1));
    transport.send(TestMessages.simple(2));

    assertThat(transport.sentCount()).isEqualTo(3);
    assertThat(transport.duplicateCount()).isEqualTo(1);
    assertThat(transport.sentMessageIds()).hasSize(2);
  }

  @Test
  void returns_scripted_results_in_order_and_does_not_record_failures() {
    SendResult retry = new SendResult.RetryableFailure("421 try later", Duration.ofMinutes(5));
    SendResult auth = new SendResult.AuthFailure("535 bad credentials");
    InMemoryTransport transport = new InMemoryTransport().failNext(retry).failNext(auth);

    assertThat(transport.send(TestMessages.simple(1))).isEqualTo(retry);
    assertThat(transport.send(TestMessages.simple(1))).isEqualTo(auth);
    assertThat(transport.lookup(TestMessages.simple(1).messageId()))
        .isEqualTo(Delivery.NOT_DELIVERED);
    assertThat(transport.send(TestMessages.simple(1)).isSent()).isTrue();
    assertThat(transport.lookup(TestMessages.simple(1).messageId())).isEqualTo(Delivery.DELIVERED);
    assertThat(transport.sentCount()).isEqualTo(1);
  }

  @Test
  void keeps_messages_only_when_asked() {
    InMemoryTransport transport = new InMemoryTransport();
    transport.send(TestMessages.simple(1));
    assertThat(transport.messages()).isEmpty();

    transport.keepMessages(true).send(TestMessages.rich(2));

    assertThat(transport.messages()).containsExactly(TestMessages.rich(2));
    transport.reset();
    assertThat(transport.messages()).isEmpty();
    assertThat(transport.sentCount()).isZero();
  }
}
