package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import com.campaignengine.mail.resend.ErrorRows.Row;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each row of the classification table, end to end over HTTP against the stub. */
class ResendTransportErrorRowsTest {

  @RegisterExtension final ResendStubServer stub = new ResendStubServer();

  static Stream<Row> rows() {
    return ErrorRows.rows();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void provider_answer_is_classified(Row row) {
    stub.script(
        new ResendStubServer.Scripted(row.status(), row.name(), row.message(), row.headers()));
    ResendTransport transport =
        new ResendTransport(
            new ResendSettings(ResendStubServer.API_KEY, stub.baseUrl(), Duration.ofSeconds(2)),
            ErrorRows.CLOCK);

    SendResult result = transport.send(TestMessages.simple(1));

    assertThat(result).isEqualTo(row.expected());
    assertThat(stub.emails()).isEmpty();
  }
}
