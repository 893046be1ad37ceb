package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.app.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invite links (one use, 72 h) and the dashboard's login with email and password. */
class InvitesAndLoginTest extends ApiTestSupport.OutboxServerPerTest {
  private TeamTestSupport team;

  @BeforeEach
  void team() {
    team = new TeamTestSupport(this);
  }

  @Test
  void an_invite_sets_a_password_once() {
    Answer invited = team.invite("ada@example.com", "Ada", "member");
    String token = TeamTestSupport.token(invited);
    Answer tooShort = team.accept(token, "short");
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.field()).isEqualTo("password");
    Answer tooLong = team.accept(token, "x".repeat(201));
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(get("/api/v1/users").body().get("users").get(0).get("has_password").asBoolean())
        .isFalse();

    assertThat(team.accept(token, TeamTestSupport.PASSWORD).status()).isEqualTo(200);
    assertThat(get("/api/v1/users").body().get("users").get(0).get("has_password").asBoolean())
        .isTrue();
    Answer again = team.accept(token, "another password 123");
    assertThat(again.status()).isEqualTo(410);
    assertThat(again.field()).isEqualTo("token");
    assertThat(team.login("ada@example.com", "another password 123").statusCode()).isEqualTo(401);
    assertThat(team.login("ada@example.com", TeamTestSupport.PASSWORD).statusCode()).isEqualTo(303);
    assertThat(team.accept("A".repeat(43), TeamTestSupport.PASSWORD).status()).isEqualTo(404);
  }

  @Test
  void an_invite_expires_after_72_hours_and_a_new_one_retires_the_old() {
    Answer invited = team.invite("ada@example.com", "Ada", "member");
    String id = invited.body().get("id").asText();
    clock.advance(Duration.ofHours(72).plusSeconds(1));
    assertThat(team.accept(TeamTestSupport.token(invited), TeamTestSupport.PASSWORD).status())
        .isEqualTo(410);

    Answer first = post("/api/v1/users/" + id + "/invite", "");
    assertThat(first.status()).isEqualTo(201);
    Answer second = post("/api/v1/users/" + id + "/invite", "");
    assertThat(team.accept(TeamTestSupport.token(first), TeamTestSupport.PASSWORD).status())
        .isEqualTo(410);
    assertThat(team.accept(TeamTestSupport.token(second), TeamTestSupport.PASSWORD).status())
        .isEqualTo(200);
  }

  @Test
  void the_invite_page_takes_a_password_by_form() {
    String token = TeamTestSupport.token(team.invite("ada@example.com", "Ada", "member"));
    HttpResponse<String> page = team.raw(HttpRequest.newBuilder(uri("/invite/" + token)));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"invite-form\"", "name=\"password\"");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

    HttpResponse<String> weak = form("/invite/" + token, "password=tiny");
    assertThat(weak.statusCode()).isEqualTo(422);
    assertThat(weak.body()).contains("12 to 200 characters");
    HttpResponse<String> done = form("/invite/" + token, "password=correct+horse+battery");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("invite-done");
    assertThat(team.raw(HttpRequest.newBuilder(uri("/invite/" + token))).statusCode())
        .isEqualTo(410);
    assertThat(form("/invite/" + token, "password=correct+horse+battery").statusCode())
        .isEqualTo(410);
    assertThat(team.login("ada@example.com", TeamTestSupport.PASSWORD).statusCode()).isEqualTo(303);
  }

  private HttpResponse<String> form(String path, String body) {
    return team.raw(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(body(body)));
  }

  @Test
  void a_login_opens_a_session_of_the_user_and_an_unknown_address_answers_as_a_wrong_password() {
    team.user("ada@example.com", "Ada", "viewer");
    String cookie = team.sessionOf("ADA@example.com", TeamTestSupport.PASSWORD);
    assertThat(team.withSession(cookie, "GET", "/api/v1/campaigns", null).status()).isEqualTo(200);
    Answer write =
        team.withSession(cookie, "POST", "/api/v1/people", "{\"email\":\"p@example.com\"}");
    assertThat(write.status()).isEqualTo(403); // a viewer's session reads only

    HttpResponse<String> wrong = team.login("ada@example.com", "not the password");
    HttpResponse<String> unknown = team.login("nobody@example.com", "not the password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void ten_failures_in_15_minutes_lock_the_user_out_until_the_oldest_ages() {
    team.user("ada@example.com", "Ada", "member");
    for (int i = 0; i < Users.MAX_FAILURES; i++) {
      assertThat(team.login("ada@example.com", "wrong password " + i).statusCode()).isEqualTo(401);
      clock.advance(Duration.ofMinutes(1));
    }
    // The first failure was 10 minutes ago: it counts for 5 more.
    HttpResponse<String> locked = team.login("ada@example.com", TeamTestSupport.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).hasValue("300");
    assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(locked.body()).contains("Too many failed logins");
    // Another user is not slowed.
    team.user("bob@example.com", "Bob", "member");
    assertThat(team.login("bob@example.com", TeamTestSupport.PASSWORD).statusCode()).isEqualTo(303);

    clock.advance(Duration.ofMinutes(4));
    assertThat(
            team.login("ada@example.com", TeamTestSupport.PASSWORD)
                .headers()
                .firstValue("Retry-After"))
        .hasValue("60");
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(team.login("ada@example.com", TeamTestSupport.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void an_address_without_an_account_is_locked_out_the_same_way_so_a_lockout_reveals_nothing() {
    team.user("ada@example.com", "Ada", "member");
    for (int i = 0; i < Users.MAX_FAILURES; i++) {
      assertThat(team.login("ada@example.com", "wrong " + i).statusCode()).isEqualTo(401);
      assertThat(team.login("nobody@example.com", "wrong " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> known = team.login("ada@example.com", "wrong again");
    HttpResponse<String> unknown = team.login("Nobody@Example.com ", "wrong again");
    assertThat(known.statusCode()).isEqualTo(429);
    assertThat(unknown.statusCode())
        .as("counted per address, case and spaces aside")
        .isEqualTo(429);
    assertThat(unknown.body()).isEqualTo(known.body());
    assertThat(unknown.headers().firstValue("Retry-After"))
        .isEqualTo(known.headers().firstValue("Retry-After"));
  }

  @Test
  void parallel_guesses_cannot_all_pass_the_count() throws Exception {
    team.user("ada@example.com", "Ada", "member");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String guess = "parallel guess " + i;
        answers.add(pool.submit(() -> team.login("ada@example.com", guess).statusCode()));
      }
      java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
      for (java.util.concurrent.Future<Integer> answer : answers) {
        counts.merge(answer.get(), 1, Integer::sum);
      }
      assertThat(counts).containsExactly(Map.entry(401, 10), Map.entry(429, 14));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void without_an_oidc_provider_there_is_no_single_sign_on() {
    assertThat(team.raw(HttpRequest.newBuilder(uri("/login"))).body())
        .doesNotContain("/oidc/login");
    HttpResponse<String> off = team.raw(HttpRequest.newBuilder(uri("/oidc/login")));
    assertThat(off.statusCode()).isEqualTo(404);
    assertThat(off.body()).contains("not set up");
  }

  @Test
  void the_api_key_login_still_works() {
    HttpResponse<String> response =
        team.raw(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(body("api_key=" + KEY)));
    assertThat(response.statusCode()).isEqualTo(303);
  }
}
