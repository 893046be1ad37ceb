package com.campaignengine.api;

import com.campaignengine.failure.StartupException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
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
 * (or the dashboard's session cookie), the dashboard at {@code /}, and open health checks ({@code
 * /health}, {@code /health/live}, {@code /health/ready}). Nothing else here answers without a key:
 * the metrics are on the {@link ManagementServer}'s port. The port is bound on construction; {@link
 * #start} serves.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Request threads; each holds at most one database connection at a time. */
  public static final int THREADS = 16;

  private final HttpServer server;
  private final ExecutorService executor;

  /** Serves {@code services} on {@code port} (0: any free port); "now" is the node's clock. */
  public ApiServer(ApiServices services, int port) {
    this(services, port, services.clock());
  }

  /** As above; {@code clock} is "now" for a simulation without a start. */
  public ApiServer(ApiServices services, int port, Clock clock) {
    Router router = routes(services, clock);
    this.server = bind(new InetSocketAddress(port));
    this.executor = Executors.newFixedThreadPool(THREADS, threads());
    server.setExecutor(executor);
    boolean https = services.publicUrl().startsWith("https:");
    server.createContext(
        "/",
        new DashboardPages(
            services.workspaces(),
            services.users(),
            new ExchangeHandler(router, services.workspaces(), services.clock()),
            https));
    TeamPages team = new TeamPages(services.users(), https);
    server.createContext("/invite/", team);
    server.createContext("/oidc/", team);
    server.createContext("/oauth/", new ConnectPages(services.connect()));
    PublicPages pages = new PublicPages(services.engagement(), services.publicUrl());
    server.createContext("/t/", pages);
    server.createContext("/u/", pages);
    // Health only: the metrics span every workspace and live on the ManagementServer's port.
    server.createContext("/health/", new OpsPages(null, services.readiness()));
  }

  /**
   * Every route of the API, registered on a new router: what the server serves, and what the
   * isolation and role tests walk.
   */
  static Router routes(ApiServices services, Clock clock) {
    Router router = new Router();
    router.get("/health", request -> Response.ok(Json.object().put("status", "ok")));
    new MailboxRoutes(
            services.mailboxes(), services.connect(), services.publicUrl().startsWith("https:"))
        .register(router);
    new PeopleRoutes(services.people(), services.peopleImport()).register(router);
    new CampaignRoutes(services.campaigns(), services.mailboxes()).register(router);
    new HolidayRoutes(services.holidays()).register(router);
    new StatsRoutes(services.stats()).register(router);
    new SimulateRoute(services.campaigns(), services.people(), services.simulator(), clock)
        .register(router);
    new EnrollmentRoutes(
            services.enrollments(), services.campaigns(), services.mailboxes().access())
        .register(router);
    new ExecutionRoutes(services.deadLetters()).register(router);
    new AlertRoutes(services.alerts()).register(router);
    new InboundRoutes(services.inboundWebhooks()).register(router);
    new ReviewRoutes(services.review()).register(router);
    new SettingsRoutes(services.retentionSettings(), services.enrollments()).register(router);
    new WebhookRoutes(services.outboundWebhooks()).register(router);
    new OwnWorkspaceRoutes(services.ownWorkspace()).register(router);
    new ApiKeyRoutes(services.apiKeys()).register(router);
    if (services.serverAdmin().enabled()) {
      new WorkspaceRoutes(services.serverAdmin()).register(router); // else 404: no such route
    }
    new UserRoutes(services.users()).register(router);
    new AuditRoutes(services.audit()).register(router);
    new EventRoutes(services.events()).register(router);
    new AtsRoutes(services.ats(), services.events(), services.publicUrl()).register(router);
    new ReplyRoutes(services.replies()).register(router);
    new TaskRoutes(services.tasks()).register(router);
    return router;
  }

  /**
   * An HTTP server bound to {@code address}, not yet answering.
   *
   * @throws StartupException if the port is in use or may not be used
   */
  static HttpServer bind(InetSocketAddress address) {
    try {
      return HttpServer.create(address, 0);
    } catch (BindException e) {
      throw new StartupException(
          "cannot listen on port " + address.getPort() + ": it is in use (" + e.getMessage() + ")",
          e);
    } catch (IOException e) {
      throw new StartupException("cannot listen on port " + address.getPort() + ": " + e, e);
    }
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
