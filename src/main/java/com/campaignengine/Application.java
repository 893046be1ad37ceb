package com.campaignengine;

import com.campaignengine.alerts.AlertEvaluator;
import com.campaignengine.alerts.AlertSettings;
import com.campaignengine.app.AlertService;
import com.campaignengine.app.CachedCampaignCatalog;
import com.campaignengine.app.CampaignService;
import com.campaignengine.app.DeadLetterService;
import com.campaignengine.app.EngagementService;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.InboundWebhooks;
import com.campaignengine.app.MailboxSecrets;
import com.campaignengine.app.MailboxService;
import com.campaignengine.app.PeopleImport;
import com.campaignengine.app.PersonService;
import com.campaignengine.app.Simulator;
import com.campaignengine.app.StatsService;
import com.campaignengine.app.TemplateReview;
import com.campaignengine.app.WebhookService;
import com.campaignengine.app.Workspaces;
import com.campaignengine.engine.EmailPreview;
import com.campaignengine.engine.Engine;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineDependencies;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.engine.Personalization;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.inbound.IdleWatchers;
import com.campaignengine.inbound.InboundPoller;
import com.campaignengine.inbound.InboundProcessor;
import com.campaignengine.mail.outbox.OutboxTransport;
import com.campaignengine.metrics.EngineMetrics;
import com.campaignengine.metrics.QueueGauges;
import com.campaignengine.metrics.WebhookMetrics;
import com.campaignengine.personalize.Personalizer;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretKeys;
import com.campaignengine.store.Wakeups;
import com.campaignengine.store.postgres.Database;
import com.campaignengine.store.postgres.DatabaseUrls;
import com.campaignengine.store.postgres.EmbeddedPostgresServer;
import com.campaignengine.store.postgres.PostgresAlertReadings;
import com.campaignengine.store.postgres.PostgresAlertStore;
import com.campaignengine.store.postgres.PostgresCampaignStore;
import com.campaignengine.store.postgres.PostgresCheckpointStore;
import com.campaignengine.store.postgres.PostgresDeadLetterStore;
import com.campaignengine.store.postgres.PostgresEnrollmentStore;
import com.campaignengine.store.postgres.PostgresExecutionStore;
import com.campaignengine.store.postgres.PostgresInboundStore;
import com.campaignengine.store.postgres.PostgresMailboxStore;
import com.campaignengine.store.postgres.PostgresPersonStore;
import com.campaignengine.store.postgres.PostgresPersonalizationStore;
import com.campaignengine.store.postgres.PostgresStatsStore;
import com.campaignengine.store.postgres.PostgresWakeups;
import com.campaignengine.store.postgres.PostgresWebhookStore;
import com.campaignengine.store.postgres.PostgresWorkspaceStore;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.tracking.Tracking;
import com.campaignengine.tracking.TrackingTokens;
import com.campaignengine.webhooks.WebhookDispatcher;
import com.campaignengine.webhooks.WebhookListener;
import com.campaignengine.webhooks.WebhookSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one node runs, wired by hand: the database (embedded or external), stores, application
 * services and the engine. Closing it stops the engine, then the database.
 */
public final class Application implements AutoCloseable {

  /**
   * How to build the application. {@code transports} null means: by mailbox provider. The rest
   * comes from the environment unless given ({@link Settings}).
   */
  public record Options(
      Path dataDir,
      String databaseUrl,
      boolean durableEmbedded,
      Clock clock,
      EngineConfig engineConfig,
      TransportResolver transports,
      EngineListener listener,
      boolean listen,
      Settings settings) {

    /** Options with every {@link Settings} value from the environment. */
    public Options(
        Path dataDir,
        String databaseUrl,
        boolean durableEmbedded,
        Clock clock,
        EngineConfig engineConfig,
        TransportResolver transports,
        EngineListener listener,
        boolean listen) {
      this(
          dataDir,
          databaseUrl,
          durableEmbedded,
          clock,
          engineConfig,
          transports,
          listener,
          listen,
          Settings.fromEnvironment());
    }

    /** The same options with the settings changed by {@code change}. */
    public Options with(java.util.function.UnaryOperator<Settings> change) {
      return new Options(
          dataDir,
          databaseUrl,
          durableEmbedded,
          clock,
          engineConfig,
          transports,
          listener,
          listen,
          change.apply(settings));
    }
  }

  /**
   * Settings normally taken from the environment. {@code secretKey} (base64, 32 bytes) seals
   * provider secrets; null means a key file in the data directory. {@code publicUrl} is the base of
   * unsubscribe and tracking links. {@code personalizer} null: AI steps send their template. {@code
   * alerts}: rule thresholds and notice sinks ({@code CAMPAIGN_ENGINE_ALERT_*}).
   */
  public record Settings(
      String secretKey,
      String publicUrl,
      String webhookSecret,
      String resendWebhookSecret,
      Personalizer personalizer,
      int aiDailyBudget,
      AlertSettings alerts,
      com.campaignengine.webhooks.Destinations webhookDestinations) {

    /** {@code CAMPAIGN_ENGINE_SECRET_KEY}, {@code _PUBLIC_URL}, {@code _WEBHOOK_SECRET}, … */
    public static Settings fromEnvironment() {
      String url = System.getenv("CAMPAIGN_ENGINE_PUBLIC_URL");
      return new Settings(
          System.getenv("CAMPAIGN_ENGINE_SECRET_KEY"),
          url == null || url.isBlank() ? "http://localhost:8080" : url.strip(),
          System.getenv("CAMPAIGN_ENGINE_WEBHOOK_SECRET"),
          System.getenv("CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET"),
          AiSettings.personalizerFromEnvironment(),
          AiSettings.dailyBudgetFromEnvironment(),
          AlertSettings.fromEnvironment(System::getenv),
          com.campaignengine.webhooks.Destinations.fromEnvironment(System::getenv));
    }

    /** Where outbound webhooks may go (tests: receivers on this machine). */
    public Settings withWebhookDestinations(com.campaignengine.webhooks.Destinations allowed) {
      return new Settings(
          secretKey,
          publicUrl,
          webhookSecret,
          resendWebhookSecret,
          personalizer,
          aiDailyBudget,
          alerts,
          allowed);
    }

    public Settings withWebhookSecrets(String generic, String resend) {
      return new Settings(
          secretKey,
          publicUrl,
          generic,
          resend,
          personalizer,
          aiDailyBudget,
          alerts,
          webhookDestinations);
    }

    public Settings withPersonalizer(Personalizer model, int dailyBudget) {
      return new Settings(
          secretKey,
          publicUrl,
          webhookSecret,
          resendWebhookSecret,
          model,
          dailyBudget,
          alerts,
          webhookDestinations);
    }

    public Settings withAlerts(AlertSettings changed) {
      return new Settings(
          secretKey,
          publicUrl,
          webhookSecret,
          resendWebhookSecret,
          personalizer,
          aiDailyBudget,
          changed,
          webhookDestinations);
    }
  }

  private final AtomicBoolean closed = new AtomicBoolean();
  private final EmbeddedPostgresServer embedded;
  private final Database database;
  private final Clock clock;
  private final ProviderTransports providers;
  private final Tracking tracking;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Engine engine;
  public final Workspaces workspaces;
  public final MailboxService mailboxes;
  public final PersonService people;
  public final PeopleImport peopleImport;
  public final CampaignService campaigns;
  public final EnrollmentService enrollments;
  public final StatsService stats;
  public final DeadLetterService deadLetters;
  public final Simulator simulator = new Simulator();
  public final EngagementService engagement;
  public final InboundWebhooks webhooks;
  public final TemplateReview review;
  private final ProviderInboundSources inboundSources;
  private final InboundPoller inbound;
  private final IdleWatchers idleWatchers;
  private java.util.concurrent.ScheduledExecutorService inboundLoop;
  public final AlertService alerts;
  public final com.campaignengine.app.Retention retention;
  public final com.campaignengine.app.RetentionSettings retentionSettings;
  private java.util.concurrent.ScheduledExecutorService retentionLoop;
  public final com.campaignengine.app.VariantWinners variantWinners;
  public final com.campaignengine.app.HolidayService holidays;
  private java.util.concurrent.ScheduledExecutorService variantLoop;
  private final AlertEvaluator alertEvaluator;
  private final AlertSettings alertSettings;
  private java.util.concurrent.ScheduledExecutorService alertLoop;

  /** Outbound webhooks: subscriptions and deliveries ({@code /api/v1/webhooks}). */
  public final WebhookService outboundWebhooks;

  private final PostgresWebhookStore webhookStore;
  private final SecretBox secretBox;
  private final com.campaignengine.webhooks.Destinations webhookDestinations;
  private final String nodeId;
  private WebhookDispatcher webhookDispatcher;

  private Application(EmbeddedPostgresServer embedded, Database database, Options options) {
    this.embedded = embedded;
    this.database = database;
    this.clock = options.clock();
    TemplateEngine templates = new TemplateEngine();
    PostgresCampaignStore campaignStore = new PostgresCampaignStore(database);
    PostgresMailboxStore mailboxStore = new PostgresMailboxStore(database);
    PostgresPersonStore personStore = new PostgresPersonStore(database);
    this.workspaces = new Workspaces(new PostgresWorkspaceStore(database), clock);
    byte[] secretKey = SecretKeys.load(options.settings().secretKey(), options.dataDir());
    this.secretBox = new SecretBox(secretKey);
    MailboxSecrets secrets = new MailboxSecrets(mailboxStore, secretBox);
    this.tracking =
        new Tracking(
            options.settings().publicUrl(),
            new TrackingTokens(SecretKeys.derive(secretKey, "tracking")));
    this.providers =
        new ProviderTransports(
            new OutboxTransport(options.dataDir().resolve("outbox")),
            secrets::open,
            ProviderTransports.Endpoints.fromEnvironment());
    this.mailboxes = new MailboxService(mailboxStore, secrets, providers, clock);
    this.people = new PersonService(personStore, clock);
    this.peopleImport = new PeopleImport(people);
    CachedCampaignCatalog catalog = new CachedCampaignCatalog(campaignStore);
    this.campaigns =
        new CampaignService(campaignStore, mailboxStore, templates, clock, catalog::invalidate);
    this.enrollments =
        new EnrollmentService(
            campaigns,
            mailboxStore,
            personStore,
            new PostgresEnrollmentStore(database),
            new PostgresInboundStore(database),
            clock);
    this.stats = new StatsService(campaigns, new PostgresStatsStore(database), clock);
    this.review =
        new TemplateReview(
            campaigns,
            people,
            enrollments,
            mailboxStore,
            new EmailPreview(templates, tracking),
            clock);
    PostgresInboundStore inboundStore = new PostgresInboundStore(database);
    this.engagement = new EngagementService(inboundStore, tracking.tokens(), clock);
    this.inboundSources = new ProviderInboundSources(providers, secrets::open);
    InboundProcessor processor = new InboundProcessor(inboundStore, clock);
    this.inbound =
        new InboundPoller(
            new PostgresCheckpointStore(database),
            inboundSources,
            processor,
            clock,
            options.engineConfig().nodeId());
    this.idleWatchers =
        new IdleWatchers(new PostgresCheckpointStore(database), inboundSources, inbound);
    this.webhooks =
        new InboundWebhooks(
            processor,
            inboundStore,
            options.settings().webhookSecret(),
            options.settings().resendWebhookSecret(),
            clock);
    this.deadLetters =
        new DeadLetterService(campaigns, new PostgresDeadLetterStore(database), clock);
    TransportResolver transports = options.transports() != null ? options.transports() : providers;
    this.engine =
        new Engine(
            options.engineConfig(),
            new EngineDependencies(
                new PostgresExecutionStore(database),
                catalog,
                transports,
                templates,
                options.listen() ? new PostgresWakeups(database) : Wakeups.NONE,
                clock,
                EngineListener.both(options.listener(), new EngineMetrics(metrics)),
                tracking,
                new Personalization.Settings(
                    options.settings().personalizer(),
                    new PostgresPersonalizationStore(database),
                    options.settings().aiDailyBudget())));
    com.campaignengine.store.postgres.PostgresRetentionStore retentionStore =
        new com.campaignengine.store.postgres.PostgresRetentionStore(database);
    this.retention = new com.campaignengine.app.Retention(retentionStore, clock);
    this.retentionSettings =
        new com.campaignengine.app.RetentionSettings(retentionStore, retention, clock);
    this.holidays =
        new com.campaignengine.app.HolidayService(
            new com.campaignengine.store.postgres.PostgresHolidayStore(database),
            clock,
            catalog::invalidateAll);
    this.variantWinners =
        new com.campaignengine.app.VariantWinners(
            new com.campaignengine.store.postgres.PostgresVariantStore(database),
            clock,
            catalog::invalidate);
    PostgresAlertStore alertStore = new PostgresAlertStore(database);
    this.alerts = new AlertService(alertStore);
    this.alertSettings = options.settings().alerts();
    this.alertEvaluator =
        AlertWiring.evaluator(
            options.settings().alerts(),
            new PostgresAlertReadings(database),
            alertStore,
            campaigns,
            mailboxes,
            transports,
            clock);
    this.nodeId = options.engineConfig().nodeId();
    this.webhookStore = new PostgresWebhookStore(database);
    this.webhookDestinations = options.settings().webhookDestinations();
    this.outboundWebhooks = new WebhookService(webhookStore, secretBox, clock, webhookDestinations);
    QueueGauges.register(metrics, engine::queue);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
    database.bindMetrics(metrics);
  }

  /** Connects (starting the embedded PostgreSQL if no URL is given) and migrates the schema. */
  public static Application open(Options options) {
    EmbeddedPostgresServer embedded = null;
    Database database;
    if (options.databaseUrl() != null && !options.databaseUrl().isBlank()) {
      DatabaseUrls.Jdbc jdbc = DatabaseUrls.parse(options.databaseUrl());
      database = Database.open(jdbc.url(), jdbc.user(), jdbc.password(), poolSize(options));
    } else {
      embedded =
          EmbeddedPostgresServer.start(
              options.dataDir().resolve("postgres"), options.durableEmbedded());
      database = Database.open(embedded.jdbcUrl(), null, null, poolSize(options));
    }
    try {
      database.migrate();
      return new Application(embedded, database, options);
    } catch (RuntimeException e) {
      database.close();
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static int poolSize(Options options) {
    return options.engineConfig().workers() + 8;
  }

  /** Public links (unsubscribe, tracking) and their token key. */
  public Tracking tracking() {
    return tracking;
  }

  /** The clock every "now" of this node comes from. */
  public Clock clock() {
    return clock;
  }

  /** Why this node is not ready (database unreachable, migrations pending), or empty. */
  public java.util.Optional<String> readiness() {
    return database.readiness();
  }

  /** Prometheus metrics of this node (engine, queue, JVM, pool). */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Reads the mailboxes' inbound mail (replies, auto-replies, bounces) into the pipeline. */
  public InboundPoller inbound() {
    return inbound;
  }

  /** Polls the inboxes every {@code interval} in the background until closed. */
  public synchronized void startInbound(java.time.Duration interval) {
    inboundLoop =
        repeat(
            "inbound",
            java.time.Duration.ZERO,
            interval,
            "Inbound turn failed",
            () -> {
              idleWatchers.refresh();
              inbound.pollOnce();
            });
  }

  /** Thresholds, sinks and interval of the alert rules. */
  public AlertSettings alertSettings() {
    return alertSettings;
  }

  /** The alert rules of this node; {@link #startAlerts} runs them periodically. */
  public AlertEvaluator alertEvaluator() {
    return alertEvaluator;
  }

  /** Evaluates the alert rules of every workspace every {@code interval} until closed. */
  public synchronized void startAlerts(java.time.Duration interval) {
    alertLoop =
        repeat(
            "alerts", interval, interval, "Alert evaluation failed", alertEvaluator::evaluateAll);
  }

  /**
   * Deletes what finished more than the retention period ago, every {@code every}, until closed.
   * {@code keep} is the server's default; a workspace's own setting overrides it (zero keeps
   * everything), so the loop runs even when the default keeps everything.
   */
  public synchronized void startRetention(java.time.Duration keep, java.time.Duration every) {
    retention.useServerDefault(keep);
    retentionLoop = repeat("retention", every, every, "Retention pass failed", retention::prune);
  }

  /** Chooses A/B winners that are due, every {@code every}, until closed. */
  public synchronized void startVariantWinners(java.time.Duration every) {
    variantLoop =
        repeat("ab-winners", every, every, "Choosing A/B winners failed", variantWinners::decide);
  }

  /**
   * Runs {@code task} on its own daemon thread after {@code first}, then {@code every} after each
   * run ends; a failure is logged and the next run comes anyway.
   */
  private static java.util.concurrent.ScheduledExecutorService repeat(
      String name,
      java.time.Duration first,
      java.time.Duration every,
      String failure,
      Runnable task) {
    java.util.concurrent.ScheduledExecutorService loop =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "campaign-engine-" + name);
              t.setDaemon(true);
              return t;
            });
    loop.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (Throwable t) {
            org.slf4j.LoggerFactory.getLogger(Application.class)
                .error(failure + "; will run again", t);
          }
        },
        first.toMillis(),
        every.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return loop;
  }

  /**
   * A webhook dispatcher on this node's database, secrets and clock ({@code serve} starts one with
   * {@link #startWebhooks}; tests run theirs by hand). Closing the application does not close it.
   */
  public WebhookDispatcher newWebhookDispatcher(
      WebhookSettings settings, String node, WebhookListener listener) {
    return new WebhookDispatcher(
        webhookStore, secretBox, settings, clock, node, listener, webhookDestinations);
  }

  /** Sends due webhook deliveries in the background until closed. */
  public synchronized void startWebhooks(WebhookSettings settings) {
    if (webhookDispatcher != null || closed.get()) {
      return;
    }
    webhookDispatcher = newWebhookDispatcher(settings, nodeId, new WebhookMetrics(metrics));
    webhookDispatcher.start();
  }

  public Engine engine() {
    return engine;
  }

  public Database database() {
    return database;
  }

  /** Lets a running evaluation finish before the database closes under it. */
  private static void awaitQuietly(java.util.concurrent.ExecutorService loop) {
    try {
      loop.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (inboundLoop != null) {
        inboundLoop.shutdownNow();
      }
      if (alertLoop != null) {
        alertLoop.shutdownNow();
        awaitQuietly(alertLoop);
      }
      if (variantLoop != null) {
        variantLoop.shutdownNow();
        awaitQuietly(variantLoop);
      }
      if (retentionLoop != null) {
        retentionLoop.shutdownNow();
        awaitQuietly(retentionLoop);
      }
      idleWatchers.close();
      if (webhookDispatcher != null) {
        webhookDispatcher.close();
      }
    }
    engine.close();
    inboundSources.close();
    providers.close();
    database.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
