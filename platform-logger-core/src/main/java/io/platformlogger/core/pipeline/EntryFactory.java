package io.platformlogger.core.pipeline;

import io.platformlogger.core.EntryField;
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
 * Thread-safe: apart from its settings, it keeps only per-thread scratch that is empty between
 * builds (the dispatcher builds nearly every entry; a caller's thread builds one when the pipeline
 * is closed).
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
  /** Each text field's bound by ordinal: {@link FieldLimits} and the value limit, looked up once. */
  private final int[] maxChars;
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
    this.maxChars = new int[EntryField.values().length];
    for (EntryField f : EntryField.values()) {
      maxChars[f.ordinal()] = Math.min(this.limits.maxStringChars(), FieldLimits.maxChars(f.jsonName()));
    }
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

  /**
   * What a build reuses on its thread instead of allocating per entry: the set collecting repair
   * markers and the builder the message is filled into. Both are empty between builds.
   */
  private static final class Scratch {
    /** A builder grown past this by one huge message is dropped after it. */
    private static final int KEEP_MAX = 64 * 1024;

    final Set<String> sanitized = new LinkedHashSet<>();
    /*
     * Per field ordinal, the last String instance found clean and within the field's bound: most
     * fields hold the same instance entry after entry (the logger's name, the context's ids), so a
     * second scan of it is skipped. Strings are immutable, so the instance stays clean.
     */
    final String[] clean = new String[EntryField.values().length];
    StringBuilder message = new StringBuilder(256);
    /* Where the formatter put each argument in the message (TemplateFormatter#format); grown as needed. */
    private int[] placed = new int[9];
    /* A build is running on this thread with this scratch (an argument's toString may build another). */
    boolean busy;

    int[] placed(int args) {
      if (placed.length < 1 + 2 * args) {
        placed = new int[1 + 2 * args];
      }
      return placed;
    }

    void clear() {
      sanitized.clear();
      if (message.capacity() > KEEP_MAX) {
        message = new StringBuilder(256);
      } else {
        message.setLength(0);
      }
      busy = false;
    }
  }

  /* Per factory, not static: the texts a scratch remembers as clean were checked against this factory's bounds. */
  private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

  private LogEntry build(LogEvent ev) {
    Scratch scratch = scratches.get();
    if (scratch.busy) {
      scratch = new Scratch(); // re-entered on this thread: leave the outer build's state alone
    }
    scratch.busy = true;
    try {
      return build(ev, scratch);
    } finally {
      scratch.clear();
    }
  }

  private LogEntry build(LogEvent ev, Scratch scratch) {
    Set<String> sanitized = scratch.sanitized;
    Throwable throwable = ev.throwable();
    String message;
    Object[] eventArgs = ev.args(); // a fluent call's arguments are copied out of its one array here
    int[] placed = null; // where each argument landed in the message, for the redactor (TemplateFormatter)
    if (eventArgs == null || eventArgs.length == 0) {
      message = ev.template == null ? "null" : ev.template;
    } else if (ev.template != null && TemplateFormatter.handles(eventArgs)) {
      StringBuilder text = scratch.message; // the common case: no array, no throwable among the arguments
      placed = scratch.placed(eventArgs.length);
      boolean filled = TemplateFormatter.format(ev.template, eventArgs, text, sanitized, placed);
      message = filled ? text.toString() : ev.template;
      placed = filled ? placed : null;
    } else {
      Object[] args = safeArgs(eventArgs, sanitized);
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
    String formatted = message;
    // With redaction on, one walk both checks the message for repairs and counts the redactor's
    // signal chars in it (TextSanitizer#signals): a message proved quiet is not read again.
    long signals = redactor.enabled() ? TextSanitizer.signals(message, maxMessageChars) : -1;
    if (signals < 0) {
      message = TextSanitizer.clean(message, maxMessageChars, sanitized, "message");
    }
    placed = message == formatted ? placed : null; // cut or repaired: the places no longer hold
    String quietMessage = signals >= 0 && redactor.isQuiet(signals) ? message : null;

    LogContext thread = ev.context;
    LogContext bound = ev.boundContext();
    LogEntry.Builder b =
        LogEntry.builder()
            .timestamp(timestamp(ev))
            .level(ev.level)
            .message(message)
            .service(ev.service() != null ? clean(ev.service(), EntryField.SERVICE, scratch) : service)
            .environment(environment)
            .version(version)
            .region(region)
            .instanceId(instanceId)
            .eventType(clean(ev.eventType(), EntryField.EVENT_TYPE, scratch))
            .stream(clean(ev.stream(), EntryField.STREAM, scratch))
            .action(clean(ev.action(), EntryField.ACTION, scratch))
            .errorCode(clean(ev.errorCode(), EntryField.ERROR_CODE, scratch))
            .loggerName(clean(ev.loggerName, EntryField.LOGGER_NAME, scratch))
            .threadName(clean(ev.threadName, EntryField.THREAD_NAME, scratch));
    if (bound == null && thread != null) {
      context(b, thread, scratch); // the common case: the thread's context alone
    } else if (bound != null && thread == null) {
      context(b, bound, scratch);
    } else if (bound != null) {
      b.tenantId(clean(pick(bound.tenantId(), thread.tenantId()), EntryField.TENANT_ID, scratch))
          .tenantSlug(clean(pick(bound.tenantSlug(), thread.tenantSlug()), EntryField.TENANT_SLUG, scratch))
          .workspaceId(clean(pick(bound.workspaceId(), thread.workspaceId()), EntryField.WORKSPACE_ID, scratch))
          .projectId(clean(pick(bound.projectId(), thread.projectId()), EntryField.PROJECT_ID, scratch))
          .userId(clean(pick(bound.userId(), thread.userId()), EntryField.USER_ID, scratch))
          .sessionId(clean(pick(bound.sessionId(), thread.sessionId()), EntryField.SESSION_ID, scratch))
          .impersonatorId(clean(pick(bound.impersonatorId(), thread.impersonatorId()), EntryField.IMPERSONATOR_ID, scratch))
          .requestId(clean(pick(bound.requestId(), thread.requestId()), EntryField.REQUEST_ID, scratch))
          .traceId(clean(pick(bound.traceId(), thread.traceId()), EntryField.TRACE_ID, scratch))
          .spanId(clean(pick(bound.spanId(), thread.spanId()), EntryField.SPAN_ID, scratch));
    }
    if (ev.spanTraceId() != null
        && (thread == null || thread.traceId() == null) && (bound == null || bound.traceId() == null)) {
      b.traceId(ev.spanTraceId()).spanId(ev.spanSpanId()); // the current OpenTelemetry span's (CurrentSpan)
    }
    if (ev.site != null) {
      b.sourceFile(clean(ev.site.sourceFile(), EntryField.SOURCE_FILE, scratch))
          .sourceLine(ev.site.sourceLine())
          .sourceClass(clean(ev.site.sourceClass(), EntryField.SOURCE_CLASS, scratch))
          .sourceMethod(clean(ev.site.sourceMethod(), EntryField.SOURCE_METHOD, scratch));
    }

    Map<String, ?> given = ev.data(); // the key/values handed over flat become a map here, not on the caller's thread
    Map<String, Object> data = null;
    boolean hasExtras =
        (thread != null && !thread.extras().isEmpty()) || (bound != null && !bound.extras().isEmpty());
    if (!hasExtras && ev.suppressedBefore() == 0) {
      if (given != null) {
        data = DataValues.normalizeMap(given, limits, sanitized); // the common case: no merge
      }
    } else {
      Map<Object, Object> raw = new LinkedHashMap<>();
      if (thread != null) {
        raw.putAll(thread.extras());
      }
      if (bound != null) {
        raw.putAll(bound.extras());
      }
      if (given != null) {
        raw.putAll(given);
      }
      if (ev.suppressedBefore() > 0) {
        raw.put("suppressed", (long) ev.suppressedBefore());
      }
      data = DataValues.normalizeMap(raw, limits, sanitized);
    }
    b.data(data);

    if (throwable != null) {
      b.errorType(clean(throwable.getClass().getName(), EntryField.ERROR_TYPE, scratch));
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
      b.errorSignature(ErrorSignature.compute(ev.errorCode(), ev.loggerName + ": " + what, frame));
    }
    if (ev.markers() != null && !ev.markers().isEmpty()) {
      b.markers(markers(ev.markers(), scratch));
    }
    if (!sanitized.isEmpty()) {
      b.sanitized(List.copyOf(sanitized));
    }
    // b is dropped after this: no copy of its values; a template is scanned once, not per message
    LogEntry entry = redactor.redact(EntryInternals.buildOwned(b), ev.template, placed, quietMessage);
    if (settingsClean) {
      EntryInternals.markClean(entry); // every text above went through the sanitizer: the encoder skips it
    }
    return entry;
  }

  private List<String> markers(List<String> names, Scratch scratch) {
    List<String> out = null;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String cleaned = clean(name, EntryField.MARKERS, scratch);
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

  private void context(LogEntry.Builder b, LogContext c, Scratch scratch) {
    b.tenantId(clean(c.tenantId(), EntryField.TENANT_ID, scratch))
        .tenantSlug(clean(c.tenantSlug(), EntryField.TENANT_SLUG, scratch))
        .workspaceId(clean(c.workspaceId(), EntryField.WORKSPACE_ID, scratch))
        .projectId(clean(c.projectId(), EntryField.PROJECT_ID, scratch))
        .userId(clean(c.userId(), EntryField.USER_ID, scratch))
        .sessionId(clean(c.sessionId(), EntryField.SESSION_ID, scratch))
        .impersonatorId(clean(c.impersonatorId(), EntryField.IMPERSONATOR_ID, scratch))
        .requestId(clean(c.requestId(), EntryField.REQUEST_ID, scratch))
        .traceId(clean(c.traceId(), EntryField.TRACE_ID, scratch))
        .spanId(clean(c.spanId(), EntryField.SPAN_ID, scratch));
  }

  /** Repairs an identifier or name field and cuts it to its {@link FieldLimits bound} (indexed by the stores). */
  private String clean(String s, EntryField field, Scratch scratch) {
    int i = field.ordinal();
    if (s == null || s == scratch.clean[i]) {
      return s; // the same instance as last time: known clean, no second scan
    }
    String cleaned = TextSanitizer.clean(s, maxChars[i], scratch.sanitized, field.jsonName());
    if (cleaned == s) {
      scratch.clean[i] = s;
    }
    return cleaned;
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
