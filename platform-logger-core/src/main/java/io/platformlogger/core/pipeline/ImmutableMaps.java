package io.platformlogger.core.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decides whether a caller's data map can be kept by reference or must be copied. */
final class ImmutableMaps {
  private static final Class<?> MAP_1 = Map.of("k", "v").getClass();
  private static final Class<?> MAP_N = Map.of("k", "v", "k2", "v").getClass();
  private static final Class<?> MAP_0 = Map.of().getClass();

  private ImmutableMaps() {}

  static Map<String, ?> snapshot(Map<String, ?> data) {
    if (data == null || data.isEmpty()) {
      return null;
    }
    Class<?> c = data.getClass();
    if (c == MAP_1 || c == MAP_N || c == MAP_0) {
      return data;
    }
    try {
      return new LinkedHashMap<>(data);
    } catch (RuntimeException e) {
      // A map whose iteration throws (concurrently modified, broken implementation).
      return Map.of("data_unreadable", String.valueOf(e));
    }
  }
}
