package com.campaignengine.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One engine node in its own JVM: {@code campaign-engine serve} started from the test's class path,
 * with its output in a log file. {@link #kill} is SIGKILL (no shutdown hook runs), {@link #stop} is
 * SIGTERM (a graceful shutdown).
 */
public final class EngineNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String id;
  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path log;

  private EngineNode(String id, Process process, int port, int managementPort, Path log) {
    this.id = id;
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  /** Starts a node and waits until it answers {@code /health/ready}. */
  public static EngineNode start(
      String id, String databaseUrl, Path workDir, Map<String, String> environment) {
    try {
      int port = freePort();
      int managementPort = freePort();
      Path dataDir = Files.createDirectories(workDir.resolve(id));
      Path log = workDir.resolve(id + "-" + System.nanoTime() + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss512k"));
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.add("com.campaignengine.Main");
      command.addAll(
          List.of(
              "serve",
              "--database-url",
              databaseUrl,
              "--data-dir",
              dataDir.toString(),
              "--port",
              Integer.toString(port),
              "--management-port",
              Integer.toString(managementPort),
              "--node-id",
              id));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      EngineNode node = new EngineNode(id, builder.start(), port, managementPort, log);
      await("node " + id + " ready (log: " + log + ")")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(node::ready);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String id() {
    return id;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public boolean alive() {
    return process.isAlive();
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("node " + id + " exited; see " + log);
    }
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The value of one series of the node's {@code /metrics} (0 when absent), on its management port.
   */
  public double metric(String series) {
    try {
      String text =
          HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : text.split("\n")) {
        if (line.startsWith(series + " ")) {
          return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: the JVM dies at once, in the middle of whatever it does. */
  public void kill() {
    process.destroyForcibly();
    waitFor(10);
  }

  /** SIGTERM: shutdown hooks run; the node releases what it holds. */
  public void stop() {
    process.destroy();
    if (!waitFor(60)) {
      kill();
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
