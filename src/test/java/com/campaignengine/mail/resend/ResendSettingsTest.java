package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResendSettingsTest {

  @Test
  void defaults_to_resends_api_and_thirty_seconds() {
    ResendSettings settings = new ResendSettings("re_123");

    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.resend.com"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.endpoint("/emails")).isEqualTo(URI.create("https://api.resend.com/emails"));
  }

  @Test
  void keeps_a_path_prefix_and_drops_a_trailing_slash() {
    ResendSettings settings =
        new ResendSettings("re_123", URI.create("https://proxy.example/resend/"), null);

    assertThat(settings.endpoint("/emails"))
        .isEqualTo(URI.create("https://proxy.example/resend/emails"));
  }

  @Test
  void to_string_never_shows_the_key() {
    assertThat(new ResendSettings("re_SuperSecret").toString())
        .doesNotContain("SuperSecret")
        .contains("redacted")
        .contains("https://api.resend.com");
  }

  @Test
  void rejects_unusable_keys() {
    assertThatThrownBy(() -> new ResendSettings(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResendSettings(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResendSettings("re_1\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("re_1");
  }

  @Test
  void requires_https_except_on_loopback() {
    assertThat(new ResendSettings("re_1", URI.create("http://127.0.0.1:8080"), null).baseUrl())
        .hasScheme("http");
    assertThat(new ResendSettings("re_1", URI.create("http://localhost:8080"), null).baseUrl())
        .hasHost("localhost");
    assertThatThrownBy(() -> new ResendSettings("re_1", URI.create("http://api.resend.com"), null))
        .hasMessageContaining("HTTPS");
    assertThatThrownBy(() -> new ResendSettings("re_1", URI.create("api.resend.com"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ResendSettings("re_1", URI.create("https://u:pw@api.resend.com"), null))
        .hasMessageNotContaining("pw");
  }

  @Test
  void rejects_non_positive_timeouts() {
    assertThatThrownBy(() -> new ResendSettings("re_1", null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResendSettings("re_1", null, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
