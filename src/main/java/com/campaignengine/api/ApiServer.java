package com.campaignengine.api;

import com.campaignengine.Application;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (design §5) on the JDK's built-in server: {@code /api/v1/…} behind a bearer API key
 * (or the dashboard's session cookie), the dashboard at {@code /}, and an open {@code GET /health}.
 * The port is bound on construction; {@link #start} serves.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Request threads; each holds at most one database connection at a time. */
  public static final int THREADS = 16;

  private final HttpServer server;
  private final ExecutorService executor;

  /** Serves {@code app} on {@code port} (0: any free port); "now" is the system clock. */
  public ApiServer(Application app, int port) {
    this(app, port, app.clock());
  }

  /** As above; {@code clock} is "now" for a simulation without a start. */
  public ApiServer(Application app, int port, Clock clock) {
    Router router = new Router();
    router.get("/health", request -> Response.ok(Json.object().put("status", "ok")));
    new MailboxRoutes(app.mailboxes).register(router);
    new PeopleRoutes(app.people, app.peopleImport).register(router);
    new CampaignRoutes(app.campaigns).register(router);
    new HolidayRoutes(app.holidays).register(router);
    new StatsRoutes(app.stats).register(router);
    new SimulateRoute(app.campaigns, app.people, app.simulator, clock).register(router);
    new EnrollmentRoutes(app.enrollments).register(router);
    new ExecutionRoutes(app.deadLetters).register(router);
    new AlertRoutes(app.alerts).register(router);
    new InboundRoutes(app.webhooks).register(router);
    new ReviewRoutes(app.review).register(router);
    new SettingsRoutes(app.retentionSettings).register(router);
    new WebhookRoutes(app.outboundWebhooks).register(router);
    try {
      this.server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    this.executor = Executors.newFixedThreadPool(THREADS, threads());
    server.setExecutor(executor);
    boolean https = app.tracking().publicUrl().startsWith("https:");
    server.createContext(
        "/",
        new DashboardPages(app.workspaces, new ExchangeHandler(router, app.workspaces), https));
    PublicPages pages = new PublicPages(app.engagement, app.tracking().publicUrl());
    server.createContext("/t/", pages);
    server.createContext("/u/", pages);
    OpsPages ops = new OpsPages(app);
    server.createContext("/metrics", ops);
    server.createContext("/health/", ops);
  }

  public void start() {
    server.start();
    LOG.info("HTTP API listening on port {}", port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets running requests finish (up to a second), then stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("HTTP API stopped");
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
