package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values that end in a header (issue 12, defect 5): CR/LF from a person's data is folded to a space
 * where the message is composed, so preview and send agree and neither fails; a subject over 998
 * characters is a template error of that send (422 in a preview), never a 500.
 */
class ApiHeaderValuesTest extends ApiTestSupport.ServerPerTest {
  private String mailbox;
  private String person;

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    Answer created =
        post(
            "/api/v1/people",
            "{\"email_address\": \"grace@navy.example\", \"first_name\": \"Grace\","
                + " \"custom\": {\"note\": \"hello\\r\\nBcc: everyone@navy.example\","
                + " \"essay\": \""
                + "x".repeat(1000)
                + "\"}}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    person = created.body().get("id").asText();
  }

  private String campaign(String subject) {
    Answer created =
        post(
            "/api/v1/campaigns",
            "{\"name\": \"h\", \"mailbox_ids\": [\""
                + mailbox
                + "\"], \"steps\": [{\"key\": \"intro\", \"type\": \"email\", \"subject\": \""
                + subject
                + "\", \"body\": \"Hi\"}]}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private Answer preview(String campaign) {
    return post(
        "/api/v1/campaigns/" + campaign + "/preview",
        "{\"person_id\": \"" + person + "\", \"step_key\": \"intro\"}");
  }

  @Test
  void a_line_break_from_a_persons_field_is_folded_to_a_space_in_preview_and_send() {
    String campaign = campaign("About {{custom.note}}");

    Answer preview = preview(campaign);

    assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
    assertThat(preview.body().get("subject").asText())
        .isEqualTo("About hello Bcc: everyone@navy.example");

    activate(campaign);
    enrollIn(campaign, person);
    app.engine().runUntilIdle();
    OutgoingMessage sent = sentTo("grace@navy.example");
    assertThat(sent.subject()).isEqualTo("About hello Bcc: everyone@navy.example");
  }

  @Test
  void a_subject_stored_with_a_line_break_by_an_older_server_previews_folded() {
    String campaign = campaign("Hello");
    app.database()
        .inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "UPDATE campaign_sequence_steps SET subject = ? WHERE step_key = 'intro'")) {
                s.setString(1, "Hello\r\nBcc: everyone@navy.example");
                return s.executeUpdate();
              }
            });

    Answer preview = preview(campaign);

    assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
    assertThat(preview.body().get("subject").asText())
        .isEqualTo("Hello Bcc: everyone@navy.example");
  }

  @Test
  void a_rendered_subject_over_998_characters_is_refused_in_preview_and_dead_letters_the_send() {
    String campaign = campaign("{{custom.essay}}");

    Answer preview = preview(campaign);

    assertThat(preview.status()).as(preview.raw().body()).isEqualTo(422);
    assertThat(preview.field()).isEqualTo("subject");
    assertThat(preview.body().get("error").asText()).contains("998");

    activate(campaign);
    enrollIn(campaign, person);
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isZero();
    Answer dead = get("/api/v1/executions?status=dead");
    assertThat(dead.body().get("items")).hasSize(1);
    assertThat(dead.body().get("items").get(0).get("error_class").asText()).isEqualTo("template");
  }
}
