package com.campaignengine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.api.ApiServer;
import com.campaignengine.app.Users;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.testing.Chromium;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.OAuthProviderStub;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Connect Gmail" in a real headless Chromium: a member logs in, clicks Connect Gmail on the
 * mailboxes page, the stub's consent page sends the browser back to the callback page, which says
 * the mailbox is connected and links back; the mailbox is listed, and it is theirs. Once its grant
 * is revoked (disconnected), its Reconnect button reconnects it the same way.
 */
class ConnectMailboxBrowserTest {
  private static final String KEY = "connect-browser-test-key-0123456789";
  private static final String PASSWORD = "correct horse battery";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private OAuthProviderStub provider;
  private TestNode app;
  private ApiServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private long workspace;
  private int port;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    provider = new OAuthProviderStub();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    app =
        TestApplications.open(
            dir,
            clock,
            null,
            settings ->
                settings
                    .withOAuth(OAuthProviderStub.apps())
                    .withEndpoints(provider.endpoints())
                    .withPublicUrl("http://localhost:" + port));
    app.workspaces.createFirstWorkspace(KEY);
    workspace = app.workspaces.authenticate(KEY).orElseThrow();
    server = new ApiServer(app.api(), port, clock);
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
    if (provider != null) {
      provider.close();
    }
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void a_member_connects_gmail_in_two_clicks_and_reconnects_it_once_disconnected() {
    Users users = app.api().users();
    Principal owner = new Principal(workspace, Role.OWNER, null, null, "key:test");
    Users.Invited ada = users.create(owner, "ada@recruit.example", "Ada Lovelace", Role.MEMBER);
    browser.get(url(URI.create(ada.invite().url()).getPath()));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(PASSWORD);
    browser.findElement(By.id("set-password")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-done")));
    browser.get(url("/login"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")))
        .sendKeys("ada@recruit.example");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("login-password")).click();
    wait.until(ExpectedConditions.urlToBe(url("/")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "Ada"));

    browser.findElement(By.id("nav-mailboxes")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-microsoft")));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-google"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-done")));
    assertThat(browser.getCurrentUrl()).startsWith(url("/oauth/google/callback?"));
    assertThat(browser.findElement(By.id("connect-done")).getText())
        .contains("Connected ada@gmail.com");
    browser.findElement(By.id("to-mailboxes")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("mailboxes"), "ada@gmail.com"));

    List<Mailbox> mailboxes = app.mailboxes.list(workspace);
    assertThat(mailboxes).hasSize(1);
    Mailbox gmail = mailboxes.get(0);
    assertThat(gmail.connection().provider()).isEqualTo("gmail");
    assertThat(gmail.limits().dailyLimit()).isEqualTo(500);
    long adaId = users.list(workspace).get(0).id();
    assertThat(app.mailboxes.access().ownership(owner, gmail.id()).ownerUserId()).isEqualTo(adaId);
    assertThat(provider.authorizations()).hasSize(1);

    // Google revokes the grant: the mailbox is disconnected, with a Reconnect button.
    execute("UPDATE mailboxes SET status = 'disconnected', status_reason = 'invalid_grant'");
    browser.navigate().refresh();
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("a[data-reconnect='" + gmail.id() + "']")))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-done")));
    assertThat(browser.findElement(By.id("connect-done")).getText())
        .contains("Reconnected ada@gmail.com");
    assertThat(provider.authorizations().get(1).query())
        .containsEntry("login_hint", "ada@gmail.com");
    assertThat(app.mailboxes.get(workspace, gmail.id()).status()).isEqualTo("connected");
    assertThat(app.mailboxes.list(workspace)).hasSize(1);
  }

  private void execute(String statement) {
    try (Connection c = app.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
