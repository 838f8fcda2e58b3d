package io.platformlogger.testkit;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one {@link LogEntry}; failures name the field and show the entry. Obtain
 * one from {@link LogAssertions#assertThat(LogEntry)} or by navigating a {@link LogEntriesAssert}
 * ({@code first()}, {@code element(i)}, {@code singleElement()}). Not thread-safe, like every
 * AssertJ assertion.
 */
public class LogEntryAssert extends AbstractAssert<LogEntryAssert, LogEntry> {

  public LogEntryAssert(LogEntry actual) {
    super(actual, LogEntryAssert.class);
  }

  public LogEntryAssert hasLevel(Level level) {
    return field("level", level, actual.level());
  }

  public LogEntryAssert hasMessage(String message) {
    return field("message", message, actual.message());
  }

  public LogEntryAssert hasMessageContaining(String fragment) {
    isNotNull();
    if (!actual.message().contains(fragment)) {
      failWithMessage(
          "Expecting message of%n  %s%nto contain%n  %s%nbut was%n  %s",
          LogEntriesAssert.describe(actual),
          LogEntryDiff.show(fragment),
          LogEntryDiff.show(actual.message()));
    }
    return this;
  }

  /**
   * Checks {@code data.key} equals {@code value}. Integer, Short and Byte values are compared as
   * Long and Float as Double, because entries hold normalized values.
   */
  public LogEntryAssert hasDataEntry(String key, Object value) {
    isNotNull();
    if (!actual.data().containsKey(key)) {
      failWithMessage(
          "Expecting%n  %s%nto have data key %s but its data keys were%n  %s",
          LogEntriesAssert.describe(actual), LogEntryDiff.show(key), actual.data().keySet());
    }
    return field("data." + key, normalize(value), actual.data().get(key));
  }

  public LogEntryAssert hasTenantId(String tenantId) {
    return field("tenant_id", tenantId, actual.tenantId());
  }

  public LogEntryAssert hasUserId(String userId) {
    return field("user_id", userId, actual.userId());
  }

  public LogEntryAssert hasEventType(String eventType) {
    return field("event_type", eventType, actual.eventType());
  }

  /** Checks the error type, the throwable's fully qualified class name. */
  public LogEntryAssert hasErrorType(String errorType) {
    return field("error_type", errorType, actual.errorType());
  }

  public LogEntryAssert hasErrorType(Class<? extends Throwable> errorType) {
    return hasErrorType(errorType.getName());
  }

  public LogEntryAssert hasMarker(String marker) {
    isNotNull();
    if (!actual.markers().contains(marker)) {
      failWithMessage(
          "Expecting%n  %s%nto have marker %s but its markers were%n  %s",
          LogEntriesAssert.describe(actual), LogEntryDiff.show(marker), actual.markers());
    }
    return this;
  }

  private LogEntryAssert field(String name, Object expected, Object actualValue) {
    isNotNull();
    if (!Objects.equals(expected, actualValue)) {
      failWithActualExpectedAndMessage(
          actualValue,
          expected,
          "Expecting %s of%n  %s%nto be%n  %s%nbut was%n  %s",
          name,
          LogEntriesAssert.describe(actual),
          LogEntryDiff.show(expected),
          LogEntryDiff.show(actualValue));
    }
    return this;
  }

  private static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    return value;
  }
}
