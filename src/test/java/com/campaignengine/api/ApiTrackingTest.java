package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.Sql;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Open pixel and click redirect: signed tokens, only to the email's own links, no open redirect.
 */
class ApiTrackingTest extends ApiTestSupport.ServerPerTest {
  private OutgoingMessage sent;

  @BeforeEach
  void createData() {
    String mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    String campaign =
        post(
                "/api/v1/campaigns",
                "{\"name\":\"t\",\"mailbox_ids\":[\""
                    + mailbox
                    + "\"],\"track_opens\":true,"
                    + "\"track_clicks\":true,\"steps\":[{\"key\":\"intro\",\"type\":\"email\","
                    + "\"subject\":\"Hi\",\"body\":\"Hi {{first_name}}\",\"body_html\":"
                    + "\"<html><body><p>Hi {{first_name}}, see <a href=\\\"https://jobs.example/role?id=7&amp;src=mail\\\">the role</a>"
                    + " or <a href='mailto:ada@recruit.example'>write</a>.</p></body></html>\"}]}")
            .body()
            .get("id")
            .asText();
    activate(campaign);
    enrollIn(campaign, person);
    app.engine().runUntilIdle();
    sent = transport.messages().get(0);
  }

  @Test
  void a_click_redirects_to_the_original_link_and_is_recorded() throws Exception {
    String html = sent.body().html();
    assertThat(html).doesNotContain("jobs.example").contains("mailto:ada@recruit.example");
    String click = clickUrl(html);
    HttpResponse<String> response = visit(click, "Mozilla/5.0 (Macintosh) AppleWebKit Chrome/130");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://jobs.example/role?id=7&src=mail");
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM email_events WHERE event_type = 'clicked'"))
        .isEqualTo(1);
  }

  @Test
  void an_open_is_recorded_and_a_proxy_open_is_flagged_as_likely_machine() throws Exception {
    String pixel = pixelUrl(sent.body().html());
    clock.advance(java.time.Duration.ofHours(1)); // an open seconds after sending is a scanner
    assertThat(visit(pixel, "Mozilla/5.0 (Windows NT 10.0) Firefox/131").statusCode())
        .isEqualTo(200);
    assertThat(visit(pixel, "Mozilla/5.0 (via ggpht.com GoogleImageProxy)").statusCode())
        .isEqualTo(200);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM email_events WHERE event_type = 'opened' AND likely_machine"))
        .isEqualTo(1);
  }

  @Test
  void a_forged_or_tampered_token_gets_404_and_changes_nothing() throws Exception {
    String click = clickUrl(sent.body().html());
    char last = click.charAt(click.length() - 1);
    String tampered = click.substring(0, click.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(visit(tampered, "x").statusCode()).isEqualTo(404);
    assertThat(visit("http://x/t/o/not-a-token", "x").statusCode()).isEqualTo(404);
    assertThat(visit("http://x/u/" + "A".repeat(43), "x").statusCode()).isEqualTo(404);
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM email_events"))
        .isZero();
  }
}
