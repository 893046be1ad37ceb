package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.api.ApiServer;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.TestApplications;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workspaces create|list} against a running server with a server admin key. */
class CliWorkspacesTest extends CliTestSupport {
  static final String ADMIN = TestApplications.ADMIN_KEY;

  @BeforeEach
  void start(@TempDir Path dir) {
    this.dir = dir;
    clock = new MutableClock(START);
    app =
        TestApplications.open(
            dir, clock, mailbox -> transport, settings -> settings.withAdminKey(ADMIN));
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  private Run admin(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = url();
    all[args.length + 2] = "--admin-key";
    all[args.length + 3] = ADMIN;
    return run(all);
  }

  @Test
  void create_prints_the_new_workspace_and_its_owner_key_which_works() {
    Run created = admin("workspaces", "create", "--name", "Acme Recruiting");

    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(created.out()).contains("created: Acme Recruiting", "shown only this once");
    Matcher key = Pattern.compile("(ce_[0-9a-f]{48})").matcher(created.out());
    assertThat(key.find()).as(created.out()).isTrue();
    assertThat(app.workspaces.authenticate(key.group(1))).isPresent();
    assertThat(app.workspaces.authenticate(key.group(1)))
        .isNotEqualTo(app.workspaces.authenticate(KEY));

    Run json = admin("workspaces", "create", "--name", "Globex", "--output", "json");
    assertThat(json.exit()).as(json.toString()).isZero();
    assertThat(json.json().get("api_key").asText()).startsWith("ce_");
  }

  @Test
  void list_shows_every_workspace_as_a_table_or_json() {
    admin("workspaces", "create", "--name", "Acme Recruiting");

    Run table = admin("workspaces", "list");
    Run json = admin("workspaces", "list", "--output", "json");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out()).contains("ID", "NAME", "Default workspace", "Acme Recruiting");
    assertThat(json.exit()).isZero();
    JsonNode workspaces = json.json().get("workspaces");
    assertThat(workspaces).hasSize(2);
    assertThat(workspaces.get(1).get("name").asText()).isEqualTo("Acme Recruiting");
    assertThat(workspaces.get(1).has("api_key")).isFalse();
  }

  @Test
  void bad_input_exits_2_and_a_wrong_or_missing_admin_key_exits_4() {
    Run noName = admin("workspaces", "create");
    Run blank = admin("workspaces", "create", "--name", "  ");
    Run tooLong = admin("workspaces", "create", "--name", "w".repeat(201));
    Run wrongKey =
        run("workspaces", "list", "--url", url(), "--admin-key", KEY); // a workspace's key
    Run noKey = run("workspaces", "list", "--url", url(), "--admin-key", "");

    assertThat(noName.exit()).as(noName.toString()).isEqualTo(2);
    assertThat(noName.err()).contains("--name");
    assertThat(blank.exit()).as(blank.toString()).isEqualTo(2);
    assertThat(tooLong.exit()).as(tooLong.toString()).isEqualTo(2);
    assertThat(tooLong.err()).contains("200");
    assertThat(wrongKey.exit()).as(wrongKey.toString()).isEqualTo(4);
    assertThat(noKey.exit()).as(noKey.toString()).isEqualTo(4);
    assertThat(noKey.err()).contains("CAMPAIGN_ENGINE_ADMIN_KEY");
    assertThat(admin("workspaces", "list", "--output", "json").json().get("workspaces")).hasSize(1);
  }
}
