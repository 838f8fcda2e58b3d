package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entry factory reuses per-thread scratch (the message builder, the repair set, the texts it
 * found clean): nothing of one entry may show in the next, whatever came before on the thread.
 */
class EntryFactoryReuseTest {
  private static EntryFactory factory(int valueChars) {
    PipelineSettings s =
        PipelineSettings.from(PlatformLoggerConfig.builder().service("svc").maxValueChars(valueChars).build());
    return new EntryFactory(s.origin(), s.limits());
  }

  private static LogEvent event(String user, String template, Object... args) {
    try (LogContext.Scope s = LogContext.with().userId(user).open()) {
      LogEvent ev = new LogEvent(Level.INFO, "io.acme.Orders", Instant.parse("2026-12-07T01:00:00Z"));
      ev.message(template, args);
      return ev;
    }
  }

  @Test
  void aTextFoundCleanOnceIsStillCutByAFactoryWithATighterBound() {
    String user = "u-" + "9".repeat(150);
    EntryFactory wide = factory(10_000);
    EntryFactory narrow = factory(100);
    for (int i = 0; i < 3; i++) { // the same instance, over and over, on one thread
      LogEntry w = wide.create(event(user, "order {}", i));
      LogEntry n = narrow.create(event(user, "order {}", i));
      assertThat(w.userId()).isEqualTo(user);
      assertThat(w.sanitized()).isEmpty();
      assertThat(n.userId()).startsWith("u-999").endsWith("…[truncated 52 chars]");
      assertThat(n.sanitized()).containsExactly("user_id_truncated");
    }
  }

  @Test
  void aRepairIsMarkedOnItsOwnEntryOnly() {
    EntryFactory f = factory(10_000);
    LogEntry bad = f.create(event("u\u0000x", "broken {} here", "v\u0000"));
    LogEntry good = f.create(event("u-1", "fine {} here", "v"));
    LogEntry badAgain = f.create(event("u\u0000x", "broken {} here", "v\u0000"));
    assertThat(bad.sanitized()).containsExactly("message_nul_replaced", "user_id_nul_replaced");
    assertThat(bad.userId()).isEqualTo("u\uFFFDx");
    assertThat(good.sanitized()).isEmpty();
    assertThat(good.message()).isEqualTo("fine v here");
    assertThat(badAgain.sanitized()).isEqualTo(bad.sanitized());
    assertThat(badAgain.message()).isEqualTo("broken v\uFFFD here");
  }

  @Test
  void anArgumentThatBuildsAnEntryWhileFormattedLeavesBothEntriesWhole() {
    EntryFactory f = factory(10_000);
    Object reentering =
        new Object() {
          @Override
          public String toString() {
            LogEntry inner = f.create(event("u-inner", "inner {} {}", "a", 1L));
            return "[" + inner.message() + "|" + inner.userId() + "]";
          }
        };
    LogEntry outer = f.create(event("u-outer", "outer {} and {}", 7L, reentering));
    assertThat(outer.message()).isEqualTo("outer 7 and [inner a 1|u-inner]");
    assertThat(outer.userId()).isEqualTo("u-outer");
    assertThat(f.create(event("u-next", "next {}", "x")).message()).isEqualTo("next x");
  }

  @Test
  void messagesWithArraysOrThrowablesAreFormattedAsBefore() {
    EntryFactory f = factory(10_000);
    LogEntry arrays = f.create(event("u", "ids {} and {}", new int[] {1, 2}, new String[] {"a"}));
    assertThat(arrays.message()).isEqualTo("ids [1, 2] and [a]");
    LogEntry failed = f.create(event("u", "failed {}", "order", new IllegalStateException("boom")));
    assertThat(failed.message()).isEqualTo("failed order");
    assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(f.create(event("u", "plain")).message()).isEqualTo("plain");
    assertThat(f.create(event("u", "data {}", Map.of("k", List.of(1)))).message()).isEqualTo("data {k=[1]}");
  }
}
