package com.campaignengine.testing;

import com.campaignengine.Application;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.engine.TransportResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Builds an {@link Application} on a fresh test database. */
public final class TestApplications {
  /** The generic inbound webhook's HMAC secret in tests. */
  public static final String WEBHOOK_SECRET = "test-webhook-secret";

  /** Resend's webhook secret in tests (Svix format: whsec_ + base64). */
  public static final String RESEND_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private TestApplications() {}

  public static Application open(Path dataDir, Clock clock, TransportResolver transports) {
    return open(TestPostgres.newDatabaseUrl(), dataDir, clock, transports, "test-node");
  }

  public static Application open(
      String databaseUrl, Path dataDir, Clock clock, TransportResolver transports, String node) {
    return open(databaseUrl, dataDir, clock, transports, node, null, 0);
  }

  /** With an AI model and a daily budget of model calls per workspace. */
  public static Application open(
      String databaseUrl,
      Path dataDir,
      Clock clock,
      TransportResolver transports,
      String node,
      com.campaignengine.personalize.Personalizer personalizer,
      int aiBudget) {
    EngineConfig config =
        EngineConfig.builder()
            .nodeId(node)
            .workers(2)
            .batchSize(100)
            .pollInterval(Duration.ofMillis(50))
            .retry(Duration.ofSeconds(1), Duration.ofMinutes(5))
            .build();
    return Application.open(
        new Application.Options(
                dataDir, databaseUrl, false, clock, config, transports, EngineListener.NONE, true)
            .with(
                settings ->
                    settings
                        .withWebhookSecrets(WEBHOOK_SECRET, RESEND_WEBHOOK_SECRET)
                        .withPersonalizer(personalizer, aiBudget)
                        // Test receivers listen on this machine.
                        .withWebhookDestinations(com.campaignengine.webhooks.Destinations.ANY)));
  }
}
