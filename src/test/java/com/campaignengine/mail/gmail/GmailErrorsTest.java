package com.campaignengine.mail.gmail;

import static com.campaignengine.mail.gmail.GoogleErrorRows.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.http.RetryAfterHeader;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.gmail.GoogleErrorRows.Row;
import com.campaignengine.testing.GmailStub;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GmailErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.campaignengine.mail.gmail.GoogleErrorRows#rows")
  void classifies_each_row(Row row) {
    SendResult result =
        GmailErrors.classify(
            row.status(), Optional.ofNullable(row.headers().get("Retry-After")), row.body(), NOW);

    assertThat(result).isInstanceOf(row.type());
    assertThat(GmailErrors.reasonOf(result)).contains(row.reasonPart());
    assertThat(GoogleErrorRows.waitOf(result)).isEqualTo(row.expectedWait());
  }

  @Test
  void every_api401_is_an_auth_failure() {
    SendResult result =
        GmailErrors.classify(
            401,
            Optional.empty(),
            GmailStub.googleError(401, "authError", "Invalid Credentials", "UNAUTHENTICATED"),
            NOW);

    assertThat(result)
        .isEqualTo(new SendResult.AuthFailure("gmail 401 authError: Invalid Credentials"));
  }

  @Test
  void revoked_refresh_token_is_an_auth_failure_with_googles_words() {
    SendResult result =
        GmailErrors.tokenFailure(
            wrapped(
                tokenResponse(
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

    assertThat(result)
        .isEqualTo(
            new SendResult.AuthFailure(
                "gmail OAuth token 400 invalid_grant: Token has been expired or revoked."));
  }

  @Test
  void unknown_client_is_an_auth_failure() {
    SendResult result =
        GmailErrors.tokenFailure(
            tokenResponse(
                401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}"));

    assertThat(result)
        .isEqualTo(
            new SendResult.AuthFailure("gmail OAuth token 401 invalid_client: Unauthorized"));
  }

  @Test
  void token_endpoint_server_errors_and_throttling_are_retryable() {
    assertThat(GmailErrors.tokenFailure(tokenResponse(503, "")))
        .isEqualTo(new SendResult.RetryableFailure("gmail OAuth token 503", null));
    assertThat(GmailErrors.tokenFailure(tokenResponse(429, "{\"error\":\"rate_limited\"}")))
        .isEqualTo(new SendResult.RetryableFailure("gmail OAuth token 429 rate_limited", null));
  }

  @Test
  void unreadable_token_error_keeps_only_the_status() {
    assertThat(GmailErrors.tokenFailure(tokenResponse(400, "<html>nope</html>")))
        .isEqualTo(new SendResult.AuthFailure("gmail OAuth token 400"));
  }

  @Test
  void unreachable_token_endpoint_is_retryable() {
    // The auth library wraps I/O failures as new IOException(cause), repeating the cause's text.
    SendResult result =
        GmailErrors.tokenFailure(new IOException(new ConnectException("Connection refused")));

    assertThat(result)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "gmail OAuth token request failed: ConnectException: Connection refused", null));
  }

  @Test
  void network_failures_are_retryable_and_named() {
    // What the JDK client throws for a refused connection.
    ConnectException inner = new ConnectException();
    inner.initCause(new ClosedChannelException());
    ConnectException refused = new ConnectException();
    refused.initCause(inner);

    assertThat(GmailErrors.networkFailure(new HttpTimeoutException("request timed out")))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "gmail request failed: HttpTimeoutException: request timed out", null));
    assertThat(GmailErrors.networkFailure(refused))
        .isEqualTo(
            new SendResult.RetryableFailure(
                "gmail request failed: ConnectException: ClosedChannelException", null));
  }

  @Test
  void reason_of_sent_is_empty() {
    assertThat(GmailErrors.reasonOf(new SendResult.Sent("a:b", "b"))).isEmpty();
  }

  @Test
  void google_error_falls_back_to_status_and_shortens_messages() {
    GoogleError statusOnly =
        GoogleError.parse(
            429, "{\"error\":{\"code\":429,\"message\":\"x\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
    GoogleError html = GoogleError.parse(502, "<html>secret page</html>");
    GoogleError longMessage =
        GoogleError.parse(
            400, GmailStub.googleError(400, "badRequest", "y".repeat(1000), "INVALID_ARGUMENT"));

    assertThat(statusOnly.summary()).isEqualTo("gmail 429 RESOURCE_EXHAUSTED: x");
    assertThat(html.summary()).isEqualTo("gmail 502");
    assertThat(longMessage.message()).hasSize(303).endsWith("...");
  }

  @Test
  void retry_after_reads_seconds_dates_and_gmail_messages() {
    assertThat(RetryAfterHeader.parseNegativeAsNoWait(Optional.of(" 7 "), NOW))
        .contains(Duration.ofSeconds(7));
    assertThat(RetryAfterHeader.parseNegativeAsNoWait(Optional.of("-5"), NOW))
        .contains(Duration.ZERO);
    assertThat(
            RetryAfterHeader.parseNegativeAsNoWait(
                Optional.of("Mon, 06 May 2024 07:00:00 GMT"), NOW))
        .contains(Duration.ZERO);
    assertThat(RetryAfterHeader.parseNegativeAsNoWait(Optional.of("soon"), NOW)).isEmpty();
    assertThat(RetryAfterHeader.parseNegativeAsNoWait(Optional.empty(), NOW)).isEmpty();
    assertThat(GmailErrors.retryAfterInMessage("Retry after 2024-05-06T07:09:09Z", NOW))
        .contains(Duration.ofMinutes(1));
    assertThat(GmailErrors.retryAfterInMessage("Retry after 2024-13-45T99:00:00Z", NOW)).isEmpty();
    assertThat(GmailErrors.retryAfterInMessage("User Rate Limit Exceeded", NOW)).isEmpty();
  }

  private static HttpResponseException tokenResponse(int status, String content) {
    return new HttpResponseException.Builder(status, "", new HttpHeaders())
        .setContent(content)
        .build();
  }

  // The auth library wraps token endpoint failures in its own (package-private) IOException.
  private static IOException wrapped(Exception cause) {
    return new IOException("Error getting access token", cause);
  }
}
