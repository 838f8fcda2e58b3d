package io.platformlogger.core.slf4j;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.location.SiteAwareEventBuilder;
import io.platformlogger.core.backend.LogCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The fluent API's builder for enabled levels. It collects the statement's parts straight into
 * the fields a {@link LogEvent} needs, instead of going through SLF4J's {@code
 * DefaultLoggingEvent} (its lists, one {@code KeyValuePair} per key and the copies made when the
 * event is read back): the fluent call is the one most worth making cheap.
 *
 * <p>Same meaning as SLF4J's {@code DefaultLoggingEventBuilder}: arguments added before {@code
 * log(msg, args...)} come first; a repeated key keeps its first position and its last value;
 * suppliers are evaluated on the caller's thread when added; with no cause set, a trailing
 * Throwable argument is the cause. Unlike it, a {@link Supplier} that throws does not throw into
 * the application: its value becomes {@code "[supplier failed: <exception class>]"}, counted in
 * {@link PlatformSlf4jServiceProvider#internalErrors()}. The caller boundary is ignored (we never
 * walk the stack). Code rewritten by the source-location processor sets the call site before
 * logging.
 *
 * <p>Reused: each thread keeps one builder ({@link #start}) and hands it out again once its
 * statement has logged, so a fluent call allocates no builder (as Log4j 2's {@code LogBuilder}).
 * A statement started while the thread's builder is still open (a supplier that logs, two
 * statements built side by side) gets a fresh one. The protocol, as SLF4J's own builder is meant
 * to be used: a builder is used by the thread that asked for it, for one statement; a {@code log}
 * on a builder that already logged, or from another thread, is ignored and counted in {@link
 * PlatformSlf4jServiceProvider#internalErrors()}, and whatever is added to it after its {@code log}
 * is ignored (it could otherwise reach the thread's next statement). Nothing a statement collected
 * stays referenced after its {@code log}: it is copied into the event, the scratch emptied.
 */
final class PlatformLoggingEventBuilder implements SiteAwareEventBuilder, CallerBoundaryAware {
  /** Where a finished statement goes: the logger that made the builder. */
  interface Target {
    void log(PlatformLoggingEventBuilder statement);
  }

  private static final Object[] NO_ARGS = {};
  /* Scratch arrays grown past this many slots by one large statement are dropped after it. */
  private static final int KEEP_MAX = 64;

  /* The thread's reusable builder; never shared with another thread. */
  private static final ThreadLocal<PlatformLoggingEventBuilder> REUSABLE =
      ThreadLocal.withInitial(() -> new PlatformLoggingEventBuilder(Thread.currentThread()));

  /** The thread allowed to use this builder when it is a thread's reusable one; null for a fresh one. */
  private final Thread owner;
  /** Between {@link #start} and the end of its {@code log}: the statement is open. */
  private boolean open;
  private Target target;
  private Level level;
  private String message;
  /*
   * The arguments added so far, [0, argCount): this builder's scratch, kept from statement to
   * statement (emptied after each) and copied into the event's array at log().
   */
  private Object[] args = NO_ARGS;
  private int argCount;
  /* A log(message, args...) call's own varargs array, taken as it is when nothing was added before (else null). */
  private Object[] callArgs;
  /* key, value, key, value… in [0, 2 * keyValueCount): scratch like args; the map is made on the pipeline's thread. */
  private Object[] keyValues;
  private int keyValueCount;
  private List<Marker> markers;
  private Throwable cause;
  private LogSite site;

  private PlatformLoggingEventBuilder(Thread owner) {
    this.owner = owner;
  }

  /**
   * A builder for one statement at {@code level} going to {@code target}: this thread's reusable
   * one, or a fresh one while that is open (a statement started inside another).
   */
  static PlatformLoggingEventBuilder start(Target target, Level level) {
    PlatformLoggingEventBuilder b = REUSABLE.get();
    if (b.open) {
      b = new PlatformLoggingEventBuilder(null);
    }
    b.open = true;
    b.target = target;
    b.level = level;
    // set without a check by the log methods and site(): a stale call on the closed builder may have left them
    b.message = null;
    b.callArgs = null;
    b.site = null;
    return b;
  }

  /** Hands the statement to its target once, on the right thread; then forgets it (see the class comment). */
  private void finish() {
    if (!open || (owner != null && owner != Thread.currentThread())) {
      PlatformSlf4jServiceProvider.recordInternalError(); // used again after its log, or from another thread
      return;
    }
    try {
      target.log(this);
    } finally {
      message = null;
      // the scratch arrays stay for the next statement, emptied: nothing the application logged stays reachable
      if (args.length > KEEP_MAX) {
        args = NO_ARGS;
      } else {
        Arrays.fill(args, 0, argCount, null);
      }
      argCount = 0;
      callArgs = null;
      if (keyValues != null) {
        Arrays.fill(keyValues, 0, Math.min(2 * keyValueCount, keyValues.length), null);
        keyValues = keyValues.length > KEEP_MAX ? null : keyValues;
      }
      keyValueCount = 0;
      markers = null;
      cause = null;
      site = null;
      target = null;
      open = false;
    }
  }

  Level level() {
    return level;
  }

  LogSite site() {
    return site;
  }

  /**
   * Fills {@code event}, just captured at this statement's level, with what this statement
   * collected, and returns it; called by the target on the caller's thread.
   */
  LogCall fill(LogCall event) {
    Object[] from = callArgs != null ? callArgs : args;
    int n = callArgs != null ? callArgs.length : argCount;
    Throwable throwable = cause;
    if (throwable == null && n > 0 && from[n - 1] instanceof Throwable) {
      throwable = (Throwable) from[--n]; // SLF4J's rule: with no cause set, a trailing Throwable is it
    }
    if (keyValueCount == 0) {
      event.message(message, n == 0 ? NO_ARGS : from == callArgs && n == from.length ? from : Arrays.copyOf(from, n));
    } else {
      // one exact array for the key/values and the arguments: the only array this call allocates
      int kv = 2 * keyValueCount;
      Object[] values = new Object[kv + n];
      System.arraycopy(keyValues, 0, values, 0, kv);
      System.arraycopy(from, 0, values, kv, n);
      event.handOverMessage(message, values, keyValueCount);
    }
    event.throwable(throwable);
    if (markers != null) {
      event.markers(MarkerNames.of(markers));
    }
    if (site != null) {
      event.site(site);
    }
    return event;
  }

  @Override
  public LoggingEventBuilder setCause(Throwable cause) {
    if (open) {
      this.cause = cause;
    }
    return this;
  }

  @Override
  public LoggingEventBuilder addMarker(Marker marker) {
    if (!open) {
      return this;
    }
    if (markers == null) {
      markers = new ArrayList<>(2);
    }
    markers.add(marker);
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Object argument) {
    if (!open) {
      return this;
    }
    if (argCount == args.length) {
      args = Arrays.copyOf(args, Math.max(4, argCount * 2));
    }
    args[argCount++] = argument;
    return this;
  }

  @Override
  public LoggingEventBuilder addArgument(Supplier<?> supplier) {
    return addArgument(evaluate(supplier, false));
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Object value) {
    if (open) {
      keyValues = LogCall.appendKeyValue(keyValues, keyValueCount++, key, value);
    }
    return this;
  }

  @Override
  public LoggingEventBuilder addKeyValue(String key, Supplier<Object> supplier) {
    return addKeyValue(key, evaluate(supplier, false));
  }

  @Override
  public LoggingEventBuilder setMessage(String message) {
    this.message = message;
    return this;
  }

  @Override
  public LoggingEventBuilder setMessage(Supplier<String> supplier) {
    this.message = (String) evaluate(supplier, true);
    return this;
  }

  @Override
  public void setCallerBoundary(String fqcn) {
    // Nothing to do: the call site comes from the compiler, never from the stack.
  }

  @Override
  public void site(LogSite site) {
    this.site = site;
  }

  @Override
  public void log() {
    finish();
  }

  @Override
  public void log(String message) {
    this.message = message;
    finish();
  }

  @Override
  public void log(String message, Object arg) {
    this.message = message;
    addArgument(arg);
    finish();
  }

  @Override
  public void log(String message, Object arg1, Object arg2) {
    this.message = message;
    addArgument(arg1);
    addArgument(arg2);
    finish();
  }

  @Override
  public void log(String message, Object... args) {
    this.message = message;
    if (args != null) {
      if (argCount == 0) {
        callArgs = args; // the varargs array is this call's own
      } else {
        for (Object a : args) {
          addArgument(a);
        }
      }
    }
    finish();
  }

  @Override
  public void log(Supplier<String> supplier) {
    log((String) evaluate(supplier, true));
  }

  private static Object evaluate(Supplier<?> supplier, boolean asText) {
    if (supplier == null) {
      return null;
    }
    try {
      Object value = supplier.get();
      // asText: a raw-typed Supplier<String> may still return something else.
      return asText && value != null ? value.toString() : value;
    } catch (Throwable t) {
      PlatformSlf4jServiceProvider.recordInternalError();
      return "[supplier failed: " + t.getClass().getName() + "]";
    }
  }
}
