package io.platformlogger.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses {@code --since}: a duration back from now ({@code 30s}, {@code 10m}, {@code 2h},
 * {@code 7d}) or an ISO-8601 time ({@code 2026-01-20T10:00:00Z}, or with an offset).
 */
final class Since implements CommandLine.ITypeConverter<Instant> {
  private static final Pattern AGO = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private final java.time.Clock clock;

  Since() {
    this(java.time.Clock.systemUTC());
  }

  Since(java.time.Clock clock) {
    this.clock = clock;
  }

  /** {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d} as a duration; else null. */
  static Duration duration(String value) {
    Matcher m = AGO.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofDays(n);
    }
  }

  @Override
  public Instant convert(String value) {
    Duration d = duration(value);
    if (d != null) {
      return clock.instant().minus(d);
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException e2) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is neither a duration back from now (30s, 10m, 2h, 7d) nor an ISO-8601"
                + " time (2026-01-20T10:00:00Z)");
      }
    }
  }
}
