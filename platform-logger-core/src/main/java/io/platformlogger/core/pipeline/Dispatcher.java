package io.platformlogger.core.pipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.FutureSkew;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's single consumer: drains the hand-off queue in order, builds entries, buffers them
 * and hands the buffer to every sink worker when the {@link FlushPolicy} says so, with each entry's
 * JSON made once for the sinks that take it as an array per entry ({@link
 * io.platformlogger.core.sink.LogSink#wantsEntryJson}) when the spool did not make it. It also answers flush requests and turns shed counts into summary
 * WARN entries.
 *
 * <p>Threading: {@link #step} runs on the dispatcher thread only (tests call it directly with a
 * manual clock); {@link #requestFlush} from any thread.
 */
final class Dispatcher {
  static final String PIPELINE_LOGGER = "io.platformlogger.pipeline";
  private static final int DRAIN_LIMIT = 4096;

  private final EventQueue queue;
  private final FlushPolicy policy;
  private final EntryFactory factory;
  private final List<SinkWorker> workers;
  private final FallbackPrinter fallback;
  private final Clock clock;
  private final Set<String> internalPrefixes;
  private final Level internalLevel;
  private final LevelCounters queueShed;
  private final String service;
  private final Environment environment;
  /** Entries dated further ahead of the clock than {@code limits.future-skew} are clamped here. */
  private final FutureSkew futureSkew;
  private final long summaryIntervalMillis;
  private final SpoolFeed feed;
  private final List<SinkWorker> spooledWorkers = new ArrayList<>();
  private long metricsIntervalMillis;
  private java.util.function.Supplier<PipelineStats> metrics;
  private long lastMetricsMillis;

  final LongAdder internalCount = new LongAdder();
  final LongAdder buildFailures = new LongAdder();
  private final ConcurrentLinkedQueue<FlushRequest> flushRequests = new ConcurrentLinkedQueue<>();
  /**
   * Whether each logger seen is internal, decided once per name: read by the dispatcher for every
   * event and by callers that found a blocking queue full ({@link LogPipeline#submit}), hence
   * concurrent; cleared past 10 000 names so that a stream of made-up names cannot grow it.
   */
  private final Map<String, Boolean> internalByLogger = new java.util.concurrent.ConcurrentHashMap<>();

  private List<LogEntry> pending = new ArrayList<>();
  private long oldestPendingMillis;
  /**
   * queue.overflow=block: while no sink can take another batch, events stay in the queue (where
   * callers wait, within their bound) instead of being built only to be shed at the backlogs.
   */
  private final boolean holdWhenSinksFull;
  /** Whether the last check found every sink full; recomputed at each step and after each flush. */
  private boolean sinksFull;
  /** The current step's: closing drains everything, whatever the backlogs hold. */
  private boolean closing;

  /** Read by producers to decide when to wake the dispatcher early. */
  volatile int pendingCount;

  private long reportedQueueShed;
  private final Map<SinkWorker, Long> reportedSinkShed = new HashMap<>();
  private long lastSummaryMillis = Long.MIN_VALUE / 2;

  /**
   * A dispatcher draining {@code queue} through {@code factory} to {@code workers} (and {@code feed},
   * null without a spool), counting what the queue shed in {@code queueShed} for its summaries.
   */
  Dispatcher(
      EventQueue queue,
      EntryFactory factory,
      List<SinkWorker> workers,
      SpoolFeed feed,
      PipelineSettings settings,
      LevelCounters queueShed,
      FallbackPrinter fallback,
      Clock clock) {
    this.feed = feed;
    for (SinkWorker w : workers) {
      if (w.spooled()) {
        spooledWorkers.add(w);
      }
    }
    this.queue = queue;
    this.policy = settings.flush();
    this.factory = factory;
    this.workers = workers;
    this.fallback = fallback;
    this.clock = clock;
    this.internalPrefixes = settings.internal().loggers();
    this.internalLevel = settings.internal().level();
    this.queueShed = queueShed;
    this.service = settings.origin().service();
    this.environment = settings.origin().environment();
    this.futureSkew = settings.limits().futureSkew();
    this.summaryIntervalMillis = Math.max(1000, policy.intervalMillis);
    this.holdWhenSinksFull = settings.queue().overflow() == io.platformlogger.core.config.OverflowPolicy.BLOCK;
  }

  /** Whether the last step left events in the queue because every sink's backlog was full. */
  boolean holding() {
    return sinksFull;
  }

  private boolean noSinkHasRoom() {
    if (!holdWhenSinksFull || workers.isEmpty()) {
      return false;
    }
    boolean spoolWritable = feed != null && feed.writable();
    for (SinkWorker w : workers) {
      if ((spoolWritable && w.spooled()) || w.hasRoomFor(policy.maxEntries)) {
        return false; // a spool-fed sink's buffer is the spool, bounded by its own size
      }
    }
    return true;
  }

  /**
   * Does one round of work. Returns how long the dispatcher may sleep, in milliseconds, before the
   * next round is needed (0: at once; -1: until woken).
   */
  long step(boolean closing) {
    int drained = 0;
    Object o;
    this.closing = closing;
    sinksFull = !closing && noSinkHasRoom();
    while (drained < DRAIN_LIMIT && !sinksFull && (o = queue.poll()) != null) {
      drained++;
      accept((LogEvent) o);
    }
    long now = clock.millis();
    reportShedding(now, closing);
    if (!pending.isEmpty() && (closing || policy.due(oldestPendingMillis, now))) {
      flush();
    }
    answerFlushRequests();
    logMetrics(now);
    long syncWait = -1;
    if (feed != null) {
      if (feed.hasWaiters() && !pending.isEmpty()) {
        flush(); // an ERROR call waits for its entry to be on disk
      }
      syncWait = feed.syncIfDue(closing, queue.consumerPosition());
    }
    pendingCount = pending.size();
    if (sinksFull) {
      return 1; // the workers make room on their own; look again in a millisecond
    }
    if (drained == DRAIN_LIMIT || queue.size() > 0) {
      return 0;
    }
    long wait = pending.isEmpty() ? -1 : policy.millisUntilDue(oldestPendingMillis, now);
    if (syncWait >= 0) {
      wait = wait < 0 ? syncWait : Math.min(wait, syncWait);
    }
    if (metrics != null) {
      long m = Math.max(1, lastMetricsMillis + metricsIntervalMillis - now);
      wait = wait < 0 ? m : Math.min(wait, m);
    }
    return wait;
  }

  /** Logs the pipeline's counters every {@code intervalMillis} as an INFO entry ({@code platform_logger.metrics}). */
  void logMetricsEvery(long intervalMillis, java.util.function.Supplier<PipelineStats> stats) {
    this.metricsIntervalMillis = intervalMillis;
    this.metrics = stats;
    this.lastMetricsMillis = clock.millis();
  }

  private void logMetrics(long now) {
    if (metrics == null || now - lastMetricsMillis < metricsIntervalMillis) {
      return;
    }
    lastMetricsMillis = now;
    PipelineStats s = metrics.get();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("enqueued", s.enqueued());
    data.put("shed", s.shed());
    data.put("queued", s.queued());
    data.put("spool_state", s.spool().state());
    data.put("spool_bytes", s.spool().bytes());
    Map<String, Object> sinks = new LinkedHashMap<>();
    for (SinkStats k : s.sinks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enqueued", k.enqueued());
      m.put("written", k.written());
      m.put("retries", k.retries());
      m.put("failed", k.failed());
      m.put("spooled", k.spooled());
      m.put("replayed", k.replayed());
      Map<String, Object> reasons = new LinkedHashMap<>(k.shedByReason());
      m.put("shed_by_reason", Collections.unmodifiableMap(reasons));
      m.put("spool_bytes", k.spoolBytes());
      m.put("oldest_undelivered_ms", k.oldestUndelivered() == null ? 0L : now - k.oldestUndelivered().toEpochMilli());
      sinks.put(k.name(), Collections.unmodifiableMap(m));
    }
    data.put("sinks", Collections.unmodifiableMap(sinks));
    add(LogEntry.builder()
        .timestamp(Instant.ofEpochMilli(now))
        .level(Level.INFO)
        .message("platform-logger metrics")
        .data(data)
        .service(service)
        .environment(environment)
        .loggerName(PIPELINE_LOGGER)
        .threadName(Thread.currentThread().getName())
        .eventType("platform_logger.metrics")
        .build(), now);
  }

  private void accept(LogEvent ev) {
    LogEntry entry = factory.create(ev, buildFailures);
    // An event handed over with its own time (SLF4J's replay, LogPipeline.submit) may be dated ahead.
    entry = futureSkew.clamp(entry, clock.millis());
    if (isInternal(ev.loggerName)) {
      internalCount.increment();
      if (entry.level().isAtLeast(internalLevel)) {
        fallback.entry(entry);
      }
      return;
    }
    add(entry, ev.epochMillis);
  }

  private void add(LogEntry entry, long loggedAtMillis) {
    if (pending.isEmpty()) {
      oldestPendingMillis = loggedAtMillis;
    }
    pending.add(entry);
    if (policy.flushAfterAdding(entry.level(), pending.size())) {
      flush();
    }
  }

  /**
   * Whether {@code loggerName} is one of the internal loggers (a sink's client library, {@code
   * internal.loggers}): the one cached decision, made once per name. Any thread.
   */
  boolean isInternal(String loggerName) {
    if (loggerName == null || internalPrefixes.isEmpty()) {
      return false;
    }
    Boolean cached = internalByLogger.get(loggerName);
    if (cached == null) {
      cached = LoggerNames.isUnderAny(loggerName, internalPrefixes);
      if (internalByLogger.size() > 10_000) {
        internalByLogger.clear();
      }
      internalByLogger.put(loggerName, cached);
    }
    return cached;
  }

  private void flush() {
    List<LogEntry> batch = Collections.unmodifiableList(pending);
    pending = new ArrayList<>(Math.max(16, policy.maxEntries));
    long[] starts = null;
    long[] ends = null;
    boolean spooled = false;
    if (feed != null && feed.writable()) {
      starts = new long[batch.size()];
      ends = new long[batch.size()];
      spooled = feed.append(batch, spooledWorkers, starts, ends);
    }
    // The sinks wanting each entry's JSON that take this batch from memory (all of them with the
    // spool off): the JSON is made here, once, as the spool makes it, not on each sink's thread.
    Level json = null;
    for (SinkWorker w : workers) {
      if (w.wantsJson && !(spooled && w.spooled()) && (json == null || json.isAtLeast(w.minLevel()))) {
        json = w.minLevel();
      }
    }
    if (json != null) {
      keepJson(batch, json);
    }
    for (SinkWorker w : workers) {
      if (spooled && w.spooled()) {
        w.spoolAdvanced(batch, starts, ends);
      } else {
        w.offer(batch);
      }
    }
    sinksFull = holdWhenSinksFull && !closing && noSinkHasRoom();
  }

  /**
   * Encodes each entry at or above {@code minLevel} that has no JSON yet (the spool's, when it
   * took the entry) and keeps the bytes on it, before any other thread sees it. An entry that
   * cannot be encoded is left as it is: the sink's own encoding reports it.
   */
  private static void keepJson(List<LogEntry> batch, Level minLevel) {
    for (LogEntry e : batch) {
      if (e.level().isAtLeast(minLevel) && EntryInternals.json(e) == null) {
        try {
          EntryInternals.keepJson(e, LogEntryJson.encodeBytes(e));
        } catch (RuntimeException ex) {
          // left for the sink, which fails this entry alone
        }
      }
    }
  }

  /** Every shed count that grew since the last report becomes one WARN entry (at most once per interval). */
  private void reportShedding(long now, boolean closing) {
    if (!closing && now - lastSummaryMillis < summaryIntervalMillis) {
      return;
    }
    long queueTotal = queueShed.total();
    if (queueTotal != reportedQueueShed) {
      long delta = queueTotal - reportedQueueShed;
      reportedQueueShed = queueTotal;
      lastSummaryMillis = now;
      summary(now, "platform-logger shed " + delta + " entries because the logging queue was full ("
              + queueTotal + " since start)", "queue_full", delta, queueShed.snapshot(), null);
    }
    for (SinkWorker w : workers) {
      long total = w.shedTotal();
      long before = reportedSinkShed.getOrDefault(w, 0L);
      if (total != before) {
        reportedSinkShed.put(w, total);
        lastSummaryMillis = now;
        Map<String, Long> reasons = w.shedReasons();
        reasons.remove("spool_corrupt"); // counted apart: regions, not entries of a known level
        boolean backlogOnly = reasons.keySet().equals(java.util.Set.of("backlog_full"));
        summary(now, "platform-logger shed " + (total - before) + " entries for sink '" + w.name
                + (backlogOnly
                    ? "' because its backlog was full (" + total + " since start)"
                    : "' (" + total + " since start, by reason " + reasons + ")"),
            backlogOnly ? "sink_backlog_full" : "sink_" + String.join("+", reasons.keySet()),
            total - before, w.shedSnapshot(), w.name);
      }
    }
  }

  private void summary(long now, String message, String reason, long delta, Map<Level, Long> byLevel, String sink) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reason", reason);
    data.put("shed", delta);
    if (sink != null) {
      data.put("sink", sink);
    }
    Map<String, Object> levels = new LinkedHashMap<>();
    byLevel.forEach((l, n) -> levels.put(l.name(), n));
    data.put("shed_since_start_by_level", Collections.unmodifiableMap(levels));
    LogEntry e =
        LogEntry.builder()
            .timestamp(Instant.ofEpochMilli(now))
            .level(Level.WARN)
            .message(message)
            .data(data)
            .service(service)
            .environment(environment)
            .loggerName(PIPELINE_LOGGER)
            .threadName(Thread.currentThread().getName())
            .eventType("platform_logger.shed")
            .build();
    fallback.report(message + " " + levels);
    add(e, now);
  }

  FlushRequest requestFlush() {
    FlushRequest r = new FlushRequest(queue.producerPosition());
    flushRequests.add(r);
    return r;
  }

  boolean hasFlushRequests() {
    return !flushRequests.isEmpty();
  }

  private void answerFlushRequests() {
    FlushRequest r;
    while ((r = flushRequests.peek()) != null && queue.consumerPosition() >= r.position) {
      flushRequests.poll();
      if (!pending.isEmpty()) {
        flush();
      }
      List<SinkWorker.Barrier> barriers = new ArrayList<>(workers.size());
      for (SinkWorker w : workers) {
        barriers.add(w.barrier());
      }
      r.barriers = barriers;
      r.dispatched.countDown();
    }
  }

  /** Releases flush requests nobody will answer any more (the dispatcher is gone). */
  void abandonFlushRequests() {
    FlushRequest r;
    while ((r = flushRequests.poll()) != null) {
      r.barriers = List.of();
      r.dispatched.countDown();
    }
  }

  /** A caller waiting until everything it logged before asking is in every sink. */
  static final class FlushRequest {
    final long position;
    final CountDownLatch dispatched = new CountDownLatch(1);
    volatile List<SinkWorker.Barrier> barriers;

    FlushRequest(long position) {
      this.position = position;
    }

    boolean await(long deadlineNanos) throws InterruptedException {
      if (!dispatched.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return false;
      }
      for (SinkWorker.Barrier b : barriers) {
        if (!b.await(deadlineNanos - System.nanoTime())) {
          return false;
        }
      }
      return true;
    }
  }
}
