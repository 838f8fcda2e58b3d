package io.platformlogger.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates partitions ahead of time and on demand. Timestamps far from now (a broken clock, a
 * hand-built entry from 1970) are left to the DEFAULT partition rather than creating a partition
 * per stray month. Thread-safe.
 */
final class Partitions {
  /** Entries older than this get no partition of their own (retention would drop it anyway). */
  static final long PAST_DAYS = 400;
  /** Entries further in the future than this go to the DEFAULT partition. */
  static final long FUTURE_DAYS = 400;

  private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;

  private final Schema schema;
  private final PartitionInterval interval;
  private final int ahead;
  private final Clock clock;
  /** Starts of partitions known to exist, or known to be impossible (left to DEFAULT). */
  private final Set<LocalDate> settled = ConcurrentHashMap.newKeySet();

  Partitions(Schema schema, PartitionInterval interval, int ahead, Clock clock) {
    this.schema = schema;
    this.interval = interval;
    this.ahead = ahead;
    this.clock = clock;
  }

  static String name(LocalDate start) {
    return Schema.TABLE + "_p" + NAME.format(start);
  }

  /** Creates the current partition and the next {@code ahead} ones. */
  void createAhead(Connection c) throws SQLException {
    LocalDate start = interval.start(clock.instant());
    Set<LocalDate> starts = new TreeSet<>();
    for (int i = 0; i <= ahead; i++) {
      starts.add(start);
      start = interval.next(start);
    }
    ensure(c, starts);
  }

  /** Makes sure every timestamp in {@code timestamps} has its partition, or belongs to DEFAULT. */
  void ensureFor(Connection c, Collection<Instant> timestamps) throws SQLException {
    Instant now = clock.instant();
    Instant low = now.minus(PAST_DAYS, ChronoUnit.DAYS);
    Instant high = now.plus(FUTURE_DAYS, ChronoUnit.DAYS);
    Set<LocalDate> starts = new TreeSet<>();
    for (Instant t : timestamps) {
      if (t.isBefore(low) || t.isAfter(high)) {
        continue;
      }
      LocalDate start = interval.start(t);
      if (!settled.contains(start)) {
        starts.add(start);
      }
    }
    ensure(c, starts);
  }

  private void ensure(Connection c, Set<LocalDate> starts) throws SQLException {
    for (LocalDate start : starts) {
      if (settled.contains(start)) {
        continue;
      }
      create(c, start);
      settled.add(start);
    }
  }

  private void create(Connection c, LocalDate start) throws SQLException {
    String sql =
        "CREATE TABLE IF NOT EXISTS " + schema.qualified(name(start)) + " PARTITION OF "
            + schema.table() + " FOR VALUES FROM ('" + start + " 00:00:00+00') TO ('"
            + interval.next(start) + " 00:00:00+00')";
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(hashtext('" + schema.lockKey() + "'))");
      st.execute("SAVEPOINT p");
      try {
        st.execute(sql);
      } catch (SQLException e) {
        st.execute("ROLLBACK TO SAVEPOINT p");
        // 23514: the DEFAULT partition already holds rows of this range; 42P17: the range
        // overlaps a partition of another width. Either way the rows keep going where they go.
        if (!"23514".equals(e.getSQLState()) && !"42P17".equals(e.getSQLState())) {
          throw e;
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
