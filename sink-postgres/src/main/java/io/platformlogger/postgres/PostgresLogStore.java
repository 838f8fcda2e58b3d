package io.platformlogger.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads what {@link PostgresLogSink} stored: filtered, full-text searched, keyset-paginated
 * queries; error groups; message patterns; streaming export as JSON Lines or CSV; and the
 * retention job.
 *
 * <p>Every query names a tenant unless it was built with {@code allTenants()}; every value is a
 * bound parameter. Thread-safe; {@link #close()} closes the pool only if the store made it.
 */
public final class PostgresLogStore implements AutoCloseable {
  private static final int EXPORT_FETCH = 1000;

  /** The default of {@link #setQueryTimeout}. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final HikariDataSource ownPool;
  private final Schema schema;
  private final ReadQueries reads;
  private volatile PageReader pages;
  /** What one {@link #query} may take; null: the server's statement_timeout. */
  private volatile Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

  private PostgresLogStore(DataSource dataSource, HikariDataSource ownPool, Schema schema) {
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.schema = schema;
    this.reads = new ReadQueries(schema);
    this.pages = new PageReader(schema, true);
  }

  /**
   * How long PostgreSQL may work on one read (all its statements together) before it is cancelled
   * with a {@link QueryTimeoutException}, so that no read holds a connection for minutes; default
   * {@link #DEFAULT_QUERY_TIMEOUT}. Covers {@link #query}, {@link #find}, {@link #context}, {@link
   * #histogram}, {@link #errorGroups}, {@link #errorTrends} and {@link #patterns}; an {@link
   * #export} has its own (its argument), as it may rightly stream for long. Null leaves it to the server's {@code
   * statement_timeout}. Takes effect for queries started afterwards; callable from any thread.
   * Returns this store.
   */
  public PostgresLogStore setQueryTimeout(Duration timeout) {
    if (timeout != null && timeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "queryTimeout is " + timeout + ": give at least 1 ms, or null for the server's statement_timeout");
    }
    this.queryTimeout = timeout;
    return this;
  }

  /** The current {@link #setQueryTimeout query timeout}, or null. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /** A store over an existing pool (which it never closes), reading {@code schema}. */
  public static PostgresLogStore of(DataSource dataSource, String schema) {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource is null: give the pool to read through");
    }
    return new PostgresLogStore(dataSource, null, new Schema(Schema.validName("schema", schema)));
  }

  /** A store with a pool of its own (closed by {@link #close()}), reading {@code schema}. */
  public static PostgresLogStore connect(String jdbcUrl, String username, String password, String schema) {
    JdbcUrls.check("jdbcUrl", jdbcUrl);
    Schema s = new Schema(Schema.validName("schema", schema));
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setUsername(username);
    hc.setPassword(password);
    hc.setPoolName("platform-logger-postgres-store-" + s.name());
    hc.setMaximumPoolSize(4);
    hc.setMinimumIdle(0);
    hc.setInitializationFailTimeout(-1);
    hc.setReadOnly(false);
    HikariDataSource pool = new HikariDataSource(hc);
    return new PostgresLogStore(pool, pool, s);
  }

  /**
   * One page of entries matching {@code query}, newest first unless the query says otherwise.
   *
   * @param cursor null for the first page, else a previous page's {@link LogPage#nextCursor()}
   * @throws IllegalArgumentException for a cursor this store did not return
   */
  public LogPage query(LogQuery query, String cursor) throws SQLException {
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    List<LogEntry> entries = read(s -> pages.read(s, query, after));
    boolean hasMore = entries.size() > query.pageSize();
    if (hasMore) {
      entries.remove(entries.size() - 1);
    }
    LogEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
    String next = hasMore ? new Cursor(last.timestamp(), last.id()).encode() : null;
    return new LogPage(entries, hasMore, next);
  }

  /** The first page of {@code query}. */
  public LogPage query(LogQuery query) throws SQLException {
    return query(query, null);
  }

  /** Every read goes through here: one connection, one transaction, the query timeout. */
  private <T> T read(ReadSession.Work<T> work) throws SQLException {
    return ReadSession.run(dataSource, queryTimeout, work);
  }

  /**
   * Entries grouped by error over the query's range: count, first and last seen, most severe
   * level, services, tenant count, the latest entry as a sample, and a title. Signature groups
   * whose messages mine to one template (same error type and top frame) are one group titled with
   * that template, with sample values of each {@code <*>}; see {@link ErrorGroup} and
   * docs/patterns.md.
   */
  public List<ErrorGroup> errorGroups(ErrorGroupQuery query) throws SQLException {
    return read(s -> new ErrorGroupReader(schema).read(s, query));
  }

  /**
   * The message patterns of the entries {@code query} selects: the newest {@link
   * PatternQuery#sampleSize()} of them are mined into templates ({@code Failed password for <*>
   * from <*>}), counted overall and per time bucket; the top {@link PatternQuery#limit()} come back
   * most entries first, each with sample values of its {@code <*>}. Works for any level, not only
   * errors. Cost: one ordered read of the sample (the {@code (tenant_id, timestamp)} index serves a
   * tenant's newest entries) and about a second of mining per million entries.
   *
   * @throws IllegalArgumentException when the given bucket would make more than {@value
   *     PatternQuery#MAX_BUCKETS} buckets over the window
   */
  public PatternReport patterns(PatternQuery query) throws SQLException {
    return read(s -> new PatternReader(schema).read(s, query));
  }

  /**
   * Streams every entry matching {@code query} (all pages, in the query's order; the page size and
   * any cursor do not apply) to {@code out}, reading from the server in chunks so memory stays
   * flat. Flushes {@code out} but does not close it. Returns the number of entries written.
   */
  public long export(LogQuery query, ExportFormat format, OutputStream out) throws SQLException, IOException {
    return export(query, format, out, Long.MAX_VALUE, null);
  }

  /**
   * As {@link #export(LogQuery, ExportFormat, OutputStream)}, writing at most {@code maxRows}
   * entries and giving up (with an {@link SQLException}) when the server works on the query for
   * longer than {@code statementTimeout} (null: the server's setting). Returns the number written;
   * {@code maxRows} means the result may have been cut.
   */
  public long export(LogQuery query, ExportFormat format, OutputStream out, long maxRows,
      java.time.Duration statementTimeout) throws SQLException, IOException {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows is " + maxRows + ": give at least 1");
    }
    Where w = Where.of(query);
    String sql = "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql() + PageReader.order(query)
        + (maxRows == Long.MAX_VALUE ? "" : " LIMIT ?");
    long n;
    try {
      n = ReadSession.run(dataSource, statementTimeout, s -> stream(s, sql, w, maxRows, format, out));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return n;
  }

  /** Writes the rows of {@code sql} to {@code out}; an I/O failure leaves as an UncheckedIOException. */
  private static long stream(ReadSession s, String sql, Where w, long maxRows, ExportFormat format, OutputStream out)
      throws SQLException {
    long n = 0;
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setFetchSize(EXPORT_FETCH);
      int next = w.bind(ps, 1);
      if (maxRows != Long.MAX_VALUE) {
        ps.setLong(next, maxRows);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (format == ExportFormat.JSON_LINES) {
          JsonLinesWriter lines = LogEntryJson.linesWriter(new NonClosing(out));
          while (rs.next()) {
            lines.write(EntryRows.read(rs));
            n++;
          }
          lines.flush();
        } else {
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8));
          CsvExport csv = new CsvExport(writer);
          csv.header();
          while (rs.next()) {
            csv.row(EntryRows.read(rs));
            n++;
          }
          writer.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /**
   * The entry with this id among those {@code scope} matches (its tenants and filters; page size,
   * order and cursor do not apply), or empty. For the UUIDv7 ids the core generates, only entries
   * whose timestamp lies within a day of the id's time are looked at (so that PostgreSQL reads a
   * few partitions, not all); the core makes ids that way unless a timestamp was more than a day
   * off the clock when logged.
   */
  public java.util.Optional<LogEntry> find(LogQuery scope, String id) throws SQLException {
    return read(s -> reads.find(s, scope, id));
  }

  /**
   * The entry with this id (as {@link #find}) and up to {@code before} entries just before it and
   * {@code after} just after it, of the same tenants as {@code scope}, from the same service and
   * instance or the same trace or request ({@code by}); empty when the entry is not found.
   */
  public java.util.Optional<EntryContext> context(
      LogQuery scope, String id, int before, int after, ContextScope by) throws SQLException {
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException("before and after must not be negative: were " + before + ", " + after);
    }
    return read(s -> reads.context(s, scope, id, before, after, by));
  }

  /**
   * Entries matching {@code query} counted per level and time bucket over its range ({@code from}
   * and {@code to} are required). {@link Histogram#bucketFor} picks a bucket for a chart width.
   */
  public Histogram histogram(LogQuery query, java.time.Duration bucket) throws SQLException {
    return read(s -> reads.histogram(s, query, bucket));
  }

  /**
   * Error groups (as {@link #errorGroups}) of the entries matching {@code filter} (every filter
   * applies; {@code from} and {@code to} are required), each with its count per time bucket.
   */
  public List<ErrorTrend> errorTrends(
      LogQuery filter, ErrorGroupQuery.Order order, int limit, java.time.Duration bucket) throws SQLException {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit is " + limit + ": use 1 to 1000");
    }
    return read(s -> reads.errorTrends(s, filter, order, limit, bucket));
  }

  /** A retention job over this store's table; run it with {@link RetentionJob#runOnce()} or schedule it. */
  public RetentionJob retentionJob(RetentionPolicy policy) {
    return new RetentionJob(dataSource, schema, policy);
  }

  /**
   * Tests and the benchmark: a full-text page walks {@code walk} entries (0: none) before it reads
   * the matches first, instead of {@link PageReader#WALK}. Returns this store.
   */
  PostgresLogStore walkAtMost(int walk) {
    this.pages = new PageReader(schema, true, walk);
    return this;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /** Keeps the writers above from closing the caller's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
