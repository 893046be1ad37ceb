package com.campaignengine.node;

import com.campaignengine.alerts.AlertEvaluator;
import com.campaignengine.alerts.AlertReadings;
import com.campaignengine.alerts.AlertSettings;
import com.campaignengine.alerts.AlertSink;
import com.campaignengine.alerts.AlertStore;
import com.campaignengine.alerts.LogAlertSink;
import com.campaignengine.alerts.WebhookAlertSink;
import com.campaignengine.app.CampaignService;
import com.campaignengine.app.EmailAlertSink;
import com.campaignengine.app.MailboxService;
import com.campaignengine.engine.TransportResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert evaluator of a node: the standard rules with the configured thresholds, and the sinks
 * the settings ask for (the log always; a webhook; email through a mailbox of the workspace, with
 * the transport the engine uses for it).
 */
final class AlertWiring {
  private AlertWiring() {}

  static AlertEvaluator evaluator(
      AlertSettings settings,
      AlertReadings readings,
      AlertStore store,
      CampaignService campaigns,
      MailboxService mailboxes,
      TransportResolver transports,
      Clock clock) {
    List<AlertSink> sinks = new ArrayList<>();
    sinks.add(new LogAlertSink());
    if (settings.webhookUrl() != null) {
      sinks.add(new WebhookAlertSink(settings.webhookUrl()));
    }
    if (settings.emailTo() != null) {
      sinks.add(
          new EmailAlertSink(
              mailboxes, transports, settings.emailMailboxId(), settings.emailTo(), clock));
    }
    return new AlertEvaluator(
        AlertEvaluator.standardRules(readings, settings.thresholds()),
        readings,
        store,
        AlertSink.all(sinks),
        campaigns::pause,
        clock);
  }
}
