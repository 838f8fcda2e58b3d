package io.platformlogger.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import io.platformlogger.core.pipeline.SinkStats;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a pipeline's counters, read from {@link LogPipeline#stats()} each time a
 * registry samples them (nothing is counted twice, nothing runs on the logging path). Usable
 * without Spring: {@code new PlatformLoggerMeters().bindTo(registry)}.
 *
 * <ul>
 *   <li>{@code platform.logger.entries} (counter, tag {@code level}): entries logged;
 *   <li>{@code platform.logger.shed} (counter, tag {@code reason}: {@code queue_full},
 *       {@code rate_limited}, {@code after_close}): entries refused before any sink;
 *   <li>{@code platform.logger.queue.size} (gauge): events waiting for the dispatcher;
 *   <li>{@code platform.logger.sink.written}, {@code .retries}, {@code .failed} (counters, tag
 *       {@code sink});
 *   <li>{@code platform.logger.sink.shed} (counter, tags {@code sink}, {@code reason}:
 *       {@code backlog_full}, {@code spool_full}, {@code spool_max_age}, {@code spool_corrupt});
 *   <li>{@code platform.logger.sink.backlog} (gauge), {@code platform.logger.sink.oldest.undelivered.age}
 *       (time gauge, 0 when nothing waits), {@code platform.logger.sink.spool.bytes} (gauge, bytes still
 *       to deliver), tag {@code sink};
 *   <li>{@code platform.logger.spool.bytes} (gauge): the spool's bytes on disk.
 * </ul>
 *
 * <p>Sinks are those of the pipeline at bind time; the counters follow whatever pipeline the
 * supplier returns when sampled (the process-wide one by default). Thread-safe.
 */
public final class PlatformLoggerMeters implements MeterBinder {
  static final List<String> SINK_SHED_REASONS = List.of("backlog_full", "spool_full", "spool_max_age", "spool_corrupt");

  private final Supplier<LogPipeline> pipeline;

  /** Meters for the process-wide pipeline ({@link PlatformLoggers#pipeline()}). */
  public PlatformLoggerMeters() {
    this(PlatformLoggers::pipeline);
  }

  /** Meters for the pipeline {@code pipeline} returns when sampled. */
  public PlatformLoggerMeters(Supplier<LogPipeline> pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Level level : Level.values()) {
      FunctionCounter.builder("platform.logger.entries", pipeline,
              p -> p.get().enqueuedByLevel().getOrDefault(level, 0L))
          .description("Entries logged (accepted from logging calls)")
          .baseUnit("entries")
          .tag("level", level.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    shed(registry, "queue_full", PipelineStats::shed);
    shed(registry, "rate_limited", PipelineStats::rateLimited);
    shed(registry, "after_close", PipelineStats::afterClose);
    Gauge.builder("platform.logger.queue.size", pipeline, p -> p.get().stats().queued())
        .description("Events waiting in the caller hand-off queue")
        .register(registry);
    Gauge.builder("platform.logger.spool.bytes", pipeline, p -> p.get().stats().spool().bytes())
        .description("Bytes of the durable spool on disk")
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
    for (SinkStats sink : pipeline.get().stats().sinks()) {
      bindSink(registry, sink.name());
    }
  }

  private void shed(MeterRegistry registry, String reason, ToDoubleFunction<PipelineStats> count) {
    FunctionCounter.builder("platform.logger.shed", pipeline, p -> count.applyAsDouble(p.get().stats()))
        .description("Entries refused before reaching any sink")
        .baseUnit("entries")
        .tag("reason", reason)
        .register(registry);
  }

  private void bindSink(MeterRegistry registry, String name) {
    sinkCounter(registry, name, "platform.logger.sink.written", "Entries the sink stored", SinkStats::written);
    sinkCounter(registry, name, "platform.logger.sink.retries", "Failed writes that were retried", SinkStats::retries);
    sinkCounter(registry, name, "platform.logger.sink.failed", "Entries given up on", SinkStats::failed);
    for (String reason : SINK_SHED_REASONS) {
      FunctionCounter.builder("platform.logger.sink.shed", pipeline,
              p -> sinkValue(p, name, s -> s.shedByReason().getOrDefault(reason, 0L)))
          .description("Entries handed to the sink but not delivered")
          .baseUnit("entries")
          .tags("sink", name, "reason", reason)
          .register(registry);
    }
    Gauge.builder("platform.logger.sink.backlog", pipeline, p -> sinkValue(p, name, SinkStats::backlog))
        .description("Entries waiting for the sink")
        .tag("sink", name)
        .register(registry);
    Gauge.builder("platform.logger.sink.spool.bytes", pipeline, p -> sinkValue(p, name, SinkStats::spoolBytes))
        .description("Spool bytes the sink has still to deliver")
        .baseUnit(BaseUnits.BYTES)
        .tag("sink", name)
        .register(registry);
    TimeGauge.builder("platform.logger.sink.oldest.undelivered.age", pipeline, TimeUnit.MILLISECONDS,
            p -> sinkValue(p, name, s -> ageMillis(s.oldestUndelivered())))
        .description("Age of the oldest entry the sink has not delivered yet (0 when none waits)")
        .tag("sink", name)
        .register(registry);
  }

  private void sinkCounter(MeterRegistry registry, String name, String meter, String description,
      ToDoubleFunction<SinkStats> value) {
    FunctionCounter.builder(meter, pipeline, p -> sinkValue(p, name, value))
        .description(description)
        .baseUnit("entries")
        .tag("sink", name)
        .register(registry);
  }

  private static double sinkValue(Supplier<LogPipeline> p, String name, ToDoubleFunction<SinkStats> value) {
    for (SinkStats s : p.get().stats().sinks()) {
      if (s.name().equals(name)) {
        return value.applyAsDouble(s);
      }
    }
    return Double.NaN; // the pipeline was replaced by one without this sink
  }

  private static double ageMillis(Instant oldest) {
    return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.toEpochMilli());
  }
}
