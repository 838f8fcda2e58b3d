package io.platformlogger.examples.customsink;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes {@link RotatingFileSink} available to configuration as {@code sinks=rotating-file}, with
 * keys {@code sink.rotating-file.path} (required), {@code .prefix} (default {@code app}), {@code
 * .max-bytes} (default {@code 10MB}; a number with an optional {@code KB}, {@code MB} or {@code
 * GB}) and {@code .max-files} (default 10). Registered in {@code
 * META-INF/services/io.platformlogger.core.sink.LogSinkProvider}. Stateless and thread-safe.
 */
public final class RotatingFileSinkProvider implements LogSinkProvider {
  private static final Set<String> KEYS = Set.of("path", "prefix", "max-bytes", "max-files");

  @Override
  public String name() {
    return "rotating-file";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            key(key) + " is not a known setting; accepted: " + new TreeSet<>(KEYS));
      }
    }
    String path = properties.get("path");
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(key("path") + " is required: the directory for the files");
    }
    String prefix = properties.getOrDefault("prefix", "app");
    if (!prefix.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          key("prefix") + " '" + prefix + "' may use only letters, digits, - and _");
    }
    long maxBytes = size(properties.getOrDefault("max-bytes", "10MB"));
    int maxFiles = count(properties.getOrDefault("max-files", "10"));
    return new RotatingFileSink(Path.of(path), prefix, maxBytes, maxFiles);
  }

  private static long size(String value) {
    String v = value.trim().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    if (v.endsWith("KB")) {
      unit = 1024;
    } else if (v.endsWith("MB")) {
      unit = 1024 * 1024;
    } else if (v.endsWith("GB")) {
      unit = 1024L * 1024 * 1024;
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 2).trim();
    try {
      long n = Long.parseLong(digits);
      if (n >= 1 && n <= Long.MAX_VALUE / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key("max-bytes") + " '" + value + "' is not a size; accepted: a positive number with an optional KB, MB or GB (64MB)");
  }

  private static int count(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 100_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key("max-files") + " '" + value + "' is not accepted; accepted: a whole number from 1 to 100000");
  }

  private static String key(String key) {
    return "sink.rotating-file." + key;
  }
}
