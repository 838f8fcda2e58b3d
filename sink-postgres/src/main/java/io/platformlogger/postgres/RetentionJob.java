package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Enforces a {@link RetentionPolicy}: drops partitions past the partition age, then deletes
 * expired rows level by level in bounded batches. Call {@link #runOnce()} from any scheduler, or
 * {@link #scheduleDaily()} to run it on a daemon thread of its own. Thread-safe; runs never
 * overlap.
 */
public final class RetentionJob implements AutoCloseable {
  private final DataSource dataSource;
  private final Schema schema;
  private final RetentionPolicy policy;
  private final Clock clock;
  private ScheduledExecutorService scheduler;
  private volatile RetentionResult lastResult;
  private volatile Exception lastFailure;

  RetentionJob(DataSource dataSource, Schema schema, RetentionPolicy policy) {
    this(dataSource, schema, policy, Clock.systemUTC());
  }

  RetentionJob(DataSource dataSource, Schema schema, RetentionPolicy policy, Clock clock) {
    if (policy == null) {
      throw new IllegalArgumentException("policy is null: use RetentionPolicy.defaults()");
    }
    this.dataSource = dataSource;
    this.schema = schema;
    this.policy = policy;
    this.clock = clock;
  }

  /** Runs the job now, on the calling thread. */
  public synchronized RetentionResult runOnce() throws SQLException {
    Instant now = clock.instant();
    List<String> dropped = dropOldPartitions(now.minus(policy.dropPartitionsOlderThan()));
    long deleted = 0;
    for (Level level : Level.values()) {
      deleted += deleteExpired(level, now.minus(policy.keep(level)));
    }
    RetentionResult r = new RetentionResult(deleted, dropped);
    lastResult = r;
    return r;
  }

  private List<String> dropOldPartitions(Instant before) throws SQLException {
    String list =
        "SELECT c.relname FROM pg_inherits i"
            + " JOIN pg_class c ON c.oid = i.inhrelid"
            + " JOIN pg_class p ON p.oid = i.inhparent"
            + " JOIN pg_namespace n ON n.oid = p.relnamespace"
            + " WHERE n.nspname = ? AND p.relname = ?"
            + " AND substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz <= ?"
            + " ORDER BY c.relname";
    List<String> names = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(list)) {
        ps.setString(1, schema.name());
        ps.setString(2, Schema.TABLE);
        ps.setObject(3, Where.at(before));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
      try (Statement st = c.createStatement()) {
        for (String name : names) {
          // Names come from the catalog and match our own pattern; quoted all the same.
          st.execute("DROP TABLE IF EXISTS " + schema.name() + ".\"" + name.replace("\"", "\"\"") + "\"");
        }
      }
    }
    return names;
  }

  private long deleteExpired(Level level, Instant before) throws SQLException {
    String t = schema.table();
    String sql =
        "DELETE FROM " + t + " WHERE (timestamp, id) IN (SELECT timestamp, id FROM " + t
            + " WHERE level = ? AND timestamp < ? LIMIT ?)";
    long total = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, level.name());
      ps.setObject(2, Where.at(before));
      ps.setInt(3, policy.deleteBatchSize());
      while (true) {
        int n = ps.executeUpdate(); // each statement its own short transaction
        total += n;
        if (n < policy.deleteBatchSize()) {
          return total;
        }
      }
    }
  }

  /**
   * Runs the job now and then every 24 hours on a daemon thread, until {@link #close()}. A failed
   * run is kept in {@link #lastFailure()} and the next run happens as planned.
   */
  public synchronized RetentionJob scheduleDaily() {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "platform-logger-postgres-retention");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleAtFixedRate(this::runScheduled, 0, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }
    return this;
  }

  private void runScheduled() {
    try {
      runOnce();
      lastFailure = null;
    } catch (Exception e) {
      lastFailure = e; // never logged: this library's own logs could land in this very table
    }
  }

  /** The result of the last successful run, or null. */
  public RetentionResult lastResult() {
    return lastResult;
  }

  /** Why the last scheduled run failed, or null if it succeeded. */
  public Exception lastFailure() {
    return lastFailure;
  }

  /** Stops the daily schedule, if any. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
