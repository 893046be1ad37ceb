package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Provider mailboxes through the API: settings validated, secrets write-only. */
class ApiMailboxProvidersTest extends ApiTestSupport.OutboxServerPerTest {
  private static final String PASSWORD = "app-password-never-echoed";

  private static String smtp(String smtpSection) {
    return "{\"provider\":\"smtp\",\"email\":\"sam@recruit.example\",\"smtp\":" + smtpSection + "}";
  }

  @Test
  void secrets_are_write_only_and_plain_settings_are_shown() {
    Answer created =
        post(
            "/api/v1/mailboxes",
            smtp(
                "{\"host\":\"smtp.recruit.example\",\"port\":587,\"username\":\"sam\","
                    + "\"password\":\""
                    + PASSWORD
                    + "\",\"security\":\"starttls\"}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("smtp").path("host").asText()).isEqualTo("smtp.recruit.example");
    assertThat(created.raw().body()).doesNotContain(PASSWORD).doesNotContain("password");
    String id = created.body().path("id").asText();
    assertThat(get("/api/v1/mailboxes/" + id).raw().body()).doesNotContain(PASSWORD);
    assertThat(get("/api/v1/mailboxes").raw().body()).doesNotContain(PASSWORD);
  }

  @Test
  void missing_or_misspelt_provider_settings_are_refused_naming_the_field() {
    Answer noHost = post("/api/v1/mailboxes", smtp("{\"port\":587}"));
    assertThat(noHost.status()).isEqualTo(422);
    assertThat(noHost.body().path("field").asText()).isEqualTo("smtp.host");

    Answer typo = post("/api/v1/mailboxes", smtp("{\"host\":\"h.example\",\"pasword\":\"x\"}"));
    assertThat(typo.status()).isEqualTo(422);
    assertThat(typo.body().path("field").asText()).isEqualTo("smtp.pasword");

    Answer badSecurity =
        post("/api/v1/mailboxes", smtp("{\"host\":\"h.example\",\"security\":\"ssl\"}"));
    assertThat(badSecurity.body().path("field").asText()).isEqualTo("smtp.security");

    Answer gmail =
        post(
            "/api/v1/mailboxes",
            "{\"provider\":\"gmail\",\"email\":\"a@gmail.example\",\"gmail\":{\"client_id\":\"c\"}}");
    assertThat(gmail.status()).isEqualTo(422);
    assertThat(gmail.body().path("field").asText()).isEqualTo("gmail.client_secret");

    Answer badUrl =
        post(
            "/api/v1/mailboxes",
            "{\"provider\":\"resend\",\"email\":\"a@r.example\","
                + "\"resend\":{\"api_key\":\"re_x\",\"base_url\":\"ftp://x\"}}");
    assertThat(badUrl.body().path("field").asText()).isEqualTo("resend.base_url");

    assertThat(get("/api/v1/mailboxes").body().path("items")).isEmpty();
  }

  @Test
  void verify_reports_the_providers_refusal_and_writes_nothing() {
    Answer refused =
        post(
            "/api/v1/mailboxes?verify=true",
            smtp("{\"host\":\"127.0.0.1\",\"port\":1,\"security\":\"none\"}"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().path("field").asText()).isEqualTo("smtp");
    assertThat(refused.body().path("error").asText()).contains("refused");
    assertThat(get("/api/v1/mailboxes").body().path("items")).isEmpty();
  }

  @Test
  void new_credentials_replace_the_old_ones_and_reconnect_the_mailbox() {
    String id =
        post(
                "/api/v1/mailboxes",
                "{\"provider\":\"resend\",\"email\":\"a@r.example\",\"resend\":{\"api_key\":\"re_old\"}}")
            .body()
            .path("id")
            .asText();
    Answer updated =
        send(
            request("/api/v1/mailboxes/" + id + "/credentials")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"resend\":{\"api_key\":\"re_new\"}}")));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().path("status").asText()).isEqualTo("connected");
    assertThat(updated.raw().body()).doesNotContain("re_new");
  }
}
