package io.platformlogger.loki;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): seconds, or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait it asks for, or null when absent or unreadable; never negative. */
  static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      // not seconds: an HTTP date
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
