package com.campaignengine.api;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' port, apart from the API: {@code GET /metrics} (Prometheus text) and the health
 * checks. The metrics count sends and queues across every workspace, so they are never on the API
 * port, which anyone who can reach the links in an email can reach; this port binds loopback unless
 * told otherwise. The port is bound on construction; {@link #start} serves.
 */
public final class ManagementServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "management-http");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Serves the metrics and health of {@code services} on {@code address} (port 0: any free one).
   *
   * @throws com.campaignengine.failure.StartupException if the port is in use
   */
  public ManagementServer(ApiServices services, InetSocketAddress address) {
    this.server = ApiServer.bind(address);
    server.setExecutor(executor);
    OpsPages ops = new OpsPages(services.metrics(), services.readiness());
    server.createContext("/metrics", ops);
    server.createContext("/health/", ops);
  }

  public void start() {
    server.start();
    LOG.info("Metrics on http://{}:{}/metrics", server.getAddress().getHostString(), port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
