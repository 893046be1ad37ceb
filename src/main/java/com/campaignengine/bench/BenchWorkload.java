package com.campaignengine.bench;

import com.campaignengine.api.ApiServices;
import com.campaignengine.app.PersonService;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignSettings;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.SendingPolicy;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.WaitUnit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the bench runs: a workspace with enough outbox mailboxes, the three-step campaign (wait 0,
 * wait 0, email), active, and the people to enroll in it.
 */
record BenchWorkload(long workspace, long campaignId, List<Long> people) {
  /** The highest daily cap a mailbox may have. */
  private static final int MAILBOX_CAP = 100_000;

  private static final int PEOPLE_CHUNK = 10_000;

  static BenchWorkload create(
      ApiServices services, Benchmark.Settings settings, String transport, PrintStream out) {
    long workspace =
        services
            .workspaces()
            .authenticate(services.workspaces().createWorkspace("bench"))
            .orElseThrow();
    List<Long> mailboxIds = new ArrayList<>();
    // The daily caps must not be what the bench measures: enough mailboxes for every email,
    // and room left for the idle probes after the run.
    int mailboxes = Math.max(settings.mailboxes(), settings.enrollments() / MAILBOX_CAP + 1);
    for (int i = 0; i < mailboxes; i++) {
      Mailbox mailbox =
          services
              .mailboxes()
              .create(
                  workspace,
                  MailboxDraft.outbox(
                      "bench-" + i + "-" + System.nanoTime() + "@bench.example",
                      "Bench",
                      MAILBOX_CAP));
      mailboxIds.add(mailbox.id());
    }
    out.printf("Sending through %s from %d mailbox(es)%n", transport, mailboxIds.size());
    Campaign campaign =
        services
            .campaigns()
            .create(workspace, campaign(mailboxIds, settings.aiLatencyMillis() > 0));
    services.campaigns().activate(workspace, campaign.id());
    out.printf("Creating %,d people…%n", settings.enrollments());
    List<Long> people = createPeople(services.people(), workspace, settings.enrollments());
    return new BenchWorkload(workspace, campaign.id(), people);
  }

  /** Saved in chunks, then read back in id order. */
  private static List<Long> createPeople(PersonService people, long workspace, int count) {
    String run = Long.toString(System.nanoTime(), 36);
    for (int from = 0; from < count; from += PEOPLE_CHUNK) {
      List<PersonDraft> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + PEOPLE_CHUNK); i++) {
        chunk.add(
            new PersonDraft(
                "p" + i + "." + run + "@bench.example",
                "Person" + i,
                null,
                null,
                null,
                null,
                Map.of()));
      }
      people.saveAll(workspace, chunk);
    }
    List<Long> ids = new ArrayList<>(count);
    long after = 0;
    while (true) {
      List<Person> page = people.list(workspace, null, after, PEOPLE_CHUNK).items();
      if (page.isEmpty()) {
        return ids;
      }
      page.forEach(p -> ids.add(p.id()));
      after = page.get(page.size() - 1).id();
    }
  }

  private static CampaignDraft campaign(List<Long> mailboxIds, boolean ai) {
    return new CampaignDraft(
        "bench",
        new CampaignSettings(true, false, false, false, false, false),
        new SendingPolicy(
            mailboxIds,
            null,
            SendingWindow.ALWAYS,
            Holidays.NONE,
            SendingPolicy.DEFAULT_MAX_ATTEMPTS),
        List.of(
            waitNoTime("w1"),
            waitNoTime("w2"),
            StepDraft.ofEmail(
                "hello",
                new Step.EmailContent(
                    "Hello {{first_name}}",
                    "Hi {{first_name}}, this is a benchmark.",
                    null,
                    false,
                    ai ? new Step.AiSpec("Make it personal.", 60, Map.of()) : null))));
  }

  /** A wait of zero minutes: due at once, so the bench measures the engine, not the clock. */
  private static StepDraft waitNoTime(String key) {
    return StepDraft.ofWait(key, new Step.WaitSpec(0, WaitUnit.MINUTES, false));
  }
}
