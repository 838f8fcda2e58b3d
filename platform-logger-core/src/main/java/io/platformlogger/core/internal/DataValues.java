package io.platformlogger.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** TEMPORARY stand-in until the real one is merged. */
public final class DataValues {
  private DataValues() {}

  public static Map<String, Object> normalizeMap(Map<?, ?> raw, DataLimits limits, Set<String> sanitized) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    return out;
  }

  public static Object normalize(Object value, DataLimits limits, Set<String> sanitized) {
    return value == null ? null : String.valueOf(value);
  }
}
