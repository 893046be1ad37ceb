package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Isolation, proven route by route: workspace B's owner key, with workspace A's ids in every path
 * and body, gets 404 (or an empty list, or a refusal of its input) on every route of the API, and
 * not one row of any table changes. The routes come from the router itself, so a new route is
 * walked too, and fails the walk until {@link RouteRecipes} says how to call it.
 */
class ApiIsolationTest extends ApiTestSupport.ServerPerTest {
  /** Text of workspace A's that must never appear in an answer to B. */
  private static final List<String> A_MARKERS =
      List.of(
          "ada@recruit.example",
          "grace@corp.example",
          "Backend engineers",
          "hooks.a.example",
          "2026-12-24",
          "ann@corp.example",
          "A's script");

  private final Map<String, String> ids = new LinkedHashMap<>();
  private String keyB;

  @BeforeEach
  void buildTwoWorkspaces() {
    // Workspace A (the first, with KEY): one of every kind of object, and its own settings.
    String mailbox = createMailbox();
    String person = createPerson("grace@corp.example", "Grace");
    Answer webhook =
        post(
            "/api/v1/webhooks",
            "{\"url\": \"http://hooks.a.example/in\", \"events\": [\"email.sent\"]}");
    assertThat(webhook.status()).as(webhook.raw().body()).isEqualTo(201);
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);
    Answer tasks =
        post(
            "/api/v1/campaigns",
            """
            {"name": "Calls", "mailbox_ids": ["%s"], "timezone": "UTC",
             "steps": [{"key": "call", "type": "task", "channel": "call",
                        "instructions": "Call {{first_name}}", "due_in": 1, "due_unit": "days"}]}
            """
                .formatted(mailbox));
    assertThat(tasks.status()).as(tasks.raw().body()).isEqualTo(201);
    activate(tasks.body().get("id").asText());
    enrollIn(tasks.body().get("id").asText(), person);
    app.engine().runUntilIdle(); // the intro is sent: an execution, a send, a webhook delivery
    ids.put("tasks", anId("campaign_tasks")); // and the call task is open
    assertThat(
            put("/api/v1/holidays", "{\"country\": \"DE\", \"dates\": [\"2026-12-24\"]}").status())
        .isEqualTo(200);
    assertThat(put("/api/v1/settings/retention", "{\"retention_days\": 7}").status())
        .isEqualTo(200);
    assertThat(
            put(
                    "/api/v1/settings/rules",
                    "{\"one_active_sequence_per_person\": true, \"recontact_cooldown_days\": 7}")
                .status())
        .isEqualTo(200);
    String enrollment =
        items(get("/api/v1/campaigns/" + campaign + "/enrollments")).get(0).get("id").asText();
    ids.put("campaigns", campaign);
    ids.put("people", person);
    ids.put("mailboxes", mailbox);
    ids.put("enrollments", enrollment);
    ids.put("executions", anId("campaign_sequence_executions"));
    app.enrollments.recordReply(
        app.workspaces.authenticate(KEY).orElseThrow(),
        Long.parseLong(enrollment),
        "grace@corp.example",
        "Re: hello");
    ids.put("replies", anId("email_replies"));
    ids.put("webhooks", webhook.body().get("id").asText());
    ids.put("deliveryId", anId("webhook_deliveries"));
    ids.put("code", "US"); // a preset calendar: the same for everyone, nothing of A's
    ids.put("provider", "generic");
    Answer rule =
        post("/api/v1/event-rules", "{\"event_type\": \"hired\", \"action\": \"stop_all\"}");
    assertThat(rule.status()).as(rule.raw().body()).isEqualTo(201);
    ids.put("event-rules", rule.body().get("id").asText());
    Answer event =
        post(
            "/api/v1/events",
            "{\"person\": {\"id\": \"" + person + "\"}, \"type\": \"custom\", \"data\": {}}");
    assertThat(event.status()).as(event.raw().body()).isEqualTo(201);
    assertThat(
            put("/api/v1/settings/ats", "{\"greenhouse_secret\": \"A's greenhouse secret key\"}")
                .status())
        .isEqualTo(200);
    Answer user =
        post(
            "/api/v1/users",
            "{\"email\": \"ann@corp.example\", \"name\": \"Ann\", \"role\": \"member\"}");
    assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
    ids.put("users", user.body().get("id").asText());
    Answer key = post("/api/v1/api-keys", "{\"name\": \"A's script\", \"role\": \"member\"}");
    assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
    ids.put("api-keys", key.body().get("id").asText());

    keyB = app.workspaces.createWorkspace("B");
    // B's first use notes the key's last use (once a minute; the clock stands still): before the
    // fingerprint, so that the walk itself writes nothing at all.
    assertThat(
            as(keyB, new Router.RouteKey("GET", "/api/v1/campaigns"), "/api/v1/campaigns", null)
                .status())
        .isEqualTo(200);
  }

  private String anId(String table) {
    long id = Sql.count(app.database().dataSource(), "SELECT coalesce(min(id), 0) FROM " + table);
    assertThat(id).as("a row of " + table + " in workspace A").isPositive();
    return Long.toString(id);
  }

  private Answer as(String key, Router.RouteKey route, String path, RouteRecipes.Body body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key);
    if (body == null) {
      request.method(route.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", body.contentType())
          .method(route.method(), HttpRequest.BodyPublishers.ofString(body.text()));
    }
    return send(request);
  }

  private List<Router.RouteKey> routes() {
    return ApiServer.routes(app.api(), clock).routes();
  }

  @Test
  void every_route_with_another_workspaces_key_and_ids_finds_nothing_and_writes_nothing() {
    Map<String, String> before =
        TeamFixtures.fingerprint(app.database().dataSource(), app.database().schema());
    Map<String, String> outcomes = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    List<Router.RouteKey> walked = new ArrayList<>();
    for (Router.RouteKey route : routes()) {
      if (RouteRecipes.outsideWorkspaces(route)) {
        assertThat(RouteRecipes.OUTSIDE_WORKSPACES)
            .as("routes outside workspaces are listed, with why, in RouteRecipes")
            .containsKey(route);
        continue;
      }
      String path = RouteRecipes.path(route, ids);
      Answer answer = as(keyB, route, path, RouteRecipes.body(route, ids));
      walked.add(route);
      outcomes.put(route.method() + " " + route.pattern(), answer.status() + "");
      String problem = problem(route, answer);
      if (problem != null) {
        leaks.add(route.method() + " " + path + " -> " + answer.status() + ": " + problem);
      }
    }
    assertThat(leaks).as("answers to workspace B about workspace A").isEmpty();
    assertThat(TeamFixtures.fingerprint(app.database().dataSource(), app.database().schema()))
        .as("every table, after the walk")
        .isEqualTo(before);
    // The walk covered the router: every route in it, save those outside workspaces.
    assertThat(walked.size() + routes().stream().filter(RouteRecipes::outsideWorkspaces).count())
        .isEqualTo(routes().size());
    assertThat(walked)
        .as("no recipe for a route that is gone")
        .containsAll(RouteRecipes.BODIES.keySet());
    System.out.println(
        "Isolation walk, "
            + walked.size()
            + " routes: "
            + outcomes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; ")));
  }

  /** The same walk with A's own key finds what B could not: the recipes name real objects. */
  @Test
  void the_ids_of_the_walk_are_real_the_owner_finds_every_one() {
    for (Router.RouteKey route : routes()) {
      if (!route.method().equals("GET") || RouteRecipes.outsideWorkspaces(route)) {
        continue;
      }
      if (route.pattern().equals("/api/v1/mailboxes/connect/{provider}")) {
        // Starts an OAuth flow for a user, never for a service key (ApiMailboxConnectTest); in
        // B's walk above it names no provider of this server and is refused.
        continue;
      }
      Answer answer = as(KEY, route, RouteRecipes.path(route, ids), null);
      assertThat(answer.status()).as(route.toString()).isEqualTo(200);
    }
  }

  @Test
  void a_route_without_a_recipe_fails_the_walk() {
    Router.RouteKey unknown = new Router.RouteKey("POST", "/api/v1/gadgets/{gadgetId}/spin");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteRecipes.path(unknown, ids))
        .hasMessageContaining("{gadgetId}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RouteRecipes.body(new Router.RouteKey("POST", "/api/v1/gadgets"), ids))
        .hasMessageContaining("no body recipe");
  }

  /** What is wrong with B's answer, or null. */
  private static String problem(Router.RouteKey route, Answer answer) {
    String text = answer.raw().body();
    for (String marker : A_MARKERS) {
      if (text.contains(marker)) {
        return "shows A's " + marker;
      }
    }
    int status = answer.status();
    if (status == 404) {
      return "path".equals(answer.field()) ? "the route did not match: fix its recipe" : null;
    }
    boolean write = !route.method().equals("GET");
    if (write && Set.of(400, 409, 413, 415, 422).contains(status)) {
      return null; // refused input; the fingerprint proves it wrote nothing
    }
    if (status == 200 && !write) {
      JsonNode items = answer.body().get("items");
      if (items != null) {
        return items.isEmpty() ? null : "a list that is not empty";
      }
      // B's own settings, B's own workspace, key list and identity, and a preset calendar: B's
      // values, none of A's (checked above, A's user and key among the markers).
      if (Set.of(
              "/api/v1/holidays",
              "/api/v1/settings/retention",
              "/api/v1/settings/ats",
              "/api/v1/settings/rules",
              "/api/v1/holidays/calendars/{code}",
              "/api/v1/workspace",
              "/api/v1/api-keys",
              "/api/v1/users",
              "/api/v1/me",
              // The providers this server connects mailboxes with: the server's, no one's data.
              "/api/v1/mailboxes/connect")
          .contains(route.pattern())) {
        return null;
      }
      return "200 with something that is not an empty list";
    }
    return "unexpected status";
  }
}
