package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * With redaction on, the sanitizer's one walk over a message also counts the redactor's signal
 * chars, and a message proved quiet is not read again: every other message (a signal char, a card's
 * worth of digits, a repair, a cut, a surrogate) still gets the redactor's whole check.
 */
class QuietMessageRedactionTest {
  private static EntryFactory factory(int messageChars) {
    PipelineSettings s =
        PipelineSettings.from(PlatformLoggerConfig.builder().service("svc").maxMessageChars(messageChars).build());
    return new EntryFactory(s.origin(), s.limits());
  }

  private static LogEntry build(EntryFactory f, String template, Object... args) {
    LogEvent ev = new LogEvent(Level.INFO, "io.acme.Orders", Instant.parse("2026-12-07T04:00:00Z"));
    ev.message(template, args);
    return f.create(ev);
  }

  @Test
  void aQuietMessageComesThroughUnmarked() {
    LogEntry e = build(factory(10_000), "order {} placed by {}", 184_467L, "u-8f3K2");
    assertThat(e.message()).isEqualTo("order 184467 placed by u-8f3K2");
    assertThat(e.sanitized()).isEmpty();
  }

  @Test
  void aSecretInAnArgumentIsMaskedAfterTheSanitizersWalk() {
    EntryFactory f = factory(10_000);
    for (int i = 0; i < 3; i++) { // the template's first, second and later sights take different paths
      assertThat(build(f, "order {} placed by {}", 1L, "password=hunter2").message())
          .isEqualTo("order 1 placed by password=[REDACTED]");
      assertThat(build(f, "auth {}", "Bearer abc123").message()).isEqualTo("auth Bearer [REDACTED]");
    }
  }

  @Test
  void aCardNumberSplitAcrossArgumentsIsMaskedAndTwelveDigitsAreNot() {
    EntryFactory f = factory(10_000);
    assertThat(build(f, "card {}{} end", "41111111", "11111111").message()).isEqualTo("card [REDACTED] end");
    assertThat(build(f, "ids {}{} end", "411111", "111111").message()).isEqualTo("ids 411111111111 end");
  }

  @Test
  void aMessageRepairedByTheSanitizerStillHasItsSecretMasked() {
    LogEntry e = build(factory(10_000), "login {} failed", "token=abc\u0000def");
    assertThat(e.message()).isEqualTo("login token=[REDACTED] failed");
    assertThat(e.sanitized()).containsExactly("message_nul_replaced", "redacted");
  }

  @Test
  void aMessageCutToItsBoundStillHasItsSecretMasked() {
    LogEntry e = build(factory(64), "login {} failed after a long wait {}", "password=hunter2", "x".repeat(60));
    assertThat(e.message()).startsWith("login password=[REDACTED]").contains("…[truncated ");
    assertThat(e.sanitized()).containsExactly("message_truncated", "redacted");
  }

  @Test
  void aMessageWithASurrogatePairOrLongerThanTheCountStillHasItsSecretMasked() {
    EntryFactory f = factory(10_000);
    assertThat(build(f, "\uD83D\uDE00 {}", "Bearer abc123").message()).isEqualTo("\uD83D\uDE00 Bearer [REDACTED]");
    String longer = "x".repeat(300);
    assertThat(build(f, "{} {}", longer, "password=hunter2").message()).isEqualTo(longer + " password=[REDACTED]");
  }
}
