package com.campaignengine.node;

import com.campaignengine.app.MailboxSecrets;
import com.campaignengine.mail.outbox.OutboxTransport;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretKeys;
import com.campaignengine.store.Wakeups;
import com.campaignengine.store.postgres.Database;
import com.campaignengine.store.postgres.PostgresAlertReadings;
import com.campaignengine.store.postgres.PostgresAlertStore;
import com.campaignengine.store.postgres.PostgresApiKeyStore;
import com.campaignengine.store.postgres.PostgresAuditStore;
import com.campaignengine.store.postgres.PostgresCampaignStore;
import com.campaignengine.store.postgres.PostgresCheckpointStore;
import com.campaignengine.store.postgres.PostgresDeadLetterStore;
import com.campaignengine.store.postgres.PostgresEnrollmentStore;
import com.campaignengine.store.postgres.PostgresEventStore;
import com.campaignengine.store.postgres.PostgresExecutionStore;
import com.campaignengine.store.postgres.PostgresHolidayStore;
import com.campaignengine.store.postgres.PostgresInboundStore;
import com.campaignengine.store.postgres.PostgresKeyFingerprintStore;
import com.campaignengine.store.postgres.PostgresMailboxConnectStore;
import com.campaignengine.store.postgres.PostgresMailboxStore;
import com.campaignengine.store.postgres.PostgresOwnWorkspaceStore;
import com.campaignengine.store.postgres.PostgresPersonStore;
import com.campaignengine.store.postgres.PostgresPersonalizationStore;
import com.campaignengine.store.postgres.PostgresReplyCheckHolds;
import com.campaignengine.store.postgres.PostgresReplyStore;
import com.campaignengine.store.postgres.PostgresRetentionStore;
import com.campaignengine.store.postgres.PostgresStatsStore;
import com.campaignengine.store.postgres.PostgresTaskStore;
import com.campaignengine.store.postgres.PostgresUserStore;
import com.campaignengine.store.postgres.PostgresVariantStore;
import com.campaignengine.store.postgres.PostgresWakeups;
import com.campaignengine.store.postgres.PostgresWebhookStore;
import com.campaignengine.store.postgres.PostgresWorkspaceStore;
import com.campaignengine.tracking.Tracking;
import com.campaignengine.tracking.TrackingTokens;

/**
 * Every adapter of a node, each built exactly once here: the PostgreSQL stores, the engine's
 * wake-ups, the sealed-secret box, the public links, and the providers' transports and inbound
 * sources. Closing it closes the providers' connections; the database is closed by its owner.
 */
final class Adapters implements AutoCloseable {
  final PostgresWorkspaceStore workspaces;
  final PostgresOwnWorkspaceStore ownWorkspace;
  final PostgresApiKeyStore apiKeys;
  final PostgresUserStore users;
  final PostgresCampaignStore campaigns;
  final PostgresMailboxStore mailboxes;
  final PostgresMailboxConnectStore mailboxConnects;
  final PostgresPersonStore people;
  final PostgresEnrollmentStore enrollments;
  final PostgresInboundStore inbound;
  final PostgresCheckpointStore checkpoints;
  final PostgresReplyCheckHolds replyCheckHolds;
  final PostgresStatsStore stats;
  final PostgresDeadLetterStore deadLetters;
  final PostgresExecutionStore executions;
  final PostgresPersonalizationStore personalization;
  final PostgresRetentionStore retention;
  final PostgresAuditStore audit;
  final PostgresReplyStore replies;
  final PostgresTaskStore tasks;
  final PostgresHolidayStore holidays;
  final PostgresVariantStore variants;
  final PostgresAlertStore alerts;
  final PostgresAlertReadings alertReadings;
  final PostgresWebhookStore webhooks;
  final PostgresEventStore events;
  final Wakeups wakeups;
  final SecretBox secretBox;
  final MailboxSecrets mailboxSecrets;
  final Tracking tracking;
  final ProviderTransports providers;
  final ProviderInboundSources inboundSources;

  Adapters(Database database, NodeOptions options) {
    StorageSettings storage = options.storage();
    NodeSettings settings = options.settings();
    this.workspaces = new PostgresWorkspaceStore(database);
    this.ownWorkspace = new PostgresOwnWorkspaceStore(database);
    this.apiKeys = new PostgresApiKeyStore(database);
    this.users = new PostgresUserStore(database);
    this.campaigns = new PostgresCampaignStore(database);
    this.mailboxes = new PostgresMailboxStore(database);
    this.mailboxConnects = new PostgresMailboxConnectStore(database);
    this.people = new PostgresPersonStore(database);
    this.enrollments = new PostgresEnrollmentStore(database);
    this.inbound = new PostgresInboundStore(database);
    this.checkpoints = new PostgresCheckpointStore(database);
    this.replyCheckHolds = new PostgresReplyCheckHolds(database);
    this.stats = new PostgresStatsStore(database);
    this.deadLetters = new PostgresDeadLetterStore(database);
    this.executions = new PostgresExecutionStore(database);
    this.personalization = new PostgresPersonalizationStore(database);
    this.retention = new PostgresRetentionStore(database);
    this.audit = new PostgresAuditStore(database);
    this.replies = new PostgresReplyStore(database);
    this.tasks = new PostgresTaskStore(database);
    this.holidays = new PostgresHolidayStore(database);
    this.variants = new PostgresVariantStore(database);
    this.alerts = new PostgresAlertStore(database);
    this.alertReadings = new PostgresAlertReadings(database);
    this.webhooks = new PostgresWebhookStore(database);
    this.events = new PostgresEventStore(database);
    this.wakeups = options.listen() ? new PostgresWakeups(database) : Wakeups.NONE;
    byte[] secretKey = SecretKeys.load(settings.secrets().secretKey(), storage.dataDir());
    this.secretBox = new SecretBox(secretKey);
    SecretKeyCheck.verify(
        new PostgresKeyFingerprintStore(database), secretBox, secretKey, keySource(options));
    this.mailboxSecrets = new MailboxSecrets(mailboxes, secretBox);
    this.tracking =
        new Tracking(
            settings.publicUrl(), new TrackingTokens(SecretKeys.derive(secretKey, "tracking")));
    ProviderSettings providerSettings = new ProviderSettings(settings.endpoints());
    this.providers =
        new ProviderTransports(
            new OutboxTransport(storage.dataDir().resolve("outbox")),
            mailboxSecrets::open,
            providerSettings,
            mailboxSecrets::replace);
    this.inboundSources =
        new ProviderInboundSources(providerSettings, mailboxSecrets::open, mailboxSecrets::replace);
  }

  private static String keySource(NodeOptions options) {
    String fromEnvironment = options.settings().secrets().secretKey();
    return fromEnvironment != null && !fromEnvironment.isBlank()
        ? "CAMPAIGN_ENGINE_SECRET_KEY"
        : options.storage().dataDir().resolve(SecretKeys.FILE_NAME).toString();
  }

  /** Closes the inboxes that are read, then the transports' connections. */
  @Override
  public void close() {
    inboundSources.close();
    providers.close();
  }
}
