package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEntryDiffTest {
  private final LogEntry base =
      LogEntry.builder()
          .timestamp(Instant.parse("2026-11-22T08:12:31.123456Z"))
          .level(Level.INFO)
          .message("hello")
          .putData("user", Map.of("roles", List.of("admin", "ops")))
          .putData("count", 3L)
          .tenantId("t-1")
          .build();

  @Test
  void findsNoDifferenceBetweenEqualEntries() {
    assertThat(LogEntryDiff.firstDifference(base, base.toBuilder().build())).isEmpty();
    LogEntryDiff.assertSameEntry(base, base.toBuilder().build());
  }

  @Test
  void namesATopLevelFieldByItsJsonName() {
    LogEntry other = base.toBuilder().tenantId(null).build();

    assertThat(LogEntryDiff.firstDifference(base, other))
        .contains("field 'tenant_id': expected \"t-1\" but was null");
  }

  @Test
  void namesTheNestedDataPath() {
    LogEntry other =
        base.toBuilder().putData("user", Map.of("roles", List.of("admin", "dev"))).build();

    assertThat(LogEntryDiff.firstDifference(base, other))
        .hasValueSatisfying(
            d -> assertThat(d).startsWith("field 'data.user.roles[1]': expected \"ops\" but was \"dev\""));
  }

  @Test
  void showsTypesWhenValuesPrintAlike() {
    LogEntry other = base.toBuilder().putData("count", 3.0).build();

    assertThat(LogEntryDiff.firstDifference(base, other))
        .contains("field 'data.count': expected 3 (Long) but was 3.0 (Double)");
  }

  @Test
  void reportsMissingAndUnexpectedKeys() {
    LogEntry missing = base.toBuilder().data(Map.of("count", 3L)).build();
    LogEntry extra = base.toBuilder().putData("more", true).build();

    assertThat(LogEntryDiff.firstDifference(base, missing).orElseThrow())
        .startsWith("field 'data.user': expected")
        .endsWith("but the key is missing");
    assertThat(LogEntryDiff.firstDifference(base, extra))
        .contains("field 'data.more': unexpected key with value true (Boolean)");
  }

  @Test
  void pointsAtTheFirstDifferingIndexOfALongString() {
    String longMessage = "x".repeat(100_000);
    LogEntry expected = base.toBuilder().message(longMessage).build();
    LogEntry truncated = base.toBuilder().message(longMessage.substring(0, 65_535)).build();

    String diff = LogEntryDiff.firstDifference(expected, truncated).orElseThrow();

    assertThat(diff)
        .startsWith("field 'message': strings differ at index 65535")
        .contains("expected length 100000, actual length 65535")
        .hasSizeLessThan(300);
  }

  @Test
  void makesControlCharactersVisible() {
    LogEntry other = base.toBuilder().message("hel\u0000lo\n").build();

    assertThat(LogEntryDiff.firstDifference(base, other))
        .contains(
            "field 'message': expected \"hello\" but was \"hel\\u0000lo\\n\""
                + " (first difference at index 3)");
  }

  @Test
  void assertSameEntryFailsNamingTheEntryAndTheField() {
    LogEntry other = base.toBuilder().timestamp(Instant.parse("2026-11-22T08:12:31.123Z")).build();

    assertThatThrownBy(() -> LogEntryDiff.assertSameEntry(base, other))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "entry " + base.id() + ": field 'timestamp': expected 2026-11-22T08:12:31.123456Z"
                + " but was 2026-11-22T08:12:31.123Z");
  }
}
