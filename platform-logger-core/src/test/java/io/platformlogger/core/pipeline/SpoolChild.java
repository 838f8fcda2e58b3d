package io.platformlogger.core.pipeline;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.sink.LogSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link SpoolFaultTest}: logs with the spool on until it is killed, holds a
 * spool directory, or runs into a file-size limit. Talks to the test through stdout lines.
 */
final class SpoolChild {
  private SpoolChild() {}

  static PlatformLoggerConfig.Builder config(Path spool, boolean syncOnError) {
    return PlatformLoggerConfig.builder()
        .service("spool-child")
        .consoleEnabled(false)
        .shutdownHook(false)
        .spoolEnabled(true)
        .spoolDir(spool)
        .spoolSegmentBytes(256 << 10)
        .spoolSyncInterval(Duration.ofMillis(100))
        .spoolSyncOnError(syncOnError)
        .flushMaxEntries(20)
        .flushInterval(Duration.ofMillis(20))
        .retryInitialBackoff(Duration.ofMillis(5))
        .retryMaxBackoff(Duration.ofMillis(50));
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path spool = Path.of(args[1]);
    switch (mode) {
      case "log" -> log(spool, Path.of(args[2]), Boolean.parseBoolean(args[3]));
      case "hold" -> hold(spool);
      case "disk-full" -> diskFull(spool);
      default -> throw new IllegalArgumentException(mode);
    }
  }

  /** Logs n0, n1, ... (every 25th at ERROR, acknowledged on stdout once the call returns) until killed. */
  private static void log(Path spool, Path out, boolean sinkDown) {
    FileSink sink = new FileSink("store", out, 100).down(sinkDown);
    LogPipeline p = LogPipeline.builder().config(config(spool, true).build()).configuredSinks(false).sink(sink).build();
    PlatformLogger log = PlatformLogger.on(p, "child");
    System.out.println("READY");
    System.out.flush();
    for (int i = 0; i < 2_000_000; i++) {
      if (i % 25 == 0) {
        log.error("n" + i);
        System.out.println("ACK " + i);
        System.out.flush();
      } else {
        log.info("n" + i);
      }
      LockSupport.parkNanos(20_000);
    }
    p.close();
  }

  private static void hold(Path spool) throws InterruptedException {
    LogPipeline p = LogPipeline.builder().config(config(spool, false).build()).configuredSinks(false)
        .sink(new FileSink("store", spool.resolveSibling("hold.ndjson"), 100)).build();
    System.out.println("READY " + p.stats().spool().state());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // killed by the test
  }

  /**
   * Logs 3000 entries while the process may not grow any file past a few KiB (ulimit -f): 1500,
   * then a pause past the spool's first retry, then 1500 more, which the spool takes again in a
   * new segment (until that one is full too).
   */
  private static void diskFull(Path spool) throws InterruptedException {
    AtomicLong received = new AtomicLong();
    LogSink counting = new LogSink() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void write(List<LogEntry> batch) {
        received.addAndGet(batch.size());
      }

      @Override
      public void close() {}
    };
    LogPipeline p = LogPipeline.builder().config(config(spool, false).build()).configuredSinks(false).sink(counting).build();
    PlatformLogger log = PlatformLogger.on(p, "child");
    for (int i = 0; i < 1500; i++) {
      log.info("entry {} with some padding to fill the spool quickly", i);
    }
    p.flush(Duration.ofSeconds(20));
    long beforeRetry = p.stats().spool().appended();
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SpoolFeed.FIRST_RETRY_NANOS) + 300); // the retry is due
    for (int i = 1500; i < 3000; i++) {
      log.info("entry {} with some padding to fill the spool quickly", i);
    }
    p.close(Duration.ofSeconds(20));
    System.out.println("DELIVERED " + received.get() + " SHED " + p.stats().sink("counting").shed()
        + " SPOOLED " + beforeRetry + " THEN " + p.stats().spool().appended()
        + " RECOVERIES " + p.stats().spool().recoveries() + " STATE " + p.stats().spool().state());
    System.out.flush();
  }
}
