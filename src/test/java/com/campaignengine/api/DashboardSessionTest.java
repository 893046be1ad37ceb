package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's login at the HTTP level: the page is not open to anyone, the cookie is HttpOnly
 * and SameSite=Strict, a change made with the cookie needs the anti-forgery header, logout ends the
 * session.
 */
class DashboardSessionTest extends ApiTestSupport.OutboxServerPerTest {
  private HttpClient plain;

  @BeforeEach
  void createData() {
    plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
    return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(String key) throws Exception {
    return raw(
        HttpRequest.newBuilder(uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(body("api_key=" + key)));
  }

  private String sessionCookie() throws Exception {
    HttpResponse<String> response = login(KEY);
    assertThat(response.statusCode()).isEqualTo(303);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void the_dashboard_needs_a_login_and_a_wrong_key_is_refused() throws Exception {
    HttpResponse<String> page = raw(HttpRequest.newBuilder(uri("/")).GET());
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login");

    HttpResponse<String> wrong = login("not-the-key-0000000");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("That API key is not valid.");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

    String cookie = sessionCookie();
    HttpResponse<String> index = raw(HttpRequest.newBuilder(uri("/")).header("Cookie", cookie));
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("/assets/app.js");
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
  }

  @Test
  void the_cookie_reads_the_api_but_a_change_needs_the_anti_forgery_header() throws Exception {
    String cookie = sessionCookie();
    String mailbox = createMailbox();
    HttpResponse<String> list =
        raw(HttpRequest.newBuilder(uri("/api/v1/campaigns")).header("Cookie", cookie));
    assertThat(list.statusCode()).isEqualTo(200);
    String campaign = createCampaignFrom(mailbox);

    HttpResponse<String> forged =
        raw(
            HttpRequest.newBuilder(uri("/api/v1/campaigns/" + campaign + "/activate"))
                .header("Cookie", cookie)
                .POST(body("")));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("X-Requested-With");
    assertThat(get("/api/v1/campaigns/" + campaign).body().get("status").asText())
        .isEqualTo("draft");

    HttpResponse<String> real =
        raw(
            HttpRequest.newBuilder(uri("/api/v1/campaigns/" + campaign + "/activate"))
                .header("Cookie", cookie)
                .header(DashboardPages.CSRF_HEADER, DashboardPages.CSRF_VALUE)
                .POST(body("")));
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/campaigns/" + campaign).body().get("status").asText())
        .isEqualTo("active");
  }

  @Test
  void logout_ends_the_session_and_a_made_up_cookie_opens_nothing() throws Exception {
    String cookie = sessionCookie();
    HttpResponse<String> out =
        raw(HttpRequest.newBuilder(uri("/logout")).header("Cookie", cookie).POST(body("")));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
    assertThat(
            raw(HttpRequest.newBuilder(uri("/api/v1/campaigns")).header("Cookie", cookie))
                .statusCode())
        .isEqualTo(401);
    assertThat(raw(HttpRequest.newBuilder(uri("/")).header("Cookie", cookie)).statusCode())
        .isEqualTo(303);
    assertThat(
            raw(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                    .header("Cookie", "ce_session=" + "A".repeat(43)))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void assets_are_served_with_their_types_and_unknown_paths_stay_json_404() throws Exception {
    HttpResponse<String> js = raw(HttpRequest.newBuilder(uri("/assets/app.js")));
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    HttpResponse<String> chart = raw(HttpRequest.newBuilder(uri("/assets/uPlot.iife.min.js")));
    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.body()).contains("uPlot");
    HttpResponse<String> missing = raw(HttpRequest.newBuilder(uri("/assets/../pom.xml")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }
}
