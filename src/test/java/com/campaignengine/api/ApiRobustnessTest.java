package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd and hostile input across the endpoints: every answer is the expected 4xx with a JSON error
 * naming a field, never a 500. One database for all cases (they write nothing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRobustnessTest extends ApiTestSupport {

  @BeforeAll
  void start(@TempDir Path dir) {
    startServer(dir);
  }

  @AfterAll
  void stop() {
    stopServer();
  }

  private record Case(
      String method, String path, String contentType, String body, int status, String field) {}

  private static Case post(String path, String body, int status, String field) {
    return new Case("POST", path, "application/json", body, status, field);
  }

  private static Case put(String path, String body, int status, String field) {
    return new Case("PUT", path, "application/json", body, status, field);
  }

  private static Case patch(String path, String body, int status, String field) {
    return new Case("PATCH", path, "application/json", body, status, field);
  }

  private static Case csv(String body, int status, String field) {
    return new Case("POST", "/api/v1/people/import", "text/csv", body, status, field);
  }

  private static Case get(String path, int status, String field) {
    return new Case("GET", path, null, null, status, field);
  }

  private static final String EMAIL =
      "{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi\", \"body\": \"Hello\"}";

  private static String campaign(String extra) {
    return "{\"name\": \"C\", \"steps\": [" + EMAIL + "]" + extra + "}";
  }

  private static String steps(String step) {
    return "{\"name\": \"C\", \"steps\": [" + step + "]}";
  }

  private List<Case> cases(String campaignId) {
    String campaigns = "/api/v1/campaigns";
    String enroll = "/api/v1/campaigns/" + campaignId + "/enrollments";
    String simulate = "/api/v1/campaigns/" + campaignId + "/simulate";
    List<Case> cases = new ArrayList<>();
    cases.add(post(campaigns, "null", 400, "body"));
    cases.add(post(campaigns, "\"text\"", 400, "body"));
    cases.add(post(campaigns, "", 400, "body"));
    cases.add(post(campaigns, "{} trailing", 400, "body"));
    cases.add(post(campaigns, "{\"name\": \"a\", \"name\": \"b\"}", 400, "body"));
    cases.add(post(campaigns, "[".repeat(5000) + "]".repeat(5000), 400, "body"));
    cases.add(post(campaigns, "{}", 422, "name"));
    cases.add(post(campaigns, "{\"name\": 5}", 400, "name"));
    cases.add(post(campaigns, "{\"name\": \"C\", \"steps\": {}}", 400, "steps"));
    cases.add(post(campaigns, "{\"name\": \"C\", \"steps\": [1]}", 400, "steps[0]"));
    cases.add(
        post(
            campaigns,
            steps("{\"type\": \"email\", \"subject\": \"s\", \"body\": \"b\"}"),
            422,
            "steps[0].key"));
    cases.add(post(campaigns, steps("{\"key\": \"k\"}"), 422, "steps[0].type"));
    cases.add(post(campaigns, steps("{\"key\": \"k\", \"type\": 3}"), 400, "steps[0].type"));
    cases.add(
        post(campaigns, steps("{\"key\": \"k\", \"type\": \"email\"}"), 422, "steps[0].subject"));
    cases.add(
        post(
            campaigns,
            steps("{\"key\": \"k\", \"type\": \"wait\", \"wait_unit\": \"days\"}"),
            422,
            "steps[0].wait_duration"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"wait\", \"wait_duration\": 2.5, \"wait_unit\": \"days\"}"),
            400,
            "steps[0].wait_duration"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"wait\", \"wait_duration\": 99999999999, \"wait_unit\": \"days\"}"),
            422,
            "steps[0].wait_duration"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"wait\", \"wait_duration\": 1, \"wait_unit\": \"days\", \"business_hours_only\": \"yes\"}"),
            400,
            "steps[0].business_hours_only"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"condition\", \"condition_type\": \"field\", \"field\": \"title\", \"operator\": \"like\", \"value\": \"x\"}"),
            422,
            "steps[0].operator"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"condition\", \"condition_type\": \"field\", \"operator\": \"equals\", \"value\": \"x\"}"),
            422,
            "steps[0].field"));
    cases.add(
        post(
            campaigns,
            steps("{\"key\": \"k\", \"type\": \"condition\", \"condition_type\": \"mood\"}"),
            422,
            "steps[0].condition_type"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"condition\", \"condition_type\": \"replied\", \"next_step\": null}"),
            422,
            "steps[0].next_step"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\", \"next_step\": 4}"),
            400,
            "steps[0].next_step"));
    cases.add(
        post(
            campaigns,
            steps("{\"key\": \"a b\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\"}"),
            422,
            "steps[0].key"));
    cases.add(post(campaigns, campaign(", \"max_attempts\": 1e400"), 400, "max_attempts"));
    cases.add(post(campaigns, campaign(", \"max_attempts\": 0"), 422, "max_attempts"));
    cases.add(post(campaigns, campaign(", \"mailbox_ids\": \"1\""), 400, "mailbox_ids"));
    cases.add(post(campaigns, campaign(", \"mailbox_ids\": [\"abc\"]"), 422, "mailbox_ids[0]"));
    cases.add(post(campaigns, campaign(", \"mailbox_ids\": [-1]"), 422, "mailbox_ids[0]"));
    cases.add(
        post(
            campaigns,
            campaign(", \"mailbox_ids\": [99999999999999999999]"),
            422,
            "mailbox_ids[0]"));
    cases.add(post(campaigns, campaign(", \"mailbox_ids\": [{}]"), 400, "mailbox_ids[0]"));
    cases.add(post(campaigns, campaign(", \"mailbox_ids\": [424242]"), 422, "mailbox_ids[0]"));
    cases.add(post(campaigns, campaign(", \"sending_window\": []"), 400, "sending_window"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": \"MON\", \"start\": \"09:00\", \"end\": \"17:00\"}"),
            400,
            "sending_window.days"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": [], \"start\": \"09:00\", \"end\": \"17:00\"}"),
            422,
            "sending_window.days"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": [\"MON\", \"FUN\"], \"start\": \"09:00\", \"end\": \"17:00\"}"),
            422,
            "sending_window.days[1]"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": [\"MON\"], \"start\": \"9:00\", \"end\": \"17:00\"}"),
            422,
            "sending_window.start"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": [\"MON\"], \"start\": \"24:00\", \"end\": \"24:00\"}"),
            422,
            "sending_window.start"));
    cases.add(
        post(
            campaigns,
            campaign(", \"sending_window\": {\"days\": [\"MON\"], \"start\": \"09:00\"}"),
            422,
            "sending_window.end"));
    cases.add(
        post(campaigns, "{\"name\": \"nul\\u0000byte\", \"steps\": [" + EMAIL + "]}", 422, "name"));
    cases.add(
        post(
            campaigns,
            "{\"name\": \"" + "n".repeat(300) + "\", \"steps\": [" + EMAIL + "]}",
            422,
            "name"));

    cases.add(post("/api/v1/people", "{\"email_address\": 5}", 400, "email_address"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"custom\": {\"a\": {}}}",
            400,
            "custom.a"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"custom\": {\"bad key\": \"x\"}}",
            422,
            "custom.bad key"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"company\": \"Acme\"}",
            400,
            "company"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"timezone\": \"Nowhere/Land\"}",
            422,
            "timezone"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"first_name\": \"x\\u0000y\"}",
            422,
            "first_name"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"custom\": {\"k\": \"x\\u0000y\"}}",
            422,
            "custom.k"));

    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"carrier-pigeon\", \"email\": \"a@b.example\"}",
            422,
            "provider"));
    cases.add(post("/api/v1/mailboxes", "{\"email\": \"a@b.example\"}", 422, "provider"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"daily_limit\": \"x\"}",
            400,
            "daily_limit"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"daily_limit\": 0}",
            422,
            "daily_limit"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"hourly_limit\": 2.5}",
            400,
            "hourly_limit"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"min_gap_seconds\": 60, \"max_gap_seconds\": 30}",
            422,
            "max_gap_seconds"));

    cases.add(post(enroll, "{\"person_ids\": \"1\"}", 400, "person_ids"));
    cases.add(post(enroll, "{\"person_ids\": [1.5]}", 400, "person_ids[0]"));
    cases.add(post(enroll, "{\"person_ids\": [null]}", 400, "person_ids[0]"));
    cases.add(post(enroll, "{}", 422, "person_ids"));
    cases.add(post(enroll, "{\"person_ids\": [" + "1,".repeat(100_000) + "1]}", 422, "person_ids"));

    cases.add(post(simulate, "{\"start\": \"yesterday\"}", 422, "start"));
    cases.add(post(simulate, "{\"start\": 5}", 400, "start"));
    cases.add(post(simulate, "{\"start\": \"+999999-01-01T00:00:00Z\"}", 422, "start"));
    cases.add(post(simulate, "{\"timezone\": \"X/Y\"}", 422, "timezone"));
    cases.add(post(simulate, "{\"person_id\": \"abc\"}", 422, "person_id"));
    cases.add(post(simulate, "{\"person_id\": 424242}", 422, "person_id"));
    cases.add(post(simulate, "{\"assume\": {\"replied\": \"yes\"}}", 400, "assume.replied"));

    cases.add(new Case("POST", "/api/v1/people/import", "text/csv", "", 422, "email_address"));
    cases.add(
        new Case("POST", "/api/v1/people/import", "text/csv", "name\nx\n", 422, "email_address"));
    cases.add(
        new Case(
            "POST",
            "/api/v1/people/import",
            "text/csv",
            "email_address\n\"unclosed\n",
            422,
            "body"));
    cases.add(
        new Case(
            "POST",
            "/api/v1/people/import",
            "text/csv",
            "email_address\na\u0000@b.example\n",
            400,
            "body"));
    cases.add(new Case("POST", "/api/v1/people/import", "text/html", "<p>", 415, "content-type"));

    unknownFields(cases, campaignId);
    headerValues(cases, campaignId);
    loneSurrogates(cases);

    cases.add(get("/api/v1/people?limit=abc", 400, "limit"));
    cases.add(get("/api/v1/people?limit=99999999999999999999", 400, "limit"));
    cases.add(get("/api/v1/people?cursor=-1", 400, "cursor"));
    cases.add(get("/api/v1/executions?campaign_id=x", 400, "campaign_id"));
    cases.add(get("/api/v1/mailboxes/424242", 404, "id"));
    cases.add(get("/api/v1/enrollments/424242", 404, "id"));
    cases.add(get("/api/v1/people/0", 404, "id"));
    cases.add(get("/api/v1/campaigns/99999999999999999999999", 404, "id"));
    cases.add(post("/api/v1/campaigns/" + campaignId + "/pause", "", 409, "status"));
    cases.add(post("/api/v1/enrollments/424242/pause", "", 404, "id"));
    return cases;
  }

  /** Typos and fields that do not exist, anywhere in any body (issue 12, defect 8). */
  private static void unknownFields(List<Case> cases, String campaignId) {
    String campaigns = "/api/v1/campaigns";
    cases.add(
        post(campaigns, campaign(", \"bussiness_hours_only\": true"), 422, "bussiness_hours_only"));
    cases.add(post(campaigns, campaign(", \"from\": \"ada@recruit.example\""), 422, "from"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\", \"same_thred\": true}"),
            422,
            "steps[0].same_thred"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\", \"headers\": {\"Bcc\": \"x@y.example\"}}"),
            422,
            "steps[0].headers"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"wait\", \"wait_duration\": 1, \"wait_unit\": \"days\", \"bussiness_hours_only\": true}"),
            422,
            "steps[0].bussiness_hours_only"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\","
                    + " \"variants\": [{\"key\": \"a\", \"subject\": \"A\"}, {\"key\": \"b\", \"subjet\": \"B\"}]}"),
            422,
            "steps[0].variants[1].subjet"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\","
                    + " \"ai\": {\"instructions\": \"Be brief\", \"max_word\": 50}}"),
            422,
            "steps[0].ai.max_word"));
    cases.add(
        post(
            campaigns,
            campaign(
                ", \"sending_window\": {\"days\": [\"MON\"], \"start\": \"09:00\", \"end\": \"17:00\", \"timezone\": \"UTC\"}"),
            422,
            "sending_window.timezone"));
    cases.add(
        post(
            campaigns,
            campaign(", \"holidays\": {\"countries\": [\"US\"]}"),
            422,
            "holidays.countries"));
    cases.add(
        put(
            campaigns + "/" + campaignId,
            campaign(", \"stop_on_replies\": false"),
            422,
            "stop_on_replies"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"firstname\": \"Ada\"}",
            422,
            "firstname"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"company\": {\"name\": \"A\", \"website\": \"a.example\"}}",
            422,
            "company.website"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"from\": \"x\"}",
            422,
            "from"));
    cases.add(
        post(
            "/api/v1/campaigns/" + campaignId + "/enrollments",
            "{\"person_ids\": [\"1\"], \"campaign_id\": \"1\"}",
            422,
            "campaign_id"));
    String simulate = "/api/v1/campaigns/" + campaignId + "/simulate";
    cases.add(post(simulate, "{\"asume\": {\"replied\": true}}", 422, "asume"));
    cases.add(post(simulate, "{\"assume\": {\"replyed\": true}}", 422, "assume.replyed"));
    cases.add(post(simulate, "{\"events\": [\"replied\"]}", 400, "events"));
    cases.add(post(simulate, "{\"events\": {\"intro\": \"replied\"}}", 400, "events.intro"));
    cases.add(post(simulate, "{\"events\": {\"intro\": [\"bounced\"]}}", 422, "events.intro[0]"));
    cases.add(post(simulate, "{\"events\": {\"nope\": [\"replied\"]}}", 422, "events.nope"));
    cases.add(
        post(
            "/api/v1/campaigns/" + campaignId + "/preview",
            "{\"person_id\": \"1\", \"step_key\": \"intro\", \"format\": \"html\"}",
            422,
            "format"));
    cases.add(
        post(
            "/api/v1/webhooks",
            "{\"url\": \"https://hooks.example/x\", \"events\": [\"email.sent\"], \"secret\": \"s\"}",
            422,
            "secret"));
    cases.add(
        put("/api/v1/settings/retention", "{\"retention_days\": 5, \"days\": 3}", 422, "days"));
    cases.add(put("/api/v1/holidays", "{\"country\": \"US\", \"region\": \"NY\"}", 422, "region"));
    cases.add(csv("email_address,first_name,first_name\na@b.example,A,B\n", 422, "header"));
    cases.add(csv("email_address,First_Name,first_name\na@b.example,A,B\n", 422, "header"));
    cases.add(csv("email_address,,title\na@b.example,A,B\n", 422, "header"));
    cases.add(csv("email_address,skill,custom.skill\na@b.example,A,B\n", 422, "header"));
  }

  /** Values that end in a header, or in an SMTP or IMAP command: one line (issue 12, defect 5). */
  private static void headerValues(List<Case> cases, String campaignId) {
    String campaigns = "/api/v1/campaigns";
    String mailboxes = "/api/v1/mailboxes";
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"Hi\\r\\nBcc: x@y.example\", \"body\": \"b\"}"),
            422,
            "steps[0].subject"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"s\", \"body\": \"b\","
                    + " \"variants\": [{\"key\": \"a\", \"subject\": \"A\"}, {\"key\": \"b\", \"subject\": \"B\\nBcc: x@y.example\"}]}"),
            422,
            "steps[0].variants[1].subject"));
    cases.add(
        post(
            campaigns,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \""
                    + "s".repeat(999)
                    + "\", \"body\": \"b\"}"),
            422,
            "steps[0].subject"));
    cases.add(
        post(campaigns, "{\"name\": \"two\\nlines\", \"steps\": [" + EMAIL + "]}", 422, "name"));
    cases.add(
        put(
            campaigns + "/" + campaignId,
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"Hi\\r\\n\", \"body\": \"b\"}"),
            422,
            "steps[0].subject"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"display_name\": \"Ada\\r\\nBcc: x@y.example\"}",
            422,
            "display_name"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\\r\\nBcc: x@y.example\"}",
            422,
            "email"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"smtp\", \"email\": \"a@b.example\", \"smtp\": {\"host\": \"smtp.b.example\\r\\nRCPT TO:<x@y.example>\"}}",
            422,
            "smtp.host"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"smtp\", \"email\": \"a@b.example\", \"smtp\": {\"host\": \"smtp.b.example\", \"username\": \"a\\nb\"}}",
            422,
            "smtp.username"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"imap\": {\"host\": \"imap.b.example\\n\"}}",
            422,
            "imap.host"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"imap\": {\"host\": \"imap.b.example\", \"password\": \"pw\\r\\nA1 LOGOUT\"}}",
            422,
            "imap.password"));
    cases.add(
        post(
            mailboxes,
            "{\"provider\": \"resend\", \"email\": \"a@b.example\", \"resend\": {\"api_key\": \"re_x\\r\\nX-Evil: 1\"}}",
            422,
            "resend.api_key"));
    cases.add(
        patch(
            mailboxes + "/1",
            "{\"display_name\": \"A\\r\\nBcc: x@y.example\"}",
            422,
            "display_name"));
    cases.add(
        patch(mailboxes + "/1", "{\"imap\": {\"host\": \"imap.b.example\\n\"}}", 422, "imap.host"));
    cases.add(patch(mailboxes + "/1", "{\"dialy_limit\": 10}", 422, "dialy_limit"));
    cases.add(patch(mailboxes + "/1", "{\"daily_limit\": \"10\"}", 400, "daily_limit"));
    cases.add(patch(mailboxes + "/1", "{\"email\": \"b@b.example\"}", 422, "email"));
    cases.add(patch(mailboxes + "/424242", "{\"daily_limit\": 10}", 404, "id"));
    cases.add(
        put(
            mailboxes + "/1/credentials",
            "{\"imap\": {\"host\": \"imap.b.example\\r\\n\"}}",
            422,
            "imap.host"));
  }

  /** A lone UTF-16 surrogate cannot be stored: refused where it stands, never kept as '?'. */
  private static void loneSurrogates(List<Case> cases) {
    cases.add(
        post(
            "/api/v1/campaigns",
            "{\"name\": \"x\\ud800y\", \"steps\": [" + EMAIL + "]}",
            422,
            "name"));
    cases.add(
        post(
            "/api/v1/campaigns",
            steps(
                "{\"key\": \"k\", \"type\": \"email\", \"subject\": \"\\udc00\", \"body\": \"b\"}"),
            422,
            "steps[0].subject"));
    cases.add(
        post(
            "/api/v1/people",
            "{\"email_address\": \"a@b.example\", \"custom\": {\"k\": \"\\ud83d\"}}",
            422,
            "custom.k"));
    cases.add(
        post(
            "/api/v1/mailboxes",
            "{\"provider\": \"outbox\", \"email\": \"a@b.example\", \"display_name\": \"A\\udfff\"}",
            422,
            "display_name"));
  }

  @Test
  void odd_input_is_refused_with_a_status_and_a_field_never_a_500() {
    String mailbox = createMailbox();
    String campaignId = createCampaignFrom(mailbox);
    SoftAssertions softly = new SoftAssertions();
    for (Case c : cases(campaignId)) {
      HttpRequest.Builder request = request(c.path());
      if (c.contentType() != null) {
        request.header("Content-Type", c.contentType());
      }
      request.method(
          c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : body(c.body()));
      Answer answer = send(request);
      String label =
          c.method() + " " + c.path() + " " + abbreviate(c.body()) + " -> " + answer.raw().body();
      softly.assertThat(answer.status()).as(label).isEqualTo(c.status());
      softly.assertThat(answer.field()).as(label).isEqualTo(c.field());
    }
    softly.assertAll();
    assertThat(count("/api/v1/campaigns")).isEqualTo(1);
    assertThat(count("/api/v1/people?limit=500")).isZero();
    assertThat(count("/api/v1/mailboxes")).isEqualTo(1);
    assertThat(count("/api/v1/webhooks")).isZero();
    assertThat(get("/api/v1/campaigns/" + campaignId).body().get("version").asInt()).isEqualTo(1);
  }

  @Test
  void authorization_headers_are_read_strictly_but_the_scheme_ignores_case() {
    for (String header : List.of("Bearer ", "Basic " + KEY, KEY, "Bearer " + KEY + "x")) {
      Answer answer =
          send(
              HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                  .header("Authorization", header)
                  .GET());
      assertThat(answer.status()).as(header).isEqualTo(401);
      assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
    Answer lower =
        send(
            HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Authorization", "bearer " + KEY)
                .GET());
    assertThat(lower.status()).isEqualTo(200);
  }

  private static String abbreviate(String body) {
    return body == null || body.length() < 120
        ? String.valueOf(body)
        : body.substring(0, 120) + "…";
  }
}
