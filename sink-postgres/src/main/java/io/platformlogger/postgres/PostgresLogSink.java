package io.platformlogger.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.FutureSkew;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes log entries into a PostgreSQL table partitioned by time ({@code platform_logs}, see
 * docs/postgres.md), creating and upgrading its schema itself.
 *
 * <p>Each batch is one transaction: a COPY straight into the table, the fastest load PostgreSQL
 * has. When a batch collides with rows already stored (a retry of a batch whose commit succeeded
 * but whose acknowledgement was lost), it is loaded again through a temporary staging table with
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so retries never duplicate an entry: the sink is
 * {@linkplain #idempotent() idempotent} on (timestamp, id).
 *
 * <p>Creating a sink connects to nothing; the pool (HikariCP) connects on the first write, on the
 * pipeline's sink thread. Thread-safe: writes are serialized.
 */
public final class PostgresLogSink implements LogSink {
  private static final String STAGING = "platform_logs_staging";

  private final Schema schema;
  /** The builder's settings, copied at build(): a builder changed later changes no sink. */
  private final boolean migrate;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int poolSize;
  private final Duration connectionTimeout;
  private final int maxBatchSize;
  private final Partitions partitions;
  private final FutureSkew futureSkew;
  private final Clock clock;
  private DataSource dataSource;
  private HikariDataSource ownPool;
  private boolean ready;
  private boolean closed;

  private PostgresLogSink(Builder b) {
    this.schema = new Schema(b.schema);
    this.migrate = b.migrate;
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username;
    this.password = b.password;
    this.poolSize = b.poolSize;
    this.connectionTimeout = b.connectionTimeout;
    this.maxBatchSize = b.maxBatchSize;
    this.partitions = new Partitions(schema, b.partitionInterval, b.partitionsAhead, b.clock);
    this.futureSkew = new FutureSkew(b.maxFutureSkew);
    this.clock = b.clock;
    this.dataSource = b.dataSource;
  }

  /** Starts a configuration; {@code jdbcUrl} or {@code dataSource} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public Set<String> ownLoggerPrefixes() {
    return Set.of("com.zaxxer.hikari", "org.postgresql");
  }

  /** The schema (PostgreSQL namespace) holding the table. */
  public String schema() {
    return schema.name();
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws Exception {
    if (closed) {
      throw new IllegalStateException("PostgresLogSink is closed");
    }
    List<LogEntry> rows = new ArrayList<>(batch.size());
    List<Instant> timestamps = new ArrayList<>(batch.size());
    Instant now = clock.instant();
    try {
      for (LogEntry e : batch) {
        LogEntry s = futureSkew.clamp(CopyRows.storable(e), now);
        rows.add(s);
        timestamps.add(s.timestamp());
      }
    } catch (RuntimeException e) {
      throw LogSinkException.permanent("cannot encode an entry for PostgreSQL: " + e, e);
    }
    Connection c = null;
    try {
      c = pool().getConnection();
      prepare(c);
      partitions.ensureFor(c, timestamps);
      load(c, rows);
    } catch (SQLException e) {
      if (c != null && isConnectionLost(e) && ownPool != null) {
        ownPool.evictConnection(c);
      }
      if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
        ready = false; // the table or schema went away: migrate again on the next attempt
      }
      throw classify(e);
    } finally {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the pool discards a connection it cannot reset
        }
      }
    }
  }

  /** Migrates (once per sink) and creates the partitions ahead. */
  private void prepare(Connection c) throws SQLException {
    if (ready) {
      return;
    }
    if (migrate) {
      Migrations.migrate(c, schema);
      partitions.createAhead(c);
    }
    ready = true;
  }

  private void load(Connection c, List<LogEntry> copy) throws SQLException {
    c.setAutoCommit(false);
    try {
      try {
        copyIn(c, "COPY " + schema.table() + " (" + Schema.COLUMN_LIST + ") FROM STDIN", copy);
        c.commit();
        return;
      } catch (SQLException e) {
        c.rollback();
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
      // Some of these rows are stored already: load them again, keeping the existing copies.
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TEMP TABLE IF NOT EXISTS " + STAGING + " (LIKE " + schema.table()
                + ") ON COMMIT DELETE ROWS");
        copyIn(c, "COPY " + STAGING + " (" + Schema.COLUMN_LIST + ") FROM STDIN", copy);
        st.executeUpdate(
            "INSERT INTO " + schema.table() + " (" + Schema.COLUMN_LIST + ") SELECT "
                + Schema.COLUMN_LIST + " FROM " + STAGING + " ON CONFLICT DO NOTHING");
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
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // a broken connection; the pool resets or discards it
      }
    }
  }

  private static void copyIn(Connection c, String sql, List<LogEntry> rows) throws SQLException {
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      CopyRows.stream(rows, copy);
      copy.endCopy();
    } catch (RuntimeException e) {
      // Encoding broke on an entry: a permanent problem of that entry, not of the server.
      throw new SQLException("cannot encode an entry for PostgreSQL: " + e, "22000", e);
    } finally {
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException ignored) {
          // the connection is gone; the pool discards it
        }
      }
    }
  }

  static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  /**
   * Data errors (class 22), constraint violations (class 23) and program limits exceeded (class 54:
   * an index row over the B-tree's 2704 bytes, a tsvector over 1 MiB, an expression too deep) are
   * in the entries and permanent: the same rows fail the same way however often they are sent, so
   * the pipeline isolates the offending entry, counts it failed and goes on with the rest. Anything
   * else (lost connection, server restarting, out of resources, a missing table) may pass:
   * retryable.
   */
  static LogSinkException classify(SQLException e) {
    String state = e.getSQLState();
    String message = "PostgreSQL write failed (SQLState " + state + "): " + e.getMessage();
    if (state != null
        && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
      return LogSinkException.permanent(message, e);
    }
    return LogSinkException.retryable(message, e);
  }

  private DataSource pool() {
    if (dataSource == null) {
      HikariConfig hc = new HikariConfig();
      hc.setJdbcUrl(jdbcUrl);
      if (username != null) {
        hc.setUsername(username);
      }
      if (password != null) {
        hc.setPassword(password);
      }
      hc.setPoolName("platform-logger-postgres-" + schema.name());
      hc.setMaximumPoolSize(poolSize);
      hc.setMinimumIdle(1);
      hc.setConnectionTimeout(connectionTimeout.toMillis());
      hc.setInitializationFailTimeout(-1); // a server that is down must not fail the sink
      // Named, not detected: with a lazy pool, a connection lost while HikariCP detects the default
      // isolation leaves it at -1 and no connection can ever be made again (HikariCP #1944, #887);
      // found by PostgresSpoolOutageTest. READ COMMITTED is PostgreSQL's default.
      hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
      hc.addDataSourceProperty("ApplicationName", "platform-logger");
      ownPool = new HikariDataSource(hc);
      dataSource = ownPool;
    }
    return dataSource;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /** Settings of a {@link PostgresLogSink}; validated by {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private DataSource dataSource;
    private String schema = "public";
    private boolean migrate = true;
    private PartitionInterval partitionInterval = PartitionInterval.MONTH;
    private int partitionsAhead = 3;
    private int poolSize = 2;
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private int maxBatchSize = 5000;
    private Clock clock = Clock.systemUTC();
    private Duration maxFutureSkew = Duration.ofDays(1);

    private Builder() {}

    /** The server, such as {@code jdbc:postgresql://db:5432/logs}. The sink owns its pool. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Uses an existing pool instead of {@link #jdbcUrl}; the sink never closes it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The PostgreSQL schema of the table; created if missing. Default {@code public}. */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /** Whether the sink creates and upgrades its schema itself. Default true. */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /** Width of each partition. Default {@link PartitionInterval#MONTH}. */
    public Builder partitionInterval(PartitionInterval interval) {
      this.partitionInterval = interval;
      return this;
    }

    /** Partitions created ahead of the current one. Default 3. */
    public Builder partitionsAhead(int partitionsAhead) {
      this.partitionsAhead = partitionsAhead;
      return this;
    }

    /** Connections of the sink's own pool. Default 2. */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** How long a write waits for a connection before failing (and being retried). Default 10 s. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** Largest batch the pipeline hands the sink. Default 5000: COPY is ~2× faster at 5000 than at 50. */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * How far ahead of this sink's clock an entry's timestamp may be; one further ahead (a skewed
     * clock, a forged record) is stored at the current hour plus this, its own timestamp kept in
     * {@code data.original_timestamp} and marked {@code timestamp_clamped}. Default 1 day; from 1
     * minute to 400 days.
     */
    public Builder maxFutureSkew(Duration skew) {
      this.maxFutureSkew = skew;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Validates and creates the sink. Connects to nothing.
     *
     * @throws IllegalArgumentException naming the setting and what to change
     */
    public PostgresLogSink build() {
      if (dataSource == null && (jdbcUrl == null || jdbcUrl.isBlank())) {
        throw new IllegalArgumentException(
            "jdbcUrl is missing: set it (such as jdbc:postgresql://localhost:5432/logs) or give a dataSource");
      }
      if (dataSource != null && jdbcUrl != null) {
        throw new IllegalArgumentException("set either jdbcUrl or dataSource, not both");
      }
      if (jdbcUrl != null) {
        JdbcUrls.check("jdbcUrl", jdbcUrl);
      }
      Schema.validName("schema", schema);
      Objects.requireNonNull(partitionInterval, "partitionInterval");
      range("partitionsAhead", partitionsAhead, 0, 120);
      range("poolSize", poolSize, 1, 100);
      range("maxBatchSize", maxBatchSize, 1, 100_000);
      if (maxFutureSkew == null || maxFutureSkew.compareTo(Duration.ofMinutes(1)) < 0
          || maxFutureSkew.compareTo(Duration.ofDays(Partitions.FUTURE_DAYS)) > 0) {
        throw new IllegalArgumentException(
            "maxFutureSkew is " + maxFutureSkew + ": use 1 minute to " + Partitions.FUTURE_DAYS + " days, such as P1D");
      }
      if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
        throw new IllegalArgumentException(
            "connectionTimeout is " + connectionTimeout + ": use at least 250 ms (HikariCP's minimum)");
      }
      return new PostgresLogSink(this);
    }

    private static void range(String key, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            key + " is " + value + ": use a value from " + min + " to " + max);
      }
    }
  }
}
