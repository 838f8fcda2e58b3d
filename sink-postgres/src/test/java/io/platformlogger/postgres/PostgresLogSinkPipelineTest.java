package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink behind the real pipeline: client-library logs kept out, a server restart survived. */
@ExtendWith(TestDatabase.class)
class PostgresLogSinkPipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final ByteArrayOutputStream fallback = new ByteArrayOutputStream();

  private LogPipeline pipeline(PostgresLogSink sink) {
    return LogPipeline.builder()
        .config(PlatformLoggerConfig.builder()
            .service("pipeline-test")
            .consoleEnabled(false)
            .shutdownHook(false)
            .retryInitialBackoff(Duration.ofMillis(20))
            .retryMaxBackoff(Duration.ofMillis(500))
            .build())
        .configuredSinks(false)
        .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
        .sink(sink)
        .build();
  }


  @Test
  void isCreatedFromPropertiesAloneThroughTheSinksKey() throws Exception {
    String schema = TestDatabase.newSchema();
    PlatformLoggerConfig config = PlatformLoggerConfig.builder()
        .service("configured")
        .consoleEnabled(false)
        .shutdownHook(false)
        .sink("postgres")
        .sinkProperty("postgres", "url", TestDatabase.url())
        .sinkProperty("postgres", "schema", schema)
        .build();
    try (LogPipeline p = LogPipeline.builder().config(config)
        .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8)).build()) {
      p.submit(p.capture(Level.INFO, "com.acme.App").message("configured by properties"));
      assertThat(p.flush(WAIT)).isTrue();
    }
    assertThat(TestDatabase.stored(schema)).singleElement().satisfies(e -> {
      assertThat(e.message()).isEqualTo("configured by properties");
      assertThat(e.service()).isEqualTo("configured");
    });
  }

  @Test
  void failsAtStartUpNamingABadPropertyOfTheSink() {
    PlatformLoggerConfig config = PlatformLoggerConfig.builder()
        .consoleEnabled(false)
        .shutdownHook(false)
        .sink("postgres")
        .sinkProperty("postgres", "url", "jdbc:postgresql://db/logs")
        .sinkProperty("postgres", "partition.interval", "daily")
        .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogPipeline.builder().config(config).build())
        .hasMessageContaining("sink.postgres.partition.interval is 'daily': use month or week");
  }

  @Test
  void keepsHikariAndDriverLogsOutOfTheTableAndPrintsThemToTheFallback() throws Exception {
    String schema = TestDatabase.newSchema();
    PostgresLogSink sink = TestDatabase.sink(schema).build();
    try (LogPipeline p = pipeline(sink)) {
      p.submit(p.capture(Level.WARN, "com.zaxxer.hikari.pool.HikariPool").message("pool says hi"));
      p.submit(p.capture(Level.WARN, "org.postgresql.Driver").message("driver says hi"));
      p.submit(p.capture(Level.WARN, "com.acme.App").message("app says hi"));
      assertThat(p.flush(WAIT)).isTrue();
    }
    assertThat(TestDatabase.stored(schema)).extracting(LogEntry::message).containsExactly("app says hi");
    assertThat(fallback.toString(StandardCharsets.UTF_8)).contains("pool says hi", "driver says hi");
  }

  @Test
  void losesAndDuplicatesNothingWhenTheServerRestartsMidWrite() throws Exception {
    int total = 3000;
    try (EmbeddedServer server = EmbeddedServer.start()) {
      String url = server.jdbcUrl() + "?user=postgres&password=postgres";
      PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(url).schema("restart")
          .connectionTimeout(Duration.ofMillis(500)).build();
      String count = "SELECT count(*) FROM restart.platform_logs";
      org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
      ds.setURL(url);
      String stats;
      try (LogPipeline p = pipeline(sink)) {
        for (int i = 0; i < 1000; i++) {
          p.submit(p.capture(Level.INFO, "com.acme.App").message("entry {}", i));
        }
        Await.until("the first entries are stored", WAIT, () -> query(ds, count) > 0);
        server.stop();
        for (int i = 1000; i < 2000; i++) {
          p.submit(p.capture(Level.INFO, "com.acme.App").message("entry {}", i));
        }
        Await.until("a write failed and is being retried", WAIT, () -> stats(p).consecutiveFailures() > 0);
        server.restart();
        for (int i = 2000; i < total; i++) {
          p.submit(p.capture(Level.INFO, "com.acme.App").message("entry {}", i));
        }
        assertThat(p.flush(WAIT)).as("flushed after the restart").isTrue();
        assertThat(stats(p).retries()).as("retried writes").isPositive();
        assertThat(stats(p).failed()).as("entries given up").isZero();
        stats = p.stats().toString();
      }
      assertThat(query(ds, count)).as("stored entries; pipeline %s", stats).isEqualTo(total);
      assertThat(query(ds, "SELECT count(DISTINCT message) FROM restart.platform_logs")).isEqualTo(total);
    }
  }

  private static SinkStats stats(LogPipeline p) {
    return p.stats().sink("postgres");
  }

  private static long query(javax.sql.DataSource ds, String sql) {
    try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }
}
