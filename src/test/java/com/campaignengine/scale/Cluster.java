package com.campaignengine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.store.postgres.EmbeddedPostgresServer;
import com.campaignengine.testing.EngineNode;
import com.campaignengine.testing.SentCopies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A cluster for the scale and chaos tests: a durable embedded PostgreSQL on a fixed port (so it can
 * be restarted where the nodes expect it), GreenMail as the SMTP and IMAP provider that files every
 * accepted message in the sender's Sent folder, and engine nodes in their own JVMs.
 */
final class Cluster implements AutoCloseable {
  static final String API_KEY = "cluster-test-key-0123456789abcdef";
  static final List<String> SENDERS =
      List.of("ada@recruit.example", "bob@recruit.example", "cy@recruit.example");
  private static final String PASSWORD = "secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path work;
  private final String name;
  private final Path pgDir;
  private final int pgPort = EngineNode.freePort();
  private final GreenMail greenMail;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Every node started, killed ones too (a node started in the background joins when ready). */
  final List<EngineNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final List<java.util.concurrent.CompletableFuture<EngineNode>> starting =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Starts and stops nodes side by side (the common pool may have a single thread). */
  private final java.util.concurrent.ExecutorService background =
      java.util.concurrent.Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cluster-nodes");
            thread.setDaemon(true);
            return thread;
          });

  private EmbeddedPostgresServer postgres;
  private String campaignId;

  /**
   * A cluster of three nodes for each test, in {@code work}/{test method}, stopped after it; test
   * methods take it as a parameter. Register with {@code @RegisterExtension}.
   */
  static final class PerTest implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Path work;
    private final Map<String, String> settings;
    private Cluster cluster;

    PerTest(Path work) {
      this(work, Map.of());
    }

    /** With {@code settings}: environment variables of every node, e.g. its lease. */
    PerTest(Path work, Map<String, String> settings) {
      this.work = work;
      this.settings = settings;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
      cluster = new Cluster(work, context.getRequiredTestMethod().getName(), settings);
      // The first node creates the schema and the workspace; the other two start together.
      cluster.startNode("n1");
      List<java.util.concurrent.CompletableFuture<EngineNode>> others =
          List.of(cluster.startNodeInBackground("n2"), cluster.startNodeInBackground("n3"));
      others.forEach(java.util.concurrent.CompletableFuture::join);
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (cluster != null) {
        cluster.close();
        cluster = null;
      }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return cluster;
    }
  }

  /** A cluster without nodes yet, in {@code work}/{@code name} (emptied first). */
  Cluster(Path work, String name) throws IOException {
    this(work, name, Map.of());
  }

  /** As above, {@code settings} added to every node's environment. */
  Cluster(Path work, String name, Map<String, String> settings) throws IOException {
    Path dir = work.resolve(name);
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    this.work = Files.createDirectories(dir);
    this.name = name;
    this.pgDir = dir.resolve("postgres");
    this.greenMail =
        new GreenMail(
            new ServerSetup[] {
              ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()
            });
    greenMail.start();
    SentCopies.install(greenMail);
    SENDERS.forEach(sender -> SentCopies.sender(greenMail, sender, PASSWORD));
    this.postgres = EmbeddedPostgresServer.start(pgDir, true, pgPort);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> environment = new java.util.HashMap<>(settings);
    environment.put("CAMPAIGN_ENGINE_API_KEY", API_KEY);
    environment.put("CAMPAIGN_ENGINE_SECRET_KEY", Base64.getEncoder().encodeToString(key));
    environment.put("CAMPAIGN_ENGINE_ALERT_INTERVAL_SECONDS", "3600");
    this.environment = Map.copyOf(environment);
  }

  String databaseUrl() {
    return postgres.jdbcUrl()
        + "?user=postgres&password="
        + postgres.password()
        + "&currentSchema=campaign_engine";
  }

  EngineNode startNode(String id) {
    EngineNode node = EngineNode.start(id, databaseUrl(), work, environment);
    nodes.add(node);
    return node;
  }

  /**
   * Starts a node without waiting for it: it joins {@link #nodes} once ready. {@link #close} waits
   * for every node still starting, so none is left behind.
   */
  java.util.concurrent.CompletableFuture<EngineNode> startNodeInBackground(String id) {
    java.util.concurrent.CompletableFuture<EngineNode> node =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> startNode(id), background);
    starting.add(node);
    return node;
  }

  /** Stops PostgreSQL (fast shutdown: every connection is cut) and starts it again. */
  Duration restartPostgres() {
    long t0 = System.nanoTime();
    postgres.close();
    postgres = EmbeddedPostgresServer.start(pgDir, true, pgPort);
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  // ---- chaos from another client --------------------------------------------------------------

  /** A connection of "another client" (application_name chaos, spared by the terminations). */
  Connection chaosConnection() throws SQLException {
    return DriverManager.getConnection(databaseUrl() + "&ApplicationName=chaos");
  }

  /** Terminates every backend of the engine nodes; returns how many. */
  long terminateEngineBackends() {
    return count(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
            + " AND coalesce(application_name, '') NOT IN ('chaos')");
  }

  /** Opens connections until PostgreSQL refuses more; the caller closes them. */
  List<Connection> exhaustConnections() {
    List<Connection> held = new ArrayList<>();
    while (true) {
      try {
        held.add(chaosConnection());
      } catch (SQLException e) {
        assertThat(e.getMessage()).containsAnyOf("too many clients", "reserved");
        return held;
      }
      if (held.size() > 1_000) {
        throw new IllegalStateException("PostgreSQL accepted 1,000 connections");
      }
    }
  }

  // ---- the campaign, through node 0's API -----------------------------------------------------

  /** Three SMTP mailboxes, {@code people} people, a campaign of three emails; enrolls everyone. */
  void enroll(int people) {
    enroll(people, 100_000);
  }

  /** As above, each mailbox capped at {@code dailyLimit} emails a day. */
  void enroll(int people, int dailyLimit) {
    enroll(people, dailyLimit, true);
  }

  /**
   * As above, through SMTP relays without IMAP (the common case for relays): the nodes cannot ask
   * the provider whether a send in doubt went out, so such a send is parked, never re-sent.
   */
  void enrollThroughRelays(int people) {
    enroll(people, 100_000, false);
  }

  private void enroll(int people, int dailyLimit, boolean imap) {
    List<String> mailboxes = new ArrayList<>();
    for (String sender : SENDERS) {
      String sentFolder =
          """
          , "imap": {"host": "localhost", "port": %d, "username": "%s", "password": "%s",
                    "security": "none", "sent_folder": "%s"}
          """
              .formatted(greenMail.getImap().getPort(), sender, PASSWORD, SentCopies.FOLDER);
      mailboxes.add(
          post(
                  "/api/v1/mailboxes",
                  """
                  {"provider": "smtp", "email": "%s", "daily_limit": %d,
                   "smtp": {"host": "localhost", "port": %d, "username": "%s", "password": "%s",
                            "security": "none"}%s}
                  """
                      .formatted(
                          sender,
                          dailyLimit,
                          greenMail.getSmtp().getPort(),
                          sender,
                          PASSWORD,
                          imap ? sentFolder : ""))
              .get("id")
              .asText());
    }
    StringBuilder csv = new StringBuilder("email_address,first_name\n");
    for (int i = 0; i < people; i++) {
      csv.append("p").append(i).append("@corp").append(i % 97).append(".example,P").append(i);
      csv.append('\n');
    }
    JsonNode imported = send("/api/v1/people/import", "text/csv", csv.toString());
    assertThat(imported.get("imported").asInt()).isEqualTo(people);
    List<String> ids = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page =
          get("/api/v1/people?limit=500" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
      page.get("items").forEach(p -> ids.add(p.get("id").asText()));
      cursor = page.path("next_cursor").asText("");
    } while (!cursor.isEmpty() && !"null".equals(cursor));
    assertThat(ids).hasSize(people);
    StringBuilder steps = new StringBuilder();
    for (int step = 1; step <= 3; step++) {
      steps.append(step == 1 ? "" : ",");
      steps.append(
          "{\"key\":\"e%d\",\"type\":\"email\",\"subject\":\"Step %d for {{first_name}}\",\"body\":\"Hi {{first_name}}, email %d.\"}"
              .formatted(step, step, step));
    }
    campaignId =
        post(
                "/api/v1/campaigns",
                "{\"name\":\"scale\",\"mailbox_ids\":"
                    + JSON.valueToTree(mailboxes)
                    + ",\"steps\":["
                    + steps
                    + "]}")
            .get("id")
            .asText();
    post("/api/v1/campaigns/" + campaignId + "/activate", "");
    JsonNode enrolled =
        post(
            "/api/v1/campaigns/" + campaignId + "/enrollments",
            "{\"person_ids\":" + JSON.valueToTree(ids) + "}");
    assertThat(enrolled.get("enrolled").asInt()).isEqualTo(people);
  }

  // ---- what happened ------------------------------------------------------------------------

  /** Messages in all Sent folders: what the provider accepted. */
  int delivered() {
    int total = 0;
    for (String sender : SENDERS) {
      total += SentCopies.folder(greenMail, sender).getMessageCount();
    }
    return total;
  }

  List<String> deliveredMessageIds() {
    List<String> ids = new ArrayList<>();
    for (String sender : SENDERS) {
      for (StoredMessage message : SentCopies.folder(greenMail, sender).getMessages()) {
        try {
          ids.add(message.getMimeMessage().getMessageID());
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return ids;
  }

  /** The text values of the first column, e.g. Message-IDs. */
  Set<String> texts(String sql) {
    Set<String> values = new HashSet<>();
    try (Connection c = DriverManager.getConnection(databaseUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String sql) {
    try (Connection c = DriverManager.getConnection(databaseUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1; // the database is restarting
    }
  }

  Set<Long> ids(String sql) {
    Set<Long> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(databaseUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prints a recovery figure and appends it to recovery.txt beside the tests' directories. */
  void report(String line) throws IOException {
    System.out.println(name + ": " + line);
    Files.writeString(
        work.getParent().resolve("recovery.txt"),
        name + ": " + line + System.lineSeparator(),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Waits until every execution finished, checking twice a second. */
  void awaitFinished(Duration limit) {
    await("every execution finished")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(500))
        .until(this::finished);
  }

  /** Nothing left to run: every execution finished. */
  boolean finished() {
    return unfinished() == 0;
  }

  /** Sequences with a step still to run (-1 while the database is restarting). */
  long unfinished() {
    return count(
        "SELECT count(*) FROM campaign_sequence_executions"
            + " WHERE status IN ('pending', 'running', 'paused')");
  }

  /**
   * Every email delivered exactly once (by Message-ID, in the provider's Sent folders), none lost,
   * none in doubt or dead, every enrollment completed.
   */
  void assertExactlyOnce(int people) {
    assertNoDuplicates();
    List<String> messageIds = deliveredMessageIds();
    assertThat(messageIds).as("emails the provider accepted").hasSize(people * 3);
    assertThat(new HashSet<>(messageIds)).as("distinct Message-IDs").hasSize(people * 3);
    assertThat(count("SELECT count(*) FROM email_sends WHERE status = 'sent'"))
        .isEqualTo(people * 3L);
    assertThat(count("SELECT count(*) FROM email_sends WHERE status <> 'sent'")).isZero();
    assertThat(count("SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
        .isEqualTo(people);
  }

  /** No Message-ID delivered twice, and the database agrees with the provider on what was sent. */
  void assertNoDuplicates() {
    List<String> messageIds = deliveredMessageIds();
    assertThat(new HashSet<>(messageIds)).as("distinct Message-IDs").hasSameSizeAs(messageIds);
    assertThat(count("SELECT count(*) FROM email_sends WHERE status = 'sent'"))
        .isEqualTo(messageIds.size());
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private JsonNode get(String path) {
    return exchange(request(path).GET());
  }

  private JsonNode post(String path, String json) {
    return send(path, "application/json", json);
  }

  private JsonNode send(String path, String type, String body) {
    return exchange(
        request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + nodes.get(0).port() + path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + API_KEY);
  }

  private JsonNode exchange(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    starting.forEach(node -> node.handle((started, failed) -> started).join());
    // SIGTERM to every node at once: each stops gracefully, the others meanwhile.
    nodes.stream()
        .map(node -> java.util.concurrent.CompletableFuture.runAsync(node::close, background))
        .toList()
        .forEach(java.util.concurrent.CompletableFuture::join);
    background.shutdown();
    if (postgres != null) {
      postgres.close();
    }
    greenMail.stop();
  }
}
