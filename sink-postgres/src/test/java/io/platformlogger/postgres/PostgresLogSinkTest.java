package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresLogSinkTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static LogEntry entry(Instant at, String message) {
    return LogEntry.builder().timestamp(at).level(Level.INFO).message(message).service("svc").build();
  }

  private static List<String> partitions(String schema) throws Exception {
    List<String> names = new ArrayList<>();
    try (var c = TestDatabase.dataSource().getConnection();
        var ps = c.prepareStatement(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND i.inhparent = (?)::regclass ORDER BY 1")) {
      ps.setString(1, schema);
      ps.setString(2, schema + ".platform_logs");
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static long rowsIn(String schema, String relation) throws Exception {
    return TestDatabase.count("SELECT count(*) FROM ONLY " + schema + "." + relation);
  }

  @Test
  void createsItsSchemaOnceAndRecordsTheVersion() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink first = TestDatabase.sink(schema).build();
        PostgresLogSink second = TestDatabase.sink(schema).build()) {
      first.write(List.of(entry(Instant.now(), "one")));
      second.write(List.of(entry(Instant.now(), "two")));
    }
    assertThat(TestDatabase.count("SELECT count(*) FROM " + schema + ".platform_logger_migrations"))
        .isEqualTo(Migrations.CURRENT);
    assertThat(TestDatabase.stored(schema)).extracting(LogEntry::message).containsExactly("one", "two");
  }

  @Test
  void indexesATenantsEntriesWithAnErrorSignatureForErrorGroups() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of(entry(Instant.now(), "one")));
    }
    assertThat(TestDatabase.count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
            + "' AND tablename = 'platform_logs' AND indexname = 'platform_logs_tenant_errors_ts'"
            + " AND indexdef LIKE '%(tenant_id, \"timestamp\") WHERE (error_signature IS NOT NULL)'"))
        .isEqualTo(1);
  }

  @Test
  void createsTheCurrentPartitionAndThreeAheadWithADefault() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      sink.write(List.of(entry(NOW, "now")));
    }
    assertThat(partitions(schema))
        .containsExactly(
            "platform_logs_default", "platform_logs_p20261101", "platform_logs_p20261201",
            "platform_logs_p20270101", "platform_logs_p20270201");
    assertThat(rowsIn(schema, "platform_logs_p20261101")).isEqualTo(1);
  }

  @Test
  void createsAPartitionOnDemandForAnEntryOutsideThoseAhead() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .maxFutureSkew(java.time.Duration.ofDays(365)).build()) {
      sink.write(List.of(entry(Instant.parse("2026-05-17T08:00:00Z"), "back-dated"),
          entry(Instant.parse("2027-06-01T00:00:00Z"), "ahead")));
    }
    assertThat(partitions(schema)).contains("platform_logs_p20260501", "platform_logs_p20270601");
    assertThat(rowsIn(schema, "platform_logs_p20260501")).isEqualTo(1);
    assertThat(rowsIn(schema, "platform_logs_p20270601")).isEqualTo(1);
    assertThat(rowsIn(schema, "platform_logs_default")).isZero();
  }

  @Test
  void keepsEntriesFromTheFarPastInTheDefaultPartition() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      sink.write(List.of(entry(Instant.EPOCH, "clock reset")));
    }
    assertThat(rowsIn(schema, "platform_logs_default")).isEqualTo(1);
    assertThat(partitions(schema)).noneMatch(p -> p.startsWith("platform_logs_p1970"));
  }

  @Test
  void anEntryDatedFarInTheFutureIsStoredADayAheadMarkedWithItsOwnTimestampKeptAndARetryFindsIt()
      throws Exception {
    String schema = TestDatabase.newSchema();
    Instant clockNow = NOW.plusSeconds(25 * 60); // 12:25: the clamp is the hour plus a day
    LogEntry forged = entry(Instant.parse("2099-01-01T00:00:00Z"), "far future");
    LogEntry skewed = entry(NOW.plus(java.time.Duration.ofDays(3)), "three days ahead");
    LogEntry fine = entry(NOW.plus(java.time.Duration.ofHours(20)), "within a day");
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(Clock.fixed(clockNow, ZoneOffset.UTC)).build()) {
      sink.write(List.of(forged, skewed, fine));
      sink.write(List.of(forged, skewed, fine)); // a retry of a batch whose acknowledgement was lost
    }
    List<LogEntry> stored = TestDatabase.stored(schema);
    assertThat(stored).hasSize(3);
    Instant bound = Instant.parse("2026-12-01T12:00:00Z");
    for (LogEntry original : List.of(forged, skewed)) {
      LogEntry e = stored.stream().filter(s -> s.id().equals(original.id())).findFirst().orElseThrow();
      assertThat(e.timestamp()).isEqualTo(bound);
      assertThat(e.data()).containsEntry("original_timestamp", original.timestamp().toString());
      assertThat(e.sanitized()).containsExactly("timestamp_clamped");
    }
    LogEntry kept = stored.stream().filter(s -> s.id().equals(fine.id())).findFirst().orElseThrow();
    assertThat(kept.timestamp()).isEqualTo(fine.timestamp());
    assertThat(kept.sanitized()).isEmpty();
    assertThat(rowsIn(schema, "platform_logs_default")).isZero();
    assertThat(partitions(schema)).noneMatch(p -> p.startsWith("platform_logs_p2099"));
  }

  @Test
  void keepsWritingWhenTheDefaultPartitionAlreadyHoldsRowsOfANewPartitionsRange() throws Exception {
    String schema = TestDatabase.newSchema();
    Instant old = Instant.parse("2025-12-10T00:00:00Z"); // beyond 400 days only for a clock in 2027
    Clock later = Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC);
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(later).build()) {
      sink.write(List.of(entry(old, "to default")));
    }
    assertThat(rowsIn(schema, "platform_logs_default")).isEqualTo(1);
    try (PostgresLogSink sink = TestDatabase.sink(schema).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      sink.write(List.of(entry(old.plusSeconds(60), "same month, now within the window")));
    }
    assertThat(TestDatabase.stored(schema)).hasSize(2);
  }

  @Test
  void makesWeeklyPartitionsStartingOnMonday() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).partitionInterval(PartitionInterval.WEEK)
        .partitionsAhead(1).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      sink.write(List.of(entry(NOW, "monday week")));
    }
    // 2026-11-30 is a Monday.
    assertThat(partitions(schema)).containsExactly(
        "platform_logs_default", "platform_logs_p20261130", "platform_logs_p20261207");
    assertThat(LocalDate.of(2026, 11, 30).getDayOfWeek()).hasToString("MONDAY");
  }

  @Test
  void storesAPartlyStoredBatchOnceWhenItIsRetried() throws Exception {
    String schema = TestDatabase.newSchema();
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<LogEntry> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(entry(t.plusMillis(i), "entry " + i));
    }
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(batch.subList(0, 7)); // as if the first attempt committed only these
      sink.write(batch);
      sink.write(batch);
    }
    assertThat(TestDatabase.stored(schema)).containsExactlyElementsOf(batch);
  }

  @Test
  void replacesNulAndUnpairedSurrogatesInEveryFieldWithAMarkerAndKeepsTheRest() throws Exception {
    String schema = TestDatabase.newSchema();
    LogEntry bad = LogEntry.builder()
        .timestamp(Instant.now()).level(Level.WARN)
        .message("before\u0000after")
        .tenantId("t\u00001")
        .errorStack("at x\uD800y")
        .data(Map.of("k\u0000ey", "v\u0000alue", "ok", "fine"))
        .build();
    LogEntry good = entry(Instant.now(), "untouched");
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of(bad, good));
    }
    List<LogEntry> stored = TestDatabase.stored(schema);
    assertThat(stored).hasSize(2);
    LogEntry s = stored.get(0);
    assertThat(s.message()).isEqualTo("before\uFFFDafter");
    assertThat(s.tenantId()).isEqualTo("t\uFFFD1");
    assertThat(s.errorStack()).isEqualTo("at x\uFFFDy");
    assertThat(s.data()).containsEntry("k\uFFFDey", "v\uFFFDalue").containsEntry("ok", "fine");
    assertThat(s.sanitized()).contains(
        "message_nul_replaced", "tenant_id_nul_replaced", "error_stack_invalid_surrogate_replaced",
        "key_nul_replaced", "value_nul_replaced");
    assertThat(stored.get(1)).isEqualTo(good.toBuilder().timestamp(good.timestamp().truncatedTo(ChronoUnit.MICROS)).build());
  }

  @Test
  void indexesOnlyTheStartOfAHugeMessageSoItsInsertNeverFails() throws Exception {
    String schema = TestDatabase.newSchema();
    StringBuilder words = new StringBuilder();
    for (int i = 0; words.length() < 2_000_000; i++) {
      words.append("w").append(Integer.toString(i, 36)).append(' ');
    }
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(List.of(entry(Instant.now(), words.toString())));
    }
    assertThat(TestDatabase.stored(schema).get(0).message()).isEqualTo(words.toString());
    assertThat(TestDatabase.count("SELECT count(*) FROM " + schema
        + ".platform_logs WHERE search @@ websearch_to_tsquery('english', 'w1')")).isEqualTo(1);
  }

  @Test
  void reportsAnEntryThePostgresServerCannotHoldAsPermanentSoThePipelineIsolatesIt() throws Exception {
    String schema = TestDatabase.newSchema();
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      Throwable t = catchThrowable(() -> sink.write(List.of(
          entry(Instant.now(), "fine"), entry(Instant.parse("-300000-01-01T00:00:00Z"), "before timestamptz"))));
      assertThat(t).isInstanceOf(LogSinkException.class);
      assertThat(((LogSinkException) t).isRetryable()).isFalse();
      sink.write(List.of(entry(Instant.now(), "fine")));
    }
    assertThat(TestDatabase.stored(schema)).extracting(LogEntry::message).containsExactly("fine");
  }

  @Test
  void connectsOnlyOnTheFirstWriteAndReportsAnUnreachableServerAsRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresLogSink sink = PostgresLogSink.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/none")
        .connectionTimeout(Duration.ofMillis(300))
        .build();
    try {
      Throwable t = catchThrowable(() -> sink.write(List.of(entry(Instant.now(), "x"))));
      assertThat(t).isInstanceOf(LogSinkException.class);
      assertThat(((LogSinkException) t).isRetryable()).isTrue();
    } finally {
      sink.close();
    }
  }

  @Test
  void rejectsBadSettingsNamingThemAndWhatToChange() {
    assertThatThrownBy(() -> PostgresLogSink.builder().build())
        .hasMessageContaining("jdbcUrl is missing");
    assertThatThrownBy(() -> PostgresLogSink.builder().jdbcUrl("jdbc:mysql://x/y").build())
        .hasMessageContaining("must start with jdbc:postgresql:");
    assertThatThrownBy(() -> PostgresLogSink.builder().jdbcUrl("jdbc:postgresql://x/y").schema("logs; DROP TABLE x").build())
        .hasMessageStartingWith("schema is 'logs; DROP TABLE x'").hasMessageContaining("lower-case PostgreSQL identifier");
    assertThatThrownBy(() -> PostgresLogSink.builder().jdbcUrl("jdbc:postgresql://x/y").maxBatchSize(0).build())
        .hasMessageContaining("maxBatchSize is 0");
  }

  @Test
  void aBuilderChangedAfterBuildChangesNothingInTheSinkItBuilt() throws Exception {
    PostgresLogSink.Builder b = PostgresLogSink.builder().jdbcUrl("jdbc:postgresql://x/y").maxBatchSize(100);
    PostgresLogSink sink = b.build();
    b.maxBatchSize(7).schema("other");
    assertThat(sink.maxBatchSize()).isEqualTo(100);
    assertThat(sink.schema()).isEqualTo("public");
    assertThat(b.build().maxBatchSize()).isEqualTo(7);
    sink.close();
  }

  @Test
  void keepsItsClientLibrariesLoggingAwayFromSinks() {
    PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl("jdbc:postgresql://x/y").build();
    assertThat(sink.ownLoggerPrefixes()).contains("com.zaxxer.hikari", "org.postgresql");
    assertThat(sink.idempotent()).isTrue();
  }
}
