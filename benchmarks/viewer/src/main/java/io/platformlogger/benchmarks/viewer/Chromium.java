package io.platformlogger.benchmarks.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through /usr/bin/chromedriver (given, so Selenium Manager never runs),
 * with a fresh profile, the same flags as the viewer's browser tests, and the benchmark's probe
 * (viewer-probe.js) run in every page it signs into. Used by the benchmark's one thread.
 */
final class Chromium implements AutoCloseable {
  private final ChromeDriver driver;
  private final Path profile;
  private final String probe;

  /** trace: a file for a Chrome trace of the first traceSeconds (devtools.timeline), or null. */
  Chromium(String probe, String trace, int traceSeconds) throws IOException {
    for (String f : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
      if (!Files.isExecutable(Path.of(f))) {
        throw new IllegalStateException(f + " is missing: apt-get install -y chromium chromium-driver");
      }
    }
    this.probe = probe;
    profile = Files.createTempDirectory("viewer-bench-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    if (trace != null) {
      o.addArguments("--trace-startup=devtools.timeline,disabled-by-default-devtools.timeline", "--trace-startup-file=" + trace,
          "--trace-startup-duration=" + traceSeconds);
    }
    driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .usingAnyFreePort().build(), o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  String version() {
    return driver.getCapabilities().getBrowserVersion();
  }

  /** Opens /viewer/ + search signed in with key (kept in sessionStorage, as the sign-in form does). */
  void signIn(String base, String key, String search) {
    driver.get(base + "/viewer/");
    js("sessionStorage.setItem('platform-logs-key', arguments[0])", key);
    driver.get(base + "/viewer/" + search);
    waitFor("!document.querySelector('#app').hidden", 30);
    js(probe);
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Runs script (which calls arguments[last] with its answer) and returns the answer. */
  @SuppressWarnings("unchecked")
  Map<String, Object> async(String script, Object... args) {
    return (Map<String, Object>) driver.executeAsyncScript(script, args);
  }

  /** A DevTools protocol command in the page (Profiler.start, ...) and its answer. */
  Map<String, Object> cdp(String command, Map<String, Object> params) {
    return driver.executeCdpCommand(command, params);
  }

  void waitFor(String condition, int seconds) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50))
        .until(d -> Boolean.TRUE.equals(js("return Boolean(" + condition + ")")));
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
