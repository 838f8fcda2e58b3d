package io.platformlogger.benchmarks.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The mark a finished sink-only load leaves in the database ({@code bench_meta.load}: row count and
 * the newest entry's time), so that a run over a kept {@code --data-dir} can time the queries
 * again without loading 10 M rows anew. A load that did not finish leaves no mark and is redone.
 */
final class LoadMark {
  private LoadMark() {}

  /** The newest entry's time of a finished load of {@code rows} rows, or null. */
  static Instant read(String url, int rows) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(
            "SELECT newest FROM bench_meta.load WHERE rows = ? AND to_regclass('bench_sink.platform_logs') IS NOT NULL")) {
      ps.setInt(1, rows);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // no bench_meta.load: nothing loaded yet
        return null;
      }
      throw e;
    }
  }

  /** Drops what an earlier (other or unfinished) load left, so the next one starts empty. */
  static void clear(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String schema : new String[] {"bench_meta", "bench_sink", "bench_copy", "bench_insert", "bench_stage"}) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /** Marks a finished load of {@code rows} rows whose newest entry is at {@code newest}. */
  static void write(String url, int rows, Instant newest) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS bench_meta");
      st.execute("CREATE TABLE IF NOT EXISTS bench_meta.load (rows int NOT NULL, newest timestamptz NOT NULL)");
      st.execute("TRUNCATE bench_meta.load");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_meta.load VALUES (?, ?)")) {
        ps.setInt(1, rows);
        ps.setObject(2, OffsetDateTime.ofInstant(newest, ZoneOffset.UTC));
        ps.executeUpdate();
      }
    }
  }
}
