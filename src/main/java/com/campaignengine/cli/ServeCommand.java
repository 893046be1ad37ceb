package com.campaignengine.cli;

import com.campaignengine.engine.EngineConfig;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.DutySettings;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the engine and the HTTP API, until stopped (SIGTERM/Ctrl-C shut down cleanly). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the engine and the HTTP API.")
final class ServeCommand implements Callable<Integer> {

  @Mixin DatabaseOptions database;

  @Option(
      names = "--port",
      defaultValue = "${env:CAMPAIGN_ENGINE_PORT:-8080}",
      description = "HTTP port. Default: ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Engine worker threads. Default: ${DEFAULT-VALUE}")
  int workers;

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

  @Override
  public Integer call() throws Exception {
    if (retentionDays < 0 || retentionDays > 36_500) {
      throw new UserException("--retention-days must be between 0 and 36500");
    }
    if (port < 0 || port > 65535) {
      throw new UserException("--port must be between 0 and 65535");
    }
    if (leaseSeconds < 4 || leaseSeconds > 3600) {
      throw new UserException("--lease-seconds must be between 4 and 3600");
    }
    EngineConfig.Builder config =
        EngineConfig.builder()
            .workers(workers)
            .lease(Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(leaseSeconds).dividedBy(4));
    if (nodeId != null) {
      config.nodeId(nodeId);
    }
    EngineConfig engineConfig;
    try {
      engineConfig = config.build();
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    NodeOptions options =
        NodeOptions.withEnvironment(
            new StorageSettings(database.dataDir, database.databaseUrl, true), engineConfig, true);
    CountDownLatch stopped = new CountDownLatch(1);
    Node node = Node.open(options, Collaborators.production());
    try {
      announceKey(
          node.api().workspaces().createFirstWorkspace(System.getenv("CAMPAIGN_ENGINE_API_KEY")));
      node.engine().start();
      node.duties()
          .startAll(
              DutySettings.serving(
                  Duration.ofDays(retentionDays), options.settings().alerts().interval()));
      int listening = node.serveHttp(port);
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
    return 0;
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
