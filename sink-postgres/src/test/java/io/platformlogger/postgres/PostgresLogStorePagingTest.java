package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paging over many weekly partitions, the DEFAULT partition (entries far in the past and future)
 * and ties on the timestamp at partition boundaries returns exactly what one unbounded query
 * returns, whether a full-text page is walked or read matches first; a query that runs past the
 * timeout fails with a clear error.
 */
@ExtendWith(TestDatabase.class)
class PostgresLogStorePagingTest {
  /** Midnight UTC: a grid of 12 h steps from it hits week (partition) starts. */
  private static final Instant TOP = Instant.now().truncatedTo(ChronoUnit.DAYS);
  private static String schema;
  private static PostgresLogStore store;

  @BeforeAll
  static void manyPartitions() throws Exception {
    List<LogEntry> all = new ArrayList<>();
    int n = 0;
    for (int step = -4; step < 2 * 200; step++) { // 2 days into the future to 200 days back
      Instant t = TOP.minus(Duration.ofHours(12L * step));
      int ties = step % 2 == 0 ? 3 : 1; // every midnight holds three entries with one timestamp
      for (int k = 0; k < ties; k++) {
        all.add(entry(t, n++));
      }
    }
    for (Instant far : List.of(TOP.minus(Duration.ofDays(600)), TOP.plus(Duration.ofDays(500)))) {
      for (int k = 0; k < 3; k++) {
        all.add(entry(far, n++)); // DEFAULT partition
      }
    }
    schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).partitionInterval(PartitionInterval.WEEK).build()) {
      sink.write(all);
    }
    try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute("ANALYZE " + schema + ".platform_logs");
    }
    store = PostgresLogStore.of(TestDatabase.dataSource(), schema);
  }

  private static LogEntry entry(Instant t, int n) {
    String words = "alpha" + (n % 37 == 0 ? " beta" : "") + (n % 5 == 0 ? " connection refused" : "")
        + (n % 7 == 0 ? " refused connection" : "");
    return LogEntry.builder().timestamp(t).level(n % 3 == 0 ? Level.ERROR : Level.INFO)
        .tenantId(n % 4 == 0 ? "t2" : "t1").message("entry " + n + " " + words).build();
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private static List<String> pagedIds(PostgresLogStore store, LogQuery q) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      LogPage p = store.query(q, cursor);
      assertThat(p.entries()).hasSizeLessThanOrEqualTo(q.pageSize());
      p.entries().forEach(e -> ids.add(e.id()));
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null && pages < 10_000);
    return ids;
  }

  private static List<String> unboundedIds(String where, String order) throws Exception {
    return TestDatabase.select(schema, "WHERE " + where + " ORDER BY " + order)
        .stream().map(LogEntry::id).collect(Collectors.toList());
  }

  private static void pagesMatchOneQuery(LogQuery.Builder q, String where) throws Exception {
    pagesMatchOneQuery(q, where, "timestamp DESC, id DESC");
  }

  private static void pagesMatchOneQuery(LogQuery.Builder q, String where, String order) throws Exception {
    List<String> expected = unboundedIds(where, order);
    assertThat(expected).isNotEmpty();
    // Each page either way: matches first through the GIN index, or a walk that fills the page (the
    // store's own walk of 5 000 entries does the one or the other, page by page).
    PostgresLogStore fenced = PostgresLogStore.of(TestDatabase.dataSource(), schema).walkAtMost(0);
    PostgresLogStore walked = PostgresLogStore.of(TestDatabase.dataSource(), schema).walkAtMost(Integer.MAX_VALUE);
    for (int size : new int[] {11, 50}) {
      assertThat(pagedIds(store, q.pageSize(size).build())).as("page size %d", size).containsExactlyElementsOf(expected);
    }
    assertThat(pagedIds(fenced, q.pageSize(50).build())).as("matches first").containsExactlyElementsOf(expected);
    assertThat(pagedIds(walked, q.pageSize(50).build())).as("walked").containsExactlyElementsOf(expected);
  }

  @Test
  void anAllTimeCommonWordPagesThroughEveryPartitionInTheOrderOfOneQuery() throws Exception {
    pagesMatchOneQuery(LogQuery.forTenant("t1").text("alpha"),
        "tenant_id = 't1' AND search @@ websearch_to_tsquery('english', 'alpha')");
  }

  @Test
  void anAllTimeRareWordAndAPhrasePageInTheOrderOfOneQuery() throws Exception {
    pagesMatchOneQuery(LogQuery.forTenant("t1").text("beta"),
        "tenant_id = 't1' AND search @@ websearch_to_tsquery('english', 'beta')");
    pagesMatchOneQuery(LogQuery.forTenant("t1").text("beta").oldestFirst(),
        "tenant_id = 't1' AND search @@ websearch_to_tsquery('english', 'beta')", "timestamp, id");
    pagesMatchOneQuery(LogQuery.forTenants(List.of("t1", "t2")).text("\"connection refused\""),
        "tenant_id IN ('t1', 't2') AND search @@ websearch_to_tsquery('english', '\"connection refused\"')");
  }

  @Test
  void aRareWordBesideCommonOnesPagesInTheOrderOfOneQueryAndIsTheOneLookedUp() throws Exception {
    pagesMatchOneQuery(LogQuery.allTenants().text("\"connection refused\" 140"),
        "search @@ websearch_to_tsquery('english', '\"connection refused\" 140')");
    // Entry numbers are in no most-common-elements list; 'connect' and 'refus' are in every fifth entry.
    String lexeme = ReadSession.run(TestDatabase.dataSource(), null,
        s -> IndexLexeme.pick(s, new Schema(schema), "\"connection refused\" 140"));
    assertThat(lexeme).isEqualTo("'140'");
    String common = ReadSession.run(TestDatabase.dataSource(), null,
        s -> IndexLexeme.pick(s, new Schema(schema), "\"connection refused\""));
    assertThat(common).isNull();
  }

  @Test
  void aLongRangeWithTextAndLevelPagesInTheOrderOfOneQuery() throws Exception {
    Instant from = TOP.minus(Duration.ofDays(90));
    Instant to = TOP.minus(Duration.ofDays(3));
    pagesMatchOneQuery(LogQuery.allTenants().text("refused").levels(Level.ERROR).from(from).to(to),
        "level = 'ERROR' AND search @@ websearch_to_tsquery('english', 'refused') AND timestamp >= '"
            + from + "' AND timestamp < '" + to + "'");
  }

  @Test
  void plainFiltersPageInTheOrderOfOneQuery() throws Exception {
    pagesMatchOneQuery(LogQuery.forTenant("t2"), "tenant_id = 't2'");
    pagesMatchOneQuery(LogQuery.forTenant("t1").levels(Level.ERROR), "tenant_id = 't1' AND level = 'ERROR'");
  }

  @Test
  void aQueryBlockedPastTheTimeoutFailsWithAQueryTimeoutAndTheStoreStillWorks() throws Exception {
    PostgresLogStore timed = PostgresLogStore.of(TestDatabase.dataSource(), schema).setQueryTimeout(Duration.ofMillis(200));
    try (Connection locker = TestDatabase.dataSource().getConnection(); Statement st = locker.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE " + schema + ".platform_logs IN ACCESS EXCLUSIVE MODE");
      assertThatThrownBy(() -> timed.query(LogQuery.forTenant("t1").text("alpha").build()))
          .isInstanceOf(QueryTimeoutException.class)
          .hasMessageContaining("query timeout of 200 ms")
          .satisfies(e -> assertThat(((QueryTimeoutException) e).getSQLState()).isEqualTo("57014"));
      locker.rollback();
    }
    timed.setQueryTimeout(Duration.ofMinutes(1)); // the pool's connection was given back usable
    assertThat(timed.query(LogQuery.forTenant("t1").text("alpha").build()).entries()).hasSize(100);
  }

  @Test
  void aTimeoutBelowOneMillisecondIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> store.setQueryTimeout(Duration.ZERO)).hasMessageContaining("queryTimeout");
  }
}
