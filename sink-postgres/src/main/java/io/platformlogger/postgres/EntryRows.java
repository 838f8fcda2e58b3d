package io.platformlogger.postgres;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads rows selected with {@link Schema#SELECT_LIST} back into entries. */
final class EntryRows {
  private EntryRows() {}

  static LogEntry read(ResultSet rs) throws SQLException {
    int line = rs.getInt("source_line");
    Integer sourceLine = rs.wasNull() ? null : line;
    String env = rs.getString("environment");
    return LogEntry.builder()
        .id(rs.getString("id"))
        .timestamp(instant(rs, "timestamp"))
        .level(Level.parse(rs.getString("level")))
        .message(rs.getString("message"))
        .data(data(rs.getString("data")))
        .service(rs.getString("service"))
        .environment(env == null ? null : Environment.parse(env))
        .version(rs.getString("version"))
        .region(rs.getString("region"))
        .instanceId(rs.getString("instance_id"))
        .eventType(rs.getString("event_type"))
        .stream(rs.getString("stream"))
        .tenantId(rs.getString("tenant_id"))
        .tenantSlug(rs.getString("tenant_slug"))
        .workspaceId(rs.getString("workspace_id"))
        .projectId(rs.getString("project_id"))
        .userId(rs.getString("user_id"))
        .sessionId(rs.getString("session_id"))
        .impersonatorId(rs.getString("impersonator_id"))
        .requestId(rs.getString("request_id"))
        .traceId(rs.getString("trace_id"))
        .spanId(rs.getString("span_id"))
        .sourceFile(rs.getString("source_file"))
        .sourceLine(sourceLine)
        .sourceClass(rs.getString("source_class"))
        .sourceMethod(rs.getString("source_method"))
        .action(rs.getString("action"))
        .errorType(rs.getString("error_type"))
        .errorCode(rs.getString("error_code"))
        .errorStack(rs.getString("error_stack"))
        .errorSignature(rs.getString("error_signature"))
        .loggerName(rs.getString("logger_name"))
        .threadName(rs.getString("thread_name"))
        .markers(strings(rs.getArray("markers")))
        .sanitized(strings(rs.getArray("sanitized")))
        .build();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Timestamp timestamp(Instant t) {
    return Timestamp.from(t);
  }

  /** Decodes {@code data} with the core's number rules (Long, BigInteger, Double, BigDecimal). */
  static Map<String, Object> data(String json) {
    if (json == null) {
      return Map.of();
    }
    String wrapped =
        "{\"id\":\"-\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"level\":\"INFO\","
            + "\"message\":\"\",\"data\":" + json + "}";
    return LogEntryJson.decode(wrapped).data();
  }

  private static List<String> strings(Array a) throws SQLException {
    if (a == null) {
      return List.of();
    }
    try {
      return Arrays.asList((String[]) a.getArray());
    } finally {
      a.free();
    }
  }
}
