package io.platformlogger.core.pipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.error.ErrorSignature;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.internal.DataValues;
import io.platformlogger.core.internal.EntryInternals;
import io.platformlogger.core.internal.FieldLimits;
import io.platformlogger.core.internal.StackTraceText;
import io.platformlogger.core.internal.TextSanitizer;
import io.platformlogger.core.redact.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Turns a captured {@link LogEvent} into a {@link LogEntry} on the dispatcher thread: formats the
 * message, merges context, normalizes data, renders the error and its signature, and sanitizes
 * everything. It never throws: an event that cannot be built becomes an entry saying so.
 * Stateless apart from its settings; thread-safe.
 */
final class EntryFactory {
  private final String service;
  private final Environment environment;
  private final String version;
  private final String region;
  private final String instanceId;
  private final int maxMessageChars;
  private final int maxStackChars;
  private final DataLimits limits;
  /*
   * Whether the configured texts need no repair; if they do (configuration is checked elsewhere,
   * but not for NUL or lone surrogates), entries are left for the encoder to repair and mark.
   */
  private final boolean settingsClean;
  /** Masks secrets in every built entry, before it reaches the spool, console or any sink. */
  private final Redactor redactor;

  EntryFactory(PipelineSettings.Origin origin, PipelineSettings.Limits limits) {
    this.redactor = limits.redactor();
    this.service = origin.service();
    this.environment = origin.environment();
    this.version = origin.version();
    this.region = origin.region();
    this.instanceId = origin.instanceId();
    this.maxMessageChars = limits.maxMessageChars();
    this.maxStackChars = limits.maxStackChars();
    this.limits = limits.data();
    this.settingsClean =
        isClean(service) && isClean(version) && isClean(region) && isClean(instanceId);
  }

  private static boolean isClean(String s) {
    return s == null || TextSanitizer.clean(s, Integer.MAX_VALUE, null) == s;
  }

  /** The entry for {@code ev}; never throws (see {@link #create(LogEvent, LongAdder)}). */
  LogEntry create(LogEvent ev) {
    return create(ev, null);
  }

  /**
   * The entry for {@code ev}. Never throws: an event that cannot be built becomes an entry saying
   * so (marked {@code entry_build_failed}) and counts one in {@code buildFailures} (when not null).
   */
  LogEntry create(LogEvent ev, LongAdder buildFailures) {
    try {
      return build(ev);
    } catch (Throwable t) { // a broken argument must not cost the entry, nor the pipeline thread
      if (buildFailures != null) {
        buildFailures.increment();
      }
      return LogEntry.builder()
          .timestamp(timestamp(ev))
          .level(ev.level)
          .message("[platform-logger could not build this entry: " + t.getClass().getName() + "]")
          .loggerName(ev.loggerName)
          .threadName(ev.threadName)
          .service(service)
          .environment(environment)
          .sanitized(List.of("entry_build_failed"))
          .build();
    }
  }

  private static Instant timestamp(LogEvent ev) {
    return Instant.ofEpochSecond(
        Math.floorDiv(ev.epochMillis, 1000),
        Math.floorMod(ev.epochMillis, 1000) * 1_000_000L + ev.nanoOfMilli);
  }

  private LogEntry build(LogEvent ev) {
    Set<String> sanitized = new LinkedHashSet<>(2);
    Throwable throwable = ev.throwable;
    String message;
    if (ev.args == null || ev.args.length == 0) {
      message = ev.template == null ? "null" : ev.template;
    } else {
      Object[] args = safeArgs(ev.args, sanitized);
      if (throwable == null) {
        FormattingTuple ft = MessageFormatter.arrayFormat(ev.template, args);
        message = ft.getMessage();
        throwable = ft.getThrowable();
      } else {
        message = MessageFormatter.basicArrayFormat(ev.template, args);
      }
      if (message == null) {
        message = "null";
      }
    }
    message = TextSanitizer.clean(message, maxMessageChars, sanitized, "message");

    LogContext thread = ev.context;
    LogContext bound = ev.boundContext;
    LogEntry.Builder b =
        LogEntry.builder()
            .timestamp(timestamp(ev))
            .level(ev.level)
            .message(message)
            .service(ev.service != null ? clean(ev.service, "service", sanitized) : service)
            .environment(environment)
            .version(version)
            .region(region)
            .instanceId(instanceId)
            .eventType(clean(ev.eventType, "event_type", sanitized))
            .stream(clean(ev.stream, "stream", sanitized))
            .action(clean(ev.action, "action", sanitized))
            .errorCode(clean(ev.errorCode, "error_code", sanitized))
            .loggerName(clean(ev.loggerName, "logger_name", sanitized))
            .threadName(clean(ev.threadName, "thread_name", sanitized));
    if (bound == null && thread != null) {
      context(b, thread, sanitized); // the common case: the thread's context alone
    } else if (bound != null && thread == null) {
      context(b, bound, sanitized);
    } else if (bound != null) {
      b.tenantId(clean(pick(bound.tenantId(), thread.tenantId()), "tenant_id", sanitized))
          .tenantSlug(clean(pick(bound.tenantSlug(), thread.tenantSlug()), "tenant_slug", sanitized))
          .workspaceId(clean(pick(bound.workspaceId(), thread.workspaceId()), "workspace_id", sanitized))
          .projectId(clean(pick(bound.projectId(), thread.projectId()), "project_id", sanitized))
          .userId(clean(pick(bound.userId(), thread.userId()), "user_id", sanitized))
          .sessionId(clean(pick(bound.sessionId(), thread.sessionId()), "session_id", sanitized))
          .impersonatorId(clean(pick(bound.impersonatorId(), thread.impersonatorId()), "impersonator_id", sanitized))
          .requestId(clean(pick(bound.requestId(), thread.requestId()), "request_id", sanitized))
          .traceId(clean(pick(bound.traceId(), thread.traceId()), "trace_id", sanitized))
          .spanId(clean(pick(bound.spanId(), thread.spanId()), "span_id", sanitized));
    }
    if (ev.spanTraceId != null
        && (thread == null || thread.traceId() == null) && (bound == null || bound.traceId() == null)) {
      b.traceId(ev.spanTraceId).spanId(ev.spanSpanId); // the current OpenTelemetry span's (CurrentSpan)
    }
    if (ev.site != null) {
      b.sourceFile(clean(ev.site.sourceFile(), "source_file", sanitized))
          .sourceLine(ev.site.sourceLine())
          .sourceClass(clean(ev.site.sourceClass(), "source_class", sanitized))
          .sourceMethod(clean(ev.site.sourceMethod(), "source_method", sanitized));
    }

    Map<String, Object> data = null;
    boolean hasExtras =
        (thread != null && !thread.extras().isEmpty()) || (bound != null && !bound.extras().isEmpty());
    if (!hasExtras && ev.suppressedBefore == 0) {
      if (ev.data != null) {
        data = DataValues.normalizeMap(ev.data, limits, sanitized); // the common case: no merge
      }
    } else {
      Map<Object, Object> raw = new LinkedHashMap<>();
      if (thread != null) {
        raw.putAll(thread.extras());
      }
      if (bound != null) {
        raw.putAll(bound.extras());
      }
      if (ev.data != null) {
        raw.putAll(ev.data);
      }
      if (ev.suppressedBefore > 0) {
        raw.put("suppressed", (long) ev.suppressedBefore);
      }
      data = DataValues.normalizeMap(raw, limits, sanitized);
    }
    b.data(data);

    if (throwable != null) {
      b.errorType(clean(throwable.getClass().getName(), "error_type", sanitized));
      b.errorStack(TextSanitizer.clean(stackTrace(throwable, sanitized), maxStackChars, sanitized, "error_stack"));
      b.errorSignature(signature(throwable, sanitized));
    } else if (ev.level == Level.ERROR) {
      StackTraceElement[] frame =
          ev.site == null
              ? null
              : new StackTraceElement[] {
                new StackTraceElement(
                    ev.site.sourceClass(), ev.site.sourceMethod(), ev.site.sourceFile(), ev.site.sourceLine())
              };
      String what = ev.template != null ? ev.template : message;
      b.errorSignature(ErrorSignature.compute(ev.errorCode, ev.loggerName + ": " + what, frame));
    }
    if (ev.markers != null && !ev.markers.isEmpty()) {
      b.markers(markers(ev.markers, sanitized));
    }
    if (!sanitized.isEmpty()) {
      b.sanitized(List.copyOf(sanitized));
    }
    LogEntry entry = redactor.redact(b.build(), ev.template); // a long template is scanned once, not per message
    if (settingsClean) {
      EntryInternals.markClean(entry); // every text above went through the sanitizer: the encoder skips it
    }
    return entry;
  }

  private List<String> markers(List<String> names, Set<String> sanitized) {
    List<String> out = null;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String cleaned = clean(name, "markers", sanitized);
      if (cleaned != name && out == null) {
        out = new java.util.ArrayList<>(names.subList(0, i));
      }
      if (out != null) {
        out.add(cleaned);
      }
    }
    return out != null ? out : names;
  }

  /** A logger's bound value wins over the thread's. */
  private static String pick(String bound, String thread) {
    return bound != null ? bound : thread;
  }

  private void context(LogEntry.Builder b, LogContext c, Set<String> sanitized) {
    b.tenantId(clean(c.tenantId(), "tenant_id", sanitized))
        .tenantSlug(clean(c.tenantSlug(), "tenant_slug", sanitized))
        .workspaceId(clean(c.workspaceId(), "workspace_id", sanitized))
        .projectId(clean(c.projectId(), "project_id", sanitized))
        .userId(clean(c.userId(), "user_id", sanitized))
        .sessionId(clean(c.sessionId(), "session_id", sanitized))
        .impersonatorId(clean(c.impersonatorId(), "impersonator_id", sanitized))
        .requestId(clean(c.requestId(), "request_id", sanitized))
        .traceId(clean(c.traceId(), "trace_id", sanitized))
        .spanId(clean(c.spanId(), "span_id", sanitized));
  }

  /** Repairs an identifier or name field and cuts it to its {@link FieldLimits bound} (indexed by the stores). */
  private String clean(String s, String field, Set<String> sanitized) {
    return s == null
        ? null
        : TextSanitizer.clean(
            s, Math.min(limits.maxStringChars(), FieldLimits.maxChars(field)), sanitized, field);
  }

  /**
   * Renders arguments that are not arrays to strings here, so that a throwing {@code toString}
   * becomes a marked placeholder instead of MessageFormatter's unmarked "[FAILED toString()]".
   */
  private static Object[] safeArgs(Object[] args, Set<String> sanitized) {
    // Not clone(): a typed array (Integer[] passed as the varargs) would refuse the strings below.
    Object[] out = java.util.Arrays.copyOf(args, args.length, Object[].class);
    for (int i = 0; i < out.length; i++) {
      Object a = out[i];
      if (a == null || a instanceof String || a instanceof Throwable || a.getClass().isArray()) {
        continue;
      }
      try {
        out[i] = String.valueOf(a.toString());
      } catch (Throwable t) {
        out[i] = "[toString() failed: " + t.getClass().getName() + "]";
        sanitized.add("tostring_failed");
      }
    }
    return out;
  }

  private static String stackTrace(Throwable t, Set<String> sanitized) {
    try {
      return StackTraceText.render(t, sanitized); // a chain thousands deep keeps its top and root
    } catch (Throwable failure) {
      sanitized.add("stack_unavailable");
      return "[stack trace unavailable: " + failure.getClass().getName() + "]";
    }
  }

  private static String signature(Throwable t, Set<String> sanitized) {
    try {
      return ErrorSignature.of(t);
    } catch (Throwable failure) {
      sanitized.add("signature_unavailable");
      return null;
    }
  }
}
