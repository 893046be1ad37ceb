package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/api-keys} on a real server: keys are made, listed without their secret, revoked
 * and rotated with a grace period; an expired, revoked or malformed key is refused exactly as an
 * unknown one; no one hands out a key above their own role.
 */
class ApiKeysTest extends ApiTestSupport.ServerPerTest {

  /** A request made with {@code key}. */
  private Answer as(String key, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request);
  }

  private Answer createKey(String asKey, String json) {
    return as(asKey, "POST", "/api/v1/api-keys", json);
  }

  /** A key made by the workspace's owner key, its secret. */
  private JsonNode newKey(String name, String role) {
    Answer created = createKey(KEY, "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body();
  }

  private int statusWith(String key) {
    return as(key, "GET", "/api/v1/campaigns", null).status();
  }

  private List<JsonNode> listed() {
    Answer list = get("/api/v1/api-keys");
    assertThat(list.status()).isEqualTo(200);
    List<JsonNode> keys = new ArrayList<>();
    list.body().get("api_keys").forEach(keys::add);
    return keys;
  }

  private JsonNode listed(String id) {
    return listed().stream().filter(k -> k.get("id").asText().equals(id)).findFirst().orElse(null);
  }

  /** What an unknown key is answered: every refused key must get exactly this. */
  private String unknownKeyAnswer() {
    Answer unknown = as("ce_" + "0".repeat(48), "GET", "/api/v1/campaigns", null);
    assertThat(unknown.status()).isEqualTo(401);
    return unknown.raw().body();
  }

  @Test
  void a_key_is_shown_once_listed_without_its_secret_and_works_at_once() {
    JsonNode created =
        newKey("CI deploys", "member"); // made by the owner's key of the workspace's first start

    String key = created.get("key").asText();
    assertThat(key).startsWith("ce_").hasSizeGreaterThan(40);
    assertThat(created.get("prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(created.get("name").asText()).isEqualTo("CI deploys");
    assertThat(created.get("role").asText()).isEqualTo("member");
    assertThat(created.get("user_id").isNull()).as("a service key").isTrue();
    assertThat(created.get("expires_at").isNull()).isTrue();
    assertThat(created.get("created_at").asText()).isEqualTo(START.toString());
    assertThat(statusWith(key)).isEqualTo(200);

    Answer list = get("/api/v1/api-keys");
    assertThat(list.raw().body())
        .doesNotContain(key)
        .doesNotContain("sha256")
        .doesNotContain("\"key\"");
    JsonNode listedKey = listed(created.get("id").asText());
    assertThat(listedKey.get("name").asText()).isEqualTo("CI deploys");
    assertThat(listedKey.get("role").asText()).isEqualTo("member");
    assertThat(listedKey.get("prefix").asText()).isEqualTo(key.substring(0, 12));
    assertThat(listedKey.get("last_used_at").asText()).isEqualTo(START.toString());
    assertThat(listed()).extracting(k -> k.get("name").asText()).contains("workspace key");
    // Stored as its hash only.
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM api_keys WHERE key_sha256 = '" + key + "'"))
        .isZero();
  }

  @Test
  void a_revoked_key_gets_401_as_an_unknown_one_and_its_dashboard_session_ends() throws Exception {
    JsonNode created = newKey("laptop", "admin");
    String key = created.get("key").asText();
    String id = created.get("id").asText();
    String session = login(key);
    assertThat(statusWithCookie(session)).isEqualTo(200);

    Answer revoked = as(KEY, "DELETE", "/api/v1/api-keys/" + id, null);

    assertThat(revoked.status()).isEqualTo(204);
    Answer refused = as(key, "GET", "/api/v1/campaigns", null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.raw().body()).isEqualTo(unknownKeyAnswer());
    assertThat(statusWithCookie(session)).as("the key's session ends with it").isEqualTo(401);
    assertThat(listed(id)).as("revoked keys are not listed").isNull();
    assertThat(as(KEY, "DELETE", "/api/v1/api-keys/" + id, null).status())
        .as("revoked already")
        .isEqualTo(404);
  }

  @Test
  void the_key_in_use_may_revoke_itself() {
    JsonNode created = newKey("self", "admin");
    String key = created.get("key").asText();

    assertThat(as(key, "DELETE", "/api/v1/api-keys/" + created.get("id").asText(), null).status())
        .isEqualTo(204);
    assertThat(statusWith(key)).isEqualTo(401);
  }

  @Test
  void another_workspaces_key_is_not_found_and_stays_valid() {
    String otherKey = app.workspaces.createWorkspace("Other agency");
    Answer theirs = createKey(otherKey, "{\"name\": \"theirs\", \"role\": \"viewer\"}");
    assertThat(theirs.status()).isEqualTo(201);
    String theirId = theirs.body().get("id").asText();
    String theirSecret = theirs.body().get("key").asText();

    assertThat(as(KEY, "DELETE", "/api/v1/api-keys/" + theirId, null).status()).isEqualTo(404);
    assertThat(as(KEY, "POST", "/api/v1/api-keys/" + theirId + "/rotate", "{}").status())
        .isEqualTo(404);
    assertThat(listed(theirId)).isNull();
    assertThat(statusWith(theirSecret)).isEqualTo(200);
    assertThat(as(KEY, "DELETE", "/api/v1/api-keys/not-an-id", null).status()).isEqualTo(404);
  }

  @Test
  void a_rotated_key_keeps_working_through_its_grace_then_gets_401() {
    JsonNode old = newKey("billing sync", "member");
    String oldKey = old.get("key").asText();
    String oldId = old.get("id").asText();

    Answer rotated =
        as(KEY, "POST", "/api/v1/api-keys/" + oldId + "/rotate", "{\"grace_seconds\": 3600}");

    assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
    String newKey = rotated.body().get("key").asText();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(rotated.body().get("id").asText()).isNotEqualTo(oldId);
    assertThat(rotated.body().get("name").asText()).isEqualTo("billing sync");
    assertThat(rotated.body().get("role").asText()).isEqualTo("member");
    assertThat(listed(oldId).get("expires_at").asText())
        .isEqualTo(START.plusSeconds(3600).toString());
    assertThat(statusWith(oldKey)).isEqualTo(200);
    assertThat(statusWith(newKey)).isEqualTo(200);

    clock.advance(Duration.ofSeconds(3599));
    assertThat(statusWith(oldKey)).as("still within the grace").isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    Answer after = as(oldKey, "GET", "/api/v1/campaigns", null);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.raw().body()).isEqualTo(unknownKeyAnswer());
    assertThat(statusWith(newKey)).isEqualTo(200);
  }

  @Test
  void rotation_without_grace_ends_the_old_key_at_once_and_bad_graces_change_nothing() {
    JsonNode old = newKey("importer", "member");
    String oldKey = old.get("key").asText();
    String path = "/api/v1/api-keys/" + old.get("id").asText() + "/rotate";
    int keysBefore = listed().size();

    Answer negative = as(KEY, "POST", path, "{\"grace_seconds\": -1}");
    Answer tooLong = as(KEY, "POST", path, "{\"grace_seconds\": 604801}");
    Answer unknown = as(KEY, "POST", path, "{\"grace\": 10}");

    assertThat(negative.status()).isEqualTo(422);
    assertThat(negative.field()).isEqualTo("grace_seconds");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.field()).isEqualTo("grace_seconds");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("grace");
    assertThat(listed()).hasSize(keysBefore);
    assertThat(statusWith(oldKey)).isEqualTo(200);

    Answer rotated = send(request(path).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
    assertThat(statusWith(oldKey)).isEqualTo(401);
    assertThat(statusWith(rotated.body().get("key").asText())).isEqualTo(200);
    assertThat(listed()).hasSize(keysBefore);
  }

  @Test
  void a_key_expires_at_its_time_and_gets_the_answer_of_an_unknown_key() {
    Answer created =
        createKey(
            KEY,
            "{\"name\": \"contractor\", \"role\": \"viewer\", \"expires_at\": \""
                + START.plus(Duration.ofDays(1))
                + "\"}");
    assertThat(created.status()).isEqualTo(201);
    String key = created.body().get("key").asText();
    assertThat(created.body().get("expires_at").asText())
        .isEqualTo(START.plus(Duration.ofDays(1)).toString());
    assertThat(statusWith(key)).isEqualTo(200);

    clock.advance(Duration.ofDays(1));

    Answer expired = as(key, "GET", "/api/v1/campaigns", null);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.raw().body()).isEqualTo(unknownKeyAnswer());
  }

  @Test
  void malformed_keys_get_exactly_the_answer_of_an_unknown_key() {
    String unknown = unknownKeyAnswer();
    String prefixOfARealKey = KEY.substring(0, 12) + "x".repeat(20);

    for (String authorization :
        List.of(
            "Bearer x",
            "Bearer ",
            "Bearer " + "k".repeat(500),
            "Bearer " + prefixOfARealKey,
            "Basic " + KEY,
            KEY)) {
      Answer answer =
          send(
              HttpRequest.newBuilder(uri("/api/v1/api-keys"))
                  .header("Authorization", authorization)
                  .GET());
      assertThat(answer.status()).as(authorization).isEqualTo(401);
      assertThat(answer.raw().body()).as(authorization).isEqualTo(unknown);
    }
  }

  @Test
  void bad_bodies_are_refused_by_field_and_write_nothing() {
    int before = listed().size();
    String past = START.minusSeconds(1).toString();

    Answer role = createKey(KEY, "{\"name\": \"x\", \"role\": \"superuser\"}");
    Answer noName = createKey(KEY, "{\"name\": \"  \", \"role\": \"viewer\"}");
    Answer noRole = createKey(KEY, "{\"name\": \"x\"}");
    Answer longName =
        createKey(KEY, "{\"name\": \"" + "n".repeat(201) + "\", \"role\": \"viewer\"}");
    Answer expired =
        createKey(KEY, "{\"name\": \"x\", \"role\": \"viewer\", \"expires_at\": \"" + past + "\"}");
    Answer malformed =
        createKey(KEY, "{\"name\": \"x\", \"role\": \"viewer\", \"expires_at\": \"tomorrow\"}");
    Answer unknownField = createKey(KEY, "{\"name\": \"x\", \"role\": \"viewer\", \"scope\": 1}");
    Answer noUser =
        createKey(KEY, "{\"name\": \"x\", \"role\": \"viewer\", \"user_id\": \"999999\"}");

    assertThat(role.status()).isEqualTo(422);
    assertThat(role.field()).isEqualTo("role");
    assertThat(noRole.status()).isEqualTo(422);
    assertThat(noRole.body().get("error").asText()).contains("role is required");
    assertThat(noName.status()).isEqualTo(422);
    assertThat(noName.field()).isEqualTo("name");
    assertThat(longName.status()).isEqualTo(422);
    assertThat(expired.status()).isEqualTo(422);
    assertThat(expired.field()).isEqualTo("expires_at");
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.field()).isEqualTo("expires_at");
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.field()).isEqualTo("scope");
    assertThat(noUser.status()).isEqualTo(404);
    assertThat(noUser.field()).isEqualTo("user_id");
    assertThat(listed()).hasSize(before);
  }

  @Test
  void no_one_hands_out_or_manages_a_key_above_their_own_role() {
    String admin = newKey("team lead", "admin").get("key").asText();
    String member = newKey("recruiter", "member").get("key").asText();
    String viewer = newKey("auditor", "viewer").get("key").asText();
    String ownerKeyId = listed().get(0).get("id").asText();
    int before = listed().size();

    Answer adminMakesOwner = createKey(admin, "{\"name\": \"x\", \"role\": \"owner\"}");
    Answer memberMakesAdmin = createKey(member, "{\"name\": \"x\", \"role\": \"admin\"}");
    Answer memberMakesViewer = createKey(member, "{\"name\": \"x\", \"role\": \"viewer\"}");
    Answer viewerMakesViewer = createKey(viewer, "{\"name\": \"x\", \"role\": \"viewer\"}");
    Answer adminRotatesOwner =
        as(admin, "POST", "/api/v1/api-keys/" + ownerKeyId + "/rotate", "{}");
    Answer adminRevokesOwner = as(admin, "DELETE", "/api/v1/api-keys/" + ownerKeyId, null);

    assertThat(adminMakesOwner.status()).isEqualTo(403);
    assertThat(adminMakesOwner.field()).isEqualTo("role");
    assertThat(memberMakesAdmin.status()).isEqualTo(403);
    assertThat(memberMakesAdmin.body().get("error").asText()).contains("admin");
    assertThat(memberMakesViewer.status()).isEqualTo(403);
    assertThat(viewerMakesViewer.status()).isEqualTo(403);
    assertThat(adminRotatesOwner.status()).isEqualTo(403);
    assertThat(adminRevokesOwner.status()).isEqualTo(403);
    assertThat(listed()).hasSize(before);
    assertThat(statusWith(KEY)).isEqualTo(200);
    // A viewer may read the list; an admin may hand out an admin's key.
    assertThat(as(viewer, "GET", "/api/v1/api-keys", null).status()).isEqualTo(200);
    assertThat(createKey(admin, "{\"name\": \"deputy\", \"role\": \"admin\"}").status())
        .isEqualTo(201);
  }

  @Test
  void a_users_key_is_capped_by_the_users_role_and_only_for_users_of_the_workspace() {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    long viewerUser = insertUser(workspace, "vera@recruit.example", "viewer");
    String otherKey = app.workspaces.createWorkspace("Other agency");
    long stranger =
        insertUser(
            app.workspaces.authenticate(otherKey).orElseThrow(), "sam@other.example", "owner");

    Answer forVera =
        createKey(
            KEY,
            "{\"name\": \"vera's script\", \"role\": \"admin\", \"user_id\": " + viewerUser + "}");
    Answer forStranger =
        createKey(
            KEY, "{\"name\": \"x\", \"role\": \"viewer\", \"user_id\": \"" + stranger + "\"}");

    assertThat(forVera.status()).as(forVera.raw().body()).isEqualTo(201);
    assertThat(forVera.body().get("user_id").asText()).isEqualTo(Long.toString(viewerUser));
    String veraKey = forVera.body().get("key").asText();
    assertThat(statusWith(veraKey)).isEqualTo(200);
    assertThat(createKey(veraKey, "{\"name\": \"x\", \"role\": \"viewer\"}").status())
        .as("the key says admin, its user is a viewer")
        .isEqualTo(403);
    assertThat(forStranger.status()).isEqualTo(404);
    assertThat(forStranger.field()).isEqualTo("user_id");
  }

  private long insertUser(long workspace, String email, String role) {
    return Sql.count(
        app.database().dataSource(),
        "INSERT INTO users (workspace_id, email, name, role, created_at, updated_at) VALUES ("
            + workspace
            + ", '"
            + email
            + "', 'Test user', '"
            + role
            + "', now(), now()) RETURNING id");
  }

  // ---- the dashboard's session of a key -----------------------------------------------------

  /** Logs into the dashboard with {@code key}: the session's cookie. */
  private String login(String key) throws Exception {
    var response =
        client.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(body("api_key=" + key))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** The status of reading the API with a dashboard session's cookie. */
  private int statusWithCookie(String cookie) {
    return send(HttpRequest.newBuilder(uri("/api/v1/campaigns")).header("Cookie", cookie)).status();
  }
}
