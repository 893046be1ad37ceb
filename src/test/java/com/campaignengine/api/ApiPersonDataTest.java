package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is stored about a person can be read whole ({@code GET /api/v1/people/{id}/export}) and
 * erased ({@code DELETE /api/v1/people/{id}}): names, address and custom fields leave the person
 * and their sends and replies, the address stays suppressed as a hash (issue 12, defect 14).
 */
class ApiPersonDataTest extends ApiTestSupport.ServerPerTest {
  private String mailbox;
  private String campaign;
  private String grace;
  private String alan;

  @BeforeEach
  void sendToTwoPeople() {
    mailbox = createMailbox();
    Answer hook =
        post(
            "/api/v1/webhooks",
            "{\"url\": \"https://hooks.example/in\", \"events\": [\"email.sent\","
                + " \"email.replied\", \"enrollment.finished\"]}");
    assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
    campaign = createCampaignFrom(mailbox);
    grace =
        post(
                "/api/v1/people",
                "{\"email_address\": \"Grace@Navy.example\", \"first_name\": \"Grace\","
                    + " \"last_name\": \"Hopper\", \"timezone\": \"America/New_York\","
                    + " \"company\": {\"name\": \"Navy Labs\", \"domain\": \"navy.example\"},"
                    + " \"custom\": {\"skill\": \"COBOL\"}}")
            .body()
            .get("id")
            .asText();
    alan = createPerson("alan@bletchley.example", "Alan");
    activate(campaign);
    enrollIn(campaign, grace, alan);
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(2);
    OutgoingMessage toAlan = sentTo("alan@bletchley.example");
    replyTo(mailbox, toAlan, "Re: " + toAlan.subject(), "Happy to talk.");
  }

  private long rows(String sql) {
    return Sql.count(app.database().dataSource(), sql);
  }

  private Answer delete(String path) {
    return send(request(path).DELETE());
  }

  private static String hash(String address) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(address.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void an_export_holds_the_person_company_enrollments_sends_and_replies() {
    Answer export = get("/api/v1/people/" + alan + "/export");

    assertThat(export.status()).as(export.raw().body()).isEqualTo(200);
    JsonNode data = export.body();
    assertThat(data.at("/person/email_address").asText()).isEqualTo("alan@bletchley.example");
    assertThat(data.get("enrollments")).hasSize(1);
    assertThat(data.at("/enrollments/0/status").asText()).isEqualTo("replied");
    assertThat(data.get("sends")).hasSize(1);
    assertThat(data.at("/sends/0/to_address").asText()).isEqualTo("alan@bletchley.example");
    assertThat(data.at("/sends/0/subject").asText()).contains("Alan");
    assertThat(data.get("replies")).hasSize(1);
    assertThat(data.at("/replies/0/from_address").asText()).isEqualTo("alan@bletchley.example");
    assertThat(data.get("events")).isEmpty();
    assertThat(data.get("suppressions")).isEmpty();

    JsonNode graces = get("/api/v1/people/" + grace + "/export").body();
    assertThat(graces.at("/person/custom/skill").asText()).isEqualTo("COBOL");
    assertThat(graces.at("/company/name").asText()).isEqualTo("Navy Labs");
    assertThat(get("/api/v1/people/424242/export").status()).isEqualTo(404);
  }

  @Test
  void erasing_a_person_removes_them_from_their_sends_and_replies_and_stops_their_sequences()
      throws Exception {
    assertThat(rows("SELECT count(*) FROM webhook_deliveries WHERE payload::text ILIKE '%navy%'"))
        .isPositive();
    Answer erased = delete("/api/v1/people/" + grace);
    Answer erasedAlan = delete("/api/v1/people/" + alan);

    assertThat(erased.status()).as(erased.raw().body()).isEqualTo(204);
    assertThat(erasedAlan.status()).as(erasedAlan.raw().body()).isEqualTo(204);
    assertThat(get("/api/v1/people/" + grace).status()).isEqualTo(404);
    assertThat(rows("SELECT count(*) FROM people")).isZero();
    assertThat(
            rows(
                "SELECT count(*) FROM email_sends WHERE to_address <> '' OR subject <> ''"
                    + " OR body_text IS NOT NULL"))
        .isZero();
    assertThat(
            rows(
                "SELECT count(*) FROM email_replies WHERE from_address <> ''"
                    + " OR message_id IS NOT NULL OR subject IS NOT NULL"))
        .isZero();
    assertThat(
            rows(
                "SELECT count(*) FROM webhook_deliveries WHERE payload::text ILIKE '%navy%'"
                    + " OR payload::text ILIKE '%bletchley%'"))
        .isZero();
    JsonNode enrollments = get("/api/v1/campaigns/" + campaign + "/enrollments").body();
    assertThat(enrollments.get("items").findValuesAsText("status"))
        .containsExactlyInAnyOrder("stopped", "replied");
    // Nothing of Grace's sequence runs any more.
    clock.advance(java.time.Duration.ofDays(10));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(2);
    assertThat(
            rows(
                "SELECT count(*) FROM suppressions WHERE email = '"
                    + hash("grace@navy.example")
                    + "' AND reason = 'erased'"))
        .isEqualTo(1);
    assertThat(rows("SELECT count(*) FROM suppressions WHERE email LIKE '%@%'")).isZero();
  }

  @Test
  void an_erased_address_is_never_emailed_again_unless_erased_without_suppression() {
    delete("/api/v1/people/" + grace);
    Answer again = delete("/api/v1/people/" + alan + "?suppress=false");
    assertThat(again.status()).isEqualTo(204);

    String graceAgain = createPerson("grace@navy.example", "Grace");
    String alanAgain = createPerson("alan@bletchley.example", "Alan");
    String later = createCampaignFrom(mailbox);
    activate(later);
    Answer enrolled =
        post(
            "/api/v1/campaigns/" + later + "/enrollments",
            "{\"person_ids\": [\"" + graceAgain + "\", \"" + alanAgain + "\"]}");

    assertThat(enrolled.body().get("enrolled").asInt()).isEqualTo(1);
    assertThat(enrolled.body().at("/skipped/0/person_id").asText()).isEqualTo(graceAgain);
    assertThat(enrolled.body().at("/skipped/0/reason").asText()).isEqualTo("suppressed_erased");
  }

  @Test
  void erasing_an_unknown_person_is_404() {
    assertThat(delete("/api/v1/people/424242").status()).isEqualTo(404);
    assertThat(delete("/api/v1/people/" + grace + "?suppress=maybe").status()).isEqualTo(400);
    assertThat(get("/api/v1/people/" + grace).status()).isEqualTo(200);
  }
}
