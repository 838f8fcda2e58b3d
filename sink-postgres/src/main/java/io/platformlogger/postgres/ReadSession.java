package io.platformlogger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One read of {@link PostgresLogStore}: a pooled connection inside a transaction that is rolled
 * back at the end, with every statement prepared through {@link #prepare} so that all of them
 * together stay within the read's {@link Deadline}. The only place where reads take a connection,
 * so the query timeout covers every read: pages, one entry, context, histograms, error groups and
 * trends, patterns and exports. Not thread-safe: one per read, on the caller's thread.
 */
final class ReadSession {
  /** What one read does with its session. */
  interface Work<T> {
    T run(ReadSession s) throws SQLException;
  }

  /** The read's connection, in a transaction of this session's (never committed). */
  private final Connection connection;
  private final Deadline deadline;

  private ReadSession(Connection connection, Deadline deadline) {
    this.connection = connection;
    this.deadline = deadline;
  }

  /**
   * Runs {@code work} on a connection of {@code ds} within {@code timeout} (null: the server's
   * {@code statement_timeout}); a cancellation by that timeout comes out as a {@link
   * QueryTimeoutException}. The connection goes back to the pool with its own settings.
   */
  static <T> T run(DataSource ds, Duration timeout, Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Deadline deadline = Deadline.start(timeout); // PostgreSQL's time: not the wait for the pool
      boolean autoCommit = c.getAutoCommit();
      // The timeout is set per transaction (set_config(..., true)), and pgjdbc reads with a
      // server-side cursor (fetch size) only inside one.
      c.setAutoCommit(false);
      try {
        return work.run(new ReadSession(c, deadline));
      } catch (SQLException e) {
        throw deadline.translate(e);
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** A statement limited to what is left of the read's time. */
  PreparedStatement prepare(String sql) throws SQLException {
    deadline.arm(connection);
    return connection.prepareStatement(sql);
  }

  /** A SQL array of {@code values} to bind. */
  java.sql.Array array(String type, Object[] values) throws SQLException {
    return connection.createArrayOf(type, values);
  }
}
