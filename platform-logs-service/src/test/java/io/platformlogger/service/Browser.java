package io.platformlogger.service;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer's browser tests' handle on one {@link HeadlessChromium}: sign-in, element lookup and
 * waits that report the page's state. One test thread drives it.
 */
final class Browser implements AutoCloseable {
  private final HeadlessChromium chromium = new HeadlessChromium("viewer-chromium-", Duration.ofSeconds(30));
  final ChromeDriver driver = chromium.driver();

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
    chromium.close();
  }
}
