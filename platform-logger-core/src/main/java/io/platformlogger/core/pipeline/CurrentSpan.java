package io.platformlogger.core.pipeline;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace and span ids of the current OpenTelemetry span, for entries that have none from
 * {@code LogContext}, MDC or request headers. {@code opentelemetry-api} is an optional dependency:
 * whether it is on the classpath is probed once, when this class initializes, and without it
 * nothing else happens and nothing of OpenTelemetry is loaded (the API is only touched from {@link
 * Lookup}, a class of its own that is never loaded then). A {@link LinkageError} at any point (an
 * API too old or too new, half a classpath) turns the lookup off for good instead of failing a
 * logging call.
 *
 * <p>Called on the caller's thread (the current span is a thread-local of the caller), from {@link
 * LogEvent}'s constructor. Thread-safe.
 */
final class CurrentSpan {
  /** False when the API is absent or broke once; the only state, written at most twice. */
  private static volatile boolean available = probe();

  private CurrentSpan() {}

  private static boolean probe() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, CurrentSpan.class.getClassLoader());
      return Lookup.works();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** True when the OpenTelemetry API is present and usable. */
  static boolean available() {
    return available;
  }

  /**
   * Copies the current span's ids into {@code event} when a valid span is current (the API's
   * no-op span, without an SDK or agent, is never valid).
   */
  static void capture(LogEvent event) {
    if (!available) {
      return;
    }
    try {
      Lookup.capture(event);
    } catch (LinkageError e) {
      available = false; // an incompatible API: stop asking, log without span ids
    }
  }

  /** Every reference to the OpenTelemetry API: loaded only once the probe found it. */
  private static final class Lookup {
    static boolean works() {
      return Span.getInvalid() != null && !Span.getInvalid().getSpanContext().isValid();
    }

    static void capture(LogEvent event) {
      SpanContext c = Span.current().getSpanContext();
      if (c.isValid()) {
        event.span(c.getTraceId(), c.getSpanId());
      }
    }
  }
}
