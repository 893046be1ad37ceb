package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task steps end to end on a real PostgreSQL and the real engine: reaching a task step opens a task
 * (instructions rendered with the person's fields, assigned to the mailbox's owner) and the
 * sequence waits; completing it with an outcome or skipping it moves the sequence on at once, and a
 * condition branches on the outcome; an overdue task follows its step's on_overdue; a task left
 * open by a reply reads as cancelled; closing a task that is not open is a 409.
 */
class ApiTaskStepsTest extends ApiTestSupport.ServerPerTest {
  private static final String ADA_KEY = "ce_ada_member_key_0123456789";
  private static final String BOB_KEY = "ce_bob_member_key_0123456789";

  private long adaId;

  @BeforeEach
  void team() {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    var data = app.database().dataSource();
    adaId = TeamFixtures.addUser(data, workspace, "ada@recruit.example", "member");
    long bob = TeamFixtures.addUser(data, workspace, "bob@recruit.example", "member");
    TeamFixtures.addUser(data, workspace, "vic@recruit.example", "viewer");
    TeamFixtures.addKey(data, workspace, adaId, "member", ADA_KEY);
    TeamFixtures.addKey(data, workspace, bob, "member", BOB_KEY);
  }

  @Test
  void a_task_waits_is_completed_with_an_outcome_and_a_condition_branches_on_it()
      throws java.sql.SQLException {
    String mailbox = adasMailbox();
    Answer hook =
        post(
            "/api/v1/webhooks",
            "{\"url\": \"http://hooks.example/tasks\", \"events\": [\"task.created\","
                + " \"task.closed\"]}");
    assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
    String campaign = campaign(mailbox, connectThenBranch("skip", null));
    String ann = person("ann@acme.example", "Ann", "Acme");
    String ben = person("ben@acme.example", "Ben", "Acme");
    String cy = person("cy@other.example", "Cy", "Other");
    as(ADA_KEY, postJson("/api/v1/campaigns/" + campaign + "/enrollments", ids(ann, ben, cy)));

    app.engine().runUntilIdle();
    assertThat(subjects()).containsExactlyInAnyOrder("Hi Ann", "Hi Ben", "Hi Cy");
    List<JsonNode> open = items(get("/api/v1/tasks?status=open"));
    assertThat(open).hasSize(3);
    JsonNode annTask = taskOf(open, ann);
    assertThat(annTask.get("instructions").asText())
        .isEqualTo("Connect with Ann Lee at Acme and mention the Rust role.");
    assertThat(annTask.get("channel").asText()).isEqualTo("linkedin_connect");
    assertThat(annTask.get("assignee_email").asText())
        .as("by default the mailbox owner")
        .isEqualTo("ada@recruit.example");
    assertThat(annTask.get("assignee_user_id").asText()).isEqualTo(Long.toString(adaId));
    assertThat(annTask.get("due_at").asText()).isEqualTo(START.plus(Duration.ofDays(2)).toString());
    assertThat(annTask.get("overdue").asBoolean()).isFalse();
    assertThat(annTask.get("person_email").asText()).isEqualTo("ann@acme.example");
    assertThat(annTask.get("step_key").asText()).isEqualTo("connect");
    assertThat(items(as(ADA_KEY, request("/api/v1/tasks?status=open&assignee=me").GET())))
        .hasSize(3);
    assertThat(items(as(BOB_KEY, request("/api/v1/tasks?status=open&assignee=me").GET())))
        .as("assigned to Ada, not to nobody")
        .isEmpty();
    assertThat(items(get("/api/v1/tasks?assignee=ada@recruit.example"))).hasSize(3);

    clock.advance(Duration.ofHours(1));
    assertThat(app.engine().runUntilIdle()).as("the sequences wait for their tasks").isZero();
    assertThat(transport.messages()).hasSize(3);

    Answer done;
    // Completing makes the waiting run due now and wakes the engines (NOTIFY), in one commit.
    try (java.sql.Connection listener = app.database().dataSource().getConnection()) {
      try (java.sql.Statement listen = listener.createStatement()) {
        listen.execute("LISTEN campaign_engine_due");
      }
      done =
          as(
              ADA_KEY,
              postJson(
                  "/api/v1/tasks/" + annTask.get("id").asText() + "/complete",
                  "{\"outcome\": \"connected\"}"));
      assertThat(listener.unwrap(org.postgresql.PGConnection.class).getNotifications(5_000))
          .isNotEmpty();
    }
    assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM campaign_sequence_executions e JOIN campaign_tasks t"
                    + " ON t.execution_id = e.id WHERE t.id = "
                    + annTask.get("id").asText()
                    + " AND e.scheduled_at = '"
                    + clock.instant()
                    + "'"))
        .as("due now")
        .isEqualTo(1);
    assertThat(done.body().get("status").asText()).isEqualTo("completed");
    assertThat(done.body().get("outcome").asText()).isEqualTo("connected");
    assertThat(done.body().get("closed_by").asText())
        .as("who closed it, as the audit log names them")
        .isEqualTo("key:member key (ce_ada_membe)");
    Answer again =
        as(ADA_KEY, postJson("/api/v1/tasks/" + annTask.get("id").asText() + "/complete", "{}"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.field()).isEqualTo("status");
    assertThat(again.raw().body()).contains("already completed");

    JsonNode benTask = taskOf(open, ben);
    Answer other =
        as(
            BOB_KEY,
            postJson(
                "/api/v1/tasks/" + benTask.get("id").asText() + "/complete",
                "{\"outcome\": \"no_answer\"}"));
    assertThat(other.status()).as("anyone in the team may do a task").isEqualTo(200);
    Answer skipped = post("/api/v1/tasks/" + taskOf(open, cy).get("id").asText() + "/skip", "");
    assertThat(skipped.status()).as(skipped.raw().body()).isEqualTo(200);
    assertThat(skipped.body().get("status").asText()).isEqualTo("skipped");

    app.engine().runUntilIdle();
    assertThat(subjects())
        .containsExactlyInAnyOrder(
            "Hi Ann",
            "Hi Ben",
            "Hi Cy",
            "Glad we connected, Ann",
            "Following up, Ben",
            "Following up, Cy");
    assertThat(items(get("/api/v1/tasks?status=open"))).isEmpty();
    assertThat(items(get("/api/v1/tasks?status=completed"))).hasSize(2);
    // The host application hears of each task as it opens and closes.
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_deliveries WHERE event_type = 'task.created'"
                    + " AND payload ->> 'instructions' LIKE 'Connect with % Lee at % Rust role.'"
                    + " AND payload ->> 'assignee_email' = 'ada@recruit.example'"))
        .isEqualTo(3);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_deliveries WHERE event_type = 'task.closed'"
                    + " AND (payload ->> 'status', coalesce(payload ->> 'outcome', '-')) IN"
                    + " (('completed', 'connected'), ('completed', 'no_answer'), ('skipped', '-'))"))
        .isEqualTo(3);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
        .isEqualTo(3);
  }

  @Test
  void an_overdue_task_skips_ends_or_waits_as_its_step_says() {
    String mailbox = adasMailbox();
    String skip = campaign(mailbox, connectThenBranch("skip", null));
    String end = campaign(mailbox, connectThenBranch("end", null));
    String wait = campaign(mailbox, connectThenBranch("wait", "bob@recruit.example"));
    String sam = person("sam@acme.example", "Sam", "Acme");
    String eve = person("eve@acme.example", "Eve", "Acme");
    String wes = person("wes@acme.example", "Wes", "Acme");
    enrollIn(skip, sam);
    enrollIn(end, eve);
    enrollIn(wait, wes);
    app.engine().runUntilIdle();
    assertThat(items(get("/api/v1/tasks?status=open"))).hasSize(3);
    assertThat(taskOf(items(get("/api/v1/tasks")), wes).get("assignee_email").asText())
        .as("the step's assignee")
        .isEqualTo("bob@recruit.example");
    assertThat(items(as(BOB_KEY, request("/api/v1/tasks?assignee=me").GET()))).hasSize(1);

    clock.advance(Duration.ofDays(2).plusMinutes(1));
    app.engine().runUntilIdle();

    List<JsonNode> tasks = items(get("/api/v1/tasks"));
    assertThat(taskOf(tasks, sam).get("status").asText()).isEqualTo("expired");
    assertThat(taskOf(tasks, sam).get("closed_by").asText()).isEqualTo("overdue");
    assertThat(taskOf(tasks, eve).get("status").asText()).isEqualTo("expired");
    JsonNode wesTask = taskOf(tasks, wes);
    assertThat(wesTask.get("status").asText()).isEqualTo("open");
    assertThat(wesTask.get("overdue").asBoolean()).isTrue();
    assertThat(subjects())
        .as("skip goes on to the false branch; end sends nothing more; wait waits")
        .containsExactlyInAnyOrder("Hi Sam", "Hi Eve", "Hi Wes", "Following up, Sam");
    assertThat(status(end, eve)).isEqualTo("completed");
    assertThat(status(wait, wes)).isEqualTo("active");

    clock.advance(Duration.ofDays(3));
    app.engine().runUntilIdle();
    assertThat(transport.messages()).as("still waiting, days later").hasSize(4);
    Answer done =
        as(
            BOB_KEY,
            postJson(
                "/api/v1/tasks/" + wesTask.get("id").asText() + "/complete",
                "{\"outcome\": \"Connected\"}"));
    assertThat(done.status()).isEqualTo(200);
    app.engine().runUntilIdle();
    assertThat(subjects()).contains("Glad we connected, Wes");
  }

  @Test
  void a_reply_cancels_the_open_task_and_it_can_no_longer_be_completed() {
    String mailbox = adasMailbox();
    String campaign = campaign(mailbox, connectThenBranch("wait", null));
    String ann = person("ann@acme.example", "Ann", "Acme");
    enrollIn(campaign, ann);
    app.engine().runUntilIdle();
    OutgoingMessage intro = sentTo("ann@acme.example");
    replyTo(mailbox, intro, "Re: " + intro.subject(), "Happy to talk!");
    assertThat(status(campaign, ann)).isEqualTo("replied");

    assertThat(items(get("/api/v1/tasks?status=open"))).isEmpty();
    JsonNode task = items(get("/api/v1/tasks?status=cancelled")).get(0);
    assertThat(task.get("status").asText()).isEqualTo("cancelled");
    Answer late = post("/api/v1/tasks/" + task.get("id").asText() + "/complete", "{}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.raw().body()).contains("its sequence has ended");
    clock.advance(Duration.ofDays(10));
    app.engine().runUntilIdle();
    assertThat(transport.messages()).hasSize(1);
  }

  @Test
  void bad_task_steps_and_bad_closes_are_refused_naming_the_field_and_change_nothing() {
    String mailbox = adasMailbox();
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"fax\", \"instructions\": \"x\","
            + " \"due_in\": 1, \"due_unit\": \"days\"}",
        "steps[1].channel");
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"call\", \"instructions\": \"x\","
            + " \"due_in\": 1, \"due_unit\": \"days\", \"on_overdue\": \"panic\"}",
        "steps[1].on_overdue");
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"call\", \"instructions\": \"x\","
            + " \"due_in\": 1, \"due_unit\": \"days\", \"assignee\": \"vic@recruit.example\"}",
        "steps[1].assignee");
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"call\", \"instructions\": \"x\","
            + " \"due_in\": 1, \"due_unit\": \"days\", \"assignee\": \"nobody@else.example\"}",
        "steps[1].assignee");
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"call\","
            + " \"instructions\": \"Call {{first_name\", \"due_in\": 1, \"due_unit\": \"days\"}",
        "steps[1].instructions");
    assertRefused(
        mailbox,
        "{\"key\": \"t\", \"type\": \"task\", \"channel\": \"call\", \"instructions\": \"x\","
            + " \"due_in\": 1, \"due_unit\": \"days\", \"subject\": \"hi\"}",
        "steps[1].subject");
    assertRefused(
        mailbox,
        "{\"key\": \"c\", \"type\": \"condition\", \"condition_type\": \"task_outcome\","
            + " \"value\": \"connected\"}",
        "steps[1].operator");
    assertRefused(
        mailbox,
        "{\"key\": \"c\", \"type\": \"condition\", \"condition_type\": \"task_outcome\","
            + " \"operator\": \"equals\", \"value\": \"x\", \"field\": \"first_name\"}",
        "steps[1].field");
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM campaign_sequences"))
        .isZero();

    String campaign = campaign(mailbox, connectThenBranch("wait", null));
    enrollIn(campaign, person("ann@acme.example", "Ann", "Acme"));
    app.engine().runUntilIdle();
    String task = items(get("/api/v1/tasks")).get(0).get("id").asText();
    Answer tooLong =
        post("/api/v1/tasks/" + task + "/complete", "{\"outcome\": \"" + "x".repeat(201) + "\"}");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.field()).isEqualTo("outcome");
    Answer unknown = post("/api/v1/tasks/" + task + "/complete", "{\"result\": \"connected\"}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("result");
    assertThat(post("/api/v1/tasks/999999/complete", "{}").status()).isEqualTo(404);
    assertThat(get("/api/v1/tasks?status=done").status()).isBetween(400, 422);
    assertThat(get("/api/v1/tasks?status=done").field()).isEqualTo("status");
    assertThat(get("/api/v1/tasks?cursor=zzz").status()).isEqualTo(400);
    assertThat(get("/api/v1/tasks?assignee=me").status())
        .as("the workspace key has no user")
        .isEqualTo(400);
    assertThat(items(get("/api/v1/tasks?status=open"))).hasSize(1);
    assertThat(items(get("/api/v1/tasks?status=open")).get(0).get("outcome").isNull()).isTrue();
  }

  @Test
  void an_open_task_is_given_to_another_member_or_to_nobody() {
    String campaign = campaign(adasMailbox(), connectThenBranch("wait", null));
    enrollIn(campaign, person("ann@acme.example", "Ann", "Acme"));
    app.engine().runUntilIdle();
    String task = items(get("/api/v1/tasks")).get(0).get("id").asText();
    String path = "/api/v1/tasks/" + task;

    Answer toBob =
        as(
            ADA_KEY,
            request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", body("{\"assignee\": \"bob@recruit.example\"}")));
    assertThat(toBob.status()).as(toBob.raw().body()).isEqualTo(200);
    assertThat(toBob.body().get("assignee_email").asText()).isEqualTo("bob@recruit.example");
    assertThat(items(as(BOB_KEY, request("/api/v1/tasks?assignee=me").GET()))).hasSize(1);
    assertThat(items(as(ADA_KEY, request("/api/v1/tasks?assignee=me").GET()))).isEmpty();

    for (String[] bad :
        new String[][] {
          {"{\"assignee\": \"vic@recruit.example\"}", "assignee"},
          {"{\"assignee\": \"nobody@else.example\"}", "assignee"},
          {"{}", "assignee"},
          {"{\"assignee\": null, \"due_at\": \"2026-03-09T00:00:00Z\"}", "due_at"}
        }) {
      Answer refused =
          send(
              request(path)
                  .header("Content-Type", "application/json")
                  .method("PATCH", body(bad[0])));
      assertThat(refused.status()).as(bad[0]).isEqualTo(422);
      assertThat(refused.field()).isEqualTo(bad[1]);
    }
    assertThat(items(get("/api/v1/tasks")).get(0).get("assignee_email").asText())
        .as("unchanged by the refusals")
        .isEqualTo("bob@recruit.example");

    Answer toNobody =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", body("{\"assignee\": null}")));
    assertThat(toNobody.status()).isEqualTo(200);
    assertThat(toNobody.body().get("assignee_user_id").isNull()).isTrue();
    assertThat(items(as(ADA_KEY, request("/api/v1/tasks?assignee=me").GET())))
        .as("nobody's task: anyone's")
        .hasSize(1);

    assertThat(post(path + "/skip", "").status()).isEqualTo(200);
    Answer late =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .method("PATCH", body("{\"assignee\": null}")));
    assertThat(late.status()).isEqualTo(409);
    assertThat(
            send(request("/api/v1/tasks/987654")
                    .header("Content-Type", "application/json")
                    .method("PATCH", body("{\"assignee\": null}")))
                .status())
        .isEqualTo(404);
  }

  @Test
  void a_simulation_plans_the_task_as_done_at_its_due_time_with_no_outcome() {
    String campaign = campaign(adasMailbox(), connectThenBranch("wait", null));
    String ann = person("ann@acme.example", "Ann", "Acme");
    Answer plan =
        post("/api/v1/campaigns/" + campaign + "/simulate", "{\"person_id\": \"" + ann + "\"}");
    assertThat(plan.status()).as(plan.raw().body()).isEqualTo(200);
    List<String> steps = new java.util.ArrayList<>();
    plan.body()
        .get("timeline")
        .forEach(e -> steps.add(e.get("step_key").asText() + "@" + e.get("at").asText()));
    assertThat(steps)
        .containsExactly(
            "intro@" + START,
            "connect@" + START,
            "check@" + START.plus(Duration.ofDays(2)),
            "bump@" + START.plus(Duration.ofDays(2)));
    assertThat(items(get("/api/v1/tasks"))).as("a simulation opens no task").isEmpty();
  }

  @Test
  void the_task_list_pages_by_due_time() {
    String mailbox = adasMailbox();
    String campaign = campaign(mailbox, connectThenBranch("wait", null));
    for (int i = 0; i < 5; i++) {
      enrollIn(campaign, person("p" + i + "@acme.example", "P" + i, "Acme"));
      app.engine().runUntilIdle();
      clock.advance(Duration.ofMinutes(1));
    }
    Answer first = get("/api/v1/tasks?limit=2");
    List<JsonNode> seen = new java.util.ArrayList<>(items(first));
    String cursor = first.body().get("next_cursor").asText();
    while (cursor != null && !cursor.equals("null")) {
      Answer next = get("/api/v1/tasks?limit=2&cursor=" + cursor);
      seen.addAll(items(next));
      JsonNode c = next.body().get("next_cursor");
      cursor = c == null || c.isNull() ? null : c.asText();
    }
    assertThat(seen)
        .extracting(t -> t.get("person_email").asText())
        .containsExactly(
            "p0@acme.example",
            "p1@acme.example",
            "p2@acme.example",
            "p3@acme.example",
            "p4@acme.example");
    assertThat(seen).extracting(t -> Instant.parse(t.get("due_at").asText())).isSorted();
  }

  // ---- fixtures -------------------------------------------------------------------------------

  /**
   * An intro, a LinkedIn task (due in 2 days, then {@code onOverdue}), and a condition on its
   * outcome: "connected" gets a thank-you, anything else a follow-up.
   */
  private static String connectThenBranch(String onOverdue, String assignee) {
    return """
        [{"key": "intro", "type": "email", "subject": "Hi {{first_name}}", "body": "Hello"},
         {"key": "connect", "type": "task", "channel": "linkedin_connect",
          "instructions": "Connect with {{first_name}} {{last_name}} at {{company.name}} and mention the Rust role.",
          "due_in": 2, "due_unit": "days", "on_overdue": "%s"%s},
         {"key": "check", "type": "condition", "condition_type": "task_outcome",
          "operator": "equals", "value": "connected",
          "true_next_step": "thanks", "false_next_step": "bump"},
         {"key": "thanks", "type": "email", "subject": "Glad we connected, {{first_name}}",
          "body": "Thanks", "next_step": null},
         {"key": "bump", "type": "email", "subject": "Following up, {{first_name}}",
          "body": "Any thoughts?"}]
        """
        .formatted(onOverdue, assignee == null ? "" : ", \"assignee\": \"" + assignee + "\"");
  }

  private String campaign(String mailbox, String steps) {
    Answer created = as(ADA_KEY, postJson("/api/v1/campaigns", campaignBody(mailbox, steps)));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(as(ADA_KEY, postJson("/api/v1/campaigns/" + id + "/activate", "")).status())
        .isEqualTo(200);
    return id;
  }

  private static String campaignBody(String mailbox, String steps) {
    return """
        {"name": "Rust engineers", "mailbox_ids": ["%s"], "timezone": "America/New_York",
         "sending_window": {"days": ["MON","TUE","WED","THU","FRI","SAT","SUN"],
                            "start": "00:00", "end": "23:59"},
         "steps": %s}
        """
        .formatted(mailbox, steps);
  }

  private void assertRefused(String mailbox, String step, String field) {
    String steps =
        "[{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi\", \"body\": \"Hello\"}, "
            + step
            + "]";
    Answer refused = as(ADA_KEY, postJson("/api/v1/campaigns", campaignBody(mailbox, steps)));
    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
    assertThat(refused.field()).isEqualTo(field);
  }

  private String adasMailbox() {
    return mailboxOf(ADA_KEY, "ada@recruit.example");
  }

  private String person(String email, String firstName, String company) {
    Answer created =
        post(
            "/api/v1/people",
            """
            {"email_address": "%s", "first_name": "%s", "last_name": "Lee",
             "timezone": "America/New_York", "company": {"name": "%s"}}
            """
                .formatted(email, firstName, company));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private static String ids(String... people) {
    return "{\"person_ids\": [\"" + String.join("\", \"", people) + "\"]}";
  }

  private static JsonNode taskOf(List<JsonNode> tasks, String personId) {
    return tasks.stream()
        .filter(t -> t.get("person_id").asText().equals(personId))
        .findFirst()
        .orElseThrow();
  }

  private List<String> subjects() {
    return transport.messages().stream().map(OutgoingMessage::subject).toList();
  }

  private String status(String campaign, String person) {
    return items(get("/api/v1/campaigns/" + campaign + "/enrollments")).stream()
        .filter(e -> e.get("person_id").asText().equals(person))
        .findFirst()
        .orElseThrow()
        .get("status")
        .asText();
  }
}
