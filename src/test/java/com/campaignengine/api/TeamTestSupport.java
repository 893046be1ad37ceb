package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Users, invites and logins over HTTP, for the team tests. */
final class TeamTestSupport {
  static final String PASSWORD = "correct horse battery";

  private final ApiTestSupport api;
  private final HttpClient plain =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  TeamTestSupport(ApiTestSupport api) {
    this.api = api;
  }

  /** Invites a user with the workspace's key: its answer (201 expected). */
  ApiTestSupport.Answer invite(String email, String name, String role) {
    ApiTestSupport.Answer answer =
        api.post("/api/v1/users", Map.of("email", email, "name", name, "role", role));
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    return answer;
  }

  /** The token at the end of an invite link. */
  static String token(ApiTestSupport.Answer invited) {
    String url = invited.body().get("invite_url").asText();
    return URI.create(url).getPath().substring("/invite/".length());
  }

  ApiTestSupport.Answer accept(String token, String password) {
    return api.send(
        HttpRequest.newBuilder(api.uri("/api/v1/invites/" + token + "/accept"))
            .header("Content-Type", "application/json")
            .POST(ApiTestSupport.body(ApiTestSupport.write(Map.of("password", password)))));
  }

  /** A user with a password: invited and accepted; returns their id. */
  String user(String email, String name, String role) {
    ApiTestSupport.Answer invited = invite(email, name, role);
    assertThat(accept(token(invited), PASSWORD).status()).isEqualTo(200);
    return invited.body().get("id").asText();
  }

  HttpResponse<String> login(String email, String password) {
    return raw(
        HttpRequest.newBuilder(api.uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                ApiTestSupport.body(
                    "email="
                        + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))));
  }

  /** The session cookie of a successful login ({@code ce_session=…}). */
  String sessionOf(String email, String password) {
    HttpResponse<String> response = login(email, password);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** A request with a dashboard session, as the dashboard makes it. */
  ApiTestSupport.Answer withSession(String cookie, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.uri(path))
            .header("Cookie", cookie)
            .header(DashboardPages.CSRF_HEADER, DashboardPages.CSRF_VALUE);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, ApiTestSupport.body(json));
    }
    return api.send(request);
  }

  HttpResponse<String> raw(HttpRequest.Builder request) {
    try {
      return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
