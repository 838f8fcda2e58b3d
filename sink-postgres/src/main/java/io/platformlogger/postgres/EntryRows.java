package io.platformlogger.postgres;

import io.platformlogger.core.EntryField;
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
    LogEntry.Builder entry = LogEntry.builder();
    for (EntryField field : EntryField.all()) {
      field.set(entry, value(rs, field)); // each column is named as its field's JSON name
    }
    return entry.build();
  }

  /** The column of {@code field} as the field's {@link EntryField.Kind#type()}; null when NULL. */
  private static Object value(ResultSet rs, EntryField field) throws SQLException {
    String column = field.jsonName();
    switch (field.kind()) {
      case TEXT:
        return rs.getString(column);
      case INSTANT:
        return instant(rs, column);
      case LEVEL:
        String level = rs.getString(column);
        return level == null ? null : Level.parse(level);
      case ENVIRONMENT:
        String env = rs.getString(column);
        return env == null ? null : Environment.parse(env);
      case INTEGER:
        int n = rs.getInt(column);
        return rs.wasNull() ? null : n;
      case DATA:
        return data(rs.getString(column));
      case TEXT_LIST:
        return strings(rs.getArray(column));
      default:
        throw new IllegalStateException("no column type for " + field.kind());
    }
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
