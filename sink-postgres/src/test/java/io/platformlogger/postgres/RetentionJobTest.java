package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class RetentionJobTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private static LogEntry aged(Level level, Duration age, String message) {
    return LogEntry.builder().timestamp(NOW.minus(age)).level(level).message(message).build();
  }

  private static String writeBackDated() throws Exception {
    String schema = TestDatabase.newSchema();
    List<LogEntry> entries = new ArrayList<>(List.of(
        aged(Level.ERROR, Duration.ofDays(40), "error 40d"),
        aged(Level.ERROR, Duration.ofDays(20), "error 20d"),
        aged(Level.WARN, Duration.ofDays(20), "warn 20d"),
        aged(Level.WARN, Duration.ofDays(10), "warn 10d"),
        aged(Level.INFO, Duration.ofDays(10), "info 10d"),
        aged(Level.INFO, Duration.ofDays(3), "info 3d"),
        aged(Level.DEBUG, Duration.ofDays(2), "debug 2d"),
        aged(Level.DEBUG, Duration.ofHours(1), "debug 1h"),
        aged(Level.TRACE, Duration.ofDays(2), "trace 2d"),
        aged(Level.ERROR, Duration.ofDays(150), "error 150d, its partition dropped whole")));
    for (int i = 0; i < 5; i++) {
      entries.add(aged(Level.INFO, Duration.ofDays(8).plusMinutes(i), "info 8d #" + i));
    }
    try (PostgresLogSink sink = TestDatabase.sink(schema).build()) {
      sink.write(entries);
    }
    return schema;
  }

  private static List<String> remaining(String schema) throws Exception {
    List<String> out = new ArrayList<>();
    for (LogEntry e : TestDatabase.select(schema, "ORDER BY timestamp")) {
      out.add(e.message());
    }
    return out;
  }

  @Test
  void deletesExpiredEntriesPerLevelInBoundedBatchesAndDropsOldPartitions() throws Exception {
    String schema = writeBackDated();
    String oldPartition = Partitions.name(PartitionInterval.MONTH.start(NOW.minus(Duration.ofDays(150))));
    try (PostgresLogStore store = PostgresLogStore.of(TestDatabase.dataSource(), schema)) {
      RetentionResult r = store.retentionJob(RetentionPolicy.builder().deleteBatchSize(2).build()).runOnce();
      assertThat(r.droppedPartitions()).contains(oldPartition).doesNotContain("platform_logs_default");
      assertThat(r.deletedRows()).isEqualTo(10);
      assertThat(remaining(schema)).containsExactly("error 20d", "warn 10d", "info 3d", "debug 1h");
      RetentionResult again = store.retentionJob(RetentionPolicy.defaults()).runOnce();
      assertThat(again.deletedRows()).isZero();
      assertThat(again.droppedPartitions()).isEmpty();
    }
  }

  @Test
  void keepsEachLevelAsLongAsConfigured() throws Exception {
    String schema = writeBackDated();
    RetentionPolicy policy = RetentionPolicy.builder()
        .keep(Level.ERROR, Duration.ofDays(365)).keep(Level.INFO, Duration.ofDays(9))
        .dropPartitionsOlderThan(Duration.ofDays(400)).build();
    try (PostgresLogStore store = PostgresLogStore.of(TestDatabase.dataSource(), schema)) {
      store.retentionJob(policy).runOnce();
    }
    assertThat(remaining(schema)).containsExactly(
        "error 150d, its partition dropped whole", "error 40d", "error 20d", "warn 10d",
        "info 8d #4", "info 8d #3", "info 8d #2", "info 8d #1", "info 8d #0", "info 3d", "debug 1h");
  }

  @Test
  void runsOnItsOwnDailyScheduleUntilClosed() throws Exception {
    String schema = writeBackDated();
    try (PostgresLogStore store = PostgresLogStore.of(TestDatabase.dataSource(), schema);
        RetentionJob job = store.retentionJob(RetentionPolicy.defaults()).scheduleDaily()) {
      Await.until("the first scheduled run has finished", () -> job.lastResult() != null || job.lastFailure() != null);
      assertThat(job.lastFailure()).isNull();
      assertThat(job.lastResult().deletedRows()).isEqualTo(10);
    }
    assertThat(remaining(schema)).containsExactly("error 20d", "warn 10d", "info 3d", "debug 1h");
  }

  @Test
  void rejectsAPolicyThatCannotWorkNamingTheSetting() {
    assertThatThrownBy(() -> RetentionPolicy.builder().keep(Level.INFO, Duration.ZERO).build())
        .hasMessageContaining("keep(INFO) is PT0S");
    assertThatThrownBy(() -> RetentionPolicy.builder().deleteBatchSize(0).build())
        .hasMessageContaining("deleteBatchSize is 0");
    assertThatThrownBy(() -> RetentionPolicy.builder().dropPartitionsOlderThan(Duration.ofDays(-1)).build())
        .hasMessageContaining("dropPartitionsOlderThan");
  }

  @Test
  void refusesAPartitionAgeThatWouldDropALevelBeforeItsRetentionEnds() {
    assertThatThrownBy(() -> RetentionPolicy.builder().keep(Level.ERROR, Duration.ofDays(120)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keep(ERROR) is PT2880H but dropPartitionsOlderThan is PT2160H")
        .hasMessageContaining("30 days before their retention ends")
        .hasMessageContaining("set dropPartitionsOlderThan to at least PT2880H");
    assertThatThrownBy(() -> RetentionPolicy.builder().dropPartitionsOlderThan(Duration.ofDays(10)).build())
        .hasMessageContaining("keep(ERROR) is PT720H but dropPartitionsOlderThan is PT240H");
    assertThat(RetentionPolicy.builder().keep(Level.ERROR, Duration.ofDays(90)).build().keep(Level.ERROR))
        .as("as long as the partitions: accepted").isEqualTo(Duration.ofDays(90));
  }
}
