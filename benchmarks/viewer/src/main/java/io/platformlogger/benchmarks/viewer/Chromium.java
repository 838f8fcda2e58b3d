package io.platformlogger.benchmarks.viewer;

import io.platformlogger.service.HeadlessChromium;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The service's test {@link HeadlessChromium} (the same launch and flags as the viewer's browser
 * tests; this module takes the service's test-jar for it), with the benchmark's probe
 * (viewer-probe.js) run in every page it signs into. Used by the benchmark's one thread.
 */
final class Chromium implements AutoCloseable {
  private final HeadlessChromium chromium;
  private final ChromeDriver driver;
  private final String probe;

  /** trace: a file for a Chrome trace of the first traceSeconds (devtools.timeline), or null. */
  Chromium(String probe, String trace, int traceSeconds) {
    this.probe = probe;
    String[] tracing = trace == null ? new String[0] : new String[] {
        "--trace-startup=devtools.timeline,disabled-by-default-devtools.timeline", "--trace-startup-file=" + trace,
        "--trace-startup-duration=" + traceSeconds};
    chromium = new HeadlessChromium("viewer-bench-chromium-", Duration.ofSeconds(60), tracing);
    driver = chromium.driver();
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
    chromium.close();
  }
}
