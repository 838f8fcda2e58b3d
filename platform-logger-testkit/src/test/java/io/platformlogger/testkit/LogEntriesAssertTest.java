package io.platformlogger.testkit;

import static io.platformlogger.testkit.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogEntriesAssertTest {
  private static LogEntry entry(Level level, String message, String tenant) {
    return LogEntry.builder().level(level).message(message).tenantId(tenant).build();
  }

  private final List<LogEntry> entries =
      List.of(
          entry(Level.INFO, "order placed", "t-1"),
          entry(Level.WARN, "card declined", "t-1"),
          entry(Level.INFO, "order shipped", "t-1"));

  @Test
  void passesForMatchingEntries() {
    assertThat(entries)
        .hasSize(3)
        .containsMessage("card declined")
        .containsMessageContaining("shipped")
        .noneHaveLevel(Level.ERROR)
        .allHaveTenant("t-1")
        .isInOrderOfMessages("order placed", "order shipped")
        .hasEntryMatching(e -> e.level() == Level.WARN, "a warning");
  }

  @Test
  void filteredOnLevelKeepsOnlyThatLevelInOrder() {
    assertThat(entries)
        .filteredOnLevel(Level.INFO)
        .hasSize(2)
        .isInOrderOfMessages("order placed", "order shipped");
  }

  @Test
  void navigatesToOneEntryAssertion() {
    assertThat(entries).element(1).hasLevel(Level.WARN).hasMessage("card declined");
    assertThat(entries).filteredOnLevel(Level.WARN).singleElement().hasTenantId("t-1");
  }

  @Test
  void aMissingMessageFailsListingTheEntries() {
    assertThatThrownBy(() -> assertThat(entries).containsMessage("order cancelled"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("an entry with message")
        .hasMessageContaining("\"order cancelled\"")
        .hasMessageContaining("0: INFO \"order placed\"")
        .hasMessageContaining("1: WARN \"card declined\"");
  }

  @Test
  void aMissingFragmentFails() {
    assertThatThrownBy(() -> assertThat(entries).containsMessageContaining("refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("whose message contains")
        .hasMessageContaining("\"refund\"");
  }

  @Test
  void anUnwantedLevelFailsNamingTheOffendingEntries() {
    assertThatThrownBy(() -> assertThat(entries).noneHaveLevel(Level.WARN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no log entry with level WARN but found 1")
        .hasMessageContaining("WARN \"card declined\"")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
            .doesNotContain("order placed"));
  }

  @Test
  void aForeignTenantFailsNamingTheEntry() {
    List<LogEntry> mixed = List.of(entries.get(0), entry(Level.INFO, "leak", "t-2"));

    assertThatThrownBy(() -> assertThat(mixed).allHaveTenant("t-1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("tenant_id \"t-1\" but 1 did not")
        .hasMessageContaining("\"leak\" tenant_id=t-2");
  }

  @Test
  void anUnmatchedPredicateFailsWithItsDescription() {
    assertThatThrownBy(
            () -> assertThat(entries).hasEntryMatching(e -> e.level() == Level.ERROR, "an error"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("matching: an error");
  }

  @Test
  void messagesOutOfOrderFailSayingWhichOneCameTooEarly() {
    assertThatThrownBy(
            () -> assertThat(entries).isInOrderOfMessages("order shipped", "order placed"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"order placed\" (message 2) occurs only before \"order shipped\"");
  }

  @Test
  void anAbsentMessageInTheOrderFails() {
    assertThatThrownBy(() -> assertThat(entries).isInOrderOfMessages("order placed", "refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"refund\" (message 2) does not occur");
  }

  @Test
  void aFilteredAssertionSaysWhatItFilteredOn() {
    assertThatThrownBy(() -> assertThat(entries).filteredOnLevel(Level.INFO).hasSize(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("log entries with level INFO");
  }

  @Test
  void aNullListFails() {
    assertThatThrownBy(() -> assertThat((List<LogEntry>) null).containsMessage("x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
