package com.campaignengine.demo;

import com.campaignengine.api.ApiServices;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.engine.Engine;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.mail.outbox.OutboxTransport;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.EnrollmentView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a seven-step recruiting campaign for 25 people on a fresh database, through the engine's own
 * code path, on a simulated clock: the engine runs everything due, then the clock jumps to the next
 * due execution. Three candidates reply after the first email; their sequences stop.
 */
public final class DemoScenario {
  /** Thursday 5 March 2026, 14:00 UTC: the run crosses a weekend and the US switch to DST. */
  static final Instant START = Instant.parse("2026-03-05T14:00:00Z");

  private static final int MAX_TURNS = 10_000;
  private static final List<Integer> REPLIERS = List.of(0, 7, 17);

  /** What the run produced, for the caller and for tests. */
  public record Outcome(
      CampaignStats stats, Map<String, Long> enrollments, long emlFiles, Path outbox) {}

  private final PrintStream out;

  public DemoScenario(PrintStream out) {
    this.out = out;
  }

  public Outcome run(Path databaseDir, Path outboxDir, String databaseUrl) {
    SimulatedClock clock = new SimulatedClock(START);
    OutboxTransport outbox = new OutboxTransport(outboxDir);
    NodeOptions options =
        NodeOptions.withEnvironment(
            new StorageSettings(databaseDir, databaseUrl, false),
            EngineConfig.builder().nodeId("demo").workers(1).build(),
            false);
    Collaborators parts = new Collaborators(clock, mailbox -> outbox, EngineListener.NONE, null);
    try (Node node = Node.open(options, parts)) {
      ApiServices services = node.api();
      long workspace = workspace(services);
      Mailbox mailbox =
          services
              .mailboxes()
              .create(
                  workspace,
                  MailboxDraft.outbox("ada@analytical-engines.example", "Ada Lovelace", 500));
      Campaign campaign = services.campaigns().create(workspace, DemoData.campaign(mailbox.id()));
      services.campaigns().activate(workspace, campaign.id());
      List<Long> ids = new ArrayList<>();
      for (PersonDraft draft : DemoData.people()) {
        ids.add(services.people().create(workspace, draft).id());
      }
      EnrollmentService.Result enrolled =
          services.enrollments().enroll(workspace, campaign.id(), ids);
      out.printf(
          "Enrolled %d people in \"%s\" (%d steps), starting %s%n",
          enrolled.enrolled(), campaign.name(), campaign.steps().current().size(), START);
      runToEnd(services, node.engine(), clock, workspace, campaign, ids);
      CampaignStats stats = services.stats().campaignStats(workspace, campaign.id());
      new DemoReport(out).print(campaign, stats, outbox.directory());
      return new Outcome(
          stats,
          stats.enrollmentsByStatus(),
          DemoReport.countEml(outbox.directory()),
          outbox.directory());
    }
  }

  private static long workspace(ApiServices services) {
    String key = services.workspaces().createFirstWorkspace(null).orElseThrow();
    return services.workspaces().authenticate(key).orElseThrow();
  }

  private void runToEnd(
      ApiServices services,
      Engine engine,
      SimulatedClock clock,
      long workspace,
      Campaign campaign,
      List<Long> people) {
    boolean replied = false;
    for (int turn = 0; turn < MAX_TURNS; turn++) {
      engine.runUntilIdle();
      if (!replied && everyoneGotTheIntro(services, workspace, campaign)) {
        recordReplies(services, workspace, campaign, people);
        replied = true;
      }
      var next = engine.nextDueAt();
      if (next.isEmpty()) {
        out.printf("Sequence finished at %s (simulated)%n", clock.instant());
        return;
      }
      clock.advanceTo(next.get());
    }
    throw new IllegalStateException("demo did not finish in " + MAX_TURNS + " turns");
  }

  private static boolean everyoneGotTheIntro(
      ApiServices services, long workspace, Campaign campaign) {
    return services.stats().campaignStats(workspace, campaign.id()).steps().get(0).sent() >= 25;
  }

  private void recordReplies(
      ApiServices services, long workspace, Campaign campaign, List<Long> people) {
    List<EnrollmentView> enrollments =
        services.enrollments().list(workspace, campaign.id(), null, 0, 100).items();
    for (int index : REPLIERS) {
      long personId = people.get(index);
      EnrollmentView enrollment =
          enrollments.stream().filter(e -> e.personId() == personId).findFirst().orElseThrow();
      Person person = services.people().get(workspace, personId);
      services
          .enrollments()
          .recordReply(
              workspace,
              enrollment.id(),
              person.emailAddress(),
              "Re: Quick question, " + person.firstName());
      out.printf(
          "  %s replied (enrollment %d) -> sequence stops%n",
          person.emailAddress(), enrollment.id());
    }
  }
}
