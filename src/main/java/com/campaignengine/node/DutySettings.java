package com.campaignengine.node;

import com.campaignengine.webhooks.WebhookSettings;
import java.time.Duration;

/**
 * How often a serving node's duties run, and how long finished work is kept.
 *
 * @param retentionKeep the server's default retention; zero keeps everything
 */
public record DutySettings(
    Duration inboundEvery,
    Duration alertsEvery,
    Duration winnersEvery,
    Duration retentionKeep,
    Duration retentionEvery,
    WebhookSettings webhooks) {
  public static final Duration DEFAULT_INBOUND_EVERY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_WINNERS_EVERY = Duration.ofMinutes(1);
  public static final Duration DEFAULT_RETENTION_EVERY = Duration.ofHours(1);

  /** The defaults of {@code serve}, with the given retention and alert interval. */
  public static DutySettings serving(Duration retentionKeep, Duration alertsEvery) {
    return new DutySettings(
        DEFAULT_INBOUND_EVERY,
        alertsEvery,
        DEFAULT_WINNERS_EVERY,
        retentionKeep,
        DEFAULT_RETENTION_EVERY,
        WebhookSettings.DEFAULTS);
  }
}
