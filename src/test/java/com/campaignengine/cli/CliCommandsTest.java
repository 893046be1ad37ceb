package com.campaignengine.cli;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.mail.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands end to end against a running server, and the exit codes scripts see. */
class CliCommandsTest extends CliTestSupport {
  long mailboxId;

  @BeforeEach
  void start(@TempDir Path dir) {
    startServer(dir);
    mailboxId = mailbox("recruiting@acme.example");
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  private Campaign activeCampaign(String name) {
    Campaign draft =
        app.campaigns.create(
            workspace,
            aCampaign()
                .named(name)
                .sendingFrom(mailboxId)
                .inTimezone("UTC")
                .withSteps(anEmailStep("intro"))
                .build());
    return app.campaigns.activate(workspace, draft.id());
  }

  private static void assertOneCleanErrorLine(Run run) {
    assertThat(run.err().lines()).as(run.toString()).hasSize(1);
    assertThat(run.err()).startsWith("error: ").doesNotContain("Exception", "\tat ");
  }

  @Test
  void status_shows_readiness_campaigns_mailboxes_and_the_queue() {
    activeCampaign("Outreach");

    Run json = cli("status", "--output", "json", "--management-url", managementUrl());
    Run table = cli("status", "--management-url", managementUrl());
    Run withoutMetrics = cli("status", "--output", "json");

    assertThat(json.exit()).as(json.toString()).isZero();
    JsonNode status = json.json();
    assertThat(status.get("ready").asBoolean()).isTrue();
    assertThat(status.at("/campaigns/active").asInt()).isEqualTo(1);
    assertThat(status.at("/mailboxes/connected").asInt()).isEqualTo(1);
    assertThat(status.get("firing_alerts").size()).isZero();
    assertThat(status.at("/queue/depth").isNumber()).isTrue();
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("ready", "1 active", "1 connected", "due now");
    // The queue spans every workspace: only the management port tells it.
    assertThat(withoutMetrics.exit()).isZero();
    assertThat(withoutMetrics.json().get("queue").isNull()).isTrue();
  }

  @Test
  void campaigns_list_and_stats_print_tables_or_json() {
    Campaign campaign = activeCampaign("Outreach");

    Run list = cli("campaigns", "list");
    Run listJson = cli("campaigns", "list", "--output", "json");
    Run stats = cli("stats", Long.toString(campaign.id()));
    Run statsJson = cli("stats", Long.toString(campaign.id()), "--output", "json");

    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("NAME", "Outreach", "active");
    assertThat(listJson.json().get("items").get(0).get("name").asText()).isEqualTo("Outreach");
    assertThat(stats.exit()).as(stats.toString()).isZero();
    assertThat(stats.out()).contains("ENROLLED", "intro");
    assertThat(statsJson.json().get("steps").get(0).get("key").asText()).isEqualTo("intro");
  }

  @Test
  void exit_codes_tell_not_found_authentication_refusal_conflict_and_an_absent_server_apart() {
    Campaign campaign = activeCampaign("Outreach");

    Run notFound = cli("stats", "999999");
    Run badKey = run("campaigns", "list", "--url", url(), "--api-key", "not-the-key-0123456789");
    Run noKey = run("campaigns", "list", "--url", url());
    Run refused = cli("retention", "set", "--days", "5000");
    Run conflict = cli("resume", Long.toString(campaign.id()));
    Run unreachable = run("campaigns", "list", "--url", "http://localhost:1", "--api-key", KEY);
    Run usage = cli("stats");

    assertThat(notFound.exit()).as(notFound.toString()).isEqualTo(3);
    assertThat(notFound.err()).contains("no campaign 999999");
    assertThat(badKey.exit()).as(badKey.toString()).isEqualTo(4);
    assertThat(noKey.exit()).as(noKey.toString()).isEqualTo(4);
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("retention_days");
    assertThat(conflict.exit()).as(conflict.toString()).isEqualTo(5);
    assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach the server at http://localhost:1");
    assertThat(usage.exit()).isEqualTo(2);
    for (Run run : List.of(notFound, badKey, noKey, refused, conflict, unreachable)) {
      assertOneCleanErrorLine(run);
    }
  }

  @Test
  void help_lists_the_commands_and_the_exit_codes() {
    Run help = run("--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("apply", "export", "enroll", "dlq", "retention", "status")
        .contains("3 not found (404)", "5 conflict (409)");
  }

  @Test
  void enroll_imports_and_enrolls_a_csv_in_chunks_and_reports_refused_rows_by_line() {
    Campaign campaign = activeCampaign("Outreach");
    Path csv =
        write(
            "people.csv",
            """
            email_address,first_name,note
            ada@example.org,Ada,"two
            lines"
            not-an-address,Bad,x
            grace@example.org,Grace,x
            ada@example.org,Ada again,x
            linus@example.org,Linus,x
            """);

    Run first =
        cli("enroll", Long.toString(campaign.id()), "--csv", csv.toString(), "--chunk-size", "2");
    Run again =
        cli(
            "enroll",
            Long.toString(campaign.id()),
            "--csv",
            csv.toString(),
            "--output",
            "json",
            "--no-progress");

    assertThat(first.exit()).as(first.toString()).isEqualTo(2);
    assertThat(first.out())
        .contains("5 rows: 3 enrolled, 1 skipped, 1 refused")
        .contains("refused people.csv:4: email_address");
    assertThat(first.err()).contains("enrolling").contains("100%");
    assertThat(app.enrollments.list(workspace, campaign.id(), null, 0, 50).items()).hasSize(3);
    JsonNode summary = again.json();
    assertThat(summary.get("enrolled").asInt()).isZero();
    assertThat(summary.at("/skipped/already_enrolled").asInt()).isEqualTo(3);
    assertThat(summary.at("/refused/0/line").asInt()).isEqualTo(4);
  }

  @Test
  void control_characters_from_the_server_are_shown_escaped_never_sent_to_the_terminal() {
    Campaign campaign = activeCampaign("Evil\u001b[2J\u001b]0;owned\u0007 \u009b31m name");
    Path csv =
        write("people.csv", "email_address,timezone\nada@example.org,Mars\u001b[2J\u0085x\n");
    Path yaml =
        write(
            "campaign.yaml",
            CampaignAsCodeTest.CAMPAIGN.replace(
                "wait_unit: business_days", "wait_unit: \"fort\\enights\""));

    Run list = cli("campaigns", "list");
    Run json = cli("campaigns", "list", "--output", "json");
    Run enroll =
        cli("enroll", Long.toString(campaign.id()), "--csv", csv.toString(), "--no-progress");
    Run apply = cli("apply", "-f", yaml.toString());

    assertThat(list.out()).contains("Evil\\u001b[2J\\u001b]0;owned\\u0007 \\u009b31m name");
    assertThat(enroll.out())
        .contains("refused people.csv:2: timezone: unknown time zone 'Mars\\u001b[2J\\u0085x'");
    assertThat(apply.exit()).as(apply.toString()).isEqualTo(2);
    assertThat(apply.err()).contains("'fort\\u001bnights'");
    assertThat(json.json().at("/items/0/name").asText()).isEqualTo(campaign.name());
    for (Run run : List.of(list, json, enroll, apply)) {
      assertThat(run.out() + run.err())
          .as(run.toString())
          .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");
    }
  }

  @Test
  void enroll_reports_a_refused_row_after_blank_lines_at_its_own_line() {
    Campaign campaign = activeCampaign("Outreach");
    Path csv =
        write(
            "people.csv",
            "email_address,first_name\nada@example.org,Ada\n\n\nnot-an-address,Bad\n"
                + "grace@example.org,\"Grace\nHopper\"\n\nalan@example.org,Alan\n");

    Run run = cli("enroll", Long.toString(campaign.id()), "--csv", csv.toString(), "--no-progress");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.out())
        .contains("4 rows: 2 enrolled, 0 skipped, 2 refused")
        .contains("refused people.csv:5: email_address")
        .contains("refused people.csv:6: first_name");
  }

  @Test
  void enroll_refuses_a_file_that_goes_wrong_at_its_end_before_importing_anything() {
    Campaign campaign = activeCampaign("Outreach");
    StringBuilder rows = new StringBuilder("email_address\n");
    for (int i = 0; i < 50; i++) {
      rows.append("p").append(i).append("@example.org\n");
    }
    Path unclosed = write("unclosed.csv", rows + "late@example.org,\"never closed\n");
    Path notUtf8 = dir.resolve("latin1.csv");
    try {
      java.nio.file.Files.write(
          notUtf8,
          (rows + "z\u00fcrich@example.org\n")
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Path noAddress = write("names.csv", "name\nAda\n");

    List<Run> runs = new java.util.ArrayList<>();
    for (Path file : List.of(unclosed, notUtf8, noAddress)) {
      runs.add(
          cli(
              "enroll",
              Long.toString(campaign.id()),
              "--csv",
              file.toString(),
              "--chunk-size",
              "1",
              "--no-progress"));
    }

    assertThat(runs).allSatisfy(run -> assertThat(run.exit()).as(run.toString()).isEqualTo(2));
    assertThat(runs.get(0).err()).contains("unclosed.csv: malformed CSV");
    assertThat(runs.get(1).err()).contains("latin1.csv: not UTF-8 text");
    assertThat(runs.get(2).err()).contains("names.csv:1: the header row needs an email_address");
    assertThat(app.people.list(workspace, null, 0, 10).items()).isEmpty();
  }

  @Test
  void enroll_in_a_campaign_that_does_not_exist_imports_nobody() {
    Path csv = write("people.csv", "email_address\nada@example.org\n");

    Run run = cli("enroll", "999999", "--csv", csv.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(app.people.list(workspace, null, 0, 10).items()).isEmpty();
  }

  @Test
  void dlq_lists_dead_executions_and_retries_one_or_a_campaigns() {
    Campaign campaign = activeCampaign("Outreach");
    transport.failNext(new SendResult.PermanentFailure("550 no such user"));
    transport.failNext(new SendResult.PermanentFailure("550 no such user"));
    Run csvRun =
        cli(
            "enroll",
            Long.toString(campaign.id()),
            "--csv",
            write("p.csv", "email_address\na@example.org\nb@example.org\n").toString(),
            "--no-progress");
    assertThat(csvRun.exit()).as(csvRun.toString()).isZero();
    app.engine().runUntilIdle();

    Run list = cli("dlq", "list", "--campaign", Long.toString(campaign.id()), "--output", "json");
    assertThat(list.exit()).as(list.toString()).isZero();
    JsonNode items = list.json().get("items");
    assertThat(items).hasSize(2);
    Run table = cli("dlq", "list");
    assertThat(table.out()).contains("550 no such user");

    Run one = cli("dlq", "retry", items.get(0).get("id").asText());
    Run rest = cli("dlq", "retry", "--campaign", Long.toString(campaign.id()));
    Run neither = cli("dlq", "retry");
    Run missing = cli("dlq", "retry", "999999");

    assertThat(one.exit()).as(one.toString()).isZero();
    assertThat(rest.exit()).as(rest.toString()).isZero();
    assertThat(rest.out()).contains("1 requeued");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(cli("dlq", "list", "--output", "json").json().get("items")).isEmpty();
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).as("both retried sends went out").isEqualTo(2);
  }

  @Test
  void pause_and_resume_move_a_campaign_and_refuse_a_move_it_cannot_make() {
    Campaign campaign = activeCampaign("Outreach");
    String id = Long.toString(campaign.id());

    Run pause = cli("pause", id);
    CampaignStatus paused = app.campaigns.get(workspace, campaign.id()).status();
    Run pauseAgain = cli("pause", id);
    Run resume = cli("resume", id, "--output", "json");

    assertThat(pause.exit()).isZero();
    assertThat(pause.out()).contains("is paused");
    assertThat(paused).isEqualTo(CampaignStatus.PAUSED);
    assertThat(pauseAgain.exit()).isEqualTo(5);
    assertThat(resume.json().get("status").asText()).isEqualTo("active");
    assertThat(app.campaigns.get(workspace, campaign.id()).status())
        .isEqualTo(CampaignStatus.ACTIVE);
  }

  @Test
  void mailbox_add_verify_and_list() {
    Run added =
        cli(
            "mailbox",
            "add",
            "--provider",
            "outbox",
            "--email",
            "sales@acme.example",
            "--display-name",
            "Sales",
            "--daily-limit",
            "200",
            "--output",
            "json");
    assertThat(added.exit()).as(added.toString()).isZero();
    String id = added.json().get("id").asText();
    Path smtp =
        write(
            "smtp.yaml",
            """
            provider: smtp
            email: broken@acme.example
            smtp: {host: localhost, port: 1, username: ada, password: secret, security: none}
            """);
    Run broken = cli("mailbox", "add", "-f", smtp.toString(), "--output", "json");
    assertThat(broken.exit()).as(broken.toString()).isZero();

    Run works = cli("mailbox", "verify", id);
    Run refused = cli("mailbox", "verify", broken.json().get("id").asText());
    Run missing = cli("mailbox", "verify", "999999");
    Run badAddress = cli("mailbox", "add", "--provider", "outbox", "--email", "nope");
    Run list = cli("mailbox", "list");

    assertThat(works.exit()).as(works.toString()).isZero();
    assertThat(works.out()).contains("sales@acme.example", "works");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("the provider refused these settings");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(badAddress.exit()).isEqualTo(2);
    assertThat(badAddress.err()).contains("email");
    assertThat(list.out()).contains("sales@acme.example", "broken@acme.example");
    assertThat(broken.out()).doesNotContain("secret");
  }

  @Test
  void retention_is_shown_and_set_per_workspace() {
    Run before = cli("retention", "show", "--output", "json");
    Run set = cli("retention", "set", "--days", "30");
    Run shown = cli("retention", "show", "--output", "json");
    Run refused = cli("retention", "set", "--days", "-1");
    Run both = cli("retention", "set", "--days", "3", "--server-default");
    Run afterRefusals = cli("retention", "show", "--output", "json");
    Run back = cli("retention", "set", "--server-default", "--output", "json");

    assertThat(before.json().get("source").asText()).isEqualTo("server");
    assertThat(before.json().get("retention_days").asInt()).isEqualTo(90);
    assertThat(set.exit()).isZero();
    assertThat(set.out()).contains("kept 30 days", "this workspace's setting");
    assertThat(shown.json().get("retention_days").asInt()).isEqualTo(30);
    assertThat(shown.json().get("source").asText()).isEqualTo("workspace");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(both.exit()).isEqualTo(2);
    assertThat(afterRefusals.json().get("retention_days").asInt()).isEqualTo(30);
    assertThat(back.json().get("source").asText()).isEqualTo("server");
    assertThat(app.retentionSettings.get(workspace).workspaceDays()).isNull();
  }

  @Test
  void the_environment_points_the_real_program_at_the_server() throws Exception {
    activeCampaign("Outreach");
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "com.campaignengine.Main",
                "campaigns",
                "list",
                "--output",
                "json")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("CAMPAIGN_ENGINE_URL", url());
    builder.environment().put("CAMPAIGN_ENGINE_API_KEY", KEY);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), "UTF-8");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(out).isZero();
    assertThat(JSON.readTree(out).get("items").get(0).get("name").asText()).isEqualTo("Outreach");
  }
}
