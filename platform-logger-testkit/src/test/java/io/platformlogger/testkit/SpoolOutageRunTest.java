package io.platformlogger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolOutageRunTest {
  @TempDir Path tmp;

  /** A sink in front of an InMemorySink whose "server" can be taken down: every write then fails. */
  static final class SwitchedSink implements LogSink {
    final InMemorySink stored = new InMemorySink();
    volatile boolean down;

    @Override
    public String name() {
      return "switched";
    }

    @Override
    public void write(List<LogEntry> batch) throws Exception {
      if (down) {
        throw new IOException("the server is down");
      }
      stored.write(batch);
    }

    @Override
    public void close() {}
  }

  @Test
  void aServerOutageUnderTheLoadWaitsInTheSpoolAndEveryCallsMessageArrivesAfterwards() throws Exception {
    SwitchedSink sink = new SwitchedSink();
    SpoolOutageRun run = SpoolOutageRun.start(PlatformLoggerConfig.builder().service("drill"), tmp.resolve("spool"), sink);

    DrillResult result = run.drill(OutageDrill.once(200), Duration.ofNanos(200_000),
        run.ofServer(() -> sink.down = true, () -> sink.down = false));
    SinkStats stats = run.drain(Duration.ofSeconds(60));

    Set<String> stored = new HashSet<>();
    sink.stored.entries().forEach(e -> stored.add(e.message()));
    assertThat(result.threads()).isEqualTo(SpoolOutageRun.THREADS);
    assertThat(SpoolOutageRun.missing(result, stored::contains)).isEmpty();
    assertThat(stored).hasSize((int) result.calls()).contains(SpoolOutageRun.message(3, 0));
    assertThat(stats.retries()).isPositive();
    run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(stats);
  }

  @Test
  void missingNamesEachCallWhoseMessageIsNotStoredAndTheChecksFailWithoutAnOutage() throws Exception {
    SwitchedSink sink = new SwitchedSink();
    SpoolOutageRun run = SpoolOutageRun.start(PlatformLoggerConfig.builder().service("drill"), tmp.resolve("spool"), sink);
    DrillResult result = run.drill(OutageDrill.once(50), Duration.ofNanos(200_000), new OutageDrill.Outage() {
      @Override
      public void takeDown() {}

      @Override
      public void bringUp() {}
    });
    SinkStats stats = run.drain(Duration.ofSeconds(60));

    assertThat(SpoolOutageRun.missing(result, m -> !m.equals("t1 n7") && !m.equals("t2 n0")))
        .containsExactly("t1 n7", "t2 n0");
    assertThatThrownBy(() -> run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(stats))
        .hasMessageContaining("entries waited in the spool while the server was down");
  }
}
