package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.campaignengine.tracking.WebhookSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Triggers from the host application or an ATS, end to end on a real server and PostgreSQL: event
 * rules, events that enroll and stop (the enrollments' statuses asserted), unknown people, and the
 * Greenhouse and Lever webhooks with their documented signatures.
 */
class ApiEventsTest extends ApiTestSupport.ServerPerTest {
  private static final String GREENHOUSE_SECRET = "greenhouse-secret-key-0123456789";
  private static final String LEVER_TOKEN = "a92d2965f46a353bd4f63f8ec0";

  private String mailbox;

  @BeforeEach
  void aMailbox() {
    mailbox = createMailbox();
  }

  private String activeCampaign() {
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    return campaign;
  }

  private long rows(String sql) {
    return Sql.count(app.database().dataSource(), sql);
  }

  /** The status of the person's enrollment in the campaign. */
  private String status(String campaign, String person) {
    for (JsonNode enrollment : items(get("/api/v1/campaigns/" + campaign + "/enrollments"))) {
      if (enrollment.get("person_id").asText().equals(person)) {
        return enrollment.get("status").asText();
      }
    }
    return "none";
  }

  private Answer rule(String json) {
    return post("/api/v1/event-rules", json);
  }

  private Answer event(String json) {
    return post("/api/v1/events", json);
  }

  @Test
  void event_rules_are_created_listed_and_deleted_and_bad_ones_are_refused() {
    String campaign = activeCampaign();
    Answer created =
        rule(
            "{\"event_type\": \"stage_changed\", \"match\": {\"stage\": \"Nurture\"},"
                + " \"action\": \"enroll\", \"campaign_id\": \""
                + campaign
                + "\", \"create_person\": true}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.body().get("match").get("stage").asText()).isEqualTo("Nurture");
    assertThat(created.body().get("campaign_id").asText()).isEqualTo(campaign);
    assertThat(created.body().get("create_person").asBoolean()).isTrue();
    String id = created.body().get("id").asText();
    assertThat(items(get("/api/v1/event-rules")))
        .extracting(rule -> rule.get("id").asText())
        .containsExactly(id);

    long before = rows("SELECT count(*) FROM event_rules");
    assertRefused(rule("{\"event_type\": \"hired\", \"action\": \"archive\"}"), 422, "action");
    assertThat(
            rule("{\"event_type\": \"hired\", \"action\": \"archive\"}")
                .body()
                .get("error")
                .asText())
        .contains("archive");
    assertRefused(rule("{\"event_type\": \"moved\", \"action\": \"stop_all\"}"), 422, "event_type");
    assertRefused(rule("{\"event_type\": \"hired\", \"action\": \"enroll\"}"), 422, "campaign_id");
    assertRefused(
        rule(
            "{\"event_type\": \"hired\", \"action\": \"stop_all\", \"campaign_id\": \""
                + campaign
                + "\"}"),
        422,
        "campaign_id");
    assertRefused(
        rule("{\"event_type\": \"hired\", \"action\": \"stop_all\", \"matches\": {}}"),
        422,
        "matches");
    assertRefused(
        rule("{\"event_type\": \"hired\", \"action\": \"stop_all\", \"match\": {\"a\": [1]}}"),
        400,
        "match.a");
    // A campaign of another workspace is not found from this one.
    String keyB = app.workspaces.createWorkspace("B");
    Answer other =
        send(
            HttpRequest.newBuilder(uri("/api/v1/event-rules"))
                .header("Authorization", "Bearer " + keyB)
                .header("Content-Type", "application/json")
                .POST(
                    body(
                        "{\"event_type\": \"hired\", \"action\": \"stop_campaign\","
                            + " \"campaign_id\": \""
                            + campaign
                            + "\"}")));
    assertThat(other.status()).as(other.raw().body()).isEqualTo(404);
    assertThat(rows("SELECT count(*) FROM event_rules")).isEqualTo(before);

    Answer deleted = send(request("/api/v1/event-rules/" + id).DELETE());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(items(get("/api/v1/event-rules"))).isEmpty();
    assertThat(send(request("/api/v1/event-rules/" + id).DELETE()).status()).isEqualTo(404);
  }

  private static void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
    assertThat(answer.field()).as(answer.raw().body()).isEqualTo(field);
  }

  @Test
  void events_enroll_stop_one_campaign_and_stop_all_as_the_rules_say() {
    String nurture = activeCampaign();
    String outreach = activeCampaign();
    String grace = createPerson("grace@corp.example", "Grace");
    String ann = createPerson("ann@corp.example", "Ann");
    enrollIn(outreach, grace, ann);
    String enroll =
        rule("{\"event_type\": \"stage_changed\", \"match\": {\"stage\": \"Nurture\"},"
                + " \"action\": \"enroll\", \"campaign_id\": \""
                + nurture
                + "\"}")
            .body()
            .get("id")
            .asText();
    rule(
        "{\"event_type\": \"rejected\", \"action\": \"stop_campaign\", \"campaign_id\": \""
            + outreach
            + "\"}");
    rule("{\"event_type\": \"hired\", \"action\": \"stop_all\"}");

    // No rule matches: stored, nothing done.
    Answer screen =
        event(
            "{\"person\": {\"email_address\": \"GRACE@corp.example\"}, \"type\": \"stage_changed\","
                + " \"data\": {\"stage\": \"Phone screen\"}}");
    assertThat(screen.status()).as(screen.raw().body()).isEqualTo(201);
    assertThat(screen.body().get("person_id").asText()).isEqualTo(grace);
    assertThat(screen.body().get("actions")).isEmpty();

    Answer nurtured =
        event(
            "{\"person\": {\"id\": \""
                + grace
                + "\"}, \"type\": \"stage_changed\", \"data\": {\"stage\": \"Nurture\", \"job\": 7}}");
    assertThat(nurtured.status()).as(nurtured.raw().body()).isEqualTo(201);
    JsonNode action = nurtured.body().get("actions").get(0);
    assertThat(action.get("rule_id").asText()).isEqualTo(enroll);
    assertThat(action.get("result").asText()).isEqualTo("enrolled");
    assertThat(action.get("enrollment_ids")).hasSize(1);
    assertThat(status(nurture, grace)).isEqualTo("active");
    assertThat(status(nurture, ann)).isEqualTo("none");

    // Rejected: the outreach campaign's sequence stops, the nurture goes on.
    Answer rejected = event("{\"person\": {\"id\": \"" + grace + "\"}, \"type\": \"rejected\"}");
    assertThat(rejected.body().get("actions").get(0).get("result").asText()).isEqualTo("stopped");
    assertThat(status(outreach, grace)).isEqualTo("stopped");
    assertThat(status(nurture, grace)).isEqualTo("active");
    assertThat(status(outreach, ann)).isEqualTo("active");

    // Hired: everything of hers stops; Ann's sequence goes on.
    Answer hired = event("{\"person\": {\"id\": \"" + grace + "\"}, \"type\": \"hired\"}");
    assertThat(hired.body().get("actions").get(0).get("result").asText()).isEqualTo("stopped");
    assertThat(status(nurture, grace)).isEqualTo("stopped");
    assertThat(status(outreach, ann)).isEqualTo("active");
    Answer again = event("{\"person\": {\"id\": \"" + grace + "\"}, \"type\": \"hired\"}");
    assertThat(again.body().get("actions").get(0).get("result").asText()).isEqualTo("skipped");
    assertThat(again.body().get("actions").get(0).get("reason").asText())
        .isEqualTo("no_active_enrollment");
    Answer rejectedAgain =
        event("{\"person\": {\"id\": \"" + grace + "\"}, \"type\": \"rejected\"}");
    assertThat(rejectedAgain.body().get("actions").get(0).get("reason").asText())
        .isEqualTo("already_stopped");

    // The audit trail: every event of hers, newest first, with what it did.
    List<JsonNode> events = items(get("/api/v1/events?person_id=" + grace + "&limit=10"));
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .containsExactly(
            "rejected", "hired", "hired", "rejected", "stage_changed", "stage_changed");
    assertThat(events.get(4).get("actions").get(0).get("action").asText()).isEqualTo("enroll");
    assertThat(events.get(4).get("data").get("job").asInt()).isEqualTo(7);
    Answer page = get("/api/v1/events?person_id=" + grace + "&limit=2");
    assertThat(items(page)).hasSize(2);
    assertThat(
            items(get("/api/v1/events?limit=10&cursor=" + page.body().get("next_cursor").asText())))
        .hasSize(4);
    assertThat(items(get("/api/v1/events?person_id=" + ann))).isEmpty();

    // Her events are hers: in her export, and gone with her erasure.
    assertThat(get("/api/v1/people/" + grace + "/export").body().get("trigger_events")).hasSize(6);
    assertThat(send(request("/api/v1/people/" + grace).DELETE()).status()).isEqualTo(204);
    assertThat(rows("SELECT count(*) FROM events")).isZero();
  }

  @Test
  void an_unknown_person_is_404_unless_a_rule_creates_them_and_an_unknown_type_is_422() {
    String nurture = activeCampaign();
    Answer unknown =
        event(
            "{\"person\": {\"email_address\": \"new@corp.example\"}, \"type\": \"stage_changed\","
                + " \"data\": {\"stage\": \"Sourced\"}}");
    assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(404);
    assertThat(unknown.body().get("error").asText()).contains("new@corp.example");
    assertThat(event("{\"person\": {\"id\": \"987654\"}, \"type\": \"hired\"}").status())
        .isEqualTo(404);
    Answer badType =
        event("{\"person\": {\"email_address\": \"new@corp.example\"}, \"type\": \"promoted\"}");
    assertRefused(badType, 422, "type");
    assertThat(badType.body().get("error").asText()).contains("promoted");
    assertRefused(
        event(
            "{\"person\": {\"email_address\": \"a@corp.example\", \"id\": \"1\"}, \"type\": \"hired\"}"),
        422,
        "person");
    assertRefused(event("{\"type\": \"hired\"}"), 422, "person");
    assertRefused(
        event("{\"person\": {\"id\": \"1\"}, \"type\": \"hired\", \"data\": []}"), 400, "data");
    assertThat(rows("SELECT count(*) FROM events")).isZero();
    assertThat(rows("SELECT count(*) FROM people")).isZero();

    rule(
        "{\"event_type\": \"stage_changed\", \"match\": {\"stage\": \"Sourced\"},"
            + " \"action\": \"enroll\", \"campaign_id\": \""
            + nurture
            + "\", \"create_person\": true}");
    // A rule that creates people only when it matches.
    Answer other =
        event(
            "{\"person\": {\"email_address\": \"new@corp.example\"}, \"type\": \"stage_changed\","
                + " \"data\": {\"stage\": \"Onsite\"}}");
    assertThat(other.status()).isEqualTo(404);
    Answer created =
        event(
            "{\"person\": {\"email_address\": \"new@corp.example\"}, \"type\": \"stage_changed\","
                + " \"data\": {\"stage\": \"Sourced\"}}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String person = created.body().get("person_id").asText();
    assertThat(get("/api/v1/people/" + person).body().get("email_address").asText())
        .isEqualTo("new@corp.example");
    assertThat(created.body().get("actions").get(0).get("result").asText()).isEqualTo("enrolled");
    assertThat(status(nurture, person)).isEqualTo("active");

    // Kept as long as the workspace keeps its audit log, and pruned with it.
    assertThat(put("/api/v1/settings/retention", "{\"retention_days\": 1}").status())
        .isEqualTo(200);
    clock.advance(java.time.Duration.ofHours(23));
    app.retention.prune();
    assertThat(rows("SELECT count(*) FROM events")).isEqualTo(1);
    clock.advance(java.time.Duration.ofHours(2));
    app.retention.prune();
    assertThat(rows("SELECT count(*) FROM events")).isZero();
  }

  // ---- Greenhouse ---------------------------------------------------------------------------

  /** Greenhouse's "Candidate stage change" example, as their webhook documentation gives it. */
  private static final String GREENHOUSE_STAGE_CHANGE =
      """
      {
        "action": "candidate_stage_change",
        "payload": {
          "application": {
            "id": 265277,
            "rejected_at": null,
            "prospect": false,
            "status": "active",
            "applied_at": "2013-03-22T00:00:00Z",
            "last_activity_at": "2015-02-09T16:38:36Z",
            "url": "https://app.greenhouse.io/people/265772?application_id= 265277",
            "source": {"id": 31, "name": "Agency"},
            "credited_to": {"id": 15, "email": "ada@example.com", "name": "Ada Lacey",
                            "employee_id": "123ABC"},
            "rejection_reason": null,
            "rejection_details": null,
            "current_stage": {
              "id": 71416,
              "name": "Assessment",
              "interviews": [
                {"id": 113101, "name": "Assessment", "status": "to_be_scheduled",
                 "interview_kit": {"url": "https://app.greenhouse.io/guides/113153/people/265772",
                                   "content": "Assess their skills", "questions": []},
                 "interviewers": [{"id": 2622, "display_name": "Carl Buddha",
                                   "status": "tentative"}]}
              ]
            },
            "custom_fields": {
              "custom_application_field": {"name": "Custom Application Field",
                                           "type": "short_text", "value": "Example"}
            },
            "candidate": {
              "id": 265772,
              "first_name": "Giuseppe",
              "last_name": "Hurley",
              "title": "Great Person",
              "company": null,
              "created_at": "2013-10-04T01:24:44Z",
              "external_id": "241b399ce4b0fd1c84e5528d",
              "photo_url": null,
              "url": "https://app.greenhouse.io/people/265772",
              "is_private": false,
              "can_email": true,
              "phone_numbers": [{"value": "330-281-8004", "type": "home"}],
              "email_addresses": [{"value": "giuseppe.hurley@example.com", "type": "personal"}],
              "addresses": [{"value": "123 Fake St.", "type": "home"}],
              "website_addresses": [{"value": "ghurley.example.com", "type": "personal"}],
              "social_media_addresses": [{"value": "linkedin.example.com/ghurley"}],
              "recruiter": {"id": 3128, "email": "alicia.flopple.3128@example.com",
                            "name": "Alicia Flopple", "employee_id": "789GHI"},
              "coordinator": {"id": 3128, "email": "alicia.flopple.3128@example.com",
                              "name": "Alicia Flopple", "employee_id": "789GHI"},
              "attachments": [{"filename": "resume.pdf",
                               "url": "https://prod-heroku.s3.amazonaws.com/...",
                               "type": "resume"}],
              "tags": ["Import from Previous ATS"],
              "custom_fields": {"favorite_color": {"name": "Favorite Color",
                                                   "type": "short_text", "value": "Blue"}}
            },
            "jobs": [
              {"id": 3485, "name": "Designer", "requisition_id": null,
               "notes": "Digital and print", "confidential": false, "job_post_id": 553282,
               "status": "open", "created_at": "2013-10-02T22:59:29Z",
               "opened_at": "2015-01-23T00:25:04Z", "closed_at": null,
               "departments": [{"id": 237, "name": "Community", "external_id": "ex-dept-1"}],
               "offices": [{"id": 54, "name": "New York", "location": "New York, NY",
                            "external_id": "ex-office-1"}],
               "custom_fields": {"employment_type": {"name": "Employment Type",
                                                     "type": "single_select",
                                                     "value": "Full Time"}}}
            ]
          }
        }
      }
      """;

  private Answer pushAts(String url, String body, String signatureHeader) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(URI.create(url).getPath()))
            .header("Content-Type", "application/json")
            .header("Greenhouse-Event-ID", "3ce5180d-9119-4ddc-9ef6-21edb6e76f8a")
            .POST(body(body));
    if (signatureHeader != null) {
      request.header("Signature", signatureHeader);
    }
    return send(request);
  }

  private static String hmac(String text, String secret) {
    return WebhookSignatures.signHmacSha256Hex(
        text.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_greenhouse_stage_change_stops_the_candidates_sequences_and_a_bad_signature_is_401() {
    String first = activeCampaign();
    String second = activeCampaign();
    String giuseppe = createPerson("giuseppe.hurley@example.com", "Giuseppe");
    String other = createPerson("ann@corp.example", "Ann");
    enrollIn(first, giuseppe, other);
    enrollIn(second, giuseppe);
    rule(
        "{\"event_type\": \"stage_changed\", \"match\": {\"stage\": \"Assessment\"},"
            + " \"action\": \"stop_all\"}");
    Answer settings =
        put("/api/v1/settings/ats", "{\"greenhouse_secret\": \"" + GREENHOUSE_SECRET + "\"}");
    assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
    assertThat(settings.body().get("greenhouse").get("configured").asBoolean()).isTrue();
    assertThat(settings.body().get("lever").get("configured").asBoolean()).isFalse();
    assertThat(settings.raw().body()).doesNotContain(GREENHOUSE_SECRET);
    String url = settings.body().get("greenhouse").get("url").asText();
    assertThat(url).contains("/api/v1/ats/greenhouse/");
    // The secret is stored sealed, never as it is.
    assertThat(
            rows(
                "SELECT count(*) FROM ats_settings WHERE position('"
                    + GREENHOUSE_SECRET
                    + "'::bytea IN greenhouse_secret) > 0"))
        .isZero();

    // Badly signed: 401, nothing stored, nothing stopped.
    String body = GREENHOUSE_STAGE_CHANGE;
    for (String bad :
        List.of(
            "sha256 " + hmac(body, "another-secret-key-0123456789"),
            "sha256 " + hmac(body + " ", GREENHOUSE_SECRET),
            "sha1 " + hmac(body, GREENHOUSE_SECRET),
            "")) {
      Answer refused = pushAts(url, body, bad.isEmpty() ? null : bad);
      assertThat(refused.status()).as(bad).isEqualTo(401);
    }
    Answer wrongToken =
        pushAts(
            url.replaceFirst("/greenhouse/.*", "/greenhouse/not-a-token"),
            body,
            "sha256 " + hmac(body, GREENHOUSE_SECRET));
    assertThat(wrongToken.status()).isEqualTo(401);
    assertThat(rows("SELECT count(*) FROM events")).isZero();
    assertThat(status(first, giuseppe)).isEqualTo("active");

    Answer ping =
        pushAts(
            url,
            "{\"action\": \"ping\", \"payload\": {\"web_hook_id\": 1}}",
            "sha256 "
                + hmac(
                    "{\"action\": \"ping\", \"payload\": {\"web_hook_id\": 1}}",
                    GREENHOUSE_SECRET));
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.body().get("outcome").asText()).isEqualTo("ping");

    Answer received = pushAts(url, body, "sha256 " + hmac(body, GREENHOUSE_SECRET));
    assertThat(received.status()).as(received.raw().body()).isEqualTo(200);
    assertThat(received.body().get("outcome").asText()).isEqualTo("received");
    JsonNode event = received.body().get("event");
    assertThat(event.get("type").asText()).isEqualTo("stage_changed");
    assertThat(event.get("source").asText()).isEqualTo("greenhouse");
    assertThat(event.get("person_id").asText()).isEqualTo(giuseppe);
    assertThat(event.get("data").get("stage").asText()).isEqualTo("Assessment");
    assertThat(event.get("data").get("job").asText()).isEqualTo("Designer");
    assertThat(event.get("actions").get(0).get("enrollment_ids")).hasSize(2);
    assertThat(status(first, giuseppe)).isEqualTo("stopped");
    assertThat(status(second, giuseppe)).isEqualTo("stopped");
    assertThat(status(first, other)).isEqualTo("active");
    assertThat(items(get("/api/v1/events?person_id=" + giuseppe))).hasSize(1);

    // Greenhouse retries a delivery, or someone replays it: acknowledged, nothing done again.
    Answer again = pushAts(url, body, "sha256 " + hmac(body, GREENHOUSE_SECRET));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("outcome").asText()).isEqualTo("duplicate");
    assertThat(rows("SELECT count(*) FROM events")).isEqualTo(1);

    // A candidate the workspace does not know: acknowledged, not stored.
    String stranger = body.replace("giuseppe.hurley@example.com", "someone@else.example");
    Answer unknown = pushAts(url, stranger, "sha256 " + hmac(stranger, GREENHOUSE_SECRET));
    assertThat(unknown.body().get("outcome").asText()).isEqualTo("unknown_person");
    assertThat(rows("SELECT count(*) FROM events")).isEqualTo(1);
  }

  // ---- The host application, signed ------------------------------------------------------------

  private static final String HOST_SECRET = "host-events-secret-0123456789";

  private Answer pushHost(String url, String body, String timestamp, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(URI.create(url).getPath()))
            .header("Content-Type", "application/json")
            .POST(body(body));
    if (timestamp != null) {
      request.header("X-Signature-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Signature", signature);
    }
    return send(request);
  }

  @Test
  void a_signed_host_event_stops_sequences_once_and_a_bad_old_or_replayed_one_is_401() {
    String campaign = activeCampaign();
    String ann = createPerson("ann@corp.example", "Ann");
    enrollIn(campaign, ann);
    rule("{\"event_type\": \"hired\", \"action\": \"stop_all\"}");
    Answer settings =
        put("/api/v1/settings/ats", "{\"host_events_secret\": \"" + HOST_SECRET + "\"}");
    assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
    assertThat(settings.body().get("host").get("configured").asBoolean()).isTrue();
    assertThat(settings.raw().body()).doesNotContain(HOST_SECRET);
    String url = settings.body().get("host").get("url").asText();
    assertThat(url).contains("/api/v1/ats/host/");

    String body =
        "{\"person\": {\"email_address\": \"ann@corp.example\"}, \"type\": \"hired\","
            + " \"data\": {\"job\": \"Designer\"}}";
    long now = clock.instant().getEpochSecond();
    String stamp = Long.toString(now);
    String good = "sha256=" + hmac(stamp + "." + body, HOST_SECRET);
    String old = Long.toString(now - 301);
    for (String[] bad :
        List.of(
            new String[] {stamp, "sha256=" + hmac(stamp + "." + body, "another-secret-0123456789")},
            new String[] {stamp, "sha256=" + hmac(body, HOST_SECRET)},
            new String[] {old, "sha256=" + hmac(old + "." + body, HOST_SECRET)},
            new String[] {Long.toString(now + 1), good},
            new String[] {null, good},
            new String[] {stamp, null},
            new String[] {"soon", good})) {
      Answer refused = pushHost(url, body, bad[0], bad[1]);
      assertThat(refused.status())
          .as(String.join(" ", java.util.Arrays.asList(bad)))
          .isEqualTo(401);
      assertThat(refused.field()).isEqualTo("signature");
    }
    assertThat(
            pushHost(url.replaceFirst("/host/.*", "/host/not-a-token"), body, stamp, good).status())
        .isEqualTo(401);
    assertThat(rows("SELECT count(*) FROM events")).isZero();
    assertThat(status(campaign, ann)).isEqualTo("active");

    Answer received = pushHost(url, body, stamp, good);
    assertThat(received.status()).as(received.raw().body()).isEqualTo(201);
    assertThat(received.body().get("source").asText()).isEqualTo("host");
    assertThat(received.body().get("person_id").asText()).isEqualTo(ann);
    assertThat(status(campaign, ann)).isEqualTo("stopped");
    Answer replayed = pushHost(url, body, stamp, good);
    assertThat(replayed.status()).as("the same delivery again: a replay").isEqualTo(409);
    assertThat(replayed.field()).isEqualTo("signature");
    // The same signature spelt another way (bare hex, upper case) is the same delivery.
    Answer respelt = pushHost(url, body, stamp, good.substring("sha256=".length()).toUpperCase());
    assertThat(respelt.status()).as("a replay with the signature respelt").isEqualTo(409);
    assertThat(rows("SELECT count(*) FROM events")).isEqualTo(1);

    // Signed but bad: the body is judged as POST /api/v1/events judges it, nothing stored.
    String unknownField = "{\"person\": {\"id\": \"" + ann + "\"}, \"type\": \"hired\", \"x\": 1}";
    Answer refused =
        pushHost(
            url, unknownField, stamp, "sha256=" + hmac(stamp + "." + unknownField, HOST_SECRET));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.field()).isEqualTo("x");
    String stranger = body.replace("ann@corp.example", "nobody@else.example");
    Answer unknown =
        pushHost(url, stranger, stamp, "sha256=" + hmac(stamp + "." + stranger, HOST_SECRET));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(rows("SELECT count(*) FROM events")).isEqualTo(1);
    // Refused deliveries were not kept as seen: once the person exists, the same one acts.
    createPerson("nobody@else.example", "Nobody");
    Answer again =
        pushHost(url, stranger, stamp, "sha256=" + hmac(stamp + "." + stranger, HOST_SECRET));
    assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
  }

  // ---- Lever --------------------------------------------------------------------------------

  private static String leverBody(String token, long triggeredAt, String signature) {
    return """
        {"triggeredAt": %d, "event": "candidateStageChange", "signature": "%s", "token": "%s",
         "data": {"candidateId": "a8d5bc8c-83c1-4ba7-8fbb-a5e2a7c12d09",
                  "contactId": "a8d5bc8c-83c1-4ba7-8fbb-a5e2a7c12d09",
                  "opportunityId": "a8d5bc8c-83c1-4ba7-8fbb-a5e2a7c12d09",
                  "toStageId": "offer", "fromStageId": "d10e0a6e-2dd0-4a40-a1c6-0dcf5a5e6b1c"}}
        """
        .formatted(triggeredAt, signature, token);
  }

  @Test
  void a_lever_stage_change_signed_with_the_signature_token_stops_one_campaign() {
    String campaign = activeCampaign();
    Answer person =
        post(
            "/api/v1/people",
            "{\"email_address\": \"lev@corp.example\", \"first_name\": \"Lev\","
                + " \"custom\": {\"lever_candidate_id\": \"a8d5bc8c-83c1-4ba7-8fbb-a5e2a7c12d09\"}}");
    String lev = person.body().get("id").asText();
    enrollIn(campaign, lev);
    rule(
        "{\"event_type\": \"stage_changed\", \"match\": {\"stage\": \"offer\"},"
            + " \"action\": \"stop_campaign\", \"campaign_id\": \""
            + campaign
            + "\"}");
    Answer settings =
        put("/api/v1/settings/ats", "{\"lever_signature_token\": \"" + LEVER_TOKEN + "\"}");
    assertThat(settings.body().get("lever").get("configured").asBoolean()).isTrue();
    String url = settings.body().get("lever").get("url").asText();

    String token = "b0a6d7e28d4f47ac9d3c0b3f0b4d3b8c";
    long triggeredAt = clock.instant().toEpochMilli() - 2_000;
    String wrong = hmac(token + triggeredAt, "not-the-signature-token");
    assertThat(pushAts(url, leverBody(token, triggeredAt, wrong), null).status()).isEqualTo(401);
    // The signature covers token + triggeredAt: another instant with the same signature fails.
    String right = hmac(token + triggeredAt, LEVER_TOKEN);
    assertThat(pushAts(url, leverBody(token, triggeredAt + 1, right), null).status())
        .isEqualTo(401);
    // A delivery older than the replay memory, rightly signed: its event is not covered by the
    // signature, so it could have been rewritten; refused.
    long stale = clock.instant().minus(java.time.Duration.ofDays(8)).toEpochMilli();
    assertThat(
            pushAts(url, leverBody(token, stale, hmac(token + stale, LEVER_TOKEN)), null).status())
        .isEqualTo(401);
    assertThat(rows("SELECT count(*) FROM events")).isZero();
    assertThat(status(campaign, lev)).isEqualTo("active");

    Answer received = pushAts(url, leverBody(token, triggeredAt, right), null);
    assertThat(received.status()).as(received.raw().body()).isEqualTo(200);
    JsonNode event = received.body().get("event");
    assertThat(event.get("source").asText()).isEqualTo("lever");
    assertThat(event.get("person_id").asText()).isEqualTo(lev);
    assertThat(event.get("data").get("stage").asText()).isEqualTo("offer");
    assertThat(event.get("actions").get(0).get("result").asText()).isEqualTo("stopped");
    assertThat(status(campaign, lev)).isEqualTo("stopped");

    // Clearing the token turns the endpoint off.
    put("/api/v1/settings/ats", "{\"lever_signature_token\": null}");
    assertThat(pushAts(url, leverBody(token, triggeredAt, right), null).status()).isEqualTo(401);
    // Too short a secret is refused, naming it.
    assertRefused(
        put("/api/v1/settings/ats", "{\"greenhouse_secret\": \"short\"}"),
        422,
        "greenhouse_secret");
  }
}
