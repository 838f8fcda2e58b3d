package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of one page of a {@link LogQuery}: up to page size + 1 entries after the cursor,
 * in the query's order. Stateless and thread-safe.
 *
 * <p>A full-text page is read in at most two statements, whatever the time range:
 *
 * <ol>
 *   <li><b>Walk</b>: the newest (oldest, for oldest first) {@value #WALK} entries that pass the other
 *       filters and the cursor, in the query's order through the index that serves those filters,
 *       and among them the matches of the text, up to what the page needs. The walk stops as soon
 *       as the page is full, so a common word or phrase costs a few hundred rows, not every match
 *       of the range.
 *   <li><b>Matches first</b>, only when the walk came back short (fewer than one match per
 *       {@value #WALK} / page size entries): every match of the range through the GIN index,
 *       fenced off in a {@code MATERIALIZED} CTE, then sorted for the page; the index looks up only
 *       the rarest lexeme every match must contain ({@link IndexLexeme}). Without the fence
 *       PostgreSQL walks a time index backwards here too: it estimates a lexeme that is missing
 *       from the {@code search} column's most-common-elements statistics at about half the least
 *       common one's frequency (thousands of rows per million, whatever the real count), so a word
 *       that matches a handful of rows among 10 M read the whole table newest first (seconds).
 * </ol>
 *
 * Either statement returns exactly the rows the single statement returns (the walk's rows are the
 * first matches in the query's order when the page is full; the second is the single statement's
 * result computed another way), so pages, cursors and ties are unchanged. Queries without text run
 * as one statement: their indexes deliver rows in order.
 */
final class PageReader {
  /**
   * How many entries the walk looks at before reading the matches first. A common word (one
   * entry in 50 or more) fills a page of 50 within it; rarer text makes the GIN index cheap.
   */
  static final int WALK = 5_000;

  private final Schema schema;
  /** False only for the benchmark's anchor: always one statement, as before. */
  private final boolean planned;
  /** {@link #WALK}, or another bound where tests and the benchmark compare the two ways. */
  private final int walk;

  PageReader(Schema schema, boolean planned) {
    this(schema, planned, WALK);
  }

  PageReader(Schema schema, boolean planned, int walk) {
    this.schema = schema;
    this.planned = planned;
    this.walk = walk;
  }

  /** The next rows of {@code q} after {@code cursor} (null: from the start), at most page size + 1. */
  List<LogEntry> read(ReadSession s, LogQuery q, Cursor cursor) throws SQLException {
    int want = q.pageSize() + 1;
    Where all = where(q, cursor, true);
    if (!planned || !hasText(q)) {
      return rows(s, "SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + all.sql() + order(q) + " LIMIT ?",
          want, all);
    }
    if (walk > 0) {
      // The text is tested after the walk's LIMIT, so that no plan can look at more than `walk` entries.
      Where filters = where(q, cursor, false);
      Where text = new Where().and(Where.TEXT, q.text());
      List<LogEntry> walked = rows(s, "SELECT " + Schema.SELECT_LIST + " FROM (SELECT * FROM " + schema.table()
          + filters.sql() + order(q) + " LIMIT " + walk + ") w" + text.sql() + order(q) + " LIMIT ?", want, filters, text);
      if (walked.size() == want) {
        return walked;
      }
    }
    String lexeme = IndexLexeme.pick(s, schema, q.text());
    Where matches = all;
    if (lexeme != null) {
      // The index looks up the rarest required lexeme; the whole query is tested on what it finds,
      // written so that PostgreSQL does not hand it to the index as well.
      matches = where(q, cursor, false).and("search @@ ?::tsquery", lexeme).and("(" + Where.TEXT + ") IS TRUE", q.text());
    }
    return rows(s, "WITH m AS MATERIALIZED (SELECT " + Schema.SELECT_LIST + " FROM " + schema.table() + matches.sql()
        + ") SELECT * FROM m" + order(q) + " LIMIT ?", want, matches);
  }

  private static boolean hasText(LogQuery q) {
    return q.text() != null && !q.text().isBlank();
  }

  private static Where where(LogQuery q, Cursor cursor, boolean withText) {
    Where w = withText ? Where.of(q) : Where.filters(q);
    if (cursor != null) {
      w.and("(timestamp, id) " + (q.oldestFirst() ? ">" : "<") + " (?, ?)", Where.at(cursor.timestamp()), cursor.id());
    }
    return w;
  }

  static String order(LogQuery q) {
    return q.oldestFirst() ? " ORDER BY timestamp, id" : " ORDER BY timestamp DESC, id DESC";
  }

  /** The rows of {@code sql}, whose parameters are those of {@code parts} in turn, then the limit. */
  private static List<LogEntry> rows(ReadSession s, String sql, int limit, Where... parts) throws SQLException {
    List<LogEntry> rows = new ArrayList<>(limit);
    try (PreparedStatement ps = s.prepare(sql)) {
      int next = 1;
      for (Where w : parts) {
        next = w.bind(ps, next);
      }
      ps.setInt(next, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(EntryRows.read(rs));
        }
      }
    }
    return rows;
  }
}
