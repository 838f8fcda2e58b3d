package io.platformlogger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The time one read may take, over all the statements it runs. Before each statement, {@link #arm}
 * sets PostgreSQL's {@code statement_timeout} to what is left, for the current transaction only (so
 * a pooled connection goes back with its own setting). Not thread-safe: one per read.
 */
final class Deadline {
  private final Duration timeout; // null: no limit of ours, the server's setting applies
  private final long endNanos;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.endNanos = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
  }

  static Deadline start(Duration timeout) {
    return new Deadline(timeout);
  }

  /** Limits the next statements on {@code c} (inside a transaction) to the time left. */
  void arm(Connection c) throws SQLException {
    if (timeout == null) {
      return;
    }
    long leftMillis = (endNanos - System.nanoTime()) / 1_000_000;
    if (leftMillis < 1) {
      throw new QueryTimeoutException(timeout, null);
    }
    try (PreparedStatement st = c.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
      st.setString(1, leftMillis + "ms");
      st.execute();
    }
  }

  /** {@code e}, or a {@link QueryTimeoutException} when it says our statement timeout cancelled it. */
  SQLException translate(SQLException e) {
    if (timeout != null && !(e instanceof QueryTimeoutException) && "57014".equals(e.getSQLState())) {
      return new QueryTimeoutException(timeout, e);
    }
    return e;
  }
}
