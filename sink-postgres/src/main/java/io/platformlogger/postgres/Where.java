package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from filters: SQL text with placeholders, and the values to bind. */
final class Where {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> values = new ArrayList<>();

  /** The full-text condition on the {@code search} column; binds the query text. */
  static final String TEXT = "search @@ websearch_to_tsquery('" + Schema.TS_CONFIG + "', ?)";

  /** Every condition of {@code q}. */
  static Where of(LogQuery q) {
    Where w = filters(q);
    if (q.text() != null && !q.text().isBlank()) {
      w.and(TEXT, q.text());
    }
    return w;
  }

  /** Every condition of {@code q} except its full-text search. */
  static Where filters(LogQuery q) {
    Where w = new Where();
    w.in("tenant_id", q.tenantIds());
    if (!q.levels().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Level l : Level.values()) {
        if (q.levels().contains(l)) {
          names.add(l.name());
        }
      }
      w.and("level IN (" + "?, ".repeat(names.size() - 1) + "?)", names.toArray());
    }
    w.in("service", q.services());
    w.eq("environment", q.environment() == null ? null : q.environment().wireName());
    w.range(q.from(), q.to());
    w.eq("trace_id", q.traceId());
    w.eq("request_id", q.requestId());
    w.eq("user_id", q.userId());
    w.eq("event_type", q.eventType());
    w.eq("error_signature", q.errorSignature());
    w.eq("logger_name", q.loggerName());
    return w;
  }

  static Where of(ErrorGroupQuery q) {
    Where w = new Where();
    w.and("error_signature IS NOT NULL");
    w.eq("tenant_id", q.tenantId());
    w.range(q.from(), q.to());
    return w;
  }

  void eq(String column, String value) {
    if (value != null) {
      and(column + " = ?", value);
    }
  }

  /** {@code column IN (?, ...)}, or {@code column = ?} for one value; nothing for none. */
  void in(String column, java.util.Collection<String> values) {
    if (values.size() == 1) {
      and(column + " = ?", values.iterator().next());
    } else if (!values.isEmpty()) {
      and(column + " IN (" + "?, ".repeat(values.size() - 1) + "?)", values.toArray());
    }
  }

  void range(Instant from, Instant to) {
    if (from != null) {
      and("timestamp >= ?", at(from));
    }
    if (to != null) {
      and("timestamp < ?", at(to));
    }
  }

  Where and(String condition, Object... bound) {
    sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
    for (Object o : bound) {
      values.add(o);
    }
    return this;
  }

  static OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** An independent copy, to add different conditions to each. */
  Where copy() {
    Where w = new Where();
    w.sql.append(sql);
    w.values.addAll(values);
    return w;
  }

  String sql() {
    return sql.toString();
  }

  /** Binds the values from parameter {@code first}; returns the next parameter index. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object v : values) {
      ps.setObject(i++, v);
    }
    return i;
  }
}
