package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.backend.LogCall;
import io.platformlogger.core.internal.FrozenMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a logging call captures on the caller's thread: the raw values, before formatting,
 * sanitizing and JSON shaping, which happen on the pipeline's thread. The pipeline's {@link
 * LogCall}: loggers get one from {@link LogPipeline#capture}, fill it in through that interface and
 * hand it to {@link LogPipeline#submit}; the pipeline reads its fields directly. Package-private:
 * neither applications nor sinks ever see it.
 *
 * <p>Not thread-safe: filled by one thread, then handed off once; nobody may touch it after
 * {@code submit}. Arguments and data values are read later on the pipeline thread, so a mutable
 * argument changed right after the call may be logged with its new value (as with Log4j 2's
 * asynchronous loggers); data maps that are not known to be immutable are copied at the call.
 *
 * <p>Layout, for the calling thread's bytes (every call allocates one): 64 bytes with the fields
 * every call sets; the rarely set ones in a side object ({@code rare}); the fields are read
 * through accessors where they may live there. The thread's context is a reference to its
 * immutable {@link LogContext} (an MDC change makes a new one), so nothing is copied.
 */
final class LogEvent implements LogCall {
  /* Stands for "the arguments are the tail of pairs": one array on the calling thread, not two. */
  private static final Object[] IN_PAIRS = {};

  final Level level;
  final String loggerName;
  final long epochMillis;
  final int nanoOfMilli;
  final String threadName;
  final LogContext context;

  String template;
  /* The template's arguments, or IN_PAIRS: they follow the key/values in pairs (handOverMessage). */
  private Object[] args;
  /**
   * Key/values handed over flat ({@link #handOverKeyValues}, {@link #handOverMessage}): pairs
   * {@code [0, 2 * pairCount)}, made a map by {@link #data()}; after them, when {@code args} is
   * {@link #IN_PAIRS}, the template's arguments to the array's end.
   */
  private Object[] pairs;
  private int pairCount;
  LogSite site;
  /*
   * The fields most calls never set (a throwable, a data map, markers, the service and event-type
   * overrides, a bound context, the span's ids, the rate limiter's count), in a side object made
   * by the first setter given a value (null: all unset). Every event is allocated on the calling
   * thread and crosses the queue, so each field kept here instead saves 4 bytes a call; the event
   * stays at 64 bytes.
   */
  private Rare rare;

  /**
   * Captures the caller's thread name and the current {@link LogContext} now, with a timestamp
   * from {@code now}.
   */
  LogEvent(Level level, String loggerName, Instant now) {
    this(level, loggerName, now.getEpochSecond(), now.getNano());
  }

  /**
   * Captures as {@link #LogEvent(Level, String, Instant)} does, at {@code epochSecond} seconds and
   * {@code nano} nanoseconds (0–999 999 999) after the epoch: an instant's parts, so the caller's
   * {@code Instant} stays a local that escape analysis removes (measured: no bytes for it).
   */
  LogEvent(Level level, String loggerName, long epochSecond, int nano) {
    this.level = level;
    this.loggerName = loggerName;
    this.epochMillis = epochSecond * 1000 + nano / 1_000_000;
    this.nanoOfMilli = nano % 1_000_000;
    this.threadName = Thread.currentThread().getName();
    this.context = LogContext.current();
    if (context == null || context.traceId() == null) {
      CurrentSpan.capture(this);
    }
  }

  /**
   * An event recorded earlier on another thread and handed over now (SLF4J replays the calls it
   * queued while it was initializing): its own time, thread name and context (may be empty).
   */
  LogEvent(Level level, String loggerName, Instant at, String threadName, LogContext context) {
    this.level = level;
    this.loggerName = loggerName;
    this.epochMillis = at.toEpochMilli();
    this.nanoOfMilli = at.getNano() % 1_000_000;
    this.threadName = threadName;
    this.context = context;
  }

  Level level() {
    return level;
  }

  String loggerName() {
    return loggerName;
  }

  /** The message, possibly with SLF4J-style {@code {}} placeholders filled from {@link #args}. */
  @Override
  public LogEvent message(String template, Object... args) {
    this.template = template;
    this.args = args;
    return this;
  }

  String template() {
    return template;
  }

  /**
   * The template's arguments (null or empty: none); those handed over with the key/values ({@link
   * #handOverMessage}) are copied out into their own array here, on the thread that builds the
   * entry. The builder calls it once.
   */
  Object[] args() {
    return args == IN_PAIRS ? java.util.Arrays.copyOfRange(pairs, 2 * pairCount, pairs.length) : args;
  }

  @Override
  public LogEvent handOverMessage(String template, Object[] values, int pairCount) {
    this.template = template;
    this.args = IN_PAIRS;
    this.pairs = values;
    this.pairCount = pairCount;
    return this;
  }

  /** Structured key/values; a map not known to be immutable is copied. */
  @Override
  public LogEvent data(Map<String, ?> data) {
    Map<String, ?> copy = ImmutableMaps.snapshot(data);
    if (copy != null || rare != null) {
      rare().data = copy;
    }
    return this;
  }

  /**
   * Structured key/values from a map the caller has just built for this event and hands over:
   * kept by reference, not copied. The caller must not touch it afterwards.
   */
  @Override
  public LogEvent handOverData(Map<String, ?> data) {
    if ((data != null && !data.isEmpty()) || rare != null) {
      rare().data = data == null || data.isEmpty() ? null : data;
    }
    return this;
  }

  @Override
  public LogEvent handOverKeyValues(Object[] pairs, int pairCount) {
    if (args == IN_PAIRS) { // the arguments travel in the array being replaced: keep them
      args = args();
    }
    this.pairs = pairs;
    this.pairCount = pairs == null ? 0 : pairCount;
    return this;
  }

  /**
   * The call's structured key/values: the map given ({@link #data(Map)}, {@link #handOverData}),
   * then the key/values handed over flat, made into one map here, on the thread that builds the
   * entry ({@link EntryFactory}), so the calling thread never builds it. Null when there are none.
   * Builds a new map on each call: the builder calls it once.
   */
  Map<String, ?> data() {
    Map<String, ?> given = rare == null ? null : rare.data;
    if (pairCount == 0) {
      return given;
    }
    FrozenMap.Builder<String, Object> b = FrozenMap.builder(pairCount + (given == null ? 0 : given.size()));
    if (given != null) {
      for (Map.Entry<String, ?> e : given.entrySet()) {
        b.put(e.getKey(), e.getValue());
      }
    }
    for (int i = 0; i < pairCount; i++) {
      b.put((String) pairs[2 * i], pairs[2 * i + 1]);
    }
    return b.build();
  }

  @Override
  public LogEvent throwable(Throwable throwable) {
    if (throwable != null || rare != null) {
      rare().throwable = throwable;
    }
    return this;
  }

  /** Overrides the pipeline's service name for this entry. */
  @Override
  public LogEvent service(String service) {
    if (service != null || rare != null) {
      rare().service = service;
    }
    return this;
  }

  @Override
  public LogEvent site(LogSite site) {
    this.site = site;
    return this;
  }

  @Override
  public LogEvent markers(List<String> markers) {
    if (markers != null || rare != null) {
      rare().markers = markers;
    }
    return this;
  }

  @Override
  public LogEvent eventType(String eventType) {
    if (eventType != null || rare != null) {
      rare().eventType = eventType;
    }
    return this;
  }

  @Override
  public LogEvent action(String action) {
    if (action != null || rare != null) {
      rare().action = action;
    }
    return this;
  }

  @Override
  public LogEvent errorCode(String errorCode) {
    if (errorCode != null || rare != null) {
      rare().errorCode = errorCode;
    }
    return this;
  }

  @Override
  public LogEvent stream(String stream) {
    if (stream != null || rare != null) {
      rare().stream = stream;
    }
    return this;
  }

  /** Context fields fixed on a logger (a request logger's); the thread's context fills the rest. */
  @Override
  public LogEvent boundContext(LogContext boundContext) {
    if (boundContext != null || rare != null) {
      rare().boundContext = boundContext;
    }
    return this;
  }
  private Rare rare() {
    Rare r = rare;
    if (r == null) {
      r = rare = new Rare();
    }
    return r;
  }

  Throwable throwable() {
    return rare == null ? null : rare.throwable;
  }

  String service() {
    return rare == null ? null : rare.service;
  }

  List<String> markers() {
    return rare == null ? null : rare.markers;
  }

  String eventType() {
    return rare == null ? null : rare.eventType;
  }

  String action() {
    return rare == null ? null : rare.action;
  }

  String errorCode() {
    return rare == null ? null : rare.errorCode;
  }

  String stream() {
    return rare == null ? null : rare.stream;
  }

  LogContext boundContext() {
    return rare == null ? null : rare.boundContext;
  }

  String spanTraceId() {
    return rare == null ? null : rare.spanTraceId;
  }

  String spanSpanId() {
    return rare == null ? null : rare.spanSpanId;
  }

  /** How many calls from the same site the rate limiter dropped just before this one (0: none). */
  int suppressedBefore() {
    return rare == null ? 0 : rare.suppressedBefore;
  }

  /** Set by the submitting thread (the rate limiter's verdict), before the event is queued. */
  void suppressedBefore(int count) {
    if (count != 0 || rare != null) {
      rare().suppressedBefore = count;
    }
  }

  /** The current OpenTelemetry span's ids, taken at the call ({@link CurrentSpan}). */
  void span(String traceId, String spanId) {
    Rare r = rare();
    r.spanTraceId = traceId;
    r.spanSpanId = spanId;
  }

  /** The rarely set fields; each null (0) until set. Owned by its event, under the event's rules. */
  private static final class Rare {
    /* Structured key/values given as a map (PlatformLogger's, a replayed SLF4J event's); most calls hand theirs over flat. */
    Map<String, ?> data;
    /* Most calls carry none; a call that does pays for this object, 64 bytes, on top of the throwable's own. */
    Throwable throwable;
    String service;
    List<String> markers;
    String eventType;
    String action;
    String errorCode;
    String stream;
    LogContext boundContext;
    int suppressedBefore;
    /* The current OpenTelemetry span's ids, taken at the call when the thread's context has no trace id. */
    String spanTraceId;
    String spanSpanId;
  }
}
