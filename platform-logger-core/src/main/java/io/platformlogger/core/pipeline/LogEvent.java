package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogSite;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a logging call captures on the caller's thread: the raw values, before formatting,
 * sanitizing and JSON shaping, which happen on the pipeline's thread. Loggers fill one in and
 * hand it to {@link LogPipeline#submit}; sinks never see it.
 *
 * <p>Not thread-safe: filled by one thread, then handed off once; nobody may touch it after
 * {@code submit}. Arguments and data values are read later on the pipeline thread, so a mutable
 * argument changed right after the call may be logged with its new value (as with Log4j 2's
 * asynchronous loggers); data maps that are not known to be immutable are copied at the call.
 */
public final class LogEvent {
  final Level level;
  final String loggerName;
  final long epochMillis;
  final int nanoOfMilli;
  final String threadName;
  final LogContext context;

  String service;
  String template;
  Object[] args;
  Map<String, ?> data;
  Throwable throwable;
  LogSite site;
  List<String> markers;
  String eventType;
  String action;
  String errorCode;
  String stream;
  LogContext boundContext;
  int suppressedBefore;

  /**
   * Captures the caller's thread name and the current {@link LogContext} now, with a timestamp
   * from {@code now}.
   */
  public LogEvent(Level level, String loggerName, Instant now) {
    this.level = level;
    this.loggerName = loggerName;
    this.epochMillis = now.toEpochMilli();
    this.nanoOfMilli = now.getNano() % 1_000_000;
    this.threadName = Thread.currentThread().getName();
    this.context = LogContext.current();
  }

  /**
   * An event recorded earlier on another thread and handed over now (SLF4J replays the calls it
   * queued while it was initializing): its own time, thread name and context (may be empty).
   */
  public LogEvent(Level level, String loggerName, Instant at, String threadName, LogContext context) {
    this.level = level;
    this.loggerName = loggerName;
    this.epochMillis = at.toEpochMilli();
    this.nanoOfMilli = at.getNano() % 1_000_000;
    this.threadName = threadName;
    this.context = context;
  }

  public Level level() {
    return level;
  }

  public String loggerName() {
    return loggerName;
  }

  /** The message, possibly with SLF4J-style {@code {}} placeholders filled from {@link #args}. */
  public LogEvent message(String template, Object... args) {
    this.template = template;
    this.args = args;
    return this;
  }

  public String template() {
    return template;
  }

  /** Structured key/values; a map not known to be immutable is copied. */
  public LogEvent data(Map<String, ?> data) {
    this.data = ImmutableMaps.snapshot(data);
    return this;
  }

  /**
   * Structured key/values from a map the caller has just built for this event and hands over:
   * kept by reference, not copied. The caller must not touch it afterwards.
   */
  public LogEvent handOverData(Map<String, ?> data) {
    this.data = data == null || data.isEmpty() ? null : data;
    return this;
  }

  public LogEvent throwable(Throwable throwable) {
    this.throwable = throwable;
    return this;
  }

  /** Overrides the pipeline's service name for this entry. */
  public LogEvent service(String service) {
    this.service = service;
    return this;
  }

  public LogEvent site(LogSite site) {
    this.site = site;
    return this;
  }

  public LogEvent markers(List<String> markers) {
    this.markers = markers;
    return this;
  }

  public LogEvent eventType(String eventType) {
    this.eventType = eventType;
    return this;
  }

  public LogEvent action(String action) {
    this.action = action;
    return this;
  }

  public LogEvent errorCode(String errorCode) {
    this.errorCode = errorCode;
    return this;
  }

  public LogEvent stream(String stream) {
    this.stream = stream;
    return this;
  }

  /** Context fields fixed on a logger (a request logger's); the thread's context fills the rest. */
  public LogEvent boundContext(LogContext boundContext) {
    this.boundContext = boundContext;
    return this;
  }
}
