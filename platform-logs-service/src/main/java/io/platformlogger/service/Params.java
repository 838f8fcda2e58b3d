package io.platformlogger.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, checked against the names an endpoint accepts: an unknown name, a
 * repeated single-valued one or an over-long value is a 400 naming it. Empty values count as
 * absent. Not thread-safe (one per request).
 */
final class Params {
  static final int MAX_VALUE_CHARS = 2000;

  private final Map<String, List<String>> raw;

  Params(Map<String, List<String>> raw, Set<String> accepted) {
    this.raw = raw;
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      if (!accepted.contains(e.getKey())) {
        throw ApiException.badParameter(
            e.getKey(), "unknown parameter '" + clip(e.getKey()) + "': this endpoint accepts " + String.join(", ", accepted.stream().sorted().toList()));
      }
      for (String v : e.getValue()) {
        if (v.length() > MAX_VALUE_CHARS) {
          throw ApiException.badParameter(e.getKey(), e.getKey() + " is longer than " + MAX_VALUE_CHARS + " characters");
        }
      }
    }
  }

  /** The one value of {@code name}, or null; a 400 when given twice. */
  String single(String name) {
    List<String> v = values(name);
    if (v.size() > 1) {
      throw ApiException.badParameter(name, name + " is given " + v.size() + " times: give it once");
    }
    return v.isEmpty() ? null : v.get(0);
  }

  /** Every non-empty value of {@code name}, repeated parameters and comma-separated lists alike. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : values(name)) {
      for (String part : v.split(",")) {
        String p = part.trim();
        if (!p.isEmpty() && !out.contains(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (String v : raw.getOrDefault(name, List.of())) {
      if (v != null && !v.isBlank()) {
        out.add(v.trim());
      }
    }
    return out;
  }

  int intValue(String name, int defaultValue, int min, int max) {
    String v = single(name);
    if (v == null) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, name + " '" + clip(v) + "' is not a whole number: use " + min + " to " + max);
    }
    if (n < min || n > max) {
      throw ApiException.badParameter(name, name + " is " + n + ": use " + min + " to " + max);
    }
    return n;
  }

  /** A value cut for an error message (the response is JSON, so it is data either way). */
  static String clip(String v) {
    return v.length() <= 80 ? v : v.substring(0, 80) + "…";
  }
}
