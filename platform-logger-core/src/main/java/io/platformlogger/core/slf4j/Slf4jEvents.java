package io.platformlogger.core.slf4j;

import io.platformlogger.core.Level;
import io.platformlogger.core.internal.FrozenMap;
import io.platformlogger.core.backend.LogCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;

/**
 * Turns what an SLF4J call carries into a {@link LogEvent}, on the caller's thread: the level, the
 * unformatted template and its arguments, the throwable, marker names and fluent key/values.
 * Formatting is left to the pipeline's thread. Stateless.
 */
final class Slf4jEvents {
  private Slf4jEvents() {}

  /** SLF4J's five levels map one to one. */
  static Level level(org.slf4j.event.Level level) {
    switch (level) {
      case TRACE:
        return Level.TRACE;
      case DEBUG:
        return Level.DEBUG;
      case INFO:
        return Level.INFO;
      case WARN:
        return Level.WARN;
      case ERROR:
        return Level.ERROR;
      default:
        throw new IllegalArgumentException("unknown SLF4J level " + level);
    }
  }

  /**
   * Fills {@code event} with a classic call's message and throwable. Without an explicit throwable, a Throwable as the last argument
   * is taken as the call's throwable and removed from the arguments (SLF4J's rule since 1.6,
   * whatever the number of placeholders), so the pipeline never has to guess.
   */
  static LogCall message(LogCall event, String template, Object[] args, Throwable throwable) {
    // NormalizedParameters.normalize's rule, without its result object (not always scalar-replaced)
    int n = args == null ? 0 : args.length;
    if (throwable == null && n > 0 && args[n - 1] instanceof Throwable) {
      throwable = (Throwable) args[n - 1];
      args = java.util.Arrays.copyOf(args, n - 1);
    }
    event.message(template, args);
    if (throwable != null) {
      event.throwable(throwable);
    }
    return event;
  }

  /**
   * Fills {@code event} with what a complete SLF4J event carries (the fluent API, a replayed
   * call): message, throwable, markers and key/values.
   */
  static LogCall fill(LogCall event, LoggingEvent slf4jEvent) {
    message(event, slf4jEvent.getMessage(), slf4jEvent.getArgumentArray(), slf4jEvent.getThrowable());
    List<String> markers = MarkerNames.of(slf4jEvent.getMarkers());
    if (markers != null) {
      event.markers(markers);
    }
    Map<String, Object> data = data(slf4jEvent.getKeyValuePairs());
    if (data != null) {
      event.handOverData(data); // built here for this event alone: no second copy
    }
    return event;
  }

  /**
   * Key/values in the order they were added, or null when there are none. A repeated key keeps
   * its first position and its last value. Keys and values are passed as given: the pipeline turns
   * them into JSON-compatible data.
   */
  static Map<String, Object> data(List<KeyValuePair> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return null;
    }
    FrozenMap.Builder<String, Object> data = FrozenMap.builder(pairs.size());
    for (KeyValuePair pair : pairs) {
      if (pair != null) {
        data.put(pair.key, pair.value);
      }
    }
    return data.size() == 0 ? null : data.build();
  }
}
