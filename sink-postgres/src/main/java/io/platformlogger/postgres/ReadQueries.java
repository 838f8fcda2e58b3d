package io.platformlogger.postgres;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL behind {@link PostgresLogStore}'s reads beyond paging: one entry by id, its context,
 * histograms and error groups with their trends. Every value is a bound parameter; only the
 * validated schema name and fixed fragments are SQL text. Thread-safe (stateless).
 */
final class ReadQueries {
  /**
   * How far from the time in a UUIDv7 id an entry's timestamp may lie: the core takes the id's time
   * from the timestamp unless that is more than a day off the clock. The window lets PostgreSQL
   * read only the partitions around it instead of every one.
   */
  private static final Duration ID_WINDOW = Duration.ofDays(1).plusMinutes(5);

  private final Schema schema;

  ReadQueries(Schema schema) {
    this.schema = schema;
  }

  Optional<LogEntry> find(ReadSession s, LogQuery scope, String id) throws SQLException {
    Instant t = uuidV7Time(id);
    if (t != null) {
      Where near = Where.of(scope).and("id = ?", id);
      near.range(t.minus(ID_WINDOW), t.plus(ID_WINDOW));
      List<LogEntry> found = select(s, near, "", 1);
      if (!found.isEmpty()) {
        return Optional.of(found.get(0));
      }
      // Not near its id's time: ids never go back within a process, so after one entry dated up
      // to a day ahead every later id is too; an entry dated far from the clock gets the clock's
      // time; an id may come from another producer. The window is a shortcut, never the answer.
    }
    List<LogEntry> found = select(s, Where.of(scope).and("id = ?", id), "", 1);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  Optional<EntryContext> context(ReadSession s, LogQuery scope, String id, int before, int after,
      ContextScope by) throws SQLException {
    Optional<LogEntry> anchor = find(s, scope, id);
    if (anchor.isEmpty()) {
      return Optional.empty();
    }
    LogEntry e = anchor.get();
    Where base = Where.of(LogQuery.sameTenants(scope));
    switch (by) {
      case TRACE:
        if (e.traceId() == null) {
          return Optional.of(new EntryContext(List.of(), e, List.of()));
        }
        base.and("trace_id = ?", e.traceId());
        break;
      case REQUEST:
        if (e.requestId() == null) {
          return Optional.of(new EntryContext(List.of(), e, List.of()));
        }
        base.and("request_id = ?", e.requestId());
        break;
      default:
        equalOrNull(base, "service", e.service());
        equalOrNull(base, "instance_id", e.instanceId());
    }
    List<LogEntry> older = List.of();
    if (before > 0) {
      Where w = base.copy().and("(timestamp, id) < (?, ?)", Where.at(e.timestamp()), e.id());
      older = new ArrayList<>(select(s, w, " ORDER BY timestamp DESC, id DESC", before));
      Collections.reverse(older);
    }
    List<LogEntry> newer = List.of();
    if (after > 0) {
      Where w = base.copy().and("(timestamp, id) > (?, ?)", Where.at(e.timestamp()), e.id());
      newer = select(s, w, " ORDER BY timestamp, id", after);
    }
    return Optional.of(new EntryContext(older, e, newer));
  }

  private static void equalOrNull(Where w, String column, String value) {
    if (value == null) {
      w.and(column + " IS NULL");
    } else {
      w.and(column + " = ?", value);
    }
  }

  private List<LogEntry> select(ReadSession s, Where w, String order, int limit) throws SQLException {
    String sql = "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql() + order + " LIMIT ?";
    List<LogEntry> out = new ArrayList<>();
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setInt(w.bind(ps, 1), limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(EntryRows.read(rs));
        }
      }
    }
    return out;
  }

  Histogram histogram(ReadSession s, LogQuery query, Duration bucket) throws SQLException {
    Range r = Range.of(query, bucket);
    Where w = Where.of(query);
    String sql = "SELECT floor(extract(epoch FROM timestamp) * 1000 / ?)::bigint AS b, level,"
        + " count(*) AS n FROM " + schema.table() + w.sql() + " GROUP BY 1, 2";
    Map<Level, long[]> counts = new EnumMap<>(Level.class);
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setLong(1, r.bucketMillis);
      w.bind(ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = r.index(rs.getLong("b"));
          if (i >= 0) {
            counts.computeIfAbsent(Level.parse(rs.getString("level")), l -> new long[r.buckets])[i] +=
                rs.getLong("n");
          }
        }
      }
    }
    return new Histogram(r.start, bucket, r.buckets, counts);
  }

  List<ErrorTrend> errorTrends(ReadSession s, LogQuery filter, ErrorGroupQuery.Order order, int limit,
      Duration bucket) throws SQLException {
    Range r = Range.of(filter, bucket);
    Where w = Where.of(filter).and("error_signature IS NOT NULL");
    List<ErrorGroup> groups = new ErrorGroupReader(schema).read(s, w, order, limit);
    if (groups.isEmpty()) {
      return List.of();
    }
    // A group merged by template holds several signatures: each row counts for its group.
    Map<String, long[]> bySignature = new LinkedHashMap<>();
    List<long[]> counts = new ArrayList<>(groups.size());
    for (ErrorGroup g : groups) {
      long[] row = new long[r.buckets];
      counts.add(row);
      for (String signature : g.errorSignatures()) {
        bySignature.put(signature, row);
      }
    }
    Where sw = Where.of(filter).and("error_signature = ANY (?)");
    String sql = "SELECT error_signature, floor(extract(epoch FROM timestamp) * 1000 / ?)::bigint AS b,"
        + " count(*) AS n FROM " + schema.table() + sw.sql() + " GROUP BY 1, 2";
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setLong(1, r.bucketMillis);
      int next = sw.bind(ps, 2);
      ps.setArray(next, s.array("text", bySignature.keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = r.index(rs.getLong("b"));
          long[] row = bySignature.get(rs.getString("error_signature"));
          if (i >= 0 && row != null) {
            row[i] += rs.getLong("n");
          }
        }
      }
    }
    List<ErrorTrend> out = new ArrayList<>(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      out.add(new ErrorTrend(groups.get(g), r.start, bucket, counts.get(g)));
    }
    return out;
  }

  /** The millisecond time in a UUIDv7 id (as the core writes them), or null for other ids. */
  static Instant uuidV7Time(String id) {
    if (id == null || id.length() != 36 || id.charAt(14) != '7' || id.charAt(8) != '-' || id.charAt(13) != '-') {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A query's time range cut into whole buckets (aligned on the epoch). */
  private static final class Range {
    final Instant start;
    final long bucketMillis;
    final int buckets;
    final long firstIndex;

    private Range(Instant start, long bucketMillis, int buckets) {
      this.start = start;
      this.bucketMillis = bucketMillis;
      this.buckets = buckets;
      this.firstIndex = Math.floorDiv(start.toEpochMilli(), bucketMillis);
    }

    static Range of(LogQuery q, Duration bucket) {
      if (q.from() == null || q.to() == null) {
        throw new IllegalArgumentException("the query has no time range: set from and to to count per bucket");
      }
      long b = bucket.toMillis();
      if (b < 1) {
        throw new IllegalArgumentException("bucket is " + bucket + ": use at least 1 ms");
      }
      long first = Math.floorDiv(q.from().toEpochMilli(), b);
      long last = Math.floorDiv(q.to().toEpochMilli() - 1, b);
      long n = last - first + 1;
      if (n > 10_000) {
        throw new IllegalArgumentException(
            "bucket " + bucket + " cuts the range into " + n + " buckets: use a wider bucket (at most 10000)");
      }
      return new Range(Instant.ofEpochMilli(first * b), b, (int) n);
    }

    int index(long bucketNumber) {
      long i = bucketNumber - firstIndex;
      return i >= 0 && i < buckets ? (int) i : -1;
    }
  }
}
