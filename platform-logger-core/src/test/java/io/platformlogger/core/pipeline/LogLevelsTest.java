package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution rules of run-time levels over configured ones, without a pipeline. */
class LogLevelsTest {
  private final LogLevels levels =
      new LogLevels(Level.INFO, Map.of("com.acme", Level.WARN, "com.acme.billing", Level.ERROR), Level.TRACE);

  @Test
  void withoutChangesTheConfiguredLevelsApply() {
    assertThat(levels.effective("com.acme.orders.Api")).isEqualTo(Level.WARN);
    assertThat(levels.effective("com.acme.billing.Api")).isEqualTo(Level.ERROR);
    assertThat(levels.effective("org.other")).isEqualTo(Level.INFO);
    assertThat(levels.configured("com.acme")).isEqualTo(Level.WARN);
    assertThat(levels.configured("com.acme.orders")).isNull();
    assertThat(levels.configured(LogLevels.ROOT)).isEqualTo(Level.INFO);
    assertThat(levels.overrides()).isEmpty();
  }

  @Test
  void aLevelSetForAPrefixWinsOverTheConfiguredOneForTheSamePrefix() {
    levels.set("com.acme", Level.DEBUG);
    assertThat(levels.effective("com.acme.orders.Api")).isEqualTo(Level.DEBUG);
    assertThat(levels.configured("com.acme")).isEqualTo(Level.DEBUG);
    // The longer configured prefix still wins for its own loggers, as in Logback.
    assertThat(levels.effective("com.acme.billing.Api")).isEqualTo(Level.ERROR);
  }

  @Test
  void aPrefixMatchesWholeNameSegmentsOnly() {
    levels.set("com.ac", Level.TRACE);
    assertThat(levels.effective("com.acme.orders")).isEqualTo(Level.WARN);
    assertThat(levels.effective("com.ac.x")).isEqualTo(Level.TRACE);
    assertThat(levels.effective("com.ac")).isEqualTo(Level.TRACE);
  }

  @Test
  void theRootCanBeSetUnderAnyOfItsNamesAndCleared() {
    levels.set("ROOT", Level.ERROR);
    assertThat(levels.effective("org.other")).isEqualTo(Level.ERROR);
    levels.set(null, Level.DEBUG);
    assertThat(levels.effective("org.other")).isEqualTo(Level.DEBUG);
    assertThat(levels.overrides()).containsExactly(Map.entry("ROOT", Level.DEBUG));
    levels.clear("");
    assertThat(levels.effective("org.other")).isEqualTo(Level.INFO);
    assertThat(levels.configured("ROOT")).isEqualTo(Level.INFO);
  }

  @Test
  void clearingBringsBackTheConfiguredLevel() {
    levels.set("com.acme.billing", Level.TRACE);
    assertThat(levels.threshold("com.acme.billing.Api")).isEqualTo(Level.TRACE);
    levels.clear("com.acme.billing");
    assertThat(levels.threshold("com.acme.billing.Api")).isEqualTo(Level.ERROR);
    levels.set("x", Level.DEBUG);
    levels.clearAll();
    assertThat(levels.overrides()).isEmpty();
  }

  @Test
  void everyChangeRaisesTheGenerationAndRefreshesCachedThresholds() {
    assertThat(levels.threshold("org.other")).isEqualTo(Level.INFO);
    int before = levels.generation();
    levels.set("org", Level.DEBUG);
    assertThat(levels.generation()).isGreaterThan(before);
    assertThat(levels.threshold("org.other")).isEqualTo(Level.DEBUG);
  }

  @Test
  void thresholdsNeverGoBelowWhatSomeSinkAccepts() {
    LogLevels floored = new LogLevels(Level.INFO, Map.of(), Level.INFO);
    floored.set("com.acme", Level.DEBUG);
    assertThat(floored.effective("com.acme.X")).isEqualTo(Level.DEBUG);
    assertThat(floored.threshold("com.acme.X")).isEqualTo(Level.INFO);
  }
}
