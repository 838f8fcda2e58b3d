package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read of the store runs under its query timeout: each one, held up by a lock another
 * transaction keeps on the table, is cancelled by PostgreSQL after the timeout with a {@link
 * QueryTimeoutException}, and the store works again once the lock is gone.
 */
@ExtendWith(TestDatabase.class)
class QueryTimeoutTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static String schema;
  /** A pool of one connection: the read after a cancelled one gets the same connection back. */
  private static com.zaxxer.hikari.HikariDataSource pool;
  private static PostgresLogStore store;
  /** The same table with time to spare: what the reads return when nothing holds them up. */
  private static PostgresLogStore relaxed;
  private static String someId;

  /** One read of the store's public API, as the CLI or the service would call it. */
  interface Read {
    Object run(PostgresLogStore s) throws Exception;
  }

  @BeforeAll
  static void entries() throws Exception {
    List<LogEntry> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LogEntry.Builder b = LogEntry.builder().timestamp(NOW.minusSeconds(60L * i)).tenantId("t1")
          .service("checkout").instanceId("pod-1").traceId("trace-" + (i % 3))
          .level(i % 4 == 0 ? Level.ERROR : Level.INFO).message("payment " + i + " refused by gateway");
      if (i % 4 == 0) {
        b.errorType("java.net.ConnectException").errorSignature("sig" + (i % 8))
            .errorStack("java.net.ConnectException: refused\n\tat com.acme.Pay.call(Pay.java:10)");
      }
      all.add(b.build());
    }
    someId = all.get(7).id();
    schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(all);
    }
    pool = new com.zaxxer.hikari.HikariDataSource();
    pool.setDataSource(TestDatabase.dataSource());
    pool.setMaximumPoolSize(1);
    store = PostgresLogStore.of(pool, schema).setQueryTimeout(TIMEOUT);
    relaxed = PostgresLogStore.of(TestDatabase.dataSource(), schema).setQueryTimeout(Duration.ofMinutes(1));
  }

  @AfterAll
  static void closeStore() {
    store.close();
    relaxed.close();
    pool.close();
  }

  static Stream<Named<Read>> reads() {
    LogQuery day = LogQuery.forTenant("t1").from(NOW.minus(Duration.ofDays(1))).to(NOW.plusSeconds(1)).build();
    return Stream.of(
        Named.of("query", s -> s.query(LogQuery.forTenant("t1").text("payment").build())),
        Named.of("find", s -> s.find(LogQuery.forTenant("t1").build(), someId)),
        Named.of("context", s -> s.context(LogQuery.forTenant("t1").build(), someId, 5, 5, ContextScope.INSTANCE)),
        Named.of("histogram", s -> s.histogram(day, Duration.ofHours(1))),
        Named.of("errorGroups", s -> s.errorGroups(ErrorGroupQuery.forTenant("t1").build())),
        Named.of("errorTrends", s -> s.errorTrends(day, ErrorGroupQuery.Order.COUNT, 10, Duration.ofHours(1))),
        Named.of("patterns", s -> s.patterns(PatternQuery.of(LogQuery.forTenant("t1").build()).build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void aReadHeldUpPastTheTimeoutIsCancelledWithAQueryTimeoutAndTheNextOneWorks(Read read) throws Exception {
    Object before = read.run(relaxed);
    try (Connection locker = TestDatabase.dataSource().getConnection(); Statement st = locker.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE " + schema + ".platform_logs IN ACCESS EXCLUSIVE MODE"); // the read waits for it
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> read.run(store))
          .isInstanceOf(QueryTimeoutException.class)
          .hasMessageContaining("query timeout of 200 ms")
          .satisfies(e -> assertThat(((QueryTimeoutException) e).timeout()).isEqualTo(TIMEOUT))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      // Not a speed claim: the lock is held until after this line, so only the timeout ended the read.
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(TIMEOUT);
      locker.rollback();
    }
    // The cancelled transaction was rolled back and its connection handed back usable.
    store.setQueryTimeout(Duration.ofMinutes(1));
    try {
      assertThat(read.run(store)).usingRecursiveComparison().isEqualTo(before);
    } finally {
      store.setQueryTimeout(TIMEOUT);
    }
  }

  @Test
  void anExportHasItsOwnTimeoutAndReportsItAsAQueryTimeout() throws Exception {
    try (Connection locker = TestDatabase.dataSource().getConnection(); Statement st = locker.createStatement()) {
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE " + schema + ".platform_logs IN ACCESS EXCLUSIVE MODE");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> store.export(LogQuery.forTenant("t1").build(), ExportFormat.JSON_LINES, out, 100,
              Duration.ofMillis(150)))
          .isInstanceOf(QueryTimeoutException.class)
          .hasMessageContaining("query timeout of 150 ms");
      assertThat(out.size()).isZero();
      locker.rollback();
    }
  }

  @Test
  void theTimeoutCoversAllStatementsOfOneReadTogether() throws Exception {
    // Three statements of 350 ms each: every one fits a 600 ms timeout, together they do not.
    List<Integer> done = new ArrayList<>();
    assertThatThrownBy(() -> ReadSession.run(TestDatabase.dataSource(), Duration.ofMillis(600), s -> {
      for (int i = 0; i < 3; i++) {
        try (java.sql.PreparedStatement ps = s.prepare("SELECT pg_sleep(0.35)")) {
          ps.execute();
        }
        done.add(i);
      }
      return null;
    })).isInstanceOf(QueryTimeoutException.class);
    assertThat(done).containsExactly(0);
  }
}
