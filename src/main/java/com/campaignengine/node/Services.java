package com.campaignengine.node;

import com.campaignengine.api.ApiServices;
import com.campaignengine.app.AlertService;
import com.campaignengine.app.ApiKeys;
import com.campaignengine.app.AtsWebhooks;
import com.campaignengine.app.AuditLog;
import com.campaignengine.app.CachedCampaignCatalog;
import com.campaignengine.app.CampaignService;
import com.campaignengine.app.DeadLetterService;
import com.campaignengine.app.EngagementService;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.EventService;
import com.campaignengine.app.HolidayService;
import com.campaignengine.app.InboundWebhooks;
import com.campaignengine.app.MailboxConnect;
import com.campaignengine.app.MailboxService;
import com.campaignengine.app.OidcLogin;
import com.campaignengine.app.OwnWorkspace;
import com.campaignengine.app.Passwords;
import com.campaignengine.app.PeopleImport;
import com.campaignengine.app.PersonService;
import com.campaignengine.app.ReplyInbox;
import com.campaignengine.app.Retention;
import com.campaignengine.app.RetentionSettings;
import com.campaignengine.app.ServerAdmin;
import com.campaignengine.app.Simulator;
import com.campaignengine.app.StatsService;
import com.campaignengine.app.TaskList;
import com.campaignengine.app.TemplateReview;
import com.campaignengine.app.Users;
import com.campaignengine.app.VariantWinners;
import com.campaignengine.app.WebhookService;
import com.campaignengine.app.Workspaces;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.engine.EmailPreview;
import com.campaignengine.inbound.InboundIntake;
import com.campaignengine.inbound.InboundProcessor;
import com.campaignengine.inbound.PipelineIntake;
import com.campaignengine.inbound.ReplyModel;
import com.campaignengine.inbound.ReplyModelQueue;
import com.campaignengine.personalize.Personalizer;
import com.campaignengine.template.TemplateEngine;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The application services of a node on its {@link Adapters}, each built once. A campaign edited
 * here (or a holiday calendar, or an A/B winner chosen) makes this node's campaign cache forget it.
 */
final class Services {
  final TemplateEngine templates = new TemplateEngine();
  final CachedCampaignCatalog catalog;
  final Workspaces workspaces;
  final OwnWorkspace ownWorkspace;
  final Users users;
  final MailboxService mailboxes;
  final PersonService people;
  final PeopleImport peopleImport;
  final CampaignService campaigns;
  final HolidayService holidays;
  final Simulator simulator = new Simulator();
  final EnrollmentService enrollments;
  final DeadLetterService deadLetters;
  final StatsService stats;
  final TemplateReview review;
  final AlertService alerts;
  final Retention retention;
  final RetentionSettings retentionSettings;
  final VariantWinners variantWinners;
  final ReplyModelQueue replyModels;
  final InboundProcessor inboundProcessor;
  final InboundIntake inboundIntake;
  final InboundWebhooks inboundWebhooks;
  final WebhookService outboundWebhooks;
  final EngagementService engagement;
  final ApiKeys apiKeys;
  final ServerAdmin serverAdmin;
  final AuditLog audit;
  final ReplyInbox replies;
  final TaskList tasks;
  final MailboxConnect connect;
  final EventService events;
  final AtsWebhooks ats;
  private final String publicUrl;
  private final Clock clock;

  /**
   * @param softBounceResends what a soft bounce re-sends ({@code serve --soft-bounce-*})
   * @param inboundReads asked to read a mailbox's inbox at once when it is created or reconnected
   */
  Services(
      Adapters adapters,
      NodeSettings settings,
      SoftBounceResends softBounceResends,
      Clock clock,
      LongConsumer inboundReads,
      Personalizer model) {
    this.clock = clock;
    this.publicUrl = adapters.tracking.publicUrl();
    this.catalog = new CachedCampaignCatalog(adapters.campaigns);
    this.workspaces = new Workspaces(adapters.workspaces, clock);
    this.ownWorkspace = new OwnWorkspace(adapters.ownWorkspace, clock);
    this.users = users(adapters, settings.team(), clock);
    this.mailboxes =
        new MailboxService(
            adapters.mailboxes, adapters.mailboxSecrets, adapters.providers, clock, inboundReads);
    this.people = new PersonService(adapters.people, clock);
    this.peopleImport = new PeopleImport(people);
    this.campaigns =
        new CampaignService(
            adapters.campaigns,
            adapters.mailboxes,
            adapters.users,
            templates,
            clock,
            catalog::invalidate);
    this.holidays = new HolidayService(adapters.holidays, clock, catalog::invalidateAll);
    this.enrollments =
        new EnrollmentService(
            campaigns,
            adapters.mailboxes,
            adapters.people,
            adapters.enrollments,
            adapters.inbound,
            clock);
    this.deadLetters = new DeadLetterService(campaigns, adapters.deadLetters, clock);
    this.stats = new StatsService(campaigns, adapters.stats, clock);
    this.review =
        new TemplateReview(
            campaigns,
            people,
            enrollments,
            adapters.mailboxes,
            new EmailPreview(templates, adapters.tracking),
            clock);
    this.alerts = new AlertService(adapters.alerts);
    this.retention = new Retention(adapters.retention, clock);
    this.retentionSettings = new RetentionSettings(adapters.retention, retention, clock);
    this.variantWinners = new VariantWinners(adapters.variants, clock, catalog::invalidate);
    this.replyModels =
        new ReplyModelQueue(
            new ReplyModel(
                new ReplyModel.Settings(
                    model,
                    adapters.personalization,
                    adapters.replies,
                    settings.ai().dailyBudget())));
    this.inboundProcessor =
        new InboundProcessor(adapters.inbound, clock, softBounceResends, replyModels);
    this.inboundIntake = new PipelineIntake(adapters.inbound, inboundProcessor, clock);
    this.inboundWebhooks =
        new InboundWebhooks(
            inboundProcessor,
            adapters.inbound,
            settings.secrets().webhookSecret(),
            settings.secrets().resendWebhookSecret(),
            clock);
    this.outboundWebhooks =
        new WebhookService(
            adapters.webhooks, adapters.secretBox, clock, settings.webhookDestinations());
    this.engagement = new EngagementService(adapters.inbound, adapters.tracking.tokens(), clock);
    this.apiKeys = new ApiKeys(adapters.apiKeys, clock);
    this.serverAdmin = new ServerAdmin(adapters.workspaces, settings.secrets().adminKey(), clock);
    this.audit = new AuditLog(adapters.audit);
    this.replies = new ReplyInbox(adapters.replies, clock);
    this.tasks = new TaskList(adapters.tasks, adapters.users, clock);
    this.connect =
        new MailboxConnect(
            ConnectClients.settings(settings.oauth(), settings.endpoints(), publicUrl),
            adapters.mailboxConnects,
            mailboxes,
            users,
            clock);
    this.events =
        new EventService(
            adapters.events, people, campaigns, enrollments, adapters.enrollments, clock);
    this.ats = new AtsWebhooks(adapters.events, events, adapters.secretBox, clock);
  }

  private Users users(Adapters adapters, TeamSettings team, Clock clock) {
    OidcLogin oidc =
        team.oidcEnabled()
            ? new OidcLogin(
                new OidcLogin.Settings(
                    team.oidcIssuer(),
                    team.oidcClientId(),
                    team.oidcClientSecret(),
                    publicUrl + "/oidc/callback"),
                adapters.users,
                clock)
            : null;
    return new Users(adapters.users, clock, new Passwords(team.passwordCost()), publicUrl, oidc);
  }

  /** What the HTTP API serves from, with the operators' two handles. */
  ApiServices api(Supplier<Optional<String>> readiness, Supplier<String> metrics) {
    return new ApiServices(
        workspaces,
        mailboxes,
        people,
        peopleImport,
        campaigns,
        holidays,
        simulator,
        enrollments,
        deadLetters,
        stats,
        review,
        alerts,
        retentionSettings,
        inboundWebhooks,
        outboundWebhooks,
        engagement,
        publicUrl,
        clock,
        readiness,
        metrics,
        ownWorkspace,
        apiKeys,
        serverAdmin,
        users,
        audit,
        connect,
        events,
        ats,
        replies,
        tasks);
  }
}
