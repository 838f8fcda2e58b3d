package io.platformlogger.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through /usr/bin/chromedriver (given explicitly, so Selenium
 * Manager never runs), with a fresh profile directory that is deleted on close. A missing chromium
 * or chromedriver fails the test with what to install.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final Path profile;

  Browser() {
    for (String f : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(Path.of(f))) {
        throw new IllegalStateException(f + " is missing: the viewer's browser tests need Debian's chromium and"
            + " chromium-driver (apt-get install -y chromium chromium-driver)");
      }
    }
    try {
      profile = Files.createTempDirectory("viewer-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Opens url (a /viewer/ page) in a signed-out tab and signs in with key. */
  void signIn(String url, String key) {
    // The previous test's key is forgotten on a page of the same origin that starts nothing:
    // opening the viewer first would start it with that key (queries, a stream) only for a reload
    // to tear it all down, and under load that teardown has outlasted the wait below.
    driver.get(java.net.URI.create(url).resolve("/healthz").toString());
    js("sessionStorage.clear()");
    driver.get(url);
    waitUpTo(20).withMessage(this::pageState).until(d -> find("#signin").isDisplayed());
    find("#key").sendKeys(key);
    find("#signin-button").click();
    waitUpTo(20).withMessage(this::pageState).until(d -> find("#app").isDisplayed());
  }

  /** What the page looked like when a wait gave up: says whether it loaded, and where it stopped. */
  private String pageState() {
    try {
      return "page state: " + js("return 'readyState=' + document.readyState"
          + " + ' signin.hidden=' + document.querySelector('#signin')?.hidden"
          + " + ' app.hidden=' + document.querySelector('#app')?.hidden"
          + " + ' signin-error=' + document.querySelector('#signin-error')?.textContent"
          + " + ' message=' + document.querySelector('#message')?.textContent");
    } catch (RuntimeException e) {
      return "page state unreadable: " + e;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a left-over temp profile is harmless
      }
    }
  }
}
