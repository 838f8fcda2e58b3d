package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.config.ConfigurationException;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.console.ConsoleSink;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.core.spool.Spool;
import io.platformlogger.core.spool.SpoolReader;
import io.platformlogger.core.spool.SpoolUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The pipeline's wiring diagram: builds every part from the configuration and the sinks, in the
 * order data flows through them (call → event → queue → dispatcher → entry → spool → worker →
 * sink), and hands them to {@link LogPipeline}, which runs them. Starts no thread. Called once per
 * pipeline, on the thread that builds it.
 */
final class PipelineAssembly {
  private PipelineAssembly() {}

  /** A sink and the least severe level it receives (null: the configuration's stored level). */
  record Registration(LogSink sink, Level minLevel) {}

  /** Everything a running pipeline consists of. */
  record Parts(
      PipelineSettings settings,
      FallbackPrinter fallback,
      EventQueue queue,
      RateLimiter rateLimiter,
      LogLevels levels,
      EntryFactory factory,
      Spool spool,
      SpoolFeed spoolFeed,
      SpoolStats spoolUnavailable,
      List<SinkWorker> workers,
      LevelCounters queueShed,
      Dispatcher dispatcher) {}

  static Parts assemble(
      PlatformLoggerConfig config,
      List<Registration> added,
      boolean configuredSinks,
      PrintStream fallbackOutput,
      Clock clock) {
    PipelineSettings settings = PipelineSettings.from(config);
    FallbackPrinter fallback = new FallbackPrinter(fallbackOutput, config.service(), config.environment());

    // call → event → queue: what a logging call touches.
    EventQueue queue = new EventQueue(settings.queue().capacity());
    RateLimiter rateLimiter =
        settings.rateLimit().maxPerSite() > 0
            ? new RateLimiter(settings.rateLimit().maxPerSite(), settings.rateLimit().window().toMillis())
            : null;

    // The sinks: the configured console first, then the builder's, then the configured providers.
    List<Registration> sinks = new ArrayList<>();
    if (configuredSinks && config.consoleEnabled()) {
      LogSink console = ConsoleSink.builder().format(config.consoleFormat()).color(config.consoleColor()).build();
      sinks.add(new Registration(console, Level.TRACE)); // the loggers' levels (configured or set at run time) decide
    }
    sinks.addAll(added);
    if (configuredSinks) {
      for (String name : config.sinks()) {
        sinks.add(new Registration(createFromProvider(name, config), null));
      }
    }

    // spool: opened once, one reader per sink fed from it; any problem means memory only, reported once.
    Map<Registration, SpoolReader> readers = new IdentityHashMap<>();
    Spool spool = null;
    String unavailable = null;
    if (settings.spool().enabled() && sinks.stream().anyMatch(r -> fedFromSpool(r.sink))) {
      try {
        spool = Spool.open(config.spoolDir(), config.spoolMaxBytes(), config.spoolSegmentBytes());
        Set<String> keys = new HashSet<>();
        for (Registration r : sinks) {
          if (fedFromSpool(r.sink)) {
            String key = SinkWorker.safeName(r.sink);
            for (int i = 2; !keys.add(key); i++) {
              key = SinkWorker.safeName(r.sink) + "-" + i;
            }
            readers.put(r, spool.reader(key));
          }
        }
      } catch (SpoolUnavailableException e) {
        unavailable = e.getMessage();
      } catch (IOException | RuntimeException e) {
        unavailable = "cannot use the spool in " + config.spoolDir().toAbsolutePath() + " (" + e
            + "); set spool.dir to a writable directory or spool.enabled=false";
        closeQuietly(spool);
        spool = null;
        readers.clear();
      }
      if (unavailable != null) {
        fallback.report(unavailable + "; continuing in memory only (entries are not kept across a crash or restart)");
      }
    }
    SpoolStats spoolUnavailable =
        unavailable == null
            ? SpoolStats.OFF
            : new SpoolStats("memory-only: " + unavailable, config.spoolDir().toAbsolutePath().toString(),
                0, config.spoolMaxBytes(), 0, 0, Map.of(), 1, 0);
    SpoolFeed spoolFeed =
        spool == null ? null : new SpoolFeed(spool, settings.spool(), settings.queue().overflow(), fallback);

    // worker → sink: one worker per sink, fed from its spool reader or from memory.
    List<SinkWorker> workers = new ArrayList<>();
    Set<String> internal = new LinkedHashSet<>();
    Level lowestSinkLevel = Level.ERROR;
    for (Registration r : sinks) {
      Level min = r.minLevel != null ? r.minLevel : config.storedLevel();
      if (!min.isAtLeast(lowestSinkLevel)) {
        lowestSinkLevel = min;
      }
      try {
        internal.addAll(r.sink.ownLoggerPrefixes());
      } catch (RuntimeException e) {
        fallback.report("sink " + r.sink.getClass().getName() + " failed to list its logger prefixes: " + e);
      }
      SpoolReader reader = readers.get(r);
      workers.add(new SinkWorker(
          r.sink,
          min,
          settings.queue(),
          settings.retry(),
          reader == null ? null : new SinkWorker.FromSpool(spool, reader, settings.spool().maxAge().toMillis()),
          fallback,
          clock));
    }
    workers = List.copyOf(workers);
    // The sinks' client libraries log through us: their loggers go to the fallback only.
    settings = settings.withInternalLoggers(internal);

    // dispatcher → entry: entries nobody would receive are not built at all, so thresholds never
    // go below the lowest sink level.
    LogLevels levels = new LogLevels(config.level(), config.loggerLevels(), workers.isEmpty() ? null : lowestSinkLevel);
    EntryFactory factory = new EntryFactory(settings.origin(), settings.limits());
    LevelCounters queueShed = new LevelCounters();
    Dispatcher dispatcher =
        new Dispatcher(queue, factory, workers, spoolFeed, settings, queueShed, fallback, clock);

    return new Parts(settings, fallback, queue, rateLimiter, levels, factory, spool, spoolFeed, spoolUnavailable,
        workers, queueShed, dispatcher);
  }

  /** Asks the sink whether it is fed from the spool; a sink that cannot say is. */
  private static boolean fedFromSpool(LogSink sink) {
    try {
      return sink.fedFromSpool();
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static LogSink createFromProvider(String name, PlatformLoggerConfig config) {
    for (LogSinkProvider p : ServiceLoader.load(LogSinkProvider.class)) {
      if (p.name().equals(name)) {
        try {
          return p.create(config.sinkProperties(name));
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException("sink." + name, e.getMessage());
        }
      }
    }
    throw new ConfigurationException(
        "sinks",
        "no sink named '" + name + "' on the classpath; add its module (for example"
            + " io.platformlogger:platform-logger-sink-" + name + ") or remove it from sinks");
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception ignored) {
      // reported by the caller
    }
  }
}
