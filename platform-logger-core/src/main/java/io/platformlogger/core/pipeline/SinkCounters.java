package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.sink.Failures;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One sink's counters and its reports on stderr: what it wrote, retried, gave up on, shed (by
 * level and by reason) and lost at shutdown, its last error, and how far behind it is.
 *
 * <p>Invariant: every entry handed to the sink is counted once, as written, failed, shed or lost
 * (see {@link SinkStats}); a shed entry's reason is counted before its level, so that whoever sees
 * the total sees its reason.
 *
 * <p>Threading: {@link #shed} and {@link #enqueued} from the dispatcher or the worker thread; the
 * write-side counts ({@link #written}, {@link #failure}, {@link #failed}, {@link #retried}) from the
 * worker thread only; {@link #lost} from the worker or the closing thread; reads from any thread.
 */
final class SinkCounters {
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String sink;
  private final FallbackPrinter fallback;
  private final Clock clock;

  private final LevelCounters shed = new LevelCounters();
  private final Map<String, LongAdder> shedByReason = new ConcurrentHashMap<>();
  private final LongAdder enqueued = new LongAdder();
  private final LongAdder spooled = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final AtomicLong lostAtShutdown = new AtomicLong();
  // Written by the worker thread only, read anywhere.
  private volatile long written;
  private volatile long retries;
  private volatile long failed;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long consecutiveFailures;
  /** When the last "write failed, retrying" report went out. Worker thread only. */
  private long lastReportNanos;
  /** Timestamp of the oldest entry being delivered; 0: none. */
  private volatile long oldestUndeliveredMillis;
  /** Spool bytes left undelivered when shutdown timed out. */
  private volatile long leftInSpool;

  SinkCounters(String sink, FallbackPrinter fallback, Clock clock) {
    this.sink = sink;
    this.fallback = fallback;
    this.clock = clock;
  }

  /** Reports {@code message} on stderr as being about this sink. */
  void report(String message) {
    fallback.report("sink '" + sink + "' " + message);
  }

  /** One entry at or above the sink's level was handed to it. */
  void enqueued() {
    enqueued.increment();
  }

  /** One entry read back from the spool; {@code replay}: an earlier run left it there. */
  void readFromSpool(boolean replay) {
    spooled.increment();
    if (replay) {
      replayed.increment();
    }
  }

  /** One entry not delivered, for {@code reason} ({@code backlog_full}, {@code spool_full}, …). */
  void shed(Level level, String reason) {
    reason(reason, 1); // the reason first: a reader who sees the total sees its reason
    shed.increment(level);
  }

  /** {@code n} undelivered for {@code reason}, their levels unknown (corrupt spool regions). */
  void reason(String reason, long n) {
    shedByReason.computeIfAbsent(reason, k -> new LongAdder()).add(n);
  }

  void written(int n) {
    written += n;
    if (consecutiveFailures > 0) {
      report("recovered after " + consecutiveFailures + " failed attempts");
      consecutiveFailures = 0;
    }
  }

  /** A failed write or flush; {@code what} says which. */
  void failure(Throwable e, String what) {
    lastError = what + ": " + Failures.describe(e);
    lastErrorAt = clock.instant();
    consecutiveFailures++;
  }

  /** Reports a failed attempt: the first of a run at once, later ones at most every 30 s. */
  void reportRetry(int attempt, long sleepNanos, Throwable e) {
    long now = System.nanoTime();
    if (attempt == 1 || now - lastReportNanos > REPORT_EVERY_NANOS) {
      lastReportNanos = now;
      report("write failed (attempt " + attempt + "), retrying in "
          + TimeUnit.NANOSECONDS.toMillis(sleepNanos) + " ms: " + Failures.describe(e));
    }
  }

  void retried() {
    retries++;
  }

  /** {@code n} entries given up on for good. */
  void failed(long n) {
    failed += n;
  }

  /** {@code n} entries from memory still undelivered at shutdown. */
  void lost(long n) {
    lostAtShutdown.addAndGet(n);
  }

  void oldestUndelivered(long epochMillis) {
    oldestUndeliveredMillis = epochMillis;
  }

  long oldestUndelivered() {
    return oldestUndeliveredMillis;
  }

  void leftInSpool(long bytes) {
    leftInSpool = bytes;
  }

  long shedTotal() {
    return shed.total();
  }

  Map<Level, Long> shedSnapshot() {
    return shed.snapshot();
  }

  Map<String, Long> shedReasons() {
    Map<String, Long> reasons = new TreeMap<>();
    shedByReason.forEach((k, v) -> reasons.put(k, v.sum()));
    return reasons;
  }

  SinkStats snapshot(long backlog, long spoolBytes) {
    long oldest = oldestUndeliveredMillis;
    return new SinkStats(
        sink, written, retries, failed, shed.snapshot(), lostAtShutdown.get(), backlog, lastError,
        lastErrorAt, consecutiveFailures, enqueued.sum(), spooled.sum(), replayed.sum(),
        Collections.unmodifiableMap(shedReasons()), spoolBytes,
        oldest == 0 ? null : Instant.ofEpochMilli(oldest), leftInSpool);
  }
}
