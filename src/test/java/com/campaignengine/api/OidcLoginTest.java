package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.OidcProviderStub;
import com.campaignengine.testing.TestApplications;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboard login through OIDC against a stub provider on a real local HTTP server: discovery,
 * PKCE, a single-use state, and an id_token whose signature, audience, expiry and nonce are checked
 * before the user with that verified address is logged in.
 */
class OidcLoginTest extends ApiTestSupport {
  private OidcProviderStub provider;
  private TeamTestSupport team;

  @BeforeEach
  void start(@TempDir Path dir) {
    provider = new OidcProviderStub();
    clock = new MutableClock(START);
    app =
        TestApplications.openWithTeam(
            dir,
            clock,
            null,
            settings ->
                settings.withOidc(
                    provider.issuer(), OidcProviderStub.CLIENT_ID, OidcProviderStub.CLIENT_SECRET));
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    client = HttpClient.newHttpClient();
    team = new TeamTestSupport(this);
  }

  @AfterEach
  void stop() {
    stopServer();
    provider.close();
  }

  /** The query of the provider's authorization URL the login redirects to, after checks. */
  /** The state cookie the last {@link #startLogin} set in "this browser". */
  private String stateCookie;

  private Map<String, String> startLogin() {
    HttpResponse<String> login = team.raw(HttpRequest.newBuilder(uri("/oidc/login")));
    assertThat(login.statusCode()).isEqualTo(302);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("ce_oidc_state=").contains("HttpOnly", "SameSite=Lax");
    stateCookie = setCookie.substring(0, setCookie.indexOf(';'));
    URI location = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(provider.issuer() + "/authorize?");
    Map<String, String> query = new HashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", OidcProviderStub.CLIENT_ID)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", app.api().publicUrl() + "/oidc/callback")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("scope")).contains("openid", "email");
    provider.expectChallenge(query.get("code_challenge"));
    return query;
  }

  private HttpResponse<String> callback(String state) {
    return callback(state, stateCookie);
  }

  /** The provider's redirect back, in a browser holding {@code cookie} (null: none). */
  private HttpResponse<String> callback(String state, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            uri(
                "/oidc/callback?code="
                    + OidcProviderStub.CODE
                    + "&state="
                    + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return team.raw(request);
  }

  @Test
  void a_callback_in_a_browser_that_did_not_start_the_login_is_refused() {
    team.user("ada@example.com", "Ada", "admin");
    // An attacker starts a login as themselves and sends the callback URL to the victim.
    Map<String, String> login = startLogin();
    claims(login.get("nonce"));
    for (String cookie : new String[] {null, "ce_oidc_state=another-state"}) {
      HttpResponse<String> forged = callback(login.get("state"), cookie);
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("not started in this browser");
      assertThat(forged.headers().allValues("Set-Cookie"))
          .noneMatch(c -> c.startsWith("ce_session="));
    }
    assertThat(provider.tokenRequests()).as("the code was never redeemed").isZero();
    assertThat(callback(login.get("state")).statusCode())
        .as("the browser that started it still can")
        .isEqualTo(200);
  }

  @Test
  void a_second_account_of_the_provider_with_the_same_address_is_refused() {
    String id = team.user("ada@example.com", "Ada", "admin");
    Map<String, String> first = startLogin();
    claims(first.get("nonce"));
    assertThat(callback(first.get("state")).statusCode()).isEqualTo(200);
    Map<String, String> second = startLogin();
    provider.claims(
        c ->
            c.claim("nonce", second.get("nonce"))
                .subject("another-subject")
                .expirationTime(Date.from(clock.instant().plusSeconds(300))));
    HttpResponse<String> refused = callback(second.get("state"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("linked to another account");
    assertThat(refused.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("ce_session="));
    assertThat(
            com.campaignengine.testing.Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM users WHERE id = "
                    + id
                    + " AND oidc_subject = '"
                    + provider.issuer()
                    + "|subject-1'"))
        .as("still linked to the first")
        .isEqualTo(1);
  }

  private void claims(String nonce) {
    provider.claims(
        c -> c.claim("nonce", nonce).expirationTime(Date.from(clock.instant().plusSeconds(300))));
  }

  @Test
  void the_user_with_the_verified_address_is_logged_in_and_the_state_works_once() {
    String id = team.user("ada@example.com", "Ada", "admin");
    Map<String, String> login = startLogin();
    claims(login.get("nonce"));

    HttpResponse<String> done = callback(login.get("state"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("oidc-done");
    String setCookie =
        done.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("ce_session="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    Answer me = team.withSession(cookie, "GET", "/api/v1/me", null);
    assertThat(me.body().get("user").get("id").asText()).isEqualTo(id);
    assertThat(me.body().get("role").asText()).isEqualTo("admin");
    assertThat(
            com.campaignengine.testing.Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM users WHERE id = "
                    + id
                    + " AND oidc_subject = '"
                    + provider.issuer()
                    + "|subject-1'"))
        .isEqualTo(1);

    HttpResponse<String> replay = callback(login.get("state"));
    assertThat(replay.statusCode()).isEqualTo(403);
    assertThat(replay.body()).contains("expired or was used");
    assertThat(replay.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("ce_session="));
    assertThat(provider.tokenRequests()).isEqualTo(1);
  }

  @Test
  void a_token_with_another_nonce_or_audience_or_key_is_refused() {
    team.user("ada@example.com", "Ada", "admin");
    Map<String, String> login = startLogin();
    claims("a-nonce-of-another-login");
    HttpResponse<String> nonce = callback(login.get("state"));
    assertThat(nonce.statusCode()).isEqualTo(403);
    assertThat(nonce.body()).contains("nonce does not match");
    assertThat(nonce.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("ce_session="));

    Map<String, String> second = startLogin();
    provider.claims(
        c ->
            c.claim("nonce", second.get("nonce"))
                .audience("another-application")
                .expirationTime(Date.from(clock.instant().plusSeconds(300))));
    HttpResponse<String> audience = callback(second.get("state"));
    assertThat(audience.statusCode()).isEqualTo(403);
    assertThat(audience.body()).contains("another application");

    Map<String, String> third = startLogin();
    claims(third.get("nonce"));
    provider.signWithAnotherKey();
    HttpResponse<String> signature = callback(third.get("state"));
    assertThat(signature.statusCode()).isEqualTo(403);
    assertThat(signature.body()).contains("signature does not verify");
    assertThat(signature.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("ce_session="));
  }

  @Test
  void an_expired_token_an_unverified_address_and_a_stale_state_are_refused() {
    team.user("ada@example.com", "Ada", "admin");
    Map<String, String> login = startLogin();
    provider.claims(
        c ->
            c.claim("nonce", login.get("nonce"))
                .expirationTime(Date.from(clock.instant().minusSeconds(120))));
    assertThat(callback(login.get("state")).body()).contains("expired");

    Map<String, String> second = startLogin();
    provider.claims(
        c ->
            c.claim("nonce", second.get("nonce"))
                .claim("email_verified", false)
                .expirationTime(Date.from(clock.instant().plusSeconds(300))));
    HttpResponse<String> unverified = callback(second.get("state"));
    assertThat(unverified.statusCode()).isEqualTo(403);
    assertThat(unverified.body()).contains("not verified");

    Map<String, String> third = startLogin();
    claims(third.get("nonce"));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    HttpResponse<String> stale = callback(third.get("state"));
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(stale.body()).contains("expired or was used");
  }

  @Test
  void entras_verified_domain_claim_stands_for_email_verified() {
    team.user("ada@example.com", "Ada", "member");
    Map<String, String> login = startLogin();
    provider.claims(
        c ->
            c.claim("nonce", login.get("nonce"))
                .claim("email_verified", null)
                .claim("xms_edov", true)
                .expirationTime(Date.from(clock.instant().plusSeconds(300))));
    HttpResponse<String> done = callback(login.get("state"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("ce_session="));
  }

  @Test
  void an_address_no_user_has_gets_a_clear_page_and_no_session() {
    team.user("someone-else@example.com", "Bob", "admin");
    Map<String, String> login = startLogin();
    claims(login.get("nonce"));
    HttpResponse<String> page = callback(login.get("state"));
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("oidc-no-user", "Ask an admin");
    assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("ce_session="));
  }

  @Test
  void the_login_page_offers_single_sign_on() {
    HttpResponse<String> page = team.raw(HttpRequest.newBuilder(uri("/login")));
    assertThat(page.body()).contains("href=\"/oidc/login\"");
  }
}
