package com.campaignengine.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.mailbox.GmailSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GmailSettingsTest {

  private static GmailSettings with(URI api, URI token, Duration timeout) {
    return new GmailSettings(
        "id.apps.googleusercontent.com", "GOCSPX-s3cr3t", "1//r3fr3sh", api, token, timeout);
  }

  @Test
  void defaults_to_googles_production_endpoints() {
    GmailSettings settings = new GmailSettings("id", "secret", "refresh");

    assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://gmail.googleapis.com"));
    assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.endpoint("/gmail/v1/users/me/profile"))
        .isEqualTo(URI.create("https://gmail.googleapis.com/gmail/v1/users/me/profile"));
  }

  @Test
  void keeps_a_path_prefix_and_drops_a_trailing_slash() {
    GmailSettings settings = with(URI.create("https://proxy.example.com/google/"), null, null);

    assertThat(settings.endpoint("/gmail/v1/users/me/messages/send"))
        .isEqualTo(URI.create("https://proxy.example.com/google/gmail/v1/users/me/messages/send"));
  }

  @Test
  void to_string_hides_the_secrets() {
    String text = with(null, null, null).toString();

    assertThat(text)
        .contains("id.apps.googleusercontent.com", "<redacted>")
        .doesNotContain("s3cr3t", "r3fr3sh");
  }

  @Test
  void trims_pasted_values() {
    GmailSettings settings = new GmailSettings(" id\n", "secret ", "\trefresh");

    assertThat(settings.clientId()).isEqualTo("id");
    assertThat(settings.clientSecret()).isEqualTo("secret");
    assertThat(settings.refreshToken()).isEqualTo("refresh");
  }

  @Test
  void rejects_missing_or_malformed_credentials_without_echoing_them() {
    assertThatThrownBy(() -> new GmailSettings("", "secret", "refresh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client id");
    assertThatThrownBy(() -> new GmailSettings("id", null, "refresh"))
        .hasMessageContaining("client secret");
    assertThatThrownBy(() -> new GmailSettings("id", "secret", "ref resh"))
        .hasMessageContaining("refresh token")
        .hasMessageNotContaining("ref resh");
  }

  @Test
  void rejects_unsafe_urls() {
    assertThatThrownBy(() -> with(URI.create("http://gmail.example.com"), null, null))
        .hasMessageContaining("HTTPS");
    assertThatThrownBy(
            () -> with(null, URI.create("https://user:pw@oauth.example.com/token"), null))
        .hasMessageContaining("user info")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> with(URI.create("https://gmail.example.com?x=1"), null, null))
        .hasMessageContaining("query");
    assertThatThrownBy(() -> with(URI.create("/relative"), null, null))
        .hasMessageContaining("absolute");
    assertThat(
            with(URI.create("http://localhost:8080"), URI.create("http://127.0.0.1:9/token"), null)
                .apiBaseUrl())
        .isEqualTo(URI.create("http://localhost:8080"));
  }

  @Test
  void rejects_a_non_positive_timeout() {
    assertThatThrownBy(() -> with(null, null, Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> with(null, null, Duration.ofSeconds(-1)))
        .hasMessageContaining("timeout");
  }
}
