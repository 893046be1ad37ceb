package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.CountingProxy;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Mailboxes;
import com.campaignengine.testing.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not part of the suite (its name does not end in Test): measures what the check before a follow-up
 * costs, against GreenMail on this machine. Two campaigns email the same 1,000 people from the same
 * SMTP account, an intro then a bump an hour later; one mailbox reads its inbox over IMAP (through
 * a proxy that counts the commands), the other has no way to read mail, so its bumps go out
 * unchecked. 100 people reply before the bumps. Prints the IMAP commands per 1,000 follow-ups and
 * the bump rate of each; asserts only who got a bump.
 *
 * <p>Run: {@code mvn -B -o test -Dtest=ReplyCheckCost -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReplyCheckCost extends AppTestSupport {
  private static final String SENDER = "cost@recruit.example";
  private static final int PEOPLE = 1_000;
  private static final int REPLIERS = 100;

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "cost");

  ReplyCheckCost() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  private static Map<String, Object> section(int port) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", "127.0.0.1");
    values.put("port", port);
    values.put("username", "cost");
    values.put("security", "none");
    return values;
  }

  private Campaign campaign(String name, Mailbox mailbox, int waitMinutes) {
    return scenario.activeCampaign(
        aCampaign()
            .named(name)
            .sendingFrom(mailbox.id())
            .withSteps(
                anEmailStep("intro"),
                aWait("w", waitMinutes, WaitUnit.MINUTES),
                anEmailStep("bump")));
  }

  private long sent(Campaign campaign) {
    return Sql.count(
        url,
        "SELECT count(*) FROM email_sends WHERE status = 'sent' AND campaign_id = "
            + campaign.id());
  }

  @Test
  void measure() throws Exception {
    try (CountingProxy imap = CountingProxy.to(MAIL.getImap().getPort())) {
      Mailbox reading =
          scenario.mailbox(
              Mailboxes.anSmtpMailbox(SENDER)
                  .named("Reads")
                  .dailyLimit(10_000)
                  .with("smtp", section(MAIL.getSmtp().getPort()))
                  .secret("smtp.password", MailServer.PASSWORD)
                  .with("imap", section(imap.port()))
                  .secret("imap.password", MailServer.PASSWORD));
      Mailbox blind =
          scenario.mailbox(
              Mailboxes.anSmtpMailbox("cost.blind@recruit.example")
                  .named("Blind")
                  .dailyLimit(10_000)
                  .with("smtp", section(MAIL.getSmtp().getPort()))
                  .secret("smtp.password", MailServer.PASSWORD));
      // The unchecked bumps are due first, then the checked ones: each batch is timed alone.
      Campaign unchecked = campaign("unchecked", blind, 60);
      Campaign checked = campaign("checked", reading, 120);
      List<Long> people = scenario.people(PEOPLE);
      scenario.enroll(checked, people);
      scenario.enroll(unchecked, people);
      app.engine().runUntilIdle();
      assertThat(sent(checked) + sent(unchecked)).isEqualTo(2L * PEOPLE);
      for (int i = 0; i < REPLIERS; i++) {
        MAIL.deliverToUser(
            """
            From: person%d@example.org
            To: %s
            Subject: Re: hello
            Message-ID: <cost-reply-%d@example.org>

            Thanks, let's talk.
            """
                .formatted(i * 10, SENDER, i),
            clock.instant().plusSeconds(60));
      }
      clock.advance(Duration.ofMinutes(61));
      long started = System.nanoTime();
      app.engine().runUntilIdle();
      double uncheckedSeconds = (System.nanoTime() - started) / 1e9;

      clock.advance(Duration.ofMinutes(60));
      long commandsBefore = commands(imap.sent());
      int connectionsBefore = imap.connections();
      started = System.nanoTime();
      app.engine().runUntilIdle();
      double checkedSeconds = (System.nanoTime() - started) / 1e9;
      long commands = commands(imap.sent()) - commandsBefore;

      long checkedBumps = sent(checked) - PEOPLE;
      long uncheckedBumps = sent(unchecked) - PEOPLE;
      assertThat(uncheckedBumps).isEqualTo(PEOPLE);
      assertThat(checkedBumps).isEqualTo(PEOPLE - REPLIERS);
      System.out.printf(
          "reply check cost: %d follow-ups checked, %d IMAP commands (%.1f per 1,000 follow-ups),"
              + " %d new IMAP connection(s)%n",
          PEOPLE, commands, commands * 1000.0 / PEOPLE, imap.connections() - connectionsBefore);
      System.out.printf(
          "without the check: %d bumps in %.2f s (%.0f/s); with it: %d bumps, %d replies found,"
              + " in %.2f s (%.0f follow-ups/s)%n",
          uncheckedBumps,
          uncheckedSeconds,
          uncheckedBumps / uncheckedSeconds,
          checkedBumps,
          PEOPLE - checkedBumps,
          checkedSeconds,
          PEOPLE / checkedSeconds);
      System.out.println("IMAP commands by verb: " + verbs(imap.sent(), commandsBefore));
    }
  }

  /** Tagged client commands ({@code B12 UID SEARCH …}; Angus tags each connection A, B, …). */
  private static final Pattern COMMAND = Pattern.compile("(?m)^[A-Z]+\\d+ (\\S+(?: \\S+)?)");

  private static long commands(String sent) {
    return COMMAND.matcher(sent).results().count();
  }

  private static Map<String, Integer> verbs(String sent, long skip) {
    Map<String, Integer> verbs = new LinkedHashMap<>();
    Matcher m = COMMAND.matcher(sent);
    long n = 0;
    while (m.find()) {
      if (n++ < skip) {
        continue;
      }
      String verb = m.group(1).toUpperCase(java.util.Locale.ROOT);
      verb = verb.startsWith("UID ") ? verb : verb.split(" ")[0];
      verbs.merge(verb, 1, Integer::sum);
    }
    return verbs;
  }
}
