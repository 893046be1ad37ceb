package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} and {@code export} against a running server: create, unchanged, dry-run diff,
 * update, export-then-apply, and files the server or the parser refuses (nothing applied).
 */
class CampaignAsCodeTest extends CliTestSupport {
  static final String CAMPAIGN =
      """
      name: Backend engineers
      mailbox_ids: [recruiting@acme.example]
      timezone: America/New_York
      sending_window:
        days: [MON, TUE, WED, THU, FRI]
        start: "09:00"
        end: "17:00"
      steps:
        - key: intro
          type: email
          subject: "Quick question, {{first_name}}"
          body: |
            Hi {{first_name}},
            are you open to a chat?
        - key: pause
          type: wait
          wait_duration: 2
          wait_unit: business_days
          business_hours_only: true
        - key: check
          type: condition
          condition_type: replied
          true_next_step: null
          false_next_step: bump
        - key: bump
          type: email
          subject: "Re: Quick question, {{first_name}}"
          body: Just bumping this, {{first_name}}.
          same_thread: true
      """;

  @BeforeEach
  void start(@TempDir Path dir) {
    startServer(dir);
    mailbox("recruiting@acme.example");
    mailbox("sales@acme.example");
    mailbox("events@acme.example");
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  private List<Campaign> campaigns() {
    return app.campaigns.list(workspace);
  }

  private Run apply(Path file, String... more) {
    String[] args =
        Stream.concat(Stream.of("apply", "-f", file.toString()), Stream.of(more))
            .toArray(String[]::new);
    return cli(args);
  }

  @Test
  void apply_creates_a_campaign_then_finds_it_unchanged() {
    Path file = write("campaign.yaml", CAMPAIGN);

    Run created = apply(file);
    Run again = apply(file);

    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(created.out()).contains("created campaign 'Backend engineers'");
    assertThat(campaigns()).hasSize(1);
    Campaign campaign = campaigns().get(0);
    assertThat(campaign.steps().current()).hasSize(4);
    assertThat(campaign.sending().mailboxIds()).hasSize(1);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("unchanged");
    assertThat(campaigns()).containsExactly(app.campaigns.get(workspace, campaign.id()));
    assertThat(app.campaigns.get(workspace, campaign.id())).isEqualTo(campaign);
  }

  @Test
  void a_dry_run_shows_the_difference_and_changes_nothing_then_apply_updates() {
    Path file = write("campaign.yaml", CAMPAIGN);
    assertThat(apply(file).exit()).isZero();
    Campaign before = campaigns().get(0);
    write(
        "campaign.yaml",
        CAMPAIGN
            .replace("wait_duration: 2", "wait_duration: 3")
            .replace("Just bumping this", "Bumping this"));

    Run dryRun = apply(file, "--dry-run");
    Campaign afterDryRun = app.campaigns.get(workspace, before.id());
    Run applied = apply(file, "--output", "json");

    assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .contains("would update", "2 changes", "nothing written")
        .contains("steps[1].wait_duration: 2 → 3")
        .contains("steps[3].body: \"Just bumping this, {{first_name}}.\"");
    assertThat(afterDryRun).isEqualTo(before);
    assertThat(applied.exit()).as(applied.toString()).isZero();
    JsonNode result = applied.json();
    assertThat(result.get("action").asText()).isEqualTo("updated");
    assertThat(result.get("changes")).hasSize(2);
    List<Campaign> now = campaigns().stream().filter(c -> c.name().equals(before.name())).toList();
    assertThat(now).isNotEmpty();
    assertThat(
            app.campaigns
                .get(workspace, Long.parseLong(result.at("/campaign/id").asText()))
                .steps()
                .current()
                .get(1)
                .waitSpec()
                .duration())
        .isEqualTo(3);
    assertThat(apply(file).out()).contains("unchanged");
  }

  @Test
  void an_active_campaign_gets_a_new_version_and_its_file_is_then_unchanged() {
    Path file = write("campaign.yaml", CAMPAIGN);
    assertThat(apply(file).exit()).isZero();
    long id = campaigns().get(0).id();
    app.campaigns.activate(workspace, id);
    write("campaign.yaml", CAMPAIGN.replace("are you open to a chat?", "open to a short chat?"));

    Run updated = apply(file);
    Run again = apply(file);

    assertThat(updated.exit()).as(updated.toString()).isZero();
    assertThat(updated.out()).contains("updated", "now version 2", "1 change", "steps[0].body");
    Campaign campaign = app.campaigns.get(workspace, id);
    assertThat(campaign.version()).isEqualTo(2);
    assertThat(campaign.status().wireName()).isEqualTo("active");
    assertThat(campaign.steps().first().email().body()).contains("open to a short chat?");
    assertThat(again.out()).as(again.toString()).contains("unchanged");
    assertThat(app.campaigns.get(workspace, id).version()).isEqualTo(2);
  }

  @Test
  void a_dry_run_of_a_new_campaign_writes_nothing() {
    Run dryRun = apply(write("campaign.yaml", CAMPAIGN), "--dry-run");

    assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out()).contains("would create campaign 'Backend engineers'", "key: bump");
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void export_then_apply_is_a_no_op_in_yaml_and_json() {
    assertThat(apply(write("campaign.yaml", CAMPAIGN)).exit()).isZero();
    String id = Long.toString(campaigns().get(0).id());
    Path yaml = dir.resolve("exported.yaml");
    Path json = dir.resolve("exported.json");

    Run toYaml = cli("export", id, "-o", yaml.toString());
    Run toJson = cli("export", id, "-o", json.toString());
    Run toStdout = cli("export", id);

    assertThat(toYaml.exit()).as(toYaml.toString()).isZero();
    assertThat(read(yaml)).contains("name: Backend engineers").doesNotContain("created_at");
    assertThat(toJson.exit()).isZero();
    assertThat(read(json)).startsWith("{");
    assertThat(toStdout.out()).isEqualTo(read(yaml));
    Run fromYaml = apply(yaml);
    Run fromJson = apply(json);
    assertThat(fromYaml.out()).as(fromYaml.toString()).contains("unchanged");
    assertThat(fromJson.out()).as(fromJson.toString()).contains("unchanged");
    assertThat(campaigns()).hasSize(1);
  }

  @Test
  void a_field_the_server_refuses_is_reported_at_its_line_and_nothing_is_applied() {
    Path file =
        write(
            "campaign.yaml", CAMPAIGN.replace("wait_unit: business_days", "wait_unit: fortnights"));

    Run run = apply(file);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: campaign.yaml:18: steps[1].wait_unit: unknown wait_unit 'fortnights'");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void a_file_whose_steps_loop_through_a_wait_is_refused_at_the_line_that_closes_the_loop() {
    Path file =
        write(
            "loop.yaml",
            CAMPAIGN.replace(
                "    business_hours_only: true\n",
                "    business_hours_only: true\n    next_step: intro\n"));

    Run run = apply(file);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: loop.yaml:20: steps[1].next_step: steps loop back");
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void a_misspelt_field_is_refused_at_its_line_with_the_field_it_resembles() {
    Path file = write("typo.yaml", CAMPAIGN.replace("same_thread: true", "same_thred: true"));

    Run run = apply(file);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "error: typo.yaml:29: steps[3].same_thred: unknown field 'same_thred' (did you mean"
                + " 'same_thread'?)");
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void an_update_the_server_refuses_changes_nothing() {
    Path file = write("campaign.yaml", CAMPAIGN);
    assertThat(apply(file).exit()).isZero();
    Campaign before = campaigns().get(0);
    write("campaign.yaml", CAMPAIGN.replace("false_next_step: bump", "false_next_step: nowhere"));

    Run run = apply(file);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: campaign.yaml:24: steps[2].false_next_step:");
    assertThat(campaigns()).containsExactly(before);
  }

  @Test
  void a_missing_field_points_at_its_step_and_an_unknown_mailbox_at_its_entry() {
    Path noSubject =
        write(
            "no-subject.yaml",
            CAMPAIGN.replace("    subject: \"Re: Quick question, {{first_name}}\"\n", ""));
    Path unknownMailbox =
        write("mailbox.yaml", CAMPAIGN.replace("recruiting@acme.example", "nobody@acme.example"));

    Run missing = apply(noSubject);
    Run mailbox = apply(unknownMailbox);

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error: no-subject.yaml:25: steps[3].subject:");
    assertThat(mailbox.exit()).isEqualTo(2);
    assertThat(mailbox.err())
        .isEqualTo(
            "error: mailbox.yaml:2: mailbox_ids[0]: no mailbox nobody@acme.example in this workspace\n");
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void syntax_errors_name_the_file_line_and_column() {
    Path yaml = write("broken.yaml", "name: x\nsteps:\n  - key: a\n   type: email\n");
    Path json = write("broken.json", "{\"name\": \"x\",\n \"steps\": [\n}\n");
    Path twice = write("twice.yaml", "name: x\nsteps: []\nname: y\n");
    Path nameless = write("nameless.yaml", "steps: []\n");
    Path absent = dir.resolve("absent.yaml");

    Run yamlRun = apply(yaml);
    Run jsonRun = apply(json);
    Run twiceRun = apply(twice);
    Run namelessRun = apply(nameless);
    Run absentRun = apply(absent);

    assertThat(yamlRun.exit()).isEqualTo(2);
    assertThat(yamlRun.err()).startsWith("error: broken.yaml:4:").contains("syntax error");
    assertThat(jsonRun.exit()).isEqualTo(2);
    assertThat(jsonRun.err()).startsWith("error: broken.json:3:");
    assertThat(twiceRun.err()).startsWith("error: twice.yaml:3:").contains("'name' is given twice");
    assertThat(namelessRun.err()).contains("needs a name");
    assertThat(absentRun.exit()).isEqualTo(2);
    assertThat(absentRun.err()).contains("no such file");
    for (Run run : List.of(yamlRun, jsonRun, twiceRun, namelessRun, absentRun)) {
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err().lines()).as(run.toString()).hasSize(1);
    }
    assertThat(campaigns()).isEmpty();
  }

  @Test
  void every_example_applies_and_applies_again_unchanged() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      examples = files.filter(file -> !file.toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);

    for (Path example : examples) {
      Run created = apply(example);
      assertThat(created.exit()).as(example + "\n" + created).isZero();
      assertThat(created.out()).contains("created");
    }
    assertThat(campaigns()).hasSize(examples.size());
    for (Path example : examples) {
      Run again = apply(example);
      assertThat(again.out()).as(example + "\n" + again).contains("unchanged");
    }
  }
}
