package io.platformlogger.core.backend;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogSite;
import java.util.List;
import java.util.Map;

/**
 * What one logging call captured, as the API fills it in before {@link LogBackend#submit}: the raw
 * values, before formatting, sanitizing and JSON shaping, which happen on the pipeline's thread
 * (the role of Flogger's {@code LogData}). Made only by {@link LogBackend#capture} or {@link
 * LogBackend#replay}. Not thread-safe: filled by one thread, then handed over once. Not API.
 */
public interface LogCall {
  /** The message, possibly with SLF4J-style {@code {}} placeholders filled from {@code args}. */
  LogCall message(String template, Object... args);

  /** Structured key/values; a map not known to be immutable is copied. */
  LogCall data(Map<String, ?> data);

  /**
   * Structured key/values from a map the caller has just built for this call and hands over:
   * kept by reference, not copied. The caller must not touch it afterwards.
   */
  LogCall handOverData(Map<String, ?> data);

  /**
   * Structured key/values collected flat for this call: {@code pairs[2i]} a {@code String} key,
   * {@code pairs[2i + 1]} its value, for {@code i < pairCount}; a later value for a key wins and
   * the key keeps its first position. Kept by reference (the caller must not touch the array
   * afterwards) and made into a map on the pipeline's thread, so the calling thread allocates one
   * array instead of a map. Added after any {@link #data} map.
   */
  LogCall handOverKeyValues(Object[] pairs, int pairCount);

  /**
   * The message and, in one array, this call's key/values and the template's arguments: {@code
   * values[2i]} a {@code String} key and {@code values[2i + 1]} its value for {@code i <
   * pairCount} (as {@link #handOverKeyValues} takes them), then the arguments from {@code 2 *
   * pairCount} to the array's end. Kept by reference (the caller must not touch the array
   * afterwards), so a call with both allocates one array on the calling thread instead of two.
   * Replaces a message and flat key/values given before; added after any {@link #data} map.
   */
  LogCall handOverMessage(String template, Object[] values, int pairCount);

  /**
   * Appends one key/value to {@code pairs} (null: none yet) holding {@code pairCount} pairs, for
   * {@link #handOverKeyValues}; returns the array, a larger one when it was full.
   */
  static Object[] appendKeyValue(Object[] pairs, int pairCount, String key, Object value) {
    if (pairs == null) {
      pairs = new Object[8];
    } else if (2 * pairCount == pairs.length) {
      pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
    }
    pairs[2 * pairCount] = key;
    pairs[2 * pairCount + 1] = value;
    return pairs;
  }

  LogCall throwable(Throwable throwable);

  /** Overrides the backend's service name for this entry. */
  LogCall service(String service);

  LogCall site(LogSite site);

  LogCall markers(List<String> markers);

  LogCall eventType(String eventType);

  LogCall action(String action);

  LogCall errorCode(String errorCode);

  LogCall stream(String stream);

  /** Context fields fixed on a logger (a request logger's); the thread's context fills the rest. */
  LogCall boundContext(LogContext boundContext);
}
