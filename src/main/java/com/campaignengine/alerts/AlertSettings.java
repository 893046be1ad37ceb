package com.campaignengine.alerts;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * Alert configuration of a node: how often the rules run, their thresholds, and where notices go
 * besides the log (a webhook, an email address reached through one of the workspace's mailboxes).
 *
 * @param webhookUrl null: no webhook
 * @param emailTo null: no email (then {@code emailMailboxId} is null too)
 */
public record AlertSettings(
    Duration interval,
    URI webhookUrl,
    String emailTo,
    Long emailMailboxId,
    AlertThresholds thresholds) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  /** Log only, default thresholds. */
  public static final AlertSettings DEFAULTS =
      new AlertSettings(DEFAULT_INTERVAL, null, null, null, AlertThresholds.DEFAULTS);

  public AlertSettings {
    if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the alert interval must be at least one second");
    }
    if ((emailTo == null) != (emailMailboxId == null)) {
      throw new IllegalArgumentException(
          "CAMPAIGN_ENGINE_ALERT_EMAIL_TO and CAMPAIGN_ENGINE_ALERT_EMAIL_MAILBOX_ID go together");
    }
    if (thresholds == null) {
      throw new IllegalArgumentException("alert thresholds must be given");
    }
  }

  public AlertSettings withWebhook(URI url) {
    return new AlertSettings(interval, url, emailTo, emailMailboxId, thresholds);
  }

  public AlertSettings withEmail(String to, Long mailboxId) {
    return new AlertSettings(interval, webhookUrl, to, mailboxId, thresholds);
  }

  /**
   * From {@code CAMPAIGN_ENGINE_ALERT_*} variables (see the README); a bad value throws naming the
   * variable.
   */
  public static AlertSettings fromEnvironment(UnaryOperator<String> env) {
    Variables v = new Variables(env);
    AlertThresholds defaults = AlertThresholds.DEFAULTS;
    AlertThresholds thresholds =
        defaults
            .withRates(
                v.percent("ERROR_RATE_PERCENT", defaults.errors().rate()),
                v.percent("BOUNCE_RATE_PERCENT", defaults.bounces().rate()),
                v.whole("MIN_SAMPLE", defaults.minSample()))
            .withDeadLetters(
                v.whole("DEAD_LETTERS", defaults.deadLetters().count()),
                defaults.deadLetters().window())
            .withQueueLag(
                Duration.ofMinutes(
                    v.whole("QUEUE_LAG_MINUTES", (int) defaults.queueLag().toMinutes())))
            .withDailyCapBefore(v.time("DAILY_CAP_BEFORE", defaults.dailyCapBefore()));
    String webhook = v.text("WEBHOOK_URL");
    String mailbox = v.text("EMAIL_MAILBOX_ID");
    return new AlertSettings(
        Duration.ofSeconds(v.whole("INTERVAL_SECONDS", (int) DEFAULT_INTERVAL.toSeconds())),
        webhook == null ? null : v.url("WEBHOOK_URL", webhook),
        v.text("EMAIL_TO"),
        mailbox == null ? null : (long) v.whole("EMAIL_MAILBOX_ID", 0),
        thresholds);
  }

  /** Reads {@code CAMPAIGN_ENGINE_ALERT_<name>}, complaining with the variable's name. */
  private record Variables(UnaryOperator<String> env) {
    String text(String name) {
      String value = env.apply("CAMPAIGN_ENGINE_ALERT_" + name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    int whole(String name, int fallback) {
      String value = text(name);
      try {
        int parsed = value == null ? fallback : Integer.parseInt(value);
        if (parsed < 1) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw problem(name, "must be a whole number of at least 1");
      }
    }

    double percent(String name, double fallback) {
      String value = text(name);
      try {
        double parsed = value == null ? fallback * 100 : Double.parseDouble(value);
        if (!(parsed > 0 && parsed <= 100)) {
          throw new NumberFormatException();
        }
        return parsed / 100;
      } catch (NumberFormatException e) {
        throw problem(name, "must be a percentage above 0 and at most 100");
      }
    }

    LocalTime time(String name, LocalTime fallback) {
      String value = text(name);
      try {
        return value == null ? fallback : LocalTime.parse(value);
      } catch (DateTimeParseException e) {
        throw problem(name, "must be a local time such as 15:00");
      }
    }

    URI url(String name, String value) {
      try {
        URI uri = URI.create(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw new IllegalArgumentException();
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw problem(name, "must be an http or https URL");
      }
    }

    private static IllegalArgumentException problem(String name, String rule) {
      return new IllegalArgumentException("CAMPAIGN_ENGINE_ALERT_" + name + " " + rule);
    }
  }
}
