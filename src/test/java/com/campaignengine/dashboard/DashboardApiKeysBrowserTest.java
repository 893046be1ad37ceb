package com.campaignengine.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.access.Role;
import com.campaignengine.api.ApiServer;
import com.campaignengine.testing.Chromium;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's API keys page in a real headless Chromium: an admin (here the workspace's owner
 * key) sees the keys, creates one and is shown its secret once, and revokes it.
 */
class DashboardApiKeysBrowserTest {
  private static final String KEY = "browser-keys-test-0123456789";
  private static final Path ARTIFACTS = Path.of("target", "dashboard");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private TestNode app;
  private ApiServer server;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, null);
    app.workspaces.createFirstWorkspace(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    browser = Chromium.start(dir, 900);
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

  @Test
  void an_admin_sees_the_keys_creates_one_shown_once_and_revokes_it() throws IOException {
    browser.get(url("/login"));
    browser.findElement(By.id("api_key")).sendKeys(KEY);
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlToBe(url("/")));

    browser.findElement(By.id("nav-api-keys")).click();
    WebElement first =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#api-keys tbody tr[data-key]")));
    assertThat(first.getText()).contains("workspace key", "owner", KEY.substring(0, 12));

    browser.findElement(By.id("key-name")).sendKeys("Reporting script");
    new Select(browser.findElement(By.id("key-role"))).selectByValue("viewer");
    browser.findElement(By.id("create-key")).click();

    String secret =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-secret")))
            .getText()
            .strip();
    assertThat(secret).startsWith("ce_");
    assertThat(app.workspaces.principal(secret))
        .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.VIEWER));
    WebElement row =
        browser.findElement(
            By.cssSelector("#api-keys tbody tr[data-key]:nth-child(2)")); // oldest first
    assertThat(row.getText())
        .contains("Reporting script", "viewer", secret.substring(0, 12))
        .doesNotContain(secret);
    Files.createDirectories(ARTIFACTS);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        ARTIFACTS.resolve("api-keys.png"),
        StandardCopyOption.REPLACE_EXISTING);

    // Shown once: a fresh look at the page lists the key, not its secret.
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#api-keys tbody tr[data-key]"), 2));
    assertThat(browser.findElements(By.id("new-key"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(secret);

    String id =
        browser
            .findElement(By.cssSelector("#api-keys tbody tr[data-key]:nth-child(2)"))
            .getAttribute("data-key");
    browser
        .findElement(By.cssSelector("#api-keys tr[data-key='" + id + "'] button.revoke"))
        .click();
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#api-keys tbody tr[data-key]"), 1));
    assertThat(app.workspaces.principal(secret)).isEmpty();
  }
}
