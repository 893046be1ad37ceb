package com.campaignengine.testing;

import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.node.AiSettings;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.NodeSettings;
import com.campaignengine.node.OAuthApps;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.node.TeamSettings;
import com.campaignengine.webhooks.Destinations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Builds a {@link TestNode} on a fresh test database. */
public final class TestApplications {
  /** The generic inbound webhook's HMAC secret in tests. */
  public static final String WEBHOOK_SECRET = "test-webhook-secret";

  /** Resend's webhook secret in tests (Svix format: whsec_ + base64). */
  public static final String RESEND_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  /** The key every test node seals secrets with (base64 of 32 bytes). */
  public static final String SECRET_KEY = "Y2FtcGFpZ24tZW5naW5lLXRlc3RzLXNoYXJlZC1rZXk=";

  /** The server administrator's key of the nodes that have one. */
  public static final String ADMIN_KEY = "test-admin-key-0123456789";

  private TestApplications() {}

  public static TestNode open(Path dataDir, Clock clock, TransportResolver transports) {
    return open(TestPostgres.newDatabaseUrl(), dataDir, clock, transports, "test-node");
  }

  /** With users' logins set up by {@code team} (e.g. an OIDC provider). */
  public static TestNode openWithTeam(
      Path dataDir, Clock clock, TransportResolver transports, UnaryOperator<TeamSettings> team) {
    return open(
        dataDir, clock, transports, settings -> settings.withTeam(team.apply(settings.team())));
  }

  /** With the node's settings changed by {@code settings} (e.g. a server admin key). */
  public static TestNode open(
      Path dataDir,
      Clock clock,
      TransportResolver transports,
      UnaryOperator<NodeSettings> settings) {
    return open(
        TestPostgres.newDatabaseUrl(),
        dataDir,
        clock,
        transports,
        "test-node",
        null,
        0,
        config -> config,
        settings);
  }

  public static TestNode open(
      String databaseUrl, Path dataDir, Clock clock, TransportResolver transports, String node) {
    return open(databaseUrl, dataDir, clock, transports, node, null, 0);
  }

  /** With an AI model and a daily budget of model calls per workspace. */
  public static TestNode open(
      String databaseUrl,
      Path dataDir,
      Clock clock,
      TransportResolver transports,
      String node,
      com.campaignengine.personalize.Personalizer personalizer,
      int aiBudget) {
    return open(
        databaseUrl,
        dataDir,
        clock,
        transports,
        node,
        personalizer,
        aiBudget,
        config -> config,
        settings -> settings);
  }

  /** With the tests' engine settings changed by {@code engine} (e.g. soft-bounce re-sends). */
  public static TestNode open(
      String databaseUrl,
      Path dataDir,
      Clock clock,
      TransportResolver transports,
      String node,
      UnaryOperator<EngineConfig.Builder> engine) {
    return open(
        databaseUrl, dataDir, clock, transports, node, null, 0, engine, settings -> settings);
  }

  private static TestNode open(
      String databaseUrl,
      Path dataDir,
      Clock clock,
      TransportResolver transports,
      String node,
      com.campaignengine.personalize.Personalizer personalizer,
      int aiBudget,
      UnaryOperator<EngineConfig.Builder> engine,
      UnaryOperator<NodeSettings> tweaks) {
    EngineConfig config =
        engine
            .apply(
                EngineConfig.builder()
                    .nodeId(node)
                    .workers(2)
                    .batchSize(100)
                    .pollInterval(Duration.ofMillis(50))
                    .retry(Duration.ofSeconds(1), Duration.ofMinutes(5)))
            .build();
    return TestNode.open(
        NodeOptions.withEnvironment(new StorageSettings(dataDir, databaseUrl, false), config, true)
            .with(
                settings ->
                    settings
                        .withWebhookSecrets(WEBHOOK_SECRET, RESEND_WEBHOOK_SECRET)
                        // Nodes on one database share its key, as the README asks.
                        .withSecretKey(SECRET_KEY)
                        // No model from the environment: only the one a test gives.
                        .withAi(AiSettings.NONE.withDailyBudget(aiBudget))
                        // Test receivers listen on this machine.
                        .withWebhookDestinations(Destinations.ANY)
                        // BCrypt's cheapest cost, for speed; no OIDC from the environment.
                        .withTeam(settings.team().withPasswordCost(4).withOidc(null, null, null))
                        // No OAuth clients from the environment: only those a test gives.
                        .withOAuth(OAuthApps.NONE))
            .with(tweaks),
        new Collaborators(clock, transports, EngineListener.NONE, personalizer));
  }
}
