package com.campaignengine.dashboard;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static com.campaignengine.testing.Mailboxes.anOutboxMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.api.ApiServer;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.Chromium;
import com.campaignengine.testing.Mailboxes;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, which {@code
 * .ci/run} installs): log in, see a campaign's funnel after a run, watch it update live, retry a
 * dead letter and see it re-queued. Keeps a screenshot of the campaign page under {@code
 * target/dashboard/}.
 */
class DashboardBrowserTest {
  private static final String KEY = "browser-test-key-0123456789";
  private static final Path ARTIFACTS = Path.of("target", "dashboard");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private final InMemoryTransport transport = new InMemoryTransport();
  private TestNode app;
  private ApiServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private Campaign campaign;
  private long workspace;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, mailbox -> transport);
    app.workspaces.createFirstWorkspace(KEY);
    workspace = app.workspaces.authenticate(KEY).orElseThrow();
    long mailbox =
        app.mailboxes
            .create(workspace, anOutboxMailbox("ada@recruit.example").named("Ada").build())
            .id();
    List<PersonDraft> people = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      people.add(
          new PersonDraft("p" + i + "@corp.example", "P" + i, null, null, null, null, Map.of()));
    }
    app.people.saveAll(workspace, people);
    List<Long> ids = new ArrayList<>();
    app.people.list(workspace, null, 0, 10).items().forEach(p -> ids.add(p.id()));
    campaign =
        app.campaigns.create(
            workspace,
            aCampaign()
                .named("Backend engineers")
                .sendingFrom(mailbox)
                .withSteps(
                    anEmailStep("intro"),
                    aWait("pause", 2, WaitUnit.HOURS),
                    anEmailStep("follow")
                        .subject("Following up, {{first_name}}")
                        .body("Hi again")
                        .withVariants(
                            new Step.Variant("short", 1, "{{first_name}}?", null, null),
                            new Step.Variant(
                                "long", 1, "Following up on my note, {{first_name}}", null, null)))
                .build());
    app.campaigns.activate(workspace, campaign.id());
    // The first intro is refused for good: one dead letter to retry.
    transport.failNext(new SendResult.PermanentFailure("550 5.1.1 mailbox unavailable"));
    app.enrollments.enroll(workspace, campaign.id(), ids);
    app.engine().runUntilIdle();

    // The alert rules see the dead letter; the dashboard shows what fires.
    app.alertEvaluator().evaluate(workspace);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    browser = Chromium.start(dir, 1400);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // The page redraws itself every few seconds: an element found just before a redraw is stale
    // by the time it is read, and the wait looks again.
    wait.ignoring(StaleElementReferenceException.class);
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

  /** A cell's text, read again if the page redrew it between finding and reading. */
  private String cell(String table, String rowAttribute, String rowValue, int column) {
    By selector =
        By.cssSelector(
            "#"
                + table
                + " tr["
                + rowAttribute
                + "='"
                + rowValue
                + "'] td:nth-child("
                + column
                + ")");
    return wait.until(d -> d.findElement(selector).getText());
  }

  private void logIn() {
    browser.get(url("/"));
    wait.until(ExpectedConditions.urlToBe(url("/login")));
    browser.findElement(By.id("api_key")).sendKeys("wrong-key-0000000000");
    browser.findElement(By.id("login")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")))
                .getText())
        .contains("not valid");
    browser.findElement(By.id("api_key")).sendKeys(KEY);
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlToBe(url("/")));
  }

  @Test
  void log_in_see_the_funnel_update_live_and_retry_a_dead_letter() throws IOException {
    logIn();
    String id = String.valueOf(campaign.id());
    WebElement row =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#campaigns tr[data-campaign='" + id + "']")));
    assertThat(row.getText()).contains("Backend engineers", "active");
    assertThat(
            browser
                .findElement(By.cssSelector("#alerts li[data-alert^='dead_letters_growing']"))
                .getText())
        .contains("dead_letters_growing");
    row.findElement(By.linkText("Backend engineers")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("funnel")));
    assertThat(cell("funnel", "data-step", "intro", 4)).isEqualTo("5"); // reached
    assertThat(cell("funnel", "data-step", "intro", 5)).isEqualTo("4"); // sent
    assertThat(cell("funnel", "data-step", "follow", 5)).isEqualTo("0");
    assertThat(browser.findElements(By.cssSelector("#upcoming tbody tr[data-execution]")))
        .hasSize(4);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
    List<WebElement> dead =
        browser.findElements(By.cssSelector("#dead-letters tbody tr[data-execution]"));
    assertThat(dead).hasSize(1);
    String deadId = dead.get(0).getAttribute("data-execution");
    assertThat(dead.get(0).getText()).contains("550 5.1.1");
    Files.createDirectories(ARTIFACTS);
    Path shot = ARTIFACTS.resolve("campaign.png");
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isGreaterThan(10_000);

    // Live: the engine runs the follow-ups while the page is open; the page polls and shows them.
    clock.advance(Duration.ofHours(2)); // within the 12-hour login
    app.engine().runUntilIdle();
    wait.until(d -> cell("funnel", "data-step", "follow", 5).equals("4"));
    // The follow-up is an A/B test: its two variants share the four sends.
    int short_ = Integer.parseInt(cell("variants", "data-variant", "follow/short", 4));
    int long_ = Integer.parseInt(cell("variants", "data-variant", "follow/long", 4));
    assertThat(short_ + long_).isEqualTo(4);
    assertThat(browser.findElement(By.id("version")).getText()).isEqualTo("version 1");
    assertThat(browser.findElements(By.cssSelector("#upcoming tbody tr[data-execution]")))
        .isEmpty();

    // Retry the dead letter: it leaves the dead-letter table and is scheduled again.
    browser
        .findElement(By.cssSelector("#dead-letters tr[data-execution='" + deadId + "'] button"))
        .click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#upcoming tr[data-execution='" + deadId + "']")));
    assertThat(browser.findElements(By.cssSelector("#dead-letters tbody tr[data-execution]")))
        .isEmpty();
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'pending' AND id = "
                    + deadId))
        .isEqualTo(1);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        ARTIFACTS.resolve("campaign-after-retry.png"),
        StandardCopyOption.REPLACE_EXISTING);

    // The retry was a change: the audit page shows who made it, what, and to which object.
    browser.findElement(By.id("nav-audit")).click();
    WebElement entry =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#audit tbody tr")));
    assertThat(entry.findElement(By.cssSelector("td.action")).getText())
        .isEqualTo("executions.retry");
    assertThat(entry.findElement(By.cssSelector("td.object")).getText())
        .isEqualTo("executions " + deadId);
    assertThat(entry.getText()).contains("key:workspace key (" + KEY.substring(0, 12) + ")");
  }

  @Test
  void mailboxes_show_their_quota_against_the_cap_and_how_replies_are_read() throws IOException {
    // A mailbox whose IMAP server does not answer: its reading fails, and says so.
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, Object> nowhere =
        Map.of("host", "127.0.0.1", "port", closed, "username", "sam", "security", "none");
    long unread =
        app.mailboxes
            .create(
                workspace,
                Mailboxes.anSmtpMailbox("sam@recruit.example")
                    .with("smtp", nowhere)
                    .with("imap", nowhere)
                    .secret("smtp.password", "x")
                    .secret("imap.password", "x")
                    .build())
            .id();
    app.inbound().pollOnce();

    logIn();
    browser.get(url("/#/mailboxes"));
    // The page redraws itself every few seconds: read the row texts of one drawing.
    By unreadRow = By.cssSelector("#mailboxes tr[data-mailbox='" + unread + "'] td.replies");
    List<String> texts =
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                d ->
                    List.of(
                        d.findElement(By.cssSelector("#mailboxes td.quota")).getText(),
                        d.findElement(By.cssSelector("#mailboxes")).getText(),
                        d.findElement(By.cssSelector("#mailboxes tr td.replies")).getText(),
                        d.findElement(unreadRow).getText(),
                        d.findElement(unreadRow)
                            .findElement(By.cssSelector(".last-error"))
                            .getText()));
    // Five attempts took a slot each: the refused one counts, as it does at the provider.
    assertThat(texts.get(0)).isEqualTo("5 / 500");
    assertThat(texts.get(1)).contains("connected");
    assertThat(texts.get(2)).contains("none").contains("without a reply check");
    assertThat(texts.get(3)).contains("imap").contains("not read yet");
    assertThat(texts.get(4)).contains("IMAP poll of sam@127.0.0.1:" + closed + " failed");
  }

  @Test
  void the_inbox_lists_unhandled_replies_first_as_text_and_corrects_a_category() throws Exception {
    List<Long> enrollments =
        app.enrollments.list(workspace, campaign.id(), null, 0, 10).items().stream()
            .map(e -> e.id())
            .toList();
    app.enrollments.recordReply(workspace, enrollments.get(1), "p1@corp.example", "Re: hello");
    app.enrollments.recordReply(workspace, enrollments.get(2), "p2@corp.example", "Re: hello");
    // What a sender wrote is text: markup in it must be shown, never run or rendered.
    try (Connection c = app.database().dataSource().getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE email_replies SET body = ?, category = ?, category_set_by = 'keywords',"
                    + " handled = ? WHERE from_address = ?")) {
      for (Object[] row :
          List.of(
              new Object[] {"<b>Yes</b> <img src=x onerror=alert(1)>", "interested", false, "p1"},
              new Object[] {"Done already", "other", true, "p2"})) {
        update.setString(1, (String) row[0]);
        update.setString(2, (String) row[1]);
        update.setBoolean(3, (Boolean) row[2]);
        update.setString(4, row[3] + "@corp.example");
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
    }

    logIn();
    browser.findElement(By.id("nav-inbox")).click();
    List<String> rows =
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                d -> {
                  List<WebElement> found = d.findElements(By.cssSelector("#inbox tbody tr"));
                  return found.size() == 2
                      ? found.stream().map(WebElement::getText).toList()
                      : null;
                });
    assertThat(rows.get(0))
        .as("unhandled first")
        .contains("p1@corp.example")
        .contains("Backend engineers")
        .contains("<b>Yes</b> <img src=x onerror=alert(1)>");
    assertThat(rows.get(1)).contains("p2@corp.example");
    assertThat(browser.findElements(By.cssSelector("#inbox .reply-body b, #inbox img"))).isEmpty();

    String first =
        browser.findElement(By.cssSelector("#inbox tbody tr")).getAttribute("data-reply");
    // The page redraws itself every few seconds: each action finds its element afresh.
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              new org.openqa.selenium.support.ui.Select(
                      d.findElement(
                          By.cssSelector(
                              "#inbox tr[data-reply='" + first + "'] select.reply-category")))
                  .selectByValue("not_now");
              return true;
            });
    wait.until(
        d ->
            Sql.count(
                    app.database().dataSource(),
                    "SELECT count(*) FROM email_replies WHERE category = 'not_now'"
                        + " AND category_set_by LIKE 'key:%' AND id = "
                        + first)
                == 1);
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(
                      By.cssSelector("#inbox tr[data-reply='" + first + "'] input.reply-handled"))
                  .click();
              return true;
            });
    wait.until(
        d ->
            Sql.count(
                    app.database().dataSource(),
                    "SELECT count(*) FROM email_replies WHERE handled AND id = " + first)
                == 1);
  }
}
