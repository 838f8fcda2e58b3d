package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.testkit.Await;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import io.platformlogger.testkit.SpoolOutageRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The durable spool against a real outage: the embedded PostgreSQL server is stopped under a
 * steady load from four threads and started again. No caller waits for the server (caller
 * latency percentiles before, during and after are printed for the report, not asserted), and
 * afterwards every entry is in the table exactly once. With {@value
 * OutageDrill#SOAK_SECONDS_PROPERTY} set (the {@code soak} profile), the server is stopped again
 * and again for that long.
 */
class PostgresSpoolOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void theServerStoppedUnderLoadBlocksNoCallerAndEveryEntryIsStoredOnceAfterItsRestart() throws Exception {
    OutageDrill drill = OutageDrill.fromSystemProperties(4000);
    try (EmbeddedServer server = EmbeddedServer.start()) {
      String url = server.jdbcUrl() + "?user=postgres&password=postgres";
      PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(url).schema("spool_outage")
          .connectionTimeout(Duration.ofMillis(500)).build();
      SpoolOutageRun run = SpoolOutageRun.start(
          PlatformLoggerConfig.builder().service("spool-outage"), tmp.resolve("spool"), sink);
      AtomicLong retriesWhileDown = new AtomicLong();
      Duration pause = Duration.ofNanos(drill.isSoak() ? 1_000_000 : 200_000);
      DrillResult result = run.drill(drill, pause, new OutageDrill.Outage() {
        @Override
        public void takeDown() throws Exception {
          server.stop();
        }

        @Override
        public void bringUp() throws Exception {
          try {
            // The first failing write may still be waiting for a connection (up to the 500 ms
            // connection timeout): wait until it has failed.
            long before = retriesWhileDown.get();
            SinkStats down = Await.value("the first write while down has failed", WAIT,
                () -> run.pipeline().stats().sink("postgres"), s -> s.retries() > before);
            retriesWhileDown.set(down.retries());
            run.sawWhileDown(down);
          } finally {
            server.restart();
          }
        }
      });
      SinkStats after = run.drain(WAIT);
      long total = result.calls();
      run.report("PostgreSQL stopped", result,
          "entries " + total + "; in all: retries " + after.retries() + ", written " + after.written());

      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message) FROM spool_outage.platform_logs")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows").isEqualTo(total);
        assertThat(rs.getLong(2)).as("distinct messages").isEqualTo(total);
      }
      assertThat(after.retries()).as("the outage reached the sink").isPositive();
      run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(after);
      assertThat(after.written()).isGreaterThanOrEqualTo(total);
    }
  }
}
