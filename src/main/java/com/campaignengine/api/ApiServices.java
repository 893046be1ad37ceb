package com.campaignengine.api;

import com.campaignengine.app.AlertService;
import com.campaignengine.app.ApiKeys;
import com.campaignengine.app.AtsWebhooks;
import com.campaignengine.app.AuditLog;
import com.campaignengine.app.CampaignService;
import com.campaignengine.app.DeadLetterService;
import com.campaignengine.app.EngagementService;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.EventService;
import com.campaignengine.app.HolidayService;
import com.campaignengine.app.InboundWebhooks;
import com.campaignengine.app.MailboxConnect;
import com.campaignengine.app.MailboxService;
import com.campaignengine.app.OwnWorkspace;
import com.campaignengine.app.PeopleImport;
import com.campaignengine.app.PersonService;
import com.campaignengine.app.ReplyInbox;
import com.campaignengine.app.RetentionSettings;
import com.campaignengine.app.ServerAdmin;
import com.campaignengine.app.Simulator;
import com.campaignengine.app.StatsService;
import com.campaignengine.app.TaskList;
import com.campaignengine.app.TemplateReview;
import com.campaignengine.app.Users;
import com.campaignengine.app.WebhookService;
import com.campaignengine.app.Workspaces;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the HTTP API serves from, and nothing more: one service per group of routes, the
 * public base URL of links, the clock, and two handles for operators. The node that built them
 * stays out of sight.
 *
 * @param inboundWebhooks replies and bounces pushed by providers ({@code /api/v1/inbound/…})
 * @param outboundWebhooks subscriptions and deliveries ({@code /api/v1/webhooks})
 * @param engagement what tracking and unsubscribe links record ({@code /t/…}, {@code /u/…})
 * @param publicUrl the base of tracking and unsubscribe links, without a trailing slash
 * @param clock "now" of the node, for a simulation without a start
 * @param readiness why the node is not ready (database unreachable, migrations pending), or empty
 * @param metrics the node's metrics in Prometheus' text format
 * @param ownWorkspace the caller's workspace: its name, ownership and deletion
 * @param apiKeys the workspace's keys ({@code /api/v1/api-keys})
 * @param serverAdmin workspaces, opened by the server's admin key ({@code /api/v1/workspaces})
 * @param users the workspace's users, their invites and logins ({@code /api/v1/users}, {@code
 *     /invite/…}, {@code /oidc/…})
 * @param audit the workspace's audit log ({@code /api/v1/audit})
 * @param connect "Connect Gmail" / "Connect Microsoft 365" ({@code /api/v1/mailboxes/connect/…},
 *     {@code /oauth/…/callback})
 * @param events event rules and the events from the host application ({@code /api/v1/events},
 *     {@code /api/v1/event-rules})
 * @param ats the ATS webhooks and their settings ({@code /api/v1/ats/…}, {@code
 *     /api/v1/settings/ats})
 * @param replies the reply inbox ({@code /api/v1/replies})
 */
public record ApiServices(
    Workspaces workspaces,
    MailboxService mailboxes,
    PersonService people,
    PeopleImport peopleImport,
    CampaignService campaigns,
    HolidayService holidays,
    Simulator simulator,
    EnrollmentService enrollments,
    DeadLetterService deadLetters,
    StatsService stats,
    TemplateReview review,
    AlertService alerts,
    RetentionSettings retentionSettings,
    InboundWebhooks inboundWebhooks,
    WebhookService outboundWebhooks,
    EngagementService engagement,
    String publicUrl,
    Clock clock,
    Supplier<Optional<String>> readiness,
    Supplier<String> metrics,
    OwnWorkspace ownWorkspace,
    ApiKeys apiKeys,
    ServerAdmin serverAdmin,
    Users users,
    AuditLog audit,
    MailboxConnect connect,
    EventService events,
    AtsWebhooks ats,
    ReplyInbox replies,
    TaskList tasks) {}
