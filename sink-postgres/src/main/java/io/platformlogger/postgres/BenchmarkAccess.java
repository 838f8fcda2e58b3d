package io.platformlogger.postgres;

import io.platformlogger.core.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API: what {@code benchmarks/postgres} needs of the sink's insides to measure it against its
 * anchors — the sink's own COPY encoding (so the raw-COPY baseline loads byte-for-byte the rows the
 * sink loads), the column list, the full-text walk and the read path before issue 23. Public only
 * so that the benchmark need not put classes into this package (a split package); it may change or
 * go in any release, like core's {@code core.internal.EntryBuilds} (docs/api-boundary.md).
 * Stateless; any thread.
 */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  /** The batch as COPY text rows in the table's column order. */
  public static byte[] copyRows(List<LogEntry> batch) {
    List<LogEntry> rows = new ArrayList<>(batch.size());
    for (LogEntry e : batch) {
      rows.add(CopyRows.storable(e));
    }
    return CopyRows.encode(rows);
  }

  /** How many entries a full-text page walks before it reads the matches first. */
  public static int walk() {
    return PageReader.WALK;
  }

  /** The column list of COPY and INSERT statements. */
  public static String columns() {
    return Schema.COLUMN_LIST;
  }

  /**
   * The first page of {@code query} read as before issue 23: one statement over the whole
   * range (the anchor of the all-time search figures). No timeout of the store's.
   */
  public static int singleStatementPage(javax.sql.DataSource ds, String schema, LogQuery query)
      throws java.sql.SQLException {
    return ReadSession.run(ds, null, s -> new PageReader(new Schema(schema), false)
        .read(s, query, null).size());
  }
}
