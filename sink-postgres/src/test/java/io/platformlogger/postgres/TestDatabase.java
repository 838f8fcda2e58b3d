package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The suite's PostgreSQL: an embedded server started once for every test class that uses this
 * extension (stopped when the suite ends), or the server {@code PLATFORM_LOGGER_TEST_PG_URL}
 * points at. Each test works in a schema of its own.
 */
public final class TestDatabase implements BeforeAllCallback {
  static final String ENV = "PLATFORM_LOGGER_TEST_PG_URL";
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile String url;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start(context);
  }

  private static synchronized void start(ExtensionContext context) throws Exception {
    if (url != null) {
      return;
    }
    String external = System.getenv(ENV);
    if (external != null && !external.isBlank()) {
      url = external;
      return;
    }
    EmbeddedServer server = EmbeddedServer.start();
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .put(TestDatabase.class.getName(), (AutoCloseable) () -> { // closed by JUnit when the suite ends
          server.close();
          url = null;
        });
    url = server.jdbcUrl() + "?user=postgres&password=postgres";
  }

  /** The JDBC URL, user and password included. */
  static String url() {
    if (url == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(TestDatabase.class)");
    }
    return url;
  }

  static DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url());
    return ds;
  }

  /** A fresh schema name, unique within the run. */
  static String newSchema() {
    return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  static PostgresLogSink.Builder sink(String schema) {
    return PostgresLogSink.builder().jdbcUrl(url()).schema(schema);
  }

  /** Every entry stored in {@code schema}, sorted by id. */
  /** A store over a new schema holding {@code entries}, written through the sink. */
  static PostgresLogStore storeWith(List<LogEntry> entries) throws Exception {
    String schema = newSchema();
    try (PostgresLogSink sink = sink(schema).build()) {
      sink.write(entries);
    }
    return PostgresLogStore.of(dataSource(), schema);
  }

  static List<LogEntry> stored(String schema) throws SQLException {
    return select(schema, "ORDER BY id");
  }

  static List<LogEntry> select(String schema, String rest) throws SQLException {
    List<LogEntry> out = new ArrayList<>();
    try (Connection c = dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT " + Schema.SELECT_LIST + " FROM " + schema + "." + Schema.TABLE + " " + rest)) {
      while (rs.next()) {
        out.add(EntryRows.read(rs));
      }
    }
    return out;
  }

  static long count(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
