package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.api.ApiServer;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Sql;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a real SMTP and IMAP server: replies, a colleague's reply, an out-of-office, a bounce and a
 * one-click unsubscribe each do what a recruiter expects, read from the sender's own inbox.
 */
class ClosingTheLoopTest extends AppTestSupport {
  private static final String SENDER = "ada.smtp@recruit.example";

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "ada");

  ClosingTheLoopTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  private Mailbox mailbox() {
    return scenario.mailbox(MAIL.mailbox().named("Ada"));
  }

  private long person(String email, String company, String domain) {
    return app.people
        .create(
            scenario.workspace,
            new PersonDraft(
                email,
                email.substring(0, email.indexOf('@')),
                null,
                null,
                null,
                new Company(null, company, domain),
                Map.of()))
        .id();
  }

  private MimeMessage receivedBy(String address) throws Exception {
    return Arrays.stream(MAIL.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().contains(address);
              } catch (Exception e) {
                return false;
              }
            })
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  /** What the engine sent (the sender's own inbox holds the replies delivered by this test). */
  private static List<MimeMessage> sentByEngine() {
    return Arrays.stream(MAIL.getReceivedMessages())
        .filter(
            m -> {
              try {
                return !m.getAllRecipients()[0].toString().contains(SENDER);
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private String status(Campaign campaign, long personId) {
    List<EnrollmentView> items =
        app.enrollments.list(scenario.workspace, campaign.id(), null, 0, 50).items();
    return items.stream()
        .filter(e -> e.personId() == personId)
        .findFirst()
        .orElseThrow()
        .status()
        .wireName();
  }

  @Test
  void replies_company_replies_out_of_office_bounces_and_unsubscribes_close_the_loop()
      throws Exception {
    Mailbox mailbox = mailbox();
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("loop")
                .sendingFrom(mailbox.id())
                .stoppingOnCompanyReplies()
                .withSteps(
                    anEmailStep("intro"),
                    aWait("pause", 2 * 24 * 60, WaitUnit.MINUTES),
                    anEmailStep("bump")));
    long grace = person("grace@navy.example", "Navy Labs", "navy.example");
    long hedy = person("hedy@navy.example", "Navy Labs", "navy.example");
    long linus = person("linus@kernel.example", "Kernel", "kernel.example");
    long barbara = person("barbara@mit.example", "MIT", "mit.example");
    long bob = person("bob@gone.example", "Gone", "gone.example");
    app.enrollments.enroll(
        scenario.workspace, campaign.id(), List.of(grace, hedy, linus, barbara, bob));

    app.engine().runUntilIdle();
    assertThat(sentByEngine()).hasSize(5);
    assertThat(app.inbound().pollOnce()).as("the first read starts from now").isZero();

    // Grace replies in the thread; Linus is away; Bob's address bounces.
    MimeMessage introToGrace = receivedBy("grace@navy.example");
    MAIL.deliverToUser(
        """
        From: Grace <grace@navy.example>
        To: Ada <ada.smtp@recruit.example>
        Subject: Re: %s
        Message-ID: <reply-1@navy.example>
        In-Reply-To: %s
        References: %s
        Date: Mon, 9 Mar 2026 15:00:00 +0000

        Sounds interesting, let's talk on Thursday.
        """
            .formatted(
                introToGrace.getSubject(),
                introToGrace.getMessageID(),
                introToGrace.getMessageID()));
    MimeMessage introToLinus = receivedBy("linus@kernel.example");
    MAIL.deliverToUser(
        """
        From: Linus <linus@kernel.example>
        To: ada.smtp@recruit.example
        Subject: Automatic reply: %s
        Auto-Submitted: auto-replied
        Message-ID: <ooo-1@kernel.example>
        In-Reply-To: %s
        Date: Mon, 9 Mar 2026 15:01:00 +0000

        I am out of the office until March 20, 2026 with limited access to email.
        """
            .formatted(introToLinus.getSubject(), introToLinus.getMessageID()));
    MimeMessage introToBob = receivedBy("bob@gone.example");
    MAIL.deliverToUser(
        """
        From: Mail Delivery System <MAILER-DAEMON@mx.gone.example>
        To: ada.smtp@recruit.example
        Subject: Undelivered Mail Returned to Sender
        Auto-Submitted: auto-replied
        Message-ID: <dsn-1@mx.gone.example>
        Date: Mon, 9 Mar 2026 15:02:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        Your message could not be delivered.
        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.gone.example

        Final-Recipient: rfc822; bob@gone.example
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --B
        Content-Type: text/rfc822-headers

        Message-ID: %s
        From: ada@recruit.example
        To: bob@gone.example
        Subject: hello

        --B--
        """
            .formatted(introToBob.getMessageID()));

    // Noise that must be skipped without stopping the loop: a stranger's mail, broken MIME,
    // a report for a Message-ID we never sent.
    MAIL.deliverToUser(
        """
        From: someone@else.example
        To: ada.smtp@recruit.example
        Subject: Unrelated
        Message-ID: <noise-1@else.example>

        Hello there.
        """);
    MAIL.deliverToUser(
        """
        From: broken@else.example
        Content-Type: multipart/mixed; boundary="never-closed"
        Subject: =?utf-8?B?broken

        --never-closed
        Content-Type: text/plain
        """);
    MAIL.deliverToUser(
        """
        From: MAILER-DAEMON@mx.other.example
        To: ada.smtp@recruit.example
        Subject: Undelivered Mail
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="C"

        --C
        Content-Type: message/delivery-status

        Final-Recipient: rfc822; nobody@other.example
        Action: failed
        Status: 5.1.1

        --C--
        """);

    assertThat(app.inbound().pollOnce()).isEqualTo(6);

    assertThat(status(campaign, grace)).isEqualTo("replied");
    assertThat(status(campaign, hedy)).as("a colleague replied").isEqualTo("stopped");
    assertThat(status(campaign, linus))
        .as("out of office: paused, not stopped")
        .isEqualTo("paused");
    assertThat(status(campaign, bob)).isEqualTo("bounced");
    assertThat(Sql.count(url, "SELECT count(*) FROM suppressions WHERE email = 'bob@gone.example'"))
        .isEqualTo(1);
    assertThat(app.inbound().pollOnce()).as("each message is read once").isZero();

    // Two days later only Barbara is still in the sequence.
    clock.advance(Duration.ofDays(2));
    app.engine().runUntilIdle();
    assertThat(sentByEngine()).hasSize(6);
    MimeMessage bumpToBarbara = receivedBy("barbara@mit.example");
    assertThat(bumpToBarbara.getHeader("List-Unsubscribe-Post")).isNull(); // http public URL
    String listUnsubscribe = bumpToBarbara.getHeader("List-Unsubscribe")[0];
    assertThat(listUnsubscribe).contains("/u/").contains("mailto:" + SENDER);

    // Barbara clicks one-click unsubscribe (an RFC 8058 POST to the URL in the header).
    String path =
        listUnsubscribe.substring(listUnsubscribe.indexOf("/u/"), listUnsubscribe.indexOf('>'));
    try (ApiServer server = new ApiServer(app.api(), 0)) {
      server.start();
      HttpResponse<String> forged = post(server, "/u/" + "A".repeat(43));
      assertThat(forged.statusCode()).isEqualTo(404);
      HttpResponse<String> page = get(server, path);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("form");
      HttpResponse<String> done = post(server, path);
      assertThat(done.statusCode()).isEqualTo(200);
    }
    assertThat(
            Sql.count(
                url,
                "SELECT count(*) FROM suppressions WHERE email = 'barbara@mit.example'"
                    + " AND reason = 'unsubscribed'"))
        .isEqualTo(1);
    assertThat(status(campaign, barbara)).isEqualTo("completed");
    Campaign another =
        scenario.activeCampaign(
            aCampaign().named("next").sendingFrom(mailbox.id()).withSteps(anEmailStep("hello")));
    assertThat(
            app.enrollments
                .enroll(scenario.workspace, another.id(), List.of(barbara, bob))
                .skipped())
        .extracting(skip -> skip.reason())
        .containsExactlyInAnyOrder("suppressed_unsubscribed", "suppressed_bounced");

    // Linus is back on March 21: his bump goes out then, not before.
    clock.set(Instant.parse("2026-03-20T12:00:00Z"));
    app.engine().runUntilIdle();
    assertThat(sentByEngine()).hasSize(6);
    clock.set(Instant.parse("2026-03-21T00:00:01Z"));
    app.engine().runUntilIdle();
    assertThat(status(campaign, linus)).isEqualTo("completed");
    assertThat(sentByEngine()).hasSize(7);
  }

  private static HttpResponse<String> get(ApiServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(ApiServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
