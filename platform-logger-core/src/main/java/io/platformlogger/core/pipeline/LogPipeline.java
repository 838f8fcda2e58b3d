package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.backend.LogBackend;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.location.CallerLookup;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.spool.Spool;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The buffer, dispatcher and sink workers behind every logger: call → entry → buffer →
 * dispatcher → sinks.
 *
 * <p>A logging call only captures values into a {@link LogEvent} and offers it to a bounded,
 * lock-free queue; it never formats, encodes, does I/O, blocks or throws. One dispatcher thread
 * builds entries in order and flushes them, per the configured triggers (50 entries, 5 s after the
 * oldest, at once on ERROR), to one worker thread per sink, each with its own bounded backlog and
 * retry loop. Full queues shed by the configured {@link
 * io.platformlogger.core.config.OverflowPolicy}; every shed entry is counted and reported.
 *
 * <p>With {@code spool.enabled}, the dispatcher appends every flushed batch to a durable spool on
 * disk and each sink (except the console) reads its entries from there at its own pace, from a
 * persisted position, so entries survive a sink outage, a restart or a crash (see
 * docs/reliability.md).
 *
 * <p>Thread-safe. Create one per process (usually through {@code PlatformLoggers}) and close it at
 * exit; by default a shutdown hook does.
 */
public final class LogPipeline implements AutoCloseable, LogBackend {
  private static final int RUNNING = 0;
  private static final int PARKED_IDLE = 1;
  private static final int PARKED_TIMED = 2;

  private final PlatformLoggerConfig config;
  private final Clock clock;
  private final EventQueue queue;
  private final Dispatcher dispatcher;
  private final List<SinkWorker> workers;
  private final RateLimiter rateLimiter;
  private final FallbackPrinter fallback;
  private final EntryFactory factory;
  private final LogLevels levels;
  private final int flushMaxEntries;
  private final boolean flushOnError;
  private final Spool spool;
  private final SpoolFeed spoolFeed;
  private final SpoolStats spoolUnavailable;
  private final boolean syncOnError;
  /** queue.overflow=block: how a caller waits for room; null with the shedding policies. */
  private final QueueWait queueWait;
  /** Loggers of the sinks' own client libraries (and internal.loggers): their calls never wait. */
  private final java.util.Set<String> internalLoggers;
  /** location.runtime: calls without a compile-time site get one from a stack walk. */
  private final boolean locateCallers;
  private final java.util.concurrent.atomic.AtomicBoolean spoolClosed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closeFinished;

  private final LevelCounters enqueued = new LevelCounters();
  private final LevelCounters queueShed;
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder afterClose = new LongAdder();
  private final LongAdder internalErrors = new LongAdder();

  private final Thread dispatcherThread;
  private final List<Thread> workerThreads = new ArrayList<>();
  private final Thread shutdownHook;
  private volatile int parkState = RUNNING;
  private volatile boolean closed;
  private final Object lifecycle = new Object();
  private boolean closeStarted;

  private LogPipeline(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    PipelineAssembly.Parts parts =
        PipelineAssembly.assemble(config, b.sinks, b.useConfiguredSinks, b.fallbackOutput, clock);
    this.fallback = parts.fallback();
    this.queue = parts.queue();
    this.rateLimiter = parts.rateLimiter();
    this.levels = parts.levels();
    this.factory = parts.factory();
    this.spool = parts.spool();
    this.spoolFeed = parts.spoolFeed();
    this.spoolUnavailable = parts.spoolUnavailable();
    this.workers = parts.workers();
    this.queueShed = parts.queueShed();
    this.dispatcher = parts.dispatcher();
    this.flushMaxEntries = config.flushMaxEntries();
    this.flushOnError = config.flushOnError();
    this.syncOnError = spoolFeed != null && config.spoolSyncOnError();
    this.locateCallers = config.locationRuntime();
    this.internalLoggers = parts.settings().internal().loggers();
    if (!config.metricsLogInterval().isZero()) {
      dispatcher.logMetricsEvery(config.metricsLogInterval().toMillis(), this::stats);
    }

    this.dispatcherThread = new PipelineThread(this::runDispatcher, "platform-logger-dispatcher");
    this.queueWait =
        config.overflowPolicy() == io.platformlogger.core.config.OverflowPolicy.BLOCK
            ? new QueueWait(queue, config.queueBlockTimeout().toNanos(),
                () -> LockSupport.unpark(dispatcherThread), b.parker)
            : null;
    for (SinkWorker w : workers) {
      workerThreads.add(new PipelineThread(w, "platform-logger-sink-" + w.name));
    }
    if (b.startThreads) {
      dispatcherThread.start();
      workerThreads.forEach(Thread::start);
    }
    if (config.shutdownHook() && b.startThreads) {
      shutdownHook = new Thread(this::close, "platform-logger-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /** A builder; {@link Builder#config} defaults to {@link PlatformLoggerConfig#load()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration this pipeline runs with. */
  public PlatformLoggerConfig config() {
    return config;
  }

  /** The least severe level at which an entry from {@code loggerName} is built at all. */
  public Level thresholdFor(String loggerName) {
    return levels.threshold(loggerName);
  }

  /** This pipeline's logger levels, changeable at run time (see {@link LogLevels}). */
  @Override
  public LogLevels levels() {
    return levels;
  }

  public boolean isEnabled(String loggerName, Level level) {
    return level.isAtLeast(thresholdFor(loggerName));
  }

  /** Whether calls without a compile-time call site look theirs up at run time ({@code location.runtime}). */
  @Override
  public boolean locatesCallers() {
    return locateCallers;
  }

  /** The pipeline clock's current instant (injectable in tests). */
  public Instant now() {
    return clock.instant();
  }

  /** Starts a call on the calling thread, at the pipeline clock's time (the logging API's seam). */
  @Override
  public LogCall capture(Level level, String loggerName) {
    return new LogEvent(level, loggerName, now());
  }

  @Override
  public LogCall replay(Level level, String loggerName, Instant at, String threadName, LogContext context) {
    return new LogEvent(level, loggerName, at, threadName, context);
  }

  /**
   * Hands a call from {@link #capture} or {@link #replay} to the pipeline. Never blocks, never
   * throws: an event that cannot be queued is counted as shed (or as logged after close) and
   * reported.
   */
  @Override
  public void submit(LogCall call) {
    try {
      LogEvent event = (LogEvent) call; // only capture and replay make calls: see LogBackend
      if (closed) {
        afterClose.increment();
        return;
      }
      if (PipelineThread.isCurrent()) {
        // A sink (or its client library) is logging from a pipeline thread: feeding this back into
        // the sinks could loop forever, so it goes to stderr only.
        dispatcher.internalCount.increment();
        if (event.level.isAtLeast(config.internalLevel())) {
          fallback.entry(factory.create(event));
        }
        return;
      }
      Level level = event.level;
      if (rateLimiter != null && (level != Level.ERROR || config.rateLimitErrors())) {
        int suppressed = rateLimiter.admit(event.site, event.loggerName, event.template, event.epochMillis);
        if (suppressed < 0) {
          rateLimited.increment();
          return;
        }
        event.suppressedBefore = suppressed;
      }
      if (locateCallers && event.site == null) {
        event.site = CallerLookup.find(null); // location.runtime: after the rate limiter, so a flood walks no stacks
      }
      if (!config.overflowPolicy().admits(level, queue.size(), queue.capacity()) || !queue.offer(event)) {
        // queue.overflow=block waits, within its bound, unless this thread may be one the pipeline
        // waits on: a sink's client library (its own threads log under its prefixes). Pipeline
        // threads never get here (above). Never wait on yourself.
        if (queueWait == null || LoggerNames.isUnderAny(event.loggerName, internalLoggers)
            || !queueWait.offer(event)) {
          queueShed.increment(level);
          return;
        }
      }
      enqueued.increment(level);
      int state = parkState;
      if (state != RUNNING
          && (state == PARKED_IDLE
              || ((flushOnError || syncOnError) && level == Level.ERROR)
              || queue.size() >= flushMaxEntries - dispatcher.pendingCount)) {
        LockSupport.unpark(dispatcherThread);
      }
      if (syncOnError && level == Level.ERROR) {
        // Opted in (spool.sync-on-error): the call returns once its entry is on disk, at most 1 s.
        spoolFeed.awaitDurable(queue.producerPosition(), () -> LockSupport.unpark(dispatcherThread));
      }
    } catch (Throwable t) {
      internalErrors.increment();
    }
  }

  /**
   * Waits until everything logged before this call has been handed to every sink and the sinks
   * flushed, or the timeout passed. Returns whether it completed in time. Never throws.
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Dispatcher.FlushRequest r = dispatcher.requestFlush();
    if (!dispatcherThread.isAlive()) {
      dispatcher.abandonFlushRequests();
    }
    LockSupport.unpark(dispatcherThread);
    try {
      return r.await(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Events accepted from logging calls by level (non-zero counts only); their sum is {@link
   * PipelineStats#enqueued()}. What metrics report as entries logged by level.
   */
  public Map<Level, Long> enqueuedByLevel() {
    return enqueued.snapshot();
  }

  /** A snapshot of the pipeline's and every sink's counters. */
  public PipelineStats stats() {
    List<SinkStats> sinks = new ArrayList<>(workers.size());
    for (SinkWorker w : workers) {
      sinks.add(w.stats());
    }
    return new PipelineStats(
        enqueued.total(),
        queueShed.snapshot(),
        rateLimited.sum(),
        afterClose.sum(),
        dispatcher.internalCount.sum(),
        dispatcher.buildFailures.sum(),
        queue.size(),
        List.copyOf(sinks),
        spoolFeed != null ? spoolFeed.stats() : spoolUnavailable);
  }

  /** Whether {@link #close} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /** Flushes everything and stops, waiting at most the configured shutdown timeout. Idempotent. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  /**
   * Flushes everything and stops within {@code timeout}: whatever a sink has not stored by then is
   * counted as lost at shutdown and reported on stderr. Idempotent; never throws.
   */
  public void close(Duration timeout) {
    synchronized (lifecycle) {
      if (closeStarted) {
        return;
      }
      closeStarted = true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    closed = true;
    try {
      if (dispatcherThread.isAlive()) {
        LockSupport.unpark(dispatcherThread);
        joinUntil(dispatcherThread, deadline);
      }
      dispatcher.abandonFlushRequests();
      long stranded = 0;
      if (!dispatcherThread.isAlive()) {
        while (queue.poll() != null) {
          stranded++; // offered in the instant between a caller's closed check and the offer
        }
      }
      afterClose.add(stranded);
      for (SinkWorker w : workers) {
        w.stop(deadline);
      }
      for (Thread t : workerThreads) {
        if (t.isAlive()) {
          joinUntil(t, deadline);
        }
      }
      for (int i = 0; i < workers.size(); i++) {
        Thread t = workerThreads.get(i);
        if (t.isAlive()) {
          long lost = workers.get(i).abandon();
          t.interrupt();
          long kept = workers.get(i).stats().leftInSpoolAtShutdown();
          fallback.report("sink '" + workers.get(i).name + "' did not finish within the shutdown timeout ("
              + timeout.toMillis() + " ms); " + lost + " entries were not delivered"
              + (kept > 0 ? ", " + kept + " bytes of entries stay in the spool for the next start" : ""));
        }
      }
      closeFinished = true;
      if (spool != null && dispatcherThread.isAlive()) {
        TimeUnit.MILLISECONDS.timedJoin(dispatcherThread, 50);
      }
      if (spool != null && dispatcherThread.isAlive()) {
        // Still appending what was queued before close: closing the files under it would turn
        // those entries into losses. It closes the spool itself when done; the next start
        // delivers whatever it appended.
        fallback.report("the dispatcher had not finished by the shutdown timeout (" + queue.size()
            + " entries still queued); they are appended to the spool while the process lives");
      } else {
        closeSpoolOnce();
      }
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
          // the JVM is already shutting down
        }
      }
      reportLosses();
    } catch (Throwable t) {
      fallback.report("error while closing: " + t);
    }
  }

  private void closeSpoolOnce() {
    if (spool == null || !spoolClosed.compareAndSet(false, true)) {
      return;
    }
    try {
      spool.close();
    } catch (IOException e) {
      fallback.report("could not sync the spool at close (" + e + "); entries of the last "
          + config.spoolSyncInterval().toMillis() + " ms may be missing after a power loss");
    }
  }

  private void reportLosses() {
    PipelineStats s = stats();
    StringBuilder sb = new StringBuilder();
    if (s.shed() > 0) {
      sb.append(" shed at the queue: ").append(s.shedByLevel()).append(';');
    }
    for (SinkStats k : s.sinks()) {
      if (k.shed() + k.failed() + k.lostAtShutdown() > 0) {
        sb.append(" sink '").append(k.name()).append("': shed ").append(k.shed()).append(", failed ")
            .append(k.failed()).append(", lost at shutdown ").append(k.lostAtShutdown()).append(';');
      }
      if (k.leftInSpoolAtShutdown() > 0) {
        sb.append(" sink '").append(k.name()).append("': ").append(k.leftInSpoolAtShutdown())
            .append(" bytes left in the spool for the next start;");
      }
    }
    if (sb.length() > 0) {
      fallback.report("closed with undelivered entries:" + sb);
    }
  }

  private static void joinUntil(Thread t, long deadlineNanos) throws InterruptedException {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining > 0) {
      TimeUnit.NANOSECONDS.timedJoin(t, remaining);
    }
  }

  private void runDispatcher() {
    while (true) {
      boolean closing = closed;
      long wait;
      try {
        wait = dispatcher.step(closing);
      } catch (Throwable t) {
        // Never let the dispatcher die: that would strand every later entry.
        fallback.report("dispatcher error (continuing): " + t);
        wait = 0;
      }
      if (closing && queue.size() == 0 && !dispatcher.hasFlushRequests()) {
        if (closeFinished) {
          closeSpoolOnce(); // close() gave up waiting for this thread and left the spool to it
        }
        return;
      }
      // Holding (queue.overflow=block, every sink's backlog full): nothing to do but let the
      // workers catch up, flush requests or not; spinning would take their CPU.
      boolean holding = dispatcher.holding();
      if (wait == 0 || (dispatcher.hasFlushRequests() && !holding)) {
        continue;
      }
      parkState = wait < 0 ? PARKED_IDLE : PARKED_TIMED;
      if ((holding || (queue.size() == 0 && !dispatcher.hasFlushRequests())) && !closed) {
        if (wait < 0) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(wait));
        }
      }
      parkState = RUNNING;
    }
  }

  // Package-private access for deterministic tests that drive the dispatcher by hand.
  Dispatcher dispatcher() {
    return dispatcher;
  }

  List<SinkWorker> workers() {
    return workers;
  }

  long internalErrors() {
    return internalErrors.sum();
  }

  /** Builds a {@link LogPipeline}; not thread-safe. */
  public static final class Builder {
    private PlatformLoggerConfig config;
    private Clock clock = Clock.systemUTC();
    private final List<PipelineAssembly.Registration> sinks = new ArrayList<>();
    private PrintStream fallbackOutput = System.err;
    private boolean useConfiguredSinks = true;
    private boolean startThreads = true;
    private QueueWait.Parker parker = QueueWait.Parker.SYSTEM;

    private Builder() {}

    /** The configuration; without one, {@link PlatformLoggerConfig#load()} is used. */
    public Builder config(PlatformLoggerConfig config) {
      this.config = config;
      return this;
    }

    /** Adds a sink that receives entries at or above the configuration's stored level. */
    public Builder sink(LogSink sink) {
      sinks.add(new PipelineAssembly.Registration(java.util.Objects.requireNonNull(sink, "sink"), null));
      return this;
    }

    /** Adds a sink that receives entries at or above {@code minLevel}. */
    public Builder sink(LogSink sink, Level minLevel) {
      sinks.add(new PipelineAssembly.Registration(java.util.Objects.requireNonNull(sink, "sink"), minLevel));
      return this;
    }

    /**
     * Whether to also create the console sink and the {@code sinks=} providers that the
     * configuration names (default true). Tests that want only their own sinks turn it off.
     */
    public Builder configuredSinks(boolean use) {
      this.useConfiguredSinks = use;
      return this;
    }

    /** The clock for timestamps and flush deadlines (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where the pipeline's own reports and internal entries go (default: System.err). */
    public Builder fallbackOutput(PrintStream out) {
      this.fallbackOutput = java.util.Objects.requireNonNull(out, "out");
      return this;
    }

    /** How {@code queue.overflow=block} reads the time and parks (tests observe the waits). */
    Builder parker(QueueWait.Parker parker) {
      this.parker = parker;
      return this;
    }

    Builder startThreads(boolean start) {
      this.startThreads = start;
      return this;
    }

    /** @throws io.platformlogger.core.config.ConfigurationException for an invalid configuration */
    public LogPipeline build() {
      if (config == null) {
        config = PlatformLoggerConfig.load();
      }
      return new LogPipeline(this);
    }
  }
}
