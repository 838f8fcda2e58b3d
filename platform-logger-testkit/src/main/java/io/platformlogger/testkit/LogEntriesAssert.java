package io.platformlogger.testkit;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractListAssert;

/**
 * AssertJ assertions on a list of {@link LogEntry}s, with every list assertion AssertJ offers
 * ({@code hasSize}, {@code extracting}, {@code first()} ...) plus log-specific ones whose failures
 * list the entries one per line. Navigation ({@code first()}, {@code element(i)}, {@code
 * singleElement()}) yields a {@link LogEntryAssert}. Not thread-safe, like every AssertJ assertion;
 * assert on a snapshot such as {@link InMemorySink#entries()}.
 */
public class LogEntriesAssert
    extends AbstractListAssert<LogEntriesAssert, List<LogEntry>, LogEntry, LogEntryAssert> {

  public LogEntriesAssert(List<LogEntry> actual) {
    super(actual, LogEntriesAssert.class);
  }

  /** Checks that some entry's message is exactly {@code message}. */
  public LogEntriesAssert containsMessage(String message) {
    isNotNull();
    if (actual.stream().noneMatch(e -> e.message().equals(message))) {
      failWithMessage(
          "Expecting log entries to contain an entry with message%n  %s%nbut the entries were:%n%s",
          LogEntryDiff.show(message), describeAll(actual));
    }
    return myself;
  }

  /** Checks that some entry's message contains {@code fragment}. */
  public LogEntriesAssert containsMessageContaining(String fragment) {
    isNotNull();
    if (actual.stream().noneMatch(e -> e.message().contains(fragment))) {
      failWithMessage(
          "Expecting log entries to contain an entry whose message contains%n  %s%n"
              + "but the entries were:%n%s",
          LogEntryDiff.show(fragment), describeAll(actual));
    }
    return myself;
  }

  /** Checks that no entry has {@code level}. */
  public LogEntriesAssert noneHaveLevel(Level level) {
    isNotNull();
    List<LogEntry> offending = filter(e -> e.level() == level);
    if (!offending.isEmpty()) {
      failWithMessage(
          "Expecting no log entry with level %s but found %d:%n%s",
          level, offending.size(), describeAll(offending));
    }
    return myself;
  }

  /** Continues with only the entries of {@code level}, in order. */
  public LogEntriesAssert filteredOnLevel(Level level) {
    isNotNull();
    return new LogEntriesAssert(filter(e -> e.level() == level))
        .as("log entries with level %s", level);
  }

  /** Checks that some entry matches {@code predicate}, described as {@code description}. */
  public LogEntriesAssert hasEntryMatching(
      Predicate<? super LogEntry> predicate, String description) {
    isNotNull();
    if (actual.stream().noneMatch(predicate)) {
      failWithMessage(
          "Expecting log entries to contain an entry matching: %s%nbut none did among:%n%s",
          description, describeAll(actual));
    }
    return myself;
  }

  /** Checks that every entry's tenant id is {@code tenantId}. */
  public LogEntriesAssert allHaveTenant(String tenantId) {
    isNotNull();
    List<LogEntry> offending = filter(e -> !Objects.equals(e.tenantId(), tenantId));
    if (!offending.isEmpty()) {
      failWithMessage(
          "Expecting every log entry to have tenant_id %s but %d did not:%n%s",
          LogEntryDiff.show(tenantId), offending.size(), describeAll(offending));
    }
    return myself;
  }

  /**
   * Checks that entries with these exact messages occur in this order (other entries may come
   * between them).
   */
  public LogEntriesAssert isInOrderOfMessages(String... messages) {
    isNotNull();
    int from = 0;
    for (int m = 0; m < messages.length; m++) {
      int found = indexOfMessage(messages[m], from);
      if (found < 0) {
        boolean earlier = indexOfMessage(messages[m], 0) >= 0;
        failWithMessage(
            "Expecting messages in the order%n  %s%nbut %s (message %d) %s; the entries were:%n%s",
            showAll(messages),
            LogEntryDiff.show(messages[m]),
            m + 1,
            earlier
                ? "occurs only before " + LogEntryDiff.show(messages[m - 1])
                : "does not occur",
            describeAll(actual));
      }
      from = found + 1;
    }
    return myself;
  }

  @Override
  protected LogEntryAssert toAssert(LogEntry value, String description) {
    return new LogEntryAssert(value).as(description);
  }

  @Override
  protected LogEntriesAssert newAbstractIterableAssert(Iterable<? extends LogEntry> iterable) {
    List<LogEntry> list = new ArrayList<>();
    iterable.forEach(list::add);
    return new LogEntriesAssert(list);
  }

  /** One entry as a short line: level, message, then the fields tests usually look at. */
  static String describe(LogEntry e) {
    if (e == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(e.level()).append(' ').append(LogEntryDiff.show(e.message()));
    if (!e.data().isEmpty()) {
      sb.append(" data=").append(e.data());
    }
    if (e.tenantId() != null) {
      sb.append(" tenant_id=").append(e.tenantId());
    }
    if (e.errorType() != null) {
      sb.append(" error_type=").append(e.errorType());
    }
    if (!e.markers().isEmpty()) {
      sb.append(" markers=").append(e.markers());
    }
    if (e.loggerName() != null) {
      sb.append(" logger=").append(e.loggerName());
    }
    return sb.toString();
  }

  private static String describeAll(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return "  (no entries)";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        sb.append(System.lineSeparator());
      }
      sb.append("  ").append(i).append(": ").append(describe(entries.get(i)));
    }
    return sb.toString();
  }

  private static String showAll(String[] messages) {
    List<String> shown = new ArrayList<>();
    for (String m : messages) {
      shown.add(LogEntryDiff.show(m));
    }
    return String.join(", ", shown);
  }

  private int indexOfMessage(String message, int from) {
    for (int i = from; i < actual.size(); i++) {
      if (actual.get(i).message().equals(message)) {
        return i;
      }
    }
    return -1;
  }

  private List<LogEntry> filter(Predicate<LogEntry> predicate) {
    return actual.stream().filter(predicate).collect(Collectors.toList());
  }
}
