package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one logger-prefix rule, shared by per-logger levels and internal loggers. */
class LoggerNamesTest {
  @Test
  void aPrefixCoversItselfAndTheLoggersUnderItNotASiblingThatStartsAlike() {
    assertThat(LoggerNames.isUnder("com.acme", "com.acme")).isTrue();
    assertThat(LoggerNames.isUnder("com.acme.billing.Invoice", "com.acme")).isTrue();
    assertThat(LoggerNames.isUnder("com.acmex", "com.acme")).isFalse();
    assertThat(LoggerNames.isUnder("com", "com.acme")).isFalse();
  }

  @Test
  void aPrefixWrittenWithItsTrailingDotCoversTheLoggersUnderIt() {
    assertThat(LoggerNames.isUnder("io.lettuce.core.RedisClient", "io.lettuce.")).isTrue();
    assertThat(LoggerNames.isUnder("io.lettucex", "io.lettuce.")).isFalse();
  }

  @Test
  void levelsFollowTheSameRuleAsInternalLoggers() {
    LogLevels levels = new LogLevels(io.platformlogger.core.Level.INFO,
        java.util.Map.of("com.acme.", io.platformlogger.core.Level.DEBUG), null);
    assertThat(levels.threshold("com.acme.billing")).isEqualTo(io.platformlogger.core.Level.DEBUG);
    assertThat(levels.threshold("com.acmex")).isEqualTo(io.platformlogger.core.Level.INFO);
  }
}
