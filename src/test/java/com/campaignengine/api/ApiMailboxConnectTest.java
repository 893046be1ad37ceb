package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.node.OAuthApps;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.OAuthProviderStub;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Connect Gmail" and "Connect Microsoft 365" over real HTTP: the API route starts the
 * authorization-code flow with PKCE, a stub of Google's and Microsoft's OAuth endpoints on a local
 * HTTP server answers as they document, and the callback page creates the mailbox owned by the user
 * who started it, or refuses with a clear page, storing nothing.
 */
class ApiMailboxConnectTest extends ApiTestSupport {
  private OAuthProviderStub provider;
  private TeamTestSupport team;

  private final HttpClient plain =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** The state cookie the last connect set in "this browser" (sent back at the callback). */
  private String stateCookie;

  private String adaKey;
  private String adaId;
  private String bobKey;

  @BeforeEach
  void start(@TempDir Path dir) {
    provider = new OAuthProviderStub();
    open(dir, OAuthProviderStub.apps());
    adaId = team.user("ada@recruit.example", "Ada", "member");
    adaKey = userKey(adaId, "member");
    bobKey = userKey(team.user("bob@recruit.example", "Bob", "member"), "member");
  }

  private void open(Path dir, OAuthApps apps) {
    int port = freePort();
    clock = new MutableClock(START);
    app =
        TestApplications.open(
            dir,
            clock,
            null,
            settings ->
                settings
                    .withOAuth(apps)
                    .withEndpoints(provider.endpoints())
                    .withPublicUrl("http://localhost:" + port));
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), port, clock);
    server.start();
    client = HttpClient.newHttpClient();
    team = new TeamTestSupport(this);
  }

  @AfterEach
  void stop() {
    stopServer();
    provider.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private String userKey(String userId, String role) {
    Answer key =
        post(
            "/api/v1/api-keys",
            Map.of("name", "key of " + userId, "role", role, "user_id", userId));
    assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
    return key.body().get("key").asText();
  }

  private HttpResponse<String> raw(HttpRequest.Builder request) {
    try {
      return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts connecting with {@code key}: the consent URL the API redirects to. */
  private URI startConnect(String key, String provider, String query) {
    HttpResponse<String> started =
        raw(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/" + provider + query))
                .header("Authorization", "Bearer " + key));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    String setCookie = started.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("ce_connect_state=").contains("HttpOnly", "SameSite=Lax");
    stateCookie = setCookie.substring(0, setCookie.indexOf(';'));
    return URI.create(started.headers().firstValue("Location").orElseThrow());
  }

  /** The browser at the provider: consent given at once, back at our callback page. */
  private HttpResponse<String> atProvider(URI consent) {
    HttpResponse<String> back = raw(HttpRequest.newBuilder(consent));
    assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
    URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
    assertThat(callback.getPath()).startsWith("/oauth/");
    return raw(HttpRequest.newBuilder(callback).header("Cookie", stateCookie));
  }

  private HttpResponse<String> connect(String key, String provider) {
    return atProvider(startConnect(key, provider, ""));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  private List<JsonNode> mailboxes() {
    return items(get("/api/v1/mailboxes"));
  }

  private void execute(String statement) {
    try (java.sql.Connection c = app.database().dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private long rows(String table) {
    return Sql.count(app.database().dataSource(), "SELECT count(*) FROM " + table);
  }

  /** Nothing stored: no mailbox, no state left behind. */
  private void assertNothingStored() {
    assertThat(mailboxes()).isEmpty();
    assertThat(rows("mailboxes")).isZero();
    assertThat(rows("mailbox_connect_states")).isZero();
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM audit_log WHERE object_type = 'mailboxes'"))
        .isZero();
  }

  private static void assertPage(HttpResponse<String> page, int status, String reason) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("data-reason=\"" + reason + "\"", "to-mailboxes");
  }

  @Test
  void connect_gmail_creates_a_mailbox_owned_by_the_user_with_the_consumer_cap() {
    URI consent = startConnect(adaKey, "google", "");
    assertThat(consent.toString()).startsWith(provider.base() + "/google/auth?");
    Map<String, String> query = query(consent);
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", OAuthProviderStub.GOOGLE_CLIENT_ID)
        .containsEntry("redirect_uri", app.api().publicUrl() + "/oauth/google/callback")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsEntry(
            "scope",
            "openid email https://www.googleapis.com/auth/gmail.send"
                + " https://www.googleapis.com/auth/gmail.readonly");
    // RFC 7636: a base64url SHA-256 of a verifier of 32 random bytes is 43 characters.
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(query.get("state")).matches("[A-Za-z0-9_-]{43}");
    // Only the state's hash is stored.
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM mailbox_connect_states WHERE state_sha256 = '"
                    + query.get("state")
                    + "'"))
        .isZero();
    assertThat(rows("mailbox_connect_states")).isEqualTo(1);

    HttpResponse<String> done = atProvider(consent);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("connect-done", "ada@gmail.com", "500");

    List<JsonNode> mailboxes = mailboxes();
    assertThat(mailboxes).hasSize(1);
    JsonNode mailbox = mailboxes.get(0);
    assertThat(mailbox.get("provider").asText()).isEqualTo("gmail");
    assertThat(mailbox.get("email").asText()).isEqualTo("ada@gmail.com");
    assertThat(mailbox.get("display_name").asText()).isEqualTo("Ada Lovelace");
    assertThat(mailbox.get("daily_limit").asInt()).isEqualTo(500);
    assertThat(mailbox.get("status").asText()).isEqualTo("connected");
    assertThat(mailbox.get("gmail").get("client_id").asText())
        .isEqualTo(OAuthProviderStub.GOOGLE_CLIENT_ID);
    assertThat(mailbox.toString())
        .doesNotContain("refresh", OAuthProviderStub.GOOGLE_CLIENT_SECRET);
    String id = mailbox.get("id").asText();
    assertThat(get("/api/v1/mailboxes/" + id + "/shares").body().get("owner_user_id").asText())
        .isEqualTo(adaId);
    Map<String, String> secrets = app.mailboxes.secretsOf(Long.parseLong(id));
    assertThat(secrets.get("gmail.client_secret"))
        .isEqualTo(OAuthProviderStub.GOOGLE_CLIENT_SECRET);
    assertThat(secrets.get("gmail.refresh_token")).startsWith("1//stub-refresh-");
    assertThat(rows("mailbox_connect_states")).isZero();
    // The audit log names the user and the mailbox.
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM audit_log WHERE action = 'mailboxes.connect'"
                    + " AND actor = 'user:ada@recruit.example' AND actor_user_id = "
                    + adaId
                    + " AND object_type = 'mailboxes' AND object_id = '"
                    + id
                    + "'"))
        .isEqualTo(1);

    // Still the user's to adjust, as any mailbox.
    Answer patched =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/" + id))
                .header("Authorization", "Bearer " + adaKey)
                .header("Content-Type", "application/json")
                .method("PATCH", body("{\"daily_limit\": 300}")));
    assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
    assertThat(patched.body().get("daily_limit").asInt()).isEqualTo(300);
  }

  @Test
  void a_consent_link_opened_in_another_browser_connects_nothing() {
    URI consent = startConnect(adaKey, "google", "");
    // Ada sends the consent link to someone else, whose browser never started a connect.
    HttpClient elsewhere =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> back;
    HttpResponse<String> page;
    try {
      back =
          elsewhere.send(
              HttpRequest.newBuilder(consent).build(), HttpResponse.BodyHandlers.ofString());
      URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
      page =
          elsewhere.send(
              HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertPage(page, 403, "other-browser");
    assertThat(rows("mailboxes")).isZero();
    assertThat(provider.tokenRequests()).as("the code was never redeemed").isZero();
    // The state was not used up: Ada's own browser still finishes her connect.
    URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
    assertThat(raw(HttpRequest.newBuilder(callback).header("Cookie", stateCookie)).statusCode())
        .isEqualTo(200);
    assertThat(mailboxes()).hasSize(1);
  }

  @Test
  void a_state_works_once() {
    URI consent = startConnect(adaKey, "google", "");
    HttpResponse<String> back = raw(HttpRequest.newBuilder(consent));
    URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
    assertThat(raw(HttpRequest.newBuilder(callback).header("Cookie", stateCookie)).statusCode())
        .isEqualTo(200);

    HttpResponse<String> replay =
        raw(HttpRequest.newBuilder(callback).header("Cookie", stateCookie));
    assertPage(replay, 400, "state");
    assertThat(replay.body()).contains("expired or was already used");
    assertThat(mailboxes()).hasSize(1);
    assertThat(provider.tokenRequests()).isEqualTo(1);
  }

  @Test
  void a_workspace_account_gets_googles_workspace_cap_and_microsoft_its_recipient_cap() {
    provider.googleAccount(
        new OAuthProviderStub.Account("ada@recruit.example", "Ada Lovelace", "recruit.example"));
    assertThat(connect(adaKey, "google").statusCode()).isEqualTo(200);

    URI consent = startConnect(adaKey, "microsoft", "");
    assertThat(consent.toString())
        .startsWith(provider.base() + "/microsoft/common/oauth2/v2.0/authorize?");
    Map<String, String> query = query(consent);
    assertThat(query)
        .containsEntry("client_id", OAuthProviderStub.MICROSOFT_CLIENT_ID)
        .containsEntry("redirect_uri", app.api().publicUrl() + "/oauth/microsoft/callback")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry(
            "scope",
            "offline_access openid email https://graph.microsoft.com/Mail.Send"
                + " https://graph.microsoft.com/Mail.ReadWrite"
                + " https://graph.microsoft.com/User.Read");
    HttpResponse<String> done = atProvider(consent);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

    Map<String, JsonNode> byEmail = new HashMap<>();
    mailboxes().forEach(m -> byEmail.put(m.get("email").asText(), m));
    assertThat(byEmail.get("ada@recruit.example").get("daily_limit").asInt()).isEqualTo(2000);
    JsonNode microsoft = byEmail.get("ada@contoso.onmicrosoft.com");
    assertThat(microsoft.get("provider").asText()).isEqualTo("microsoft");
    assertThat(microsoft.get("daily_limit").asInt()).isEqualTo(10000);
    assertThat(microsoft.get("microsoft").get("client_id").asText())
        .isEqualTo(OAuthProviderStub.MICROSOFT_CLIENT_ID);
    assertThat(microsoft.get("microsoft").get("tenant").asText()).isEqualTo("common");
    Map<String, String> secrets = app.mailboxes.secretsOf(microsoft.get("id").asLong());
    assertThat(secrets.get("microsoft.client_secret"))
        .isEqualTo(OAuthProviderStub.MICROSOFT_CLIENT_SECRET);
    assertThat(secrets.get("microsoft.refresh_token")).startsWith("1//stub-refresh-");
    assertThat(
            get("/api/v1/mailboxes/" + microsoft.get("id").asText() + "/shares")
                .body()
                .get("owner_user_id")
                .asText())
        .isEqualTo(adaId);
  }

  @Test
  void a_pasted_microsoft_mailbox_defaults_to_exchange_onlines_cap_and_gmail_to_500() {
    Answer microsoft =
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"microsoft\", \"email\": \"ops@contoso.example\","
                + " \"microsoft\": {\"client_id\": \"app\", \"client_secret\": \"s\","
                + " \"refresh_token\": \"r\"}}");
    assertThat(microsoft.status()).as(microsoft.raw().body()).isEqualTo(201);
    assertThat(microsoft.body().get("daily_limit").asInt()).isEqualTo(10000);
    Answer gmail =
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"gmail\", \"email\": \"ops@gmail.com\","
                + " \"gmail\": {\"client_id\": \"app\", \"client_secret\": \"s\","
                + " \"refresh_token\": \"r\"}}");
    assertThat(gmail.status()).as(gmail.raw().body()).isEqualTo(201);
    assertThat(gmail.body().get("daily_limit").asInt()).isEqualTo(500);
  }

  @Test
  void json_is_answered_with_the_url_and_the_configured_providers_are_listed() {
    Answer url =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/google"))
                .header("Authorization", "Bearer " + adaKey)
                .header("Accept", "application/json"));
    assertThat(url.status()).isEqualTo(200);
    assertThat(url.body().get("url").asText()).startsWith(provider.base() + "/google/auth?");

    Answer providers = get("/api/v1/mailboxes/connect");
    assertThat(providers.status()).isEqualTo(200);
    assertThat(providers.body().get("providers").toString())
        .isEqualTo("[\"google\",\"microsoft\"]");
  }

  @Test
  void a_denied_consent_shows_a_page_and_stores_nothing() {
    provider.deny(true);
    HttpResponse<String> page = connect(adaKey, "google");
    assertPage(page, 403, "denied");
    assertThat(page.body()).contains("did not allow");
    assertThat(provider.tokenRequests()).isZero();
    assertNothingStored();
  }

  @Test
  void an_expired_state_shows_a_page_and_stores_nothing() {
    URI consent = startConnect(adaKey, "google", "");
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    HttpResponse<String> page = atProvider(consent);
    assertPage(page, 400, "state");
    assertThat(provider.tokenRequests()).isZero();
    assertNothingStored();
  }

  @Test
  void a_verifier_that_does_not_match_the_challenge_is_refused_by_the_provider() {
    provider.wrongChallenge(true);
    HttpResponse<String> page = connect(adaKey, "google");
    assertPage(page, 502, "exchange");
    assertThat(page.body()).contains("invalid_grant");
    assertThat(provider.tokenRequests()).isEqualTo(1);
    assertNothingStored();
  }

  @Test
  void a_user_made_a_viewer_before_the_callback_cannot_finish() {
    URI consent = startConnect(adaKey, "google", "");
    Answer demoted =
        send(
            request("/api/v1/users/" + adaId)
                .header("Content-Type", "application/json")
                .method("PATCH", body("{\"role\": \"viewer\"}")));
    assertThat(demoted.status()).as(demoted.raw().body()).isEqualTo(200);
    HttpResponse<String> page = atProvider(consent);
    assertPage(page, 403, "role");
    assertThat(provider.tokenRequests()).isZero();
    assertNothingStored();
  }

  @Test
  void no_refresh_token_shows_how_to_retry_and_stores_nothing() {
    provider.refreshTokens(false);
    HttpResponse<String> page = connect(adaKey, "google");
    assertPage(page, 502, "no-refresh-token");
    assertThat(page.body()).contains("myaccount.google.com/permissions");
    assertNothingStored();
  }

  @Test
  void a_service_key_a_viewer_and_unknown_providers_are_refused() {
    Answer service = get("/api/v1/mailboxes/connect/google");
    assertThat(service.status()).isEqualTo(403);
    assertThat(service.field()).isEqualTo("user");
    assertThat(service.body().get("error").asText()).contains("a key of your own");

    String viewerKey = userKey(team.user("vic@recruit.example", "Vic", "viewer"), "viewer");
    Answer viewer =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/google"))
                .header("Authorization", "Bearer " + viewerKey));
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(viewer.field()).isEqualTo("role");

    Answer unknown =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/yahoo"))
                .header("Authorization", "Bearer " + adaKey));
    assertThat(unknown.status()).isEqualTo(404);
    assertPage(
        raw(HttpRequest.newBuilder(uri("/oauth/yahoo/callback?code=x&state=y"))),
        404,
        "unknown-provider");
    assertNothingStored();
  }

  @Test
  void reconnecting_with_another_account_changes_nothing_and_with_the_same_one_reconnects() {
    assertThat(connect(adaKey, "google").statusCode()).isEqualTo(200);
    String id = mailboxes().get(0).get("id").asText();
    String firstToken = app.mailboxes.secretsOf(Long.parseLong(id)).get("gmail.refresh_token");
    execute("UPDATE mailboxes SET status = 'disconnected', status_reason = 'invalid_grant'");

    // Bob may not reconnect Ada's mailbox.
    Answer bob =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/google?mailbox_id=" + id))
                .header("Authorization", "Bearer " + bobKey));
    assertThat(bob.status()).isEqualTo(403);
    assertThat(bob.field()).isEqualTo("mailbox_id");
    // Nor is a Gmail mailbox reconnected through Microsoft.
    Answer wrongProvider =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/microsoft?mailbox_id=" + id))
                .header("Authorization", "Bearer " + adaKey));
    assertThat(wrongProvider.status()).isEqualTo(422);

    provider.googleAccount(new OAuthProviderStub.Account("ada.other@gmail.com", "Ada", null));
    URI consent = startConnect(adaKey, "google", "?mailbox_id=" + id);
    assertThat(query(consent)).containsEntry("login_hint", "ada@gmail.com");
    HttpResponse<String> mismatch = atProvider(consent);
    assertPage(mismatch, 409, "mismatch");
    assertThat(mismatch.body()).contains("ada.other@gmail.com", "ada@gmail.com");
    assertThat(mailboxes()).hasSize(1);
    assertThat(mailboxes().get(0).get("status").asText()).isEqualTo("disconnected");
    assertThat(app.mailboxes.secretsOf(Long.parseLong(id)).get("gmail.refresh_token"))
        .isEqualTo(firstToken);
    assertThat(rows("mailbox_connect_states")).isZero();

    provider.googleAccount(new OAuthProviderStub.Account("ada@gmail.com", "Ada", null));
    HttpResponse<String> again = atProvider(startConnect(adaKey, "google", "?mailbox_id=" + id));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).contains("Reconnected ada@gmail.com");
    JsonNode mailbox = mailboxes().get(0);
    assertThat(mailbox.get("status").asText()).isEqualTo("connected");
    assertThat(app.mailboxes.secretsOf(Long.parseLong(id)).get("gmail.refresh_token"))
        .startsWith("1//stub-refresh-")
        .isNotEqualTo(firstToken);
  }

  @Test
  void connecting_an_address_the_workspace_has_already_says_to_reconnect() {
    assertThat(connect(adaKey, "google").statusCode()).isEqualTo(200);
    HttpResponse<String> twice = connect(adaKey, "google");
    assertPage(twice, 409, "exists");
    assertThat(twice.body()).contains("Reconnect");
    assertThat(mailboxes()).hasSize(1);
  }

  @Test
  void a_provider_without_a_client_on_this_server_is_refused(@TempDir Path other) {
    stopServer();
    open(
        other,
        new OAuthApps(
            new OAuthApps.OAuthApp(
                OAuthProviderStub.GOOGLE_CLIENT_ID, OAuthProviderStub.GOOGLE_CLIENT_SECRET),
            null,
            null));
    String key = userKey(team.user("ada@recruit.example", "Ada", "member"), "member");
    Answer refused =
        send(
            HttpRequest.newBuilder(uri("/api/v1/mailboxes/connect/microsoft"))
                .header("Authorization", "Bearer " + key));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("error").asText())
        .contains("CAMPAIGN_ENGINE_MICROSOFT_CLIENT_ID");
    assertThat(get("/api/v1/mailboxes/connect").body().get("providers").toString())
        .isEqualTo("[\"google\"]");
    assertPage(
        raw(HttpRequest.newBuilder(uri("/oauth/microsoft/callback?code=x&state=y"))),
        404,
        "not-configured");
    assertNothingStored();
  }
}
