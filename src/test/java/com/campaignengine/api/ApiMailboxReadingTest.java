package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.MailServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each mailbox says how it detects replies and how its reading goes: GET /api/v1/mailboxes/{id} and
 * /api/v1/stats/mailboxes, for a mailbox without a way to read ("none") and for one whose IMAP
 * password is wrong, then fixed.
 */
class ApiMailboxReadingTest extends ApiTestSupport.ServerPerTest {
  @RegisterExtension
  static final MailServer MAIL = MailServer.withUser("sam@recruit.example", "sam");

  private String section(int port, String password) {
    return "{\"host\":\"127.0.0.1\",\"port\":"
        + port
        + ",\"username\":\"sam\",\"password\":\""
        + password
        + "\",\"security\":\"none\"}";
  }

  @Test
  void a_mailbox_reports_its_reply_detection_last_read_and_last_error() {
    String outbox =
        post("/api/v1/mailboxes", "{\"provider\":\"outbox\",\"email\":\"ada@recruit.example\"}")
            .body()
            .path("id")
            .asText();
    Answer created =
        post(
            "/api/v1/mailboxes",
            "{\"provider\":\"smtp\",\"email\":\"sam@recruit.example\",\"smtp\":"
                + section(MAIL.getSmtp().getPort(), MailServer.PASSWORD)
                + ",\"imap\":"
                + section(MAIL.getImap().getPort(), "wrong")
                + "}");
    assertThat(created.body().path("reply_detection").asText()).isEqualTo("imap");
    String id = created.body().path("id").asText();

    JsonNode none = get("/api/v1/mailboxes/" + outbox).body();
    assertThat(none.path("reply_detection").asText()).isEqualTo("none");
    assertThat(none.path("inbound").path("last_read_at").isNull()).isTrue();
    JsonNode unread = get("/api/v1/mailboxes/" + id).body().path("inbound");
    assertThat(unread.path("last_read_at").isNull()).isTrue();
    assertThat(unread.path("last_error").isNull()).isTrue();
    assertThat(unread.path("failing").asBoolean()).isFalse();

    app.inbound().pollOnce();
    JsonNode failing = get("/api/v1/mailboxes/" + id).body().path("inbound");
    assertThat(failing.path("failing").asBoolean()).isTrue();
    assertThat(failing.path("last_error").asText()).contains("IMAP poll of sam@127.0.0.1");
    assertThat(failing.path("last_error_at").asText()).isEqualTo(START.toString());
    assertThat(failing.path("last_read_at").isNull()).isTrue();

    clock.advance(Duration.ofHours(5));
    Answer fixed =
        send(
            request("/api/v1/mailboxes/" + id + "/credentials")
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"smtp\":"
                            + section(MAIL.getSmtp().getPort(), MailServer.PASSWORD)
                            + ",\"imap\":"
                            + section(MAIL.getImap().getPort(), MailServer.PASSWORD)
                            + "}")));
    assertThat(fixed.status()).isEqualTo(200);
    app.inbound().pollOnce();

    JsonNode recovered = get("/api/v1/mailboxes/" + id).body().path("inbound");
    assertThat(recovered.path("failing").asBoolean()).isFalse();
    assertThat(recovered.path("last_read_at").asText())
        .isEqualTo(START.plus(Duration.ofHours(5)).toString());
    assertThat(recovered.path("last_error_at").asText())
        .as("the last error stays, with its time")
        .isEqualTo(START.toString());

    JsonNode stats = get("/api/v1/stats/mailboxes").body().path("items");
    assertThat(stats)
        .extracting(m -> m.path("email").asText() + "=" + m.path("reply_detection").asText())
        .containsExactly("ada@recruit.example=none", "sam@recruit.example=imap");
    assertThat(stats.get(1).path("inbound").path("last_read_at").asText())
        .isEqualTo(START.plus(Duration.ofHours(5)).toString());
  }
}
