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
 *
 * <p>Before either, a full-text query is probed: does its whole range hold at most {@value #FEW}
 * matches? Then all of them are read through the GIN index and sorted, in one statement whose
 * matches are fenced off in a {@code MATERIALIZED} CTE so that PostgreSQL cannot walk a time
 * index backwards instead. It would otherwise: it estimates a lexeme that is missing from the
 * {@code search} column's most-common-elements statistics at about the least common one's
 * frequency (thousands of rows in millions) and expects a backward walk to find a page soon, so a
 * word that matches a handful of rows among 10 M read the whole table newest first (seconds). The
 * probe counts the matches through the same fence and stops at {@value #FEW} + 1, so it is cheap
 * when matches are common (they come soon) and when they are rare (the GIN index finds them all).
 */
final class PageReader {
  /**
   * How far back from the top each slice ends; after the last, one query reads the rest. The
   * first slice goes up to the top, which includes entries stamped in the future. One slice only:
   * each slice of a partition repeats that partition's GIN lookup (the index has no time order), so
   * 1 d, 7 d, 31 d made a phrase with fewer matches than a page 2× slower at p95 (docs/postgres.md).
   */
  private static final Duration[] EDGES = {Duration.ofDays(1)};

  /**
   * At most this many matches are read and sorted whole (a few milliseconds when warm); more, and
   * the time order of an index finds the newest page sooner.
   */
  static final int FEW = 1000;

  private final Schema schema;
  /** False only for the benchmark's anchor: always one statement, as before slicing and probing. */
  private final boolean slices;
  /** {@link #FEW}, or another bound where tests and the benchmark compare the two ways. */
  private final int few;

  PageReader(Schema schema, boolean slices) {
    this(schema, slices, FEW);
  }

  PageReader(Schema schema, boolean slices, int few) {
    this.schema = schema;
    this.slices = slices;
    this.few = few;
  }

  /**
   * The next rows of {@code q} after {@code cursor} (null: from the start), at most page size + 1;
   * {@code now} anchors the slices.
   */
  List<LogEntry> read(ReadSession s, LogQuery q, Cursor cursor, Instant now) throws SQLException {
    int want = q.pageSize() + 1;
    if (slices && few > 0 && hasText(q) && atMostFew(s, base(q, cursor))) {
      return selectFenced(s, base(q, cursor), q, want);
    }
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
    return !q.oldestFirst() && hasText(q) && (q.from() == null || q.from().isBefore(top.minus(EDGES[0])));
  }

  private static boolean hasText(LogQuery q) {
    return q.text() != null && !q.text().isBlank();
  }

  /** Whether {@code w} matches at most {@link #few} rows, counted through the fence. */
  private boolean atMostFew(ReadSession s, Where w) throws SQLException {
    String sql = "WITH m AS MATERIALIZED (SELECT 1 FROM " + schema.table() + w.sql() + ")"
        + " SELECT count(*) FROM (SELECT 1 FROM m LIMIT ?) p";
    try (PreparedStatement ps = s.prepare(sql)) {
      ps.setLong(w.bind(ps, 1), few + 1L);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) <= few;
      }
    }
  }

  /** The first {@code limit} rows of {@code w} in the query's order, all matches read first. */
  private List<LogEntry> selectFenced(ReadSession s, Where w, LogQuery q, int limit) throws SQLException {
    return rows(s, "WITH m AS MATERIALIZED (SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql()
        + ") SELECT * FROM m" + order(q) + " LIMIT ?", w, limit);
  }

  private static Where base(LogQuery q, Cursor cursor) {
    Where w = Where.of(q);
    if (cursor != null) {
      w.and("(timestamp, id) " + (q.oldestFirst() ? ">" : "<") + " (?, ?)", Where.at(cursor.timestamp()), cursor.id());
    }
    return w;
  }

  private List<LogEntry> select(ReadSession s, Where w, LogQuery q, int limit) throws SQLException {
    return rows(s, "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + w.sql() + order(q) + " LIMIT ?", w, limit);
  }

  static String order(LogQuery q) {
    return q.oldestFirst() ? " ORDER BY timestamp, id" : " ORDER BY timestamp DESC, id DESC";
  }

  private static List<LogEntry> rows(ReadSession s, String sql, Where w, int limit) throws SQLException {
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
