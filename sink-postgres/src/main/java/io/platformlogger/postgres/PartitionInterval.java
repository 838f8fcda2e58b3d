package io.platformlogger.postgres;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * How wide each partition of the log table is. Monthly suits most services; weekly keeps
 * partitions (and their indexes) small at high volume and lets retention drop data in finer
 * steps. Bounds are in UTC; weeks start on Monday.
 */
public enum PartitionInterval {
  MONTH,
  WEEK;

  /** The first day of the partition holding {@code t}. */
  LocalDate start(Instant t) {
    LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
    return this == MONTH
        ? d.withDayOfMonth(1)
        : d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first day after the partition starting at {@code start}. */
  LocalDate next(LocalDate start) {
    return this == MONTH ? start.plusMonths(1) : start.plusWeeks(1);
  }

  static PartitionInterval parse(String key, String value) {
    switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "month":
      case "monthly":
        return MONTH;
      case "week":
      case "weekly":
        return WEEK;
      default:
        throw new IllegalArgumentException(
            key + " is '" + value + "': use month or week");
    }
  }
}
