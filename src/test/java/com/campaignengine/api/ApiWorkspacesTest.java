package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/workspaces} on a real server with a server admin key: workspaces are created (with
 * their owner's key, shown once) and listed with that key only; any other key gets the 401 of a bad
 * key; a server without an admin key has no such routes.
 */
class ApiWorkspacesTest extends ApiTestSupport {
  static final String ADMIN = TestApplications.ADMIN_KEY;

  @BeforeEach
  void start(@TempDir Path dir) {
    dataDir = dir;
    clock = new MutableClock(START);
    app = TestApplications.open(dir, clock, null, settings -> settings.withAdminKey(ADMIN));
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    client = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  private Answer admin(String authorization, String method, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/workspaces"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request);
  }

  private List<JsonNode> workspaces() {
    Answer list = admin("Bearer " + ADMIN, "GET", null);
    assertThat(list.status()).isEqualTo(200);
    List<JsonNode> all = new ArrayList<>();
    list.body().get("workspaces").forEach(all::add);
    return all;
  }

  @Test
  void the_admin_creates_a_workspace_whose_owner_key_works_in_it_alone() {
    Answer created = admin("Bearer " + ADMIN, "POST", "{\"name\": \"  Acme Recruiting  \"}");

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    String key = created.body().get("api_key").asText();
    assertThat(created.body().get("name").asText()).isEqualTo("Acme Recruiting");
    assertThat(key).startsWith("ce_");
    // The new owner key works, in its own workspace only: it sees none of the first one's keys.
    Answer keys =
        send(
            HttpRequest.newBuilder(uri("/api/v1/api-keys"))
                .header("Authorization", "Bearer " + key));
    assertThat(keys.status()).isEqualTo(200);
    assertThat(keys.body().get("api_keys")).hasSize(1);
    assertThat(keys.body().at("/api_keys/0/role").asText()).isEqualTo("owner");
    assertThat(keys.body().at("/api_keys/0/prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(
            send(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + key))
                .body()
                .get("items"))
        .isEmpty();

    List<JsonNode> listed = workspaces();
    assertThat(listed)
        .extracting(w -> w.get("name").asText())
        .containsExactly("Default workspace", "Acme Recruiting");
    JsonNode acme = listed.get(1);
    assertThat(acme.get("id").asText()).isEqualTo(id);
    assertThat(acme.get("created_at").asText()).isEqualTo(START.toString());
    assertThat(acme.has("api_key")).as("the key is shown once").isFalse();
  }

  @Test
  void bad_names_and_unknown_fields_are_refused_and_create_nothing() {
    String bearer = "Bearer " + ADMIN;

    Answer blank = admin(bearer, "POST", "{\"name\": \"   \"}");
    Answer missing = admin(bearer, "POST", "{}");
    Answer tooLong = admin(bearer, "POST", "{\"name\": \"" + "w".repeat(201) + "\"}");
    Answer unknown = admin(bearer, "POST", "{\"name\": \"Acme\", \"plan\": \"gold\"}");

    assertThat(blank.status()).isEqualTo(422);
    assertThat(blank.field()).isEqualTo("name");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.field()).isEqualTo("name");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("plan");
    assertThat(workspaces()).hasSize(1);
    assertThat(admin(bearer, "POST", "{\"name\": \"" + "w".repeat(200) + "\"}").status())
        .isEqualTo(201);
  }

  @Test
  void any_key_but_the_admin_key_gets_the_401_of_a_bad_key_and_creates_nothing() {
    String badKey =
        send(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Authorization", "Bearer not-a-key-at-all-0000"))
            .raw()
            .body();

    for (String authorization :
        new String[] {
          null, "Bearer " + KEY, "Bearer " + ADMIN + "x", "Bearer " + ADMIN.substring(1), ADMIN
        }) {
      Answer create = admin(authorization, "POST", "{\"name\": \"Intruders\"}");
      Answer list = admin(authorization, "GET", null);
      assertThat(create.status()).as(authorization).isEqualTo(401);
      assertThat(create.raw().body()).as(authorization).isEqualTo(badKey);
      assertThat(list.status()).as(authorization).isEqualTo(401);
      assertThat(list.raw().body()).as(authorization).isEqualTo(badKey);
    }
    // Refused before the body is read: a bad body with a bad key is still a 401.
    assertThat(admin("Bearer " + KEY, "POST", "{\"plan\": 1}").status()).isEqualTo(401);
    assertThat(workspaces()).hasSize(1);
  }

  @Test
  void without_an_admin_key_the_workspace_routes_do_not_exist(@TempDir Path other) {
    TestNode plain = TestApplications.open(other, clock, null);
    try (ApiServer without = new ApiServer(plain.api(), 0, clock)) {
      without.start();
      for (String method : new String[] {"GET", "POST"}) {
        Answer answer =
            send(
                HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + without.port() + "/api/v1/workspaces"))
                    .header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")));
        assertThat(answer.status()).as(method).isEqualTo(404);
      }
    } finally {
      plain.close();
    }
  }
}
