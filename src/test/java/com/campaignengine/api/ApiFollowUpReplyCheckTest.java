package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.MailServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The check before every follow-up, against a real IMAP server (GreenMail) and a simulated clock:
 * the mailbox is asked whether the person wrote before each follow-up, whether or not its inbox was
 * ever polled; while it cannot be asked, follow-ups wait (shown in upcoming, stats, the mailbox's
 * health, and an alert after 15 minutes) and first emails still go out; once it can, the replier
 * gets nothing and the others get their follow-up. Sends go to an in-memory transport, replies are
 * filed in the GreenMail inbox with their INTERNALDATE at the simulated time. Nothing here polls
 * the inbox: only the check reads it.
 */
class ApiFollowUpReplyCheckTest extends ApiTestSupport.ServerPerTest {
  private static final String SENDER = "sam.check@recruit.example";

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "sam-check");

  /** Monday 09:00 in New York, two business days and an hour: the bump is due. */
  private static final Duration UNTIL_BUMP = Duration.ofDays(2).plusHours(1);

  private String section(int port, String password) {
    return "{\"host\":\"127.0.0.1\",\"port\":"
        + port
        + ",\"username\":\"sam-check\",\"password\":\""
        + password
        + "\",\"security\":\"none\"}";
  }

  /** An SMTP mailbox on GreenMail, reading its inbox over IMAP with this password (or none). */
  private String mailbox(String imapPassword) {
    String imap =
        imapPassword == null ? "" : ",\"imap\":" + section(MAIL.getImap().getPort(), imapPassword);
    Answer created =
        post(
            "/api/v1/mailboxes",
            "{\"provider\":\"smtp\",\"email\":\""
                + SENDER
                + "\",\"smtp\":"
                + section(MAIL.getSmtp().getPort(), MailServer.PASSWORD)
                + imap
                + "}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private String campaign(String mailbox, boolean stopOnCompanyReply) {
    String json =
        campaignJson("[\"" + mailbox + "\"]")
            .replace(
                "\"timezone\": \"America/New_York\",",
                "\"timezone\": \"America/New_York\", \"stop_on_company_reply\": "
                    + stopOnCompanyReply
                    + ",");
    Answer created = post("/api/v1/campaigns", json);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    activate(id);
    return id;
  }

  private List<OutgoingMessage> allSentTo(String address) {
    return transport.messages().stream().filter(m -> m.to().email().equals(address)).toList();
  }

  private String ann;
  private String bob;

  /** Ann (who may answer) and Bob (who stays silent) are enrolled and get their intros. */
  private void introsToAnnAndBob(String campaign) {
    ann = createPerson("ann@acme.example", "Ann");
    bob = createPerson("bob@other.example", "Bob");
    enrollIn(campaign, ann, bob);
    runEngine();
    assertThat(allSentTo("ann@acme.example")).hasSize(1);
    clock.advance(Duration.ofMinutes(3));
  }

  /** The bump goes to Bob; Ann, who answered, is stopped and gets none. */
  private void onlyBobIsBumped(String campaign) {
    assertThat(enrollmentStatus(campaign, ann)).isEqualTo("replied");
    assertThat(allSentTo("ann@acme.example")).as("no bump after a reply").hasSize(1);
    assertThat(allSentTo("bob@other.example")).hasSize(2);
  }

  /** A message in the mailbox's inbox, received now on the simulated clock. */
  private void delivered(String raw) {
    MAIL.deliverToUser(raw, clock.instant());
  }

  private void answered(String from, OutgoingMessage intro, String extraHeaders, String text) {
    delivered(
        """
        From: %s
        To: %s
        Subject: Re: %s
        Message-ID: <answer-%s>
        In-Reply-To: %s
        %s
        %s
        """
            .formatted(
                from,
                SENDER,
                intro.subject(),
                from,
                intro.messageId(),
                extraHeaders.isEmpty() ? "" : extraHeaders + "\n",
                text));
  }

  private String enrollmentStatus(String campaign, String person) {
    for (JsonNode e : items(get("/api/v1/campaigns/" + campaign + "/enrollments"))) {
      if (e.get("person_id").asText().equals(person)) {
        return e.get("status").asText();
      }
    }
    throw new AssertionError("no enrollment of person " + person);
  }

  private void runEngine() {
    app.engine().runUntilIdle();
  }

  @Test
  void a_reply_the_inbox_was_never_polled_for_stops_the_follow_up_even_after_days_down() {
    String mailbox = mailbox(MailServer.PASSWORD);
    String campaign = campaign(mailbox, false);
    introsToAnnAndBob(campaign);
    answered("ann@acme.example", allSentTo("ann@acme.example").get(0), "", "Yes, call me.");

    // The engine is down for days while the reply sits unread; then it starts and runs what is due.
    clock.advance(UNTIL_BUMP.plusDays(7));
    runEngine();

    onlyBobIsBumped(campaign);
    assertThat(
            get("/api/v1/mailboxes/" + mailbox).body().at("/inbound/follow_ups_waiting").asLong())
        .isZero();
  }

  @Test
  void wrong_imap_settings_hold_every_follow_up_until_a_patch_fixes_them() {
    String mailbox = mailbox("not-the-password");
    String campaign = campaign(mailbox, false);
    introsToAnnAndBob(campaign);
    answered("ann@acme.example", allSentTo("ann@acme.example").get(0), "", "Yes, call me.");
    clock.advance(UNTIL_BUMP);
    Instant heldAt = clock.instant();

    runEngine();

    assertThat(transport.messages()).as("only the two intros").hasSize(2);
    List<JsonNode> upcoming = items(get("/api/v1/campaigns/" + campaign + "/upcoming"));
    assertThat(upcoming)
        .extracting(u -> u.get("step_key").asText() + ":" + u.get("state").asText())
        .containsExactly("bump:waiting_for_reply_check", "bump:waiting_for_reply_check");
    assertThat(upcoming).allSatisfy(u -> assertThat(u.get("attempts").asInt()).isZero());
    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body();
    assertThat(stats.get("waiting_for_reply_check").asLong()).isEqualTo(2);
    JsonNode inbound = get("/api/v1/mailboxes/" + mailbox).body().get("inbound");
    assertThat(inbound.get("follow_ups_waiting").asLong()).isEqualTo(2);
    assertThat(inbound.get("follow_ups_waiting_since").asText()).isEqualTo(heldAt.toString());
    assertThat(inbound.get("follow_ups_waiting_reason").asText()).contains("login refused");
    JsonNode listed = items(get("/api/v1/stats/mailboxes")).get(0);
    assertThat(listed.at("/inbound/follow_ups_waiting").asLong()).isEqualTo(2);

    // First emails are not held.
    String cyd = createPerson("cyd@third.example", "Cyd");
    enrollIn(campaign, cyd);
    runEngine();
    assertThat(allSentTo("cyd@third.example")).hasSize(1);

    // The engine asks again every minute; quiet for 15 minutes, then the alert.
    for (int minute = 1; minute <= 16; minute++) {
      clock.advance(Duration.ofMinutes(1));
      runEngine();
      app.alertEvaluator().evaluateAll();
      if (minute == 15) {
        assertThat(count("/api/v1/alerts?status=firing")).isZero();
      }
    }
    List<JsonNode> firing = items(get("/api/v1/alerts?status=firing"));
    assertThat(firing)
        .extracting(a -> a.get("key").asText())
        .containsExactly("follow_ups_waiting:mailbox=" + mailbox);
    assertThat(firing.get(0).get("message").asText())
        .contains("2 follow-up(s) have waited 16 minutes")
        .contains("login refused");
    assertThat(transport.messages()).as("still nothing sent blind").hasSize(3);

    Answer fixed =
        send(
            request("/api/v1/mailboxes/" + mailbox)
                .header("Content-Type", "application/json")
                .method(
                    "PATCH", body("{\"imap\": {\"password\": \"" + MailServer.PASSWORD + "\"}}")));
    assertThat(fixed.status()).as(fixed.raw().body()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    runEngine();

    onlyBobIsBumped(campaign);
    assertThat(
            get("/api/v1/mailboxes/" + mailbox).body().at("/inbound/follow_ups_waiting").asLong())
        .isZero();
    app.alertEvaluator().evaluateAll();
    assertThat(count("/api/v1/alerts?status=firing")).isZero();
  }

  @Test
  void an_answer_from_a_colleague_in_the_thread_stops_a_campaign_that_stops_on_company_replies() {
    String mailbox = mailbox(MailServer.PASSWORD);
    String campaign = campaign(mailbox, true);
    introsToAnnAndBob(campaign);
    // Ann forwarded it; her colleague, never emailed by us, answers in the thread.
    answered(
        "dee@acme.example", allSentTo("ann@acme.example").get(0), "", "Ann asked me to reply.");
    clock.advance(UNTIL_BUMP);

    runEngine();

    onlyBobIsBumped(campaign);
  }

  @Test
  void an_out_of_office_found_by_the_check_does_not_stop_the_follow_up() {
    String mailbox = mailbox(MailServer.PASSWORD);
    String campaign = campaign(mailbox, false);
    String ann = createPerson("ann@acme.example", "Ann");
    enrollIn(campaign, ann);
    runEngine();
    clock.advance(Duration.ofMinutes(3));
    answered(
        "ann@acme.example",
        allSentTo("ann@acme.example").get(0),
        "Auto-Submitted: auto-replied",
        "I am out of the office with limited access to email.");
    clock.advance(UNTIL_BUMP);

    runEngine();

    assertThat(enrollmentStatus(campaign, ann)).isEqualTo("completed");
    assertThat(allSentTo("ann@acme.example")).as("the auto-reply is no reply").hasSize(2);
    assertThat(
            com.campaignengine.testing.Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM email_replies WHERE is_auto_reply"))
        .as("recorded through the inbound pipeline")
        .isEqualTo(1);
  }

  @Test
  void a_mailbox_that_cannot_read_mail_sends_follow_ups_without_a_check() {
    String mailbox = mailbox(null);
    assertThat(get("/api/v1/mailboxes/" + mailbox).body().get("reply_detection").asText())
        .isEqualTo("none");
    String campaign = campaign(mailbox, false);
    String ann = createPerson("ann@acme.example", "Ann");
    enrollIn(campaign, ann);
    runEngine();
    clock.advance(Duration.ofMinutes(3));
    answered("ann@acme.example", allSentTo("ann@acme.example").get(0), "", "Yes, call me.");
    clock.advance(UNTIL_BUMP);

    runEngine();

    assertThat(allSentTo("ann@acme.example"))
        .as("no way to read the reply: the follow-up goes out, as documented")
        .hasSize(2);
    assertThat(
            get("/api/v1/mailboxes/" + mailbox).body().at("/inbound/follow_ups_waiting").asLong())
        .isZero();
  }
}
