package io.platformlogger.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.JsonLinesWriter;
import io.platformlogger.core.json.LogEntryJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads what {@link PostgresLogSink} stored: filtered, full-text searched, keyset-paginated
 * queries; error groups; streaming export as JSON Lines or CSV; and the retention job.
 *
 * <p>Every query names a tenant unless it was built with {@code allTenants()}; every value is a
 * bound parameter. Thread-safe; {@link #close()} closes the pool only if the store made it.
 */
public final class PostgresLogStore implements AutoCloseable {
  private static final int EXPORT_FETCH = 1000;

  private final DataSource dataSource;
  private final HikariDataSource ownPool;
  private final Schema schema;

  private PostgresLogStore(DataSource dataSource, HikariDataSource ownPool, Schema schema) {
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.schema = schema;
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
    Where w = Where.of(query);
    String cmp = query.oldestFirst() ? ">" : "<";
    if (cursor != null) {
      Cursor c = Cursor.decode(cursor);
      w.and("(timestamp, id) " + cmp + " (?, ?)", Where.at(c.timestamp()), c.id());
    }
    String sql = "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql()
        + order(query) + " LIMIT ?";
    List<LogEntry> entries = new ArrayList<>(query.pageSize() + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int next = w.bind(ps, 1);
      ps.setInt(next, query.pageSize() + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(EntryRows.read(rs));
        }
      }
    }
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

  private static String order(LogQuery q) {
    return q.oldestFirst() ? " ORDER BY timestamp, id" : " ORDER BY timestamp DESC, id DESC";
  }

  /**
   * Entries grouped by error signature over the query's range: count, first and last seen, most
   * severe level, services, tenant count and the latest entry as a sample.
   */
  public List<ErrorGroup> errorGroups(ErrorGroupQuery query) throws SQLException {
    Where w = Where.of(query);
    String order = query.order() == ErrorGroupQuery.Order.COUNT
        ? " ORDER BY n DESC, last_seen DESC, error_signature"
        : " ORDER BY last_seen DESC, n DESC, error_signature";
    String t = schema.table();
    String sql =
        "WITH g AS (SELECT error_signature, count(*) AS n, min(timestamp) AS first_seen,"
            + " max(timestamp) AS last_seen,"
            + " max(CASE level WHEN 'ERROR' THEN 4 WHEN 'WARN' THEN 3 WHEN 'INFO' THEN 2"
            + " WHEN 'DEBUG' THEN 1 ELSE 0 END) AS severity,"
            + " array_remove(array_agg(DISTINCT service), NULL) AS services,"
            + " count(DISTINCT tenant_id) AS tenants"
            + " FROM " + t + w.sql() + " GROUP BY error_signature" + order + " LIMIT ?)"
            + " SELECT g.*, s.message, s.error_type, s.error_stack FROM g LEFT JOIN LATERAL"
            + " (SELECT message, error_type, error_stack FROM " + t + " p"
            + w.sql() + " AND p.error_signature = g.error_signature"
            + " ORDER BY p.timestamp DESC, p.id DESC LIMIT 1) s ON true" + order;
    List<ErrorGroup> groups = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = w.bind(ps, 1);
      ps.setInt(i++, query.limit());
      w.bind(ps, i);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array services = rs.getArray("services");
          groups.add(new ErrorGroup(
              rs.getString("error_signature"),
              rs.getLong("n"),
              EntryRows.instant(rs, "first_seen"),
              EntryRows.instant(rs, "last_seen"),
              severity(rs.getInt("severity")),
              services == null ? List.of() : Arrays.asList((String[]) services.getArray()),
              rs.getLong("tenants"),
              rs.getString("message"),
              rs.getString("error_type"),
              rs.getString("error_stack")));
        }
      }
    }
    return groups;
  }

  private static Level severity(int s) {
    switch (s) {
      case 4: return Level.ERROR;
      case 3: return Level.WARN;
      case 2: return Level.INFO;
      case 1: return Level.DEBUG;
      default: return Level.TRACE;
    }
  }

  /**
   * Streams every entry matching {@code query} (all pages, in the query's order; the page size and
   * any cursor do not apply) to {@code out}, reading from the server in chunks so memory stays
   * flat. Flushes {@code out} but does not close it. Returns the number of entries written.
   */
  public long export(LogQuery query, ExportFormat format, OutputStream out) throws SQLException, IOException {
    Where w = Where.of(query);
    String sql = "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql() + order(query);
    long n = 0;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // pgjdbc reads with a server-side cursor only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(EXPORT_FETCH);
        w.bind(ps, 1);
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
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
    return n;
  }

  /** A retention job over this store's table; run it with {@link RetentionJob#runOnce()} or schedule it. */
  public RetentionJob retentionJob(RetentionPolicy policy) {
    return new RetentionJob(dataSource, schema, policy);
  }

  DataSource dataSource() {
    return dataSource;
  }

  String schemaName() {
    return schema.name();
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
