package com.campaignengine.node;

import com.campaignengine.engine.Engine;
import com.campaignengine.engine.EngineDependencies;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.engine.Personalization;
import com.campaignengine.engine.ReplyChecks;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.inbound.IdleWatchers;
import com.campaignengine.inbound.InboundPoller;
import com.campaignengine.metrics.EngineMetrics;
import com.campaignengine.metrics.QueueGauges;
import com.campaignengine.metrics.WebhookMetrics;
import com.campaignengine.personalize.Personalizer;
import com.campaignengine.store.postgres.Database;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * Everything one node runs, wired by hand on a migrated database: the adapters, the application
 * services, the engine, the metrics and the background duties. Nothing here starts a thread.
 */
final class Wiring {
  final Adapters adapters;
  final Services services;
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Engine engine;
  final Duties duties;

  Wiring(Database database, NodeOptions options, Collaborators parts) {
    Clock clock = parts.clock();
    NodeSettings settings = options.settings();
    this.adapters = new Adapters(database, options);
    InboundReadRequests inboundReads = new InboundReadRequests();
    Personalizer model =
        parts.personalizer() != null ? parts.personalizer() : settings.ai().personalizer();
    this.services =
        new Services(
            adapters, settings, options.engine().softBounceResends(), clock, inboundReads, model);
    TransportResolver transports =
        parts.transports() != null ? parts.transports() : adapters.providers;
    this.engine = engine(options, parts, transports, model);
    this.duties = duties(options, clock, transports);
    inboundReads.connect(duties.inbound());
    QueueGauges.register(metrics, engine::queue);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    database.bindMetrics(metrics);
  }

  private Engine engine(
      NodeOptions options, Collaborators parts, TransportResolver transports, Personalizer model) {
    return new Engine(
        options.engine(),
        new EngineDependencies(
            adapters.executions,
            services.catalog,
            transports,
            services.templates,
            adapters.wakeups,
            parts.clock(),
            EngineListener.both(parts.listener(), new EngineMetrics(metrics)),
            adapters.tracking,
            new Personalization.Settings(
                model, adapters.personalization, options.settings().ai().dailyBudget()),
            new ReplyChecks(
                adapters.inboundSources, services.inboundIntake, adapters.replyCheckHolds)));
  }

  private Duties duties(NodeOptions options, Clock clock, TransportResolver transports) {
    String nodeId = options.engine().nodeId();
    InboundPoller poller =
        new InboundPoller(
            adapters.checkpoints, adapters.inboundSources, services.inboundIntake, clock, nodeId);
    return new Duties(
        new InboundDuty(
            poller, new IdleWatchers(adapters.checkpoints, adapters.inboundSources, poller)),
        new AlertDuty(
            AlertWiring.evaluator(
                options.settings().alerts(),
                adapters.alertReadings,
                adapters.alerts,
                services.campaigns,
                services.mailboxes,
                transports,
                clock)),
        new VariantWinnerDuty(services.variantWinners),
        new RetentionDuty(services.retention),
        new WebhookDuty(
            adapters.webhooks,
            adapters.secretBox,
            clock,
            options.settings().webhookDestinations(),
            nodeId,
            new WebhookMetrics(metrics)));
  }
}
