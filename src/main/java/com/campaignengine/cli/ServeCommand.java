package com.campaignengine.cli;

import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.failure.StartupException;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.DataDirectoryLock;
import com.campaignengine.node.DutySettings;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.NodeSettings;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.store.postgres.DatabaseUrls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the engine and the HTTP API, until stopped (SIGTERM/Ctrl-C shut down cleanly). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the engine and the HTTP API.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin DatabaseOptions database;

  @Option(
      names = "--port",
      defaultValue = "${env:CAMPAIGN_ENGINE_PORT:-8080}",
      description =
          "HTTP port (0: any free one). Links in emails point here unless"
              + " CAMPAIGN_ENGINE_PUBLIC_URL is set. Default: ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--database-schema",
      defaultValue = "${env:CAMPAIGN_ENGINE_DATABASE_SCHEMA:-campaign_engine}",
      description =
          "The PostgreSQL schema that holds the engine's tables, so that it can share a database"
              + " (env CAMPAIGN_ENGINE_DATABASE_SCHEMA). Default: ${DEFAULT-VALUE}")
  String databaseSchema;

  @Option(
      names = "--management-port",
      defaultValue = "${env:CAMPAIGN_ENGINE_MANAGEMENT_PORT}",
      description =
          "Serve Prometheus metrics (/metrics) and health checks on this port, apart from the"
              + " API (env CAMPAIGN_ENGINE_MANAGEMENT_PORT). Default: off.")
  Integer managementPort;

  @Option(
      names = "--management-address",
      defaultValue = "${env:CAMPAIGN_ENGINE_MANAGEMENT_ADDRESS:-127.0.0.1}",
      description =
          "The address the management port binds (env CAMPAIGN_ENGINE_MANAGEMENT_ADDRESS;"
              + " 0.0.0.0 for every interface). Default: ${DEFAULT-VALUE}")
  String managementAddress;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Engine worker threads. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(
      names = "--batch-size",
      defaultValue = "${env:CAMPAIGN_ENGINE_BATCH_SIZE:-500}",
      description =
          "Executions a worker claims at once, 1-10000; smaller spreads few sequences over more"
              + " workers and leaves less to take over when a node dies. Default: ${DEFAULT-VALUE}")
  int batchSize;

  @Option(names = "--node-id", description = "Name of this node in leases (default: random).")
  String nodeId;

  @Option(
      names = "--lease-seconds",
      defaultValue = "${env:CAMPAIGN_ENGINE_LEASE_SECONDS:-20}",
      description =
          "How long a claim lasts unless renewed (every quarter of it); a killed node's work"
              + " is taken over after this. Default: ${DEFAULT-VALUE}")
  int leaseSeconds;

  @Option(
      names = "--retention-days",
      defaultValue = "${env:CAMPAIGN_ENGINE_RETENTION_DAYS:-90}",
      description =
          "Finished executions, engine events and resolved alerts older than this are deleted"
              + " (hourly; stats keep their counts); 0 keeps everything. Default: ${DEFAULT-VALUE}")
  int retentionDays;

  @Option(
      names = "--soft-bounce-resend-after",
      defaultValue = "${env:CAMPAIGN_ENGINE_SOFT_BOUNCE_RESEND_AFTER:-4h}",
      description =
          "A soft-bounced email (e.g. a full mailbox) is sent again this long after the bounce,"
              + " before the sequence goes on: 4h, 30m, 2d, PT4H; 0 turns re-sending off"
              + " (env CAMPAIGN_ENGINE_SOFT_BOUNCE_RESEND_AFTER). Default: ${DEFAULT-VALUE}")
  String softBounceResendAfter;

  @Option(
      names = "--soft-bounce-resends",
      defaultValue = "${env:CAMPAIGN_ENGINE_SOFT_BOUNCE_RESENDS:-2}",
      description =
          "How often one email step is sent again after soft bounces, 0-5; 0 turns re-sending off"
              + " (env CAMPAIGN_ENGINE_SOFT_BOUNCE_RESENDS). Default: ${DEFAULT-VALUE}")
  int softBounceResends;

  @Override
  public Integer call() throws Exception {
    if (retentionDays < 0 || retentionDays > 36_500) {
      throw new UserException("--retention-days must be between 0 and 36500");
    }
    SoftBounceResends resends = softBounceResends();
    if (port < 0 || port > 65535) {
      throw new UserException("--port must be between 0 and 65535");
    }
    if (managementPort != null
        && (managementPort < 0 || managementPort > 65535 || managementPort.equals(port))) {
      throw new UserException(
          "--management-port must be between 0 and 65535 and differ from --port");
    }
    if (leaseSeconds < 4 || leaseSeconds > 3600) {
      throw new UserException("--lease-seconds must be between 4 and 3600");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new UserException("--batch-size must be between 1 and 10000");
    }
    EngineConfig.Builder config =
        EngineConfig.builder()
            .workers(workers)
            .batchSize(batchSize)
            .lease(Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(leaseSeconds).dividedBy(4))
            .softBounceResends(resends);
    if (nodeId != null) {
      config.nodeId(nodeId);
    }
    EngineConfig engineConfig;
    try {
      engineConfig = config.build();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    StorageSettings storage = storage();
    // Port 0 takes a free port now, so that links can name it.
    int httpPort = port == 0 ? anyFreePort() : port;
    NodeOptions options;
    try {
      options =
          new NodeOptions(
              storage, engineConfig, true, NodeSettings.fromEnvironment(System::getenv, httpPort));
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    InetSocketAddress management = managementAddress();
    CountDownLatch stopped = new CountDownLatch(1);
    // Every check that can fail runs before anything is created: the data directory is ours,
    // the port is free, the database answers (Node.open). Then the port is taken for good
    // before the first workspace and its key exist.
    DataDirectoryLock claim = DataDirectoryLock.acquire(database.dataDir);
    try {
      checkFree(httpPort);
      if (management != null && management.getPort() != 0) {
        checkFree(management.getPort());
      }
      Node node = Node.open(options, Collaborators.production());
      try {
        node.bindHttp(httpPort);
        if (management != null) {
          node.serveManagement(management);
        }
        warnUnlessHttps(options.settings());
        announceKey(
            node.api().workspaces().createFirstWorkspace(System.getenv("CAMPAIGN_ENGINE_API_KEY")));
        node.engine().start();
        node.duties()
            .startAll(
                DutySettings.serving(
                    Duration.ofDays(retentionDays), options.settings().alerts().interval()));
        int listening = node.serveHttp();
        System.out.println("campaign-engine listening on http://localhost:" + listening);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      node.close();
                      stopped.countDown();
                    }));
        stopped.await();
      } finally {
        node.close(); // a second close (after the shutdown hook's) does nothing
      }
    } finally {
      claim.close();
    }
    return 0;
  }

  /** What a soft bounce re-sends, from the two flags, each checked with its own message. */
  SoftBounceResends softBounceResends() {
    Duration after;
    try {
      after = DurationText.parse(softBounceResendAfter);
    } catch (IllegalArgumentException e) {
      throw new UserException("--soft-bounce-resend-after: " + e.getMessage());
    }
    if (!after.isZero()
        && (after.compareTo(SoftBounceResends.SHORTEST_AFTER) < 0
            || after.compareTo(SoftBounceResends.LONGEST_AFTER) > 0)) {
      throw new UserException(
          "--soft-bounce-resend-after must be 0 (off) or between 1m and 30d, not "
              + softBounceResendAfter);
    }
    if (softBounceResends < 0 || softBounceResends > SoftBounceResends.MOST) {
      throw new UserException(
          "--soft-bounce-resends must be between 0 (off) and " + SoftBounceResends.MOST);
    }
    return new SoftBounceResends(after, softBounceResends);
  }

  /** The data directory and the database, with a database URL and schema checked for form. */
  private StorageSettings storage() {
    if (database.databaseUrl != null && !database.databaseUrl.isBlank()) {
      try {
        DatabaseUrls.parse(database.databaseUrl.strip());
      } catch (IllegalArgumentException e) {
        throw new UserException("--database-url: " + e.getMessage());
      }
    }
    try {
      return new StorageSettings(database.dataDir, database.databaseUrl, true, databaseSchema);
    } catch (IllegalArgumentException e) {
      throw new UserException("--database-schema: " + e.getMessage());
    }
  }

  /** Where the metrics are served, or null when they are not. */
  private InetSocketAddress managementAddress() {
    if (managementPort == null) {
      return null;
    }
    InetSocketAddress address = new InetSocketAddress(managementAddress.strip(), managementPort);
    if (address.isUnresolved()) {
      throw new UserException("--management-address: unknown address " + managementAddress);
    }
    return address;
  }

  /** Said once per start: links work over http, but mail clients want https for one click. */
  private static void warnUnlessHttps(NodeSettings settings) {
    if (!settings.publicUrlIsHttps()) {
      LOG.warn(
          "The public URL {} is not https: mail clients offer one-click unsubscribe (RFC 8058)"
              + " only for https links, and the dashboard's cookie is not marked Secure. Set"
              + " CAMPAIGN_ENGINE_PUBLIC_URL to this server's public https address.",
          settings.publicUrl());
    }
  }

  private static int anyFreePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupException("no free port for the HTTP API: " + e.getMessage(), e);
    }
  }

  /**
   * Fails at once, before the database starts, if another program listens on {@code port}; the node
   * binds it for good later (and fails the same way if someone took it in between).
   */
  private static void checkFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new StartupException(
          "cannot listen on port " + port + ": it is in use (--port, CAMPAIGN_ENGINE_PORT)");
    }
  }

  private void announceKey(Optional<String> key) throws IOException {
    if (key.isEmpty()) {
      return;
    }
    Path file = database.dataDir.resolve("api-key");
    Files.createDirectories(database.dataDir);
    Files.writeString(file, key.get() + System.lineSeparator());
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the key file keeps the directory's permissions
    }
    System.out.println(
        "Created the first workspace. Its API key (shown once, also in " + file + "):");
    System.out.println("  " + key.get());
  }
}
