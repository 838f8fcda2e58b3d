package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of one page of a {@link LogQuery}: up to page size + 1 entries after the cursor,
 * in the query's order. Stateless and thread-safe.
 *
 * <p>A newest-first full-text query over a long range is read in time slices, newest first, each
 * slice with the same filters, order and cursor condition and a LIMIT of what the page still
 * lacks, stopping as soon as the page is full. Without it PostgreSQL takes every match of the
 * whole range from the GIN index, rechecks each against its row (a phrase always needs that) and
 * sorts them to keep the newest few: all-time searches for common words cost as much as the
 * table is large. Slices are disjoint and ordered, so the concatenated rows are exactly the rows
 * the single query returns, ties on the timestamp included (a slice holds every entry of a
 * timestamp it covers). Structured filters and recent ranges keep the single query: their indexes
 * already deliver rows newest first.
 */
final class PageReader {
  /**
   * How far back from the top each slice ends; after the last, one query reads the rest. The
   * first slice goes up to the top, which includes entries stamped in the future. One slice only:
   * each slice of a partition repeats that partition's GIN lookup (the index has no time order), so
   * 1 d, 7 d, 31 d made a phrase with fewer matches than a page 2× slower at p95 (docs/postgres.md).
   */
  private static final Duration[] EDGES = {Duration.ofDays(1)};

  private final Schema schema;
  /** False only for the benchmark's anchor: always one statement, as before slicing. */
  private final boolean slices;

  PageReader(Schema schema, boolean slices) {
    this.schema = schema;
    this.slices = slices;
  }

  /**
   * The next rows of {@code q} after {@code cursor} (null: from the start), at most page size + 1;
   * {@code now} anchors the slices.
   */
  List<LogEntry> read(ReadSession s, LogQuery q, Cursor cursor, Instant now) throws SQLException {
    int want = q.pageSize() + 1;
    Instant top = top(q, cursor, now);
    if (!slices || !sliced(q, top)) {
      return select(s, base(q, cursor), q, want);
    }
    List<LogEntry> rows = new ArrayList<>(want);
    Instant upper = null; // exclusive upper edge of the current slice; null: none beyond the query's own
    for (int i = 0; i <= EDGES.length && rows.size() < want; i++) {
      Where w = base(q, cursor);
      Instant lower = i < EDGES.length ? top.minus(EDGES[i]) : null;
      if (lower != null) {
        w.and("timestamp >= ?", Where.at(lower));
      }
      if (upper != null) {
        w.and("timestamp < ?", Where.at(upper));
      }
      rows.addAll(select(s, w, q, want - rows.size()));
      if (lower == null || (q.from() != null && !q.from().isBefore(lower))) {
        break; // nothing older matches
      }
      upper = lower;
    }
    return rows;
  }

  /** The newest time the page can start at: now, or the query's end or the cursor when earlier. */
  private static Instant top(LogQuery q, Cursor cursor, Instant now) {
    Instant top = now;
    if (q.to() != null && q.to().isBefore(top)) {
      top = q.to();
    }
    if (cursor != null && cursor.timestamp().isBefore(top)) {
      top = cursor.timestamp();
    }
    return top;
  }

  private static boolean sliced(LogQuery q, Instant top) {
    return !q.oldestFirst()
        && q.text() != null && !q.text().isBlank()
        && (q.from() == null || q.from().isBefore(top.minus(EDGES[0])));
  }

  private static Where base(LogQuery q, Cursor cursor) {
    Where w = Where.of(q);
    if (cursor != null) {
      w.and("(timestamp, id) " + (q.oldestFirst() ? ">" : "<") + " (?, ?)", Where.at(cursor.timestamp()), cursor.id());
    }
    return w;
  }

  private List<LogEntry> select(ReadSession s, Where w, LogQuery q, int limit) throws SQLException {
    String sql = "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql()
        + (q.oldestFirst() ? " ORDER BY timestamp, id" : " ORDER BY timestamp DESC, id DESC") + " LIMIT ?";
    List<LogEntry> rows = new ArrayList<>(limit);
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setInt(w.bind(ps, 1), limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(EntryRows.read(rs));
        }
      }
    }
    return rows;
  }
}
