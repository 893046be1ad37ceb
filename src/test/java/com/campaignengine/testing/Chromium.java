package com.campaignengine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its driver (both installed by {@code .ci/run}), for the
 * dashboard's browser tests.
 */
public final class Chromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * A headless browser, 1280 pixels wide and {@code height} tall, with its own profile under {@code
   * dir}, quiet (no first-run page, no background traffic, no QUIC); quit it after the test.
   */
  public static ChromeDriver start(Path dir, int height) {
    assertThat(BINARY).as("Debian's chromium (installed by .ci/run)").isExecutable();
    assertThat(DRIVER).as("Debian's chromium-driver (installed by .ci/run)").isExecutable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280," + height,
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
