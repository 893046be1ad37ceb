package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users of a workspace over HTTP: invite, list, change, remove, and the owner rules. */
class UsersApiTest extends ApiTestSupport.OutboxServerPerTest {
  private TeamTestSupport team;

  @BeforeEach
  void team() {
    team = new TeamTestSupport(this);
  }

  private Answer patch(String path, String json) {
    return send(
        request(path).header("Content-Type", "application/json").method("PATCH", body(json)));
  }

  private Answer delete(String path) {
    return send(request(path).DELETE());
  }

  @Test
  void a_user_is_invited_listed_changed_and_removed() {
    Answer invited = team.invite("Ada@Example.com", "Ada Lovelace", "member");
    String id = invited.body().get("id").asText();
    assertThat(invited.body().get("email").asText()).isEqualTo("Ada@Example.com");
    assertThat(invited.body().get("role").asText()).isEqualTo("member");
    assertThat(invited.body().get("invite_url").asText())
        .startsWith(app.api().publicUrl() + "/invite/");
    assertThat(TeamTestSupport.token(invited)).hasSize(43); // 32 random bytes, base64url
    assertThat(java.time.Instant.parse(invited.body().get("invite_expires_at").asText()))
        .isEqualTo(START.plus(Duration.ofHours(72)));

    Answer list = get("/api/v1/users");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().get("users")).hasSize(1);
    assertThat(list.body().get("users").get(0).get("has_password").asBoolean()).isFalse();
    assertThat(list.body().get("users").get(0).get("created_at").asText()).isNotEmpty();

    Answer changed = patch("/api/v1/users/" + id, "{\"name\":\"Ada King\",\"role\":\"admin\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("name").asText()).isEqualTo("Ada King");
    assertThat(get("/api/v1/users/" + id).body().get("role").asText()).isEqualTo("admin");

    assertThat(delete("/api/v1/users/" + id).status()).isEqualTo(204);
    assertThat(get("/api/v1/users/" + id).status()).isEqualTo(404);
    assertThat(get("/api/v1/users").body().get("users")).isEmpty();
  }

  @Test
  void bad_input_is_refused_naming_the_field_and_writes_nothing() {
    Answer role =
        post("/api/v1/users", Map.of("email", "a@example.com", "name", "A", "role", "boss"));
    assertThat(role.status()).isEqualTo(422);
    assertThat(role.field()).isEqualTo("role");
    Answer email =
        post("/api/v1/users", Map.of("email", "not-an-address", "name", "A", "role", "viewer"));
    assertThat(email.status()).isEqualTo(422);
    assertThat(email.field()).isEqualTo("email");
    Answer unknown =
        post(
            "/api/v1/users",
            Map.of("email", "a@example.com", "name", "A", "role", "viewer", "team", "x"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("team");
    assertThat(get("/api/v1/users").body().get("users")).isEmpty();

    String id = team.invite("a@example.com", "A", "viewer").body().get("id").asText();
    Answer taken =
        post("/api/v1/users", Map.of("email", "A@EXAMPLE.com", "name", "B", "role", "viewer"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.field()).isEqualTo("email");
    Answer badRole = patch("/api/v1/users/" + id, "{\"role\":\"superuser\"}");
    assertThat(badRole.status()).isEqualTo(422);
    assertThat(badRole.field()).isEqualTo("role");
    assertThat(get("/api/v1/users/" + id).body().get("role").asText()).isEqualTo("viewer");
  }

  @Test
  void the_last_owner_can_be_neither_removed_nor_demoted() {
    String first = team.invite("owner1@example.com", "One", "owner").body().get("id").asText();
    Answer removeLast = delete("/api/v1/users/" + first);
    assertThat(removeLast.status()).isEqualTo(409);
    assertThat(removeLast.body().get("error").asText()).contains("last owner");
    assertThat(patch("/api/v1/users/" + first, "{\"role\":\"admin\"}").status()).isEqualTo(409);
    assertThat(get("/api/v1/users/" + first).body().get("role").asText()).isEqualTo("owner");

    String second = team.invite("owner2@example.com", "Two", "owner").body().get("id").asText();
    assertThat(patch("/api/v1/users/" + first, "{\"role\":\"admin\"}").status()).isEqualTo(200);
    assertThat(delete("/api/v1/users/" + second).status()).isEqualTo(409);
    assertThat(patch("/api/v1/users/" + first, "{\"role\":\"owner\"}").status()).isEqualTo(200);
    assertThat(delete("/api/v1/users/" + second).status()).isEqualTo(204);
  }

  @Test
  void an_admin_manages_users_but_only_an_owner_makes_or_unmakes_an_owner() {
    String owner = team.user("owner@example.com", "Olive", "owner");
    team.user("admin@example.com", "Adam", "admin");
    team.user("viewer@example.com", "Vera", "viewer");
    String admin = team.sessionOf("admin@example.com", TeamTestSupport.PASSWORD);
    String viewer = team.sessionOf("viewer@example.com", TeamTestSupport.PASSWORD);

    String json = write(Map.of("email", "new@example.com", "name", "New", "role", "owner"));
    Answer refused = team.withSession(admin, "POST", "/api/v1/users", json);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("error").asText()).contains("needs the owner role");
    Answer demote =
        team.withSession(admin, "PATCH", "/api/v1/users/" + owner, "{\"role\":\"member\"}");
    assertThat(demote.status()).isEqualTo(403);
    assertThat(team.withSession(admin, "DELETE", "/api/v1/users/" + owner, null).status())
        .isEqualTo(403);

    String member = write(Map.of("email", "new@example.com", "name", "New", "role", "member"));
    assertThat(team.withSession(viewer, "POST", "/api/v1/users", member).status()).isEqualTo(403);
    assertThat(team.withSession(viewer, "GET", "/api/v1/users", null).status()).isEqualTo(200);
    Answer created = team.withSession(admin, "POST", "/api/v1/users", member);
    assertThat(created.status()).isEqualTo(201);
    assertThat(get("/api/v1/users").body().get("users")).hasSize(4);
  }

  @Test
  void another_workspaces_user_is_not_found_there() {
    String id = team.invite("a@example.com", "A", "member").body().get("id").asText();
    String otherKey = app.workspaces.createWorkspace("other");
    java.util.function.Function<HttpRequest.Builder, Answer> other =
        r -> send(r.header("Authorization", "Bearer " + otherKey));
    assertThat(
            other.apply(java.net.http.HttpRequest.newBuilder(uri("/api/v1/users/" + id))).status())
        .isEqualTo(404);
    assertThat(
            other
                .apply(
                    HttpRequest.newBuilder(uri("/api/v1/users/" + id))
                        .header("Content-Type", "application/json")
                        .method("PATCH", body("{\"name\":\"Mallory\"}")))
                .status())
        .isEqualTo(404);
    assertThat(other.apply(HttpRequest.newBuilder(uri("/api/v1/users/" + id)).DELETE()).status())
        .isEqualTo(404);
    assertThat(
            other
                .apply(
                    HttpRequest.newBuilder(uri("/api/v1/users/" + id + "/invite")).POST(body("")))
                .status())
        .isEqualTo(404);
    assertThat(other.apply(HttpRequest.newBuilder(uri("/api/v1/users"))).body().get("users"))
        .isEmpty();
    assertThat(get("/api/v1/users/" + id).body().get("name").asText()).isEqualTo("A");
  }

  @Test
  void me_names_the_user_of_a_session_and_the_key_of_a_bearer() {
    String id = team.user("ada@example.com", "Ada", "member");
    String session = team.sessionOf("ada@example.com", TeamTestSupport.PASSWORD);
    Answer me = team.withSession(session, "GET", "/api/v1/me", null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("role").asText()).isEqualTo("member");
    assertThat(me.body().get("user").get("id").asText()).isEqualTo(id);
    assertThat(me.body().get("user").get("name").asText()).isEqualTo("Ada");
    assertThat(me.body().get("key").isNull()).isTrue();

    Answer key = get("/api/v1/me");
    assertThat(key.body().get("role").asText()).isEqualTo("owner");
    assertThat(key.body().get("user").isNull()).isTrue();
    assertThat(key.body().get("key").get("name").asText()).isEqualTo("workspace key");
    HttpResponse<String> none = team.raw(HttpRequest.newBuilder(uri("/api/v1/me")));
    assertThat(none.statusCode()).isEqualTo(401);
  }
}
