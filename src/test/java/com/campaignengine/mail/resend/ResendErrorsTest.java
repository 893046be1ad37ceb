package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.resend.ErrorRows.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResendErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static java.util.stream.Stream<Row> rows() {
    return ErrorRows.rows();
  }

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> map = new HashMap<>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }

  private static String body(Row row) throws IOException {
    if (row.name() == null) {
      return row.message();
    }
    return JSON.writeValueAsString(
        Map.of("statusCode", row.status(), "name", row.name(), "message", row.message()));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void classifies_each_documented_answer(Row row) throws Exception {
    SendResult result =
        ResendErrors.classify(row.status(), headers(row.headers()), body(row), ErrorRows.NOW);

    assertThat(result).isEqualTo(row.expected());
  }

  @Test
  void ok_is_sent_with_resends_id() {
    assertThat(ResendErrors.classify(200, headers(Map.of()), "{\"id\":\"49a3\"}", ErrorRows.NOW))
        .isEqualTo(new SendResult.Sent("49a3"));
  }

  @Test
  void ok_without_an_id_is_still_sent() {
    // Resend accepted it: retrying would be deduplicated anyway, and failing would be wrong.
    assertThat(ResendErrors.classify(200, headers(Map.of()), "", ErrorRows.NOW).isSent()).isTrue();
  }

  @Test
  void retry_after_may_be_an_http_date() {
    HttpHeaders headers = headers(Map.of("retry-after", "Mon, 06 May 2024 18:01:30 GMT"));

    SendResult result = ResendErrors.classify(503, headers, "", ErrorRows.NOW);

    assertThat(result)
        .isEqualTo(new SendResult.RetryableFailure("Resend 503", Duration.ofSeconds(90)));
  }

  @Test
  void malformed_or_absurd_retry_after_is_ignored() {
    for (String value : List.of("-5", "1.5", "soon", "99999999999")) {
      SendResult result =
          ResendErrors.classify(500, headers(Map.of("retry-after", value)), "", ErrorRows.NOW);
      assertThat(result).isEqualTo(new SendResult.RetryableFailure("Resend 500", null));
    }
  }

  @Test
  void unknown_rate_limit_name_is_treated_as_rate_limit() {
    SendResult result = ResendErrors.classify(429, headers(Map.of()), "{}", ErrorRows.NOW);

    assertThat(result).isEqualTo(new SendResult.RateLimited("Resend 429", Duration.ofSeconds(1)));
  }

  @Test
  void other_client_errors_are_permanent_but_request_timeout_is_retryable() {
    assertThat(ResendErrors.classify(413, headers(Map.of()), "", ErrorRows.NOW))
        .isEqualTo(new SendResult.PermanentFailure("Resend 413"));
    assertThat(ResendErrors.classify(408, headers(Map.of()), "", ErrorRows.NOW))
        .isEqualTo(new SendResult.RetryableFailure("Resend 408", null));
  }

  @Test
  void long_messages_are_shortened_to_one_line() throws Exception {
    String message = "line one\nline two " + "x".repeat(1_000);
    String body = JSON.writeValueAsString(Map.of("name", "validation_error", "message", message));

    SendResult result = ResendErrors.classify(422, headers(Map.of()), body, ErrorRows.NOW);

    String reason = ((SendResult.PermanentFailure) result).reason();
    assertThat(reason).startsWith("Resend 422 validation_error: line one line two xxx");
    assertThat(reason).doesNotContain("\n").hasSizeLessThan(400);
  }

  @Test
  void timeouts_and_network_errors_are_retryable() {
    assertThat(ResendErrors.ofException(new HttpTimeoutException("t"), Duration.ofSeconds(1)))
        .isEqualTo(
            new SendResult.RetryableFailure("Resend unreachable: no answer within 1000 ms", null));
    assertThat(ResendErrors.ofException(new IOException("reset"), Duration.ofSeconds(1)))
        .isEqualTo(new SendResult.RetryableFailure("Resend unreachable: IOException: reset", null));
  }

  @Test
  void verification_accepts_working_and_sending_only_keys() {
    assertThat(ResendErrors.verificationProblem(200, "{\"data\":[]}")).isEmpty();
    assertThat(
            ResendErrors.verificationProblem(
                401, "{\"name\":\"restricted_api_key\",\"message\":\"Only sending.\"}"))
        .isEmpty();
  }

  @Test
  void verification_reports_rejected_keys_and_other_failures() {
    assertThat(
            ResendErrors.verificationProblem(
                403, "{\"name\":\"invalid_api_key\",\"message\":\"API key is invalid\"}"))
        .contains("Resend rejected the API key (Resend 403 invalid_api_key: API key is invalid)");
    assertThat(
            ResendErrors.verificationProblem(
                400, "{\"name\":\"validation_error\",\"message\":\"API key is invalid\"}"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("Resend rejected the API key"));
    assertThat(ResendErrors.verificationProblem(503, ""))
        .contains("could not verify the Resend API key (Resend 503)");
  }
}
