package com.campaignengine.dashboard;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aTask;
import static com.campaignengine.testing.Campaigns.aTaskOutcomeCondition;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.api.ApiServer;
import com.campaignengine.app.Users;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.FieldOperator;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.TaskChannel;
import com.campaignengine.testing.Chromium;
import com.campaignengine.testing.Mailboxes;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The team in a real headless Chromium: an invited admin sets a password through the link, logs in
 * with email and password, sees their name and role, and manages users on the users page (invite
 * showing the link, change a role, remove); a viewer logging in sees no users page. A member sees
 * their tasks (not a colleague's), rendered with the person's fields as text, and completes one
 * with an outcome that a condition branches on.
 */
class TeamBrowserTest {
  private static final String KEY = "team-browser-test-key-0123456789";
  private static final String PASSWORD = "correct horse battery";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private TestNode app;
  private ApiServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private Users users;
  private long workspace;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, null);
    app.workspaces.createFirstWorkspace(KEY);
    workspace = app.workspaces.authenticate(KEY).orElseThrow();
    users = app.api().users();
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    browser = Chromium.start(dir, 1000);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  /** Opens an invite link on this server (the link names the node's public URL). */
  private void setPassword(String inviteUrl) {
    browser.get(url(URI.create(inviteUrl).getPath()));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(PASSWORD);
    browser.findElement(By.id("set-password")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-done")));
  }

  private void logIn(String email) {
    browser.get(url("/login"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-password")).click();
    wait.until(ExpectedConditions.urlToBe(url("/")));
  }

  private WebElement row(String email) {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath("//table[@id='users']//tr[td[2][text()='" + email + "']]")));
  }

  @Test
  void an_invited_admin_logs_in_sees_their_name_and_manages_users() {
    Principal owner = new Principal(workspace, Role.OWNER, null, null, "key:test");
    Users.Invited ada = users.create(owner, "ada@example.com", "Ada Lovelace", Role.ADMIN);
    setPassword(ada.invite().url());
    browser.findElement(By.id("to-login")).click();
    logIn("ada@example.com");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "Ada Lovelace"));
    assertThat(browser.findElement(By.id("whoami")).getText()).contains("ada@example.com", "admin");
    WebElement nav = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-users")));
    nav.click();
    assertThat(row("ada@example.com").getText()).contains("Ada Lovelace", "set");

    browser.findElement(By.id("invite-email")).sendKeys("bob@example.com");
    browser.findElement(By.id("invite-name")).sendKeys("Bob");
    new Select(browser.findElement(By.id("invite-role"))).selectByValue("member");
    browser.findElement(By.id("invite-submit")).click();
    String bobLink =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-link"))).getText();
    assertThat(bobLink).contains("/invite/");
    assertThat(row("bob@example.com").getText()).contains("invited");
    // An admin is not offered the owner role.
    assertThat(
            new Select(browser.findElement(By.id("invite-role")))
                .getOptions().stream().map(WebElement::getText))
        .doesNotContain("owner");

    long bob = userId("bob@example.com");
    new Select(browser.findElement(By.cssSelector("select[data-role-of='" + bob + "']")))
        .selectByValue("viewer");
    wait.until(d -> users.get(workspace, bob).role() == Role.VIEWER);

    users.create(owner, "cy@example.com", "Cy", Role.MEMBER);
    browser.navigate().refresh();
    long cy = userId("cy@example.com");
    row("cy@example.com").findElement(By.cssSelector("button[data-remove='" + cy + "']")).click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector("#users tr[data-user='" + cy + "']")));
    assertThat(users.list(workspace))
        .extracting(Users.User::email)
        .doesNotContain("cy@example.com");

    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.urlToBe(url("/login")));
    setPassword(bobLink);
    logIn("bob@example.com");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "Bob"));
    assertThat(browser.findElement(By.id("whoami")).getText()).contains("viewer");
    assertThat(browser.findElement(By.id("nav-users")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("nav-api-keys")).isDisplayed()).isFalse();
  }

  @Test
  void a_member_sees_their_tasks_rendered_as_text_and_completes_one_with_an_outcome()
      throws Exception {
    Principal owner = new Principal(workspace, Role.OWNER, null, null, "key:test");
    Users.Invited ada = users.create(owner, "ada@example.com", "Ada Lovelace", Role.MEMBER);
    users.acceptInvite(token(ada), PASSWORD);
    users.create(owner, "bob@example.com", "Bob", Role.MEMBER);
    long mailbox =
        app.mailboxes
            .create(
                workspace,
                ada.user().id(),
                Mailboxes.anOutboxMailbox("ada@example.com").named("Ada").build(),
                false)
            .id();
    // What a person's fields hold is text: markup in them is shown, never run or rendered.
    app.people.saveAll(
        workspace,
        List.of(
            new PersonDraft(
                "grace@navy.example", "Grace <b>x</b>", null, null, null, null, Map.of()),
            new PersonDraft("alan@bletchley.example", "Alan", null, null, null, null, Map.of())));
    List<Long> people = new ArrayList<>();
    app.people.list(workspace, null, 0, 10).items().forEach(p -> people.add(p.id()));
    Campaign calls =
        app.campaigns.create(
            workspace,
            aCampaign()
                .named("Rust engineers")
                .sendingFrom(mailbox)
                .withSteps(
                    aTask("call", TaskChannel.CALL, "Call {{first_name}} about the Rust role"),
                    aTaskOutcomeCondition("check", FieldOperator.EQUALS, "interested")
                        .ifTrue("thanks"),
                    anEmailStep("thanks").subject("Great talking, {{first_name}}"))
                .build());
    Campaign bobs =
        app.campaigns.create(
            workspace,
            aCampaign()
                .named("Bob's calls")
                .sendingFrom(mailbox)
                .withSteps(
                    aTask("call", TaskChannel.CALL, "Bob calls").assignedTo("bob@example.com"))
                .build());
    for (Campaign campaign : List.of(calls, bobs)) {
      app.campaigns.activate(workspace, campaign.id());
    }
    app.enrollments.enroll(workspace, calls.id(), people);
    app.enrollments.enroll(workspace, bobs.id(), people.subList(0, 1));
    app.engine().runUntilIdle();

    logIn("ada@example.com");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-tasks"))).click();
    List<String> rows =
        wait.until(
            d -> {
              List<WebElement> found = d.findElements(By.cssSelector("#tasks tbody tr"));
              return found.size() == 2 ? found.stream().map(WebElement::getText).toList() : null;
            });
    assertThat(String.join("\n", rows))
        .as("Ada's two calls, not Bob's")
        .contains("Call Grace <b>x</b> about the Rust role", "Call Alan about the Rust role")
        .contains("grace@navy.example", "Rust engineers", "Call")
        .doesNotContain("Bob calls");
    assertThat(browser.findElements(By.cssSelector("#tasks .instructions b"))).isEmpty();

    long grace = taskOf("grace@navy.example", calls.id());
    By graceRow = By.cssSelector("#tasks tr[data-task='" + grace + "']");
    browser
        .findElement(graceRow)
        .findElement(By.cssSelector("input.task-outcome"))
        .sendKeys("interested");
    browser.findElement(graceRow).findElement(By.cssSelector("button.task-complete")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(graceRow));
    long alan = taskOf("alan@bletchley.example", calls.id());
    By alanRow = By.cssSelector("#tasks tr[data-task='" + alan + "']");
    browser.findElement(alanRow).findElement(By.cssSelector("button.task-skip")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(alanRow));

    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM campaign_tasks WHERE status = 'completed'"
                    + " AND outcome = 'interested' AND closed_by = 'user:ada@example.com'"
                    + " AND id = "
                    + grace))
        .isEqualTo(1);
    app.engine().runUntilIdle();
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM email_sends WHERE subject LIKE 'Great talking, Grace%'"))
        .as("the condition took the outcome's branch for Grace only")
        .isEqualTo(1);
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM email_sends"))
        .isEqualTo(1);
  }

  private static String token(Users.Invited invited) {
    String url = invited.invite().url();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private long taskOf(String email, long campaignId) {
    return Sql.count(
        app.database().dataSource(),
        "SELECT t.id FROM campaign_tasks t JOIN campaign_sequence_leads l ON l.id = t.enrollment_id"
            + " JOIN people p ON p.id = l.person_id"
            + " WHERE p.email_address = '"
            + email
            + "' AND t.campaign_id = "
            + campaignId);
  }

  private long userId(String email) {
    return users.list(workspace).stream()
        .filter(u -> u.email().equals(email))
        .findFirst()
        .orElseThrow()
        .id();
  }
}
