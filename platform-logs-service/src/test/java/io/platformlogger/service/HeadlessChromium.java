package io.platformlogger.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium driven through /usr/bin/chromedriver (given explicitly, so Selenium
 * Manager never runs), with a fresh profile directory that {@link #close} deletes: the one launch
 * and teardown behind the viewer's browser tests ({@link Browser}) and the viewer benchmark (its
 * {@code Chromium}, through this module's test-jar). A missing chromium or chromedriver fails with
 * what to install. One thread drives it.
 */
public final class HeadlessChromium implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  /** The fresh profile directory, deleted with everything in it on close. */
  private final Path profile;

  /**
   * Starts Chromium with a profile in a new temporary directory named {@code profilePrefix}...,
   * the viewer's window size and flags plus {@code extraArguments}, and {@code scriptTimeout} for
   * asynchronous scripts.
   */
  public HeadlessChromium(String profilePrefix, Duration scriptTimeout, String... extraArguments) {
    for (String f : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(Path.of(f))) {
        throw new IllegalStateException(f + " is missing: the viewer's browser tests need Debian's chromium and"
            + " chromium-driver (apt-get install -y chromium chromium-driver)");
      }
    }
    try {
      profile = Files.createTempDirectory(profilePrefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    o.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    try {
      driver = new ChromeDriver(service, o);
    } catch (RuntimeException e) {
      deleteProfile();
      throw e;
    }
    driver.manage().timeouts().scriptTimeout(scriptTimeout);
  }

  /** The driver of this browser; valid until {@link #close}. */
  public ChromeDriver driver() {
    return driver;
  }

  /** Quits the browser and deletes its profile directory. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> s = Files.walk(profile)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a left-over temp profile is harmless
    }
  }
}
