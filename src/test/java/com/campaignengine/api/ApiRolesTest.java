package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.access.Role;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Roles on every route, table-driven: the cases are every route of the router times every role, and
 * what each case expects comes from {@link AccessRules#required}. A role below the route's gets 403
 * naming the role it needs, and nothing is written; a role at or above it is let through to the
 * handler (which, given ids that do not exist or an invalid body, answers something else than 403
 * and writes nothing).
 */
class ApiRolesTest extends ApiTestSupport.ServerPerTest {
  private final Map<Role, String> keys = new EnumMap<>(Role.class);
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> missing = new HashMap<>();

  /** One case of the table. */
  private record Case(Router.RouteKey route, Role role, Role needed) {
    boolean refused() {
      return !role.includes(needed);
    }
  }

  @BeforeEach
  void keysOfEveryRole() {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    for (Role role : Role.values()) {
      keys.put(role, TeamFixtures.addKey(app.database().dataSource(), workspace, role, START));
    }
    String mailbox = createMailbox();
    String person = createPerson("grace@corp.example", "Grace");
    String campaign = createCampaignFrom(mailbox);
    ids.putAll(
        Map.of(
            "campaigns", campaign,
            "people", person,
            "mailboxes", mailbox,
            "enrollments", "1",
            "executions", "1",
            "webhooks", "1",
            "deliveryId", "1",
            "code", "US",
            "provider", "generic"));
    ids.put("users", "1");
    ids.put("api-keys", "1");
    ids.put("event-rules", "1");
    ids.put("replies", "1");
    ids.put("tasks", "1");
    for (String name : ids.keySet()) {
      missing.put(
          name, name.equals("code") || name.equals("provider") ? ids.get(name) : "987654321");
    }
    // Each key's first use notes when it was used (the clock stands still): before the cases.
    keys.values().forEach(key -> call(key, new Router.RouteKey("GET", "/api/v1/campaigns"), ids));
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Router.RouteKey route : ApiServer.routes(app.api(), clock).routes()) {
      if (RouteRecipes.outsideWorkspaces(route)) {
        continue;
      }
      for (Role role : Role.values()) {
        cases.add(new Case(route, role, AccessRules.required(route)));
      }
    }
    return cases;
  }

  private Answer call(String key, Router.RouteKey route, Map<String, String> with) {
    RouteRecipes.Body body = RouteRecipes.body(route, with);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(RouteRecipes.path(route, with)))
            .header("Authorization", "Bearer " + key);
    if (body == null) {
      request.method(route.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", body.contentType())
          .method(route.method(), HttpRequest.BodyPublishers.ofString(body.text()));
    }
    return send(request);
  }

  @Test
  void a_role_below_the_routes_gets_403_naming_the_role_and_writes_nothing() {
    List<Case> refused = cases().stream().filter(Case::refused).toList();
    assertThat(refused).as("viewers at least are refused every write").isNotEmpty();
    Map<String, String> before =
        TeamFixtures.fingerprint(app.database().dataSource(), app.database().schema());
    List<String> wrong = new ArrayList<>();
    for (Case c : refused) {
      Answer answer = call(keys.get(c.role()), c.route(), ids);
      boolean ok =
          answer.status() == 403
              && "role".equals(answer.field())
              && answer.body().path("error").asText().contains(c.needed().wire() + " role");
      if (!ok) {
        wrong.add(c + " -> " + answer.status() + " " + answer.raw().body());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(TeamFixtures.fingerprint(app.database().dataSource(), app.database().schema()))
        .as("every table after " + refused.size() + " refused calls")
        .isEqualTo(before);
  }

  @Test
  void a_role_at_or_above_the_routes_is_let_through() {
    List<Case> allowed =
        cases().stream()
            .filter(c -> !c.refused())
            // A change to the whole workspace (deleting it) would end the walk: last.
            .sorted(Comparator.comparing(c -> c.route().pattern().equals("/api/v1/workspace")))
            .toList();
    List<String> wrong = new ArrayList<>();
    for (Case c : allowed) {
      Answer answer = call(keys.get(c.role()), c.route(), missing);
      if (answer.status() == 403 || answer.status() == 401) {
        wrong.add(c + " -> " + answer.status() + " " + answer.raw().body());
      }
    }
    assertThat(wrong).isEmpty();
    // Every role was let through somewhere, and every role but the owner refused somewhere.
    assertThat(allowed.stream().map(Case::role).distinct()).hasSize(Role.values().length);
  }

  @Test
  void the_table_gives_each_kind_of_route_the_role_the_issue_names() {
    Map<String, Role> needed = new HashMap<>();
    for (Case c : cases()) {
      needed.put(c.route().method() + " " + c.route().pattern(), c.needed());
    }
    assertThat(needed.get("GET /api/v1/campaigns")).isEqualTo(Role.VIEWER);
    assertThat(needed.get("POST /api/v1/campaigns/{id}/preview")).isEqualTo(Role.VIEWER);
    assertThat(needed.get("PUT /api/v1/campaigns/{id}")).isEqualTo(Role.MEMBER);
    assertThat(needed.get("DELETE /api/v1/people/{id}")).isEqualTo(Role.MEMBER);
    assertThat(needed.get("POST /api/v1/webhooks")).isEqualTo(Role.ADMIN);
    assertThat(needed.get("PUT /api/v1/settings/retention")).isEqualTo(Role.ADMIN);
    assertThat(needed.get("PUT /api/v1/holidays")).isEqualTo(Role.ADMIN);
    assertThat(needed.get("GET /api/v1/audit")).isEqualTo(Role.VIEWER);
    assertThat(needed.get("POST /api/v1/events")).isEqualTo(Role.MEMBER);
    assertThat(needed.get("GET /api/v1/events")).isEqualTo(Role.VIEWER);
    assertThat(needed.get("POST /api/v1/event-rules")).isEqualTo(Role.ADMIN);
    assertThat(needed.get("DELETE /api/v1/event-rules/{id}")).isEqualTo(Role.ADMIN);
    assertThat(needed.get("GET /api/v1/event-rules")).isEqualTo(Role.VIEWER);
    assertThat(needed.get("PUT /api/v1/settings/ats")).isEqualTo(Role.ADMIN);
  }

  /** The README copies the role table of {@link AccessRules}' Javadoc, word for word. */
  @Test
  void the_readme_copies_the_role_table_of_access_rules() throws java.io.IOException {
    String javadoc =
        java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/com/campaignengine/api/AccessRules.java"))
            .replaceAll("\\n\\s*\\* ?", " ");
    Map<String, String> code = new java.util.TreeMap<>();
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile("<tr><td>(\\w+)</td><td>(.*?)</td></tr>").matcher(javadoc);
    while (row.find()) {
      code.put(row.group(1), row.group(2).replaceAll("\\s+", " ").strip());
    }
    Map<String, String> readme = new java.util.TreeMap<>();
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile("(?m)^\\| (viewer|member|admin|owner) \\| (.*) \\|$")
            .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("README.md")));
    while (line.find()) {
      readme.put(line.group(1), line.group(2).strip());
    }
    assertThat(code).hasSize(Role.values().length);
    assertThat(readme).isEqualTo(code);
  }
}
