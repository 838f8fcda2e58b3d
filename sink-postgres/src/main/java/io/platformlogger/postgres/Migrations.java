package io.platformlogger.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and upgrades the schema: numbered migrations, each applied once and recorded in the
 * migrations table, under an advisory lock so concurrent sinks in several processes agree.
 */
final class Migrations {
  /** The schema version this library writes and reads. */
  static final int CURRENT = 2;

  private record Migration(int version, String description, List<String> statements) {}

  private Migrations() {}

  private static List<Migration> all(Schema s) {
    String t = s.table();
    return List.of(
        new Migration(
            1,
            "partitioned platform_logs with full-text search and query indexes",
            List.of(
                "CREATE TABLE IF NOT EXISTS " + t + " ("
                    + "id text COLLATE \"C\" NOT NULL, "
                    + "timestamp timestamptz NOT NULL, "
                    + "level text NOT NULL, "
                    + "message text NOT NULL, "
                    + "data jsonb NOT NULL DEFAULT '{}', "
                    + "service text, environment text, version text, region text, "
                    + "instance_id text, event_type text, stream text, tenant_id text, "
                    + "tenant_slug text, workspace_id text, project_id text, user_id text, "
                    + "session_id text, impersonator_id text, request_id text, trace_id text, "
                    + "span_id text, source_file text, source_line integer, source_class text, "
                    + "source_method text, action text, error_type text, error_code text, "
                    + "error_stack text, error_signature text, logger_name text, "
                    + "thread_name text, markers text[], sanitized text[], "
                    // Dots split so 'IllegalStateException' finds 'java.lang.IllegalStateException'.
                    + "search tsvector GENERATED ALWAYS AS (to_tsvector('" + Schema.TS_CONFIG
                    + "', left(message, " + Schema.SEARCH_CHARS + ") || ' ' || "
                    + "coalesce(replace(error_type, '.', ' '), ''))) STORED, "
                    // The partition key must be part of every unique key.
                    + "PRIMARY KEY (timestamp, id)"
                    + ") PARTITION BY RANGE (timestamp)",
                "CREATE TABLE IF NOT EXISTS " + s.defaultPartition() + " PARTITION OF " + t
                    + " DEFAULT",
                index(s, "level_ts", "(level, timestamp)", null),
                index(s, "service_ts", "(service, timestamp)", null),
                index(s, "environment_ts", "(environment, timestamp)", null),
                index(s, "tenant_ts", "(tenant_id, timestamp)", null),
                index(s, "trace", "(trace_id)", "trace_id IS NOT NULL"),
                index(s, "request", "(request_id)", "request_id IS NOT NULL"),
                index(s, "event_type_ts", "(event_type, timestamp)", "event_type IS NOT NULL"),
                index(s, "error_sig_ts", "(error_signature, timestamp)",
                    "error_signature IS NOT NULL"),
                index(s, "recent_errors", "(timestamp, tenant_id)", "level = 'ERROR'"),
                "CREATE INDEX IF NOT EXISTS " + Schema.TABLE + "_search ON " + t
                    + " USING gin (search)")),
        new Migration(
            2,
            "error groups per tenant read only the tenant's entries with a signature",
            // Without it, a tenant's error groups over 7 days at 10 M rows fetched every entry of
            // the tenant in the range (tenant_ts) to keep the few with a signature: > 1 s.
            List.of(index(s, "tenant_errors_ts", "(tenant_id, timestamp)", "error_signature IS NOT NULL"))));
  }

  private static String index(Schema s, String suffix, String columns, String where) {
    return "CREATE INDEX IF NOT EXISTS " + Schema.TABLE + "_" + suffix + " ON " + s.table() + " "
        + columns + (where == null ? "" : " WHERE " + where);
  }

  /** Applies every migration not yet recorded; returns the schema version afterwards. */
  static int migrate(Connection c, Schema s) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(hashtext('" + s.lockKey() + "'))");
      st.execute("CREATE SCHEMA IF NOT EXISTS " + s.name());
      st.execute(
          "CREATE TABLE IF NOT EXISTS " + s.migrations()
              + " (version integer PRIMARY KEY, description text NOT NULL,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
      int version = 0;
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + s.migrations())) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > CURRENT) {
        throw new SQLException(
            "schema " + s.name() + " is at version " + version + ", newer than this library's "
                + CURRENT + ": upgrade platform-logger-sink-postgres");
      }
      for (Migration m : all(s)) {
        if (m.version() <= version) {
          continue;
        }
        for (String sql : m.statements()) {
          st.execute(sql);
        }
        try (var ps = c.prepareStatement(
            "INSERT INTO " + s.migrations() + " (version, description) VALUES (?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.executeUpdate();
        }
        version = m.version();
      }
      c.commit();
      return version;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}
