package io.platformlogger.core.redact;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.FrozenMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Masks secrets in a built entry, before it reaches the spool, the console or any sink: the values
 * of secret-looking keys in {@code data} (where MDC and context extras land too) at any depth, and
 * well-known secrets in the message, the error stack and every string value ({@link TextMasker}).
 * An entry that changed gains the {@value #MARKER} marker in {@code sanitized}. See
 * docs/redaction.md for what it cannot catch.
 *
 * <p>Called by the pipeline's entry builder on the dispatcher thread; an entry without secrets
 * costs one scan of its texts and keys and comes back as the same instance. Internal: not part of
 * the API. Immutable and thread-safe.
 */
public final class Redactor {
  /** The marker added to {@code sanitized} when anything was masked. */
  public static final String MARKER = "redacted";

  /** What a masked value or secret becomes. */
  public static final String MASK = TextMasker.MASK;

  private static final Redactor OFF = new Redactor(null, null);
  private static final Redactor BUILT_IN = of(RedactionSettings.DEFAULT);

  /** Null when redaction is off. */
  private final SecretKeys keys;
  private final TextMasker text;

  private Redactor(SecretKeys keys, TextMasker text) {
    this.keys = keys;
    this.text = text;
  }

  /** A redactor for {@code settings}; one that changes nothing when they are off. */
  public static Redactor of(RedactionSettings settings) {
    if (!settings.enabled()) {
      return OFF;
    }
    SecretKeys keys = new SecretKeys(settings.extraKeys(), settings.allowedKeys());
    return new Redactor(keys, new TextMasker(keys, settings.extraPatterns()));
  }

  /** {@code entry} with its secrets masked and marked, or {@code entry} itself when it has none. */
  public LogEntry redact(LogEntry entry) {
    return redact(entry, null, null);
  }

  /** {@link #redact(LogEntry, String, int[])} without the arguments' places. */
  public LogEntry redact(LogEntry entry, String template) {
    return redact(entry, template, null);
  }

  /**
   * {@link #redact(LogEntry)} for an entry whose message was formatted from {@code template} (the
   * call's message pattern, null if unknown): a template's segments are scanned once and
   * remembered, and each message from it only where the arguments landed ({@link TemplateScan}).
   * {@code placed}, when not null, records where the pipeline's formatter put each argument's text
   * in the message, which is otherwise the template's text, nothing cut or repaired since (the
   * count at index 0, then each start and end): a message from a clean template is then checked on
   * those texts alone. The result is the same as without the template.
   */
  public LogEntry redact(LogEntry entry, String template, int[] placed) {
    return redact(entry, template, placed, null);
  }

  /**
   * {@link #redact(LogEntry, String, int[])} where {@code quietMessage}, when it is the entry's
   * message instance, was proved free of secrets by the caller ({@link #isQuiet} on its lanes,
   * counted by the sanitizer's walk over it): that message is not read again. Null when unknown.
   */
  public LogEntry redact(LogEntry entry, String template, int[] placed, String quietMessage) {
    if (keys == null) {
      return entry;
    }
    String message = entry.message() == quietMessage ? quietMessage : message(entry.message(), template, placed);
    String stack = text.mask(entry.errorStack());
    Map<String, Object> data = map(entry.data());
    if (message == entry.message() && stack == entry.errorStack() && data == entry.data()) {
      return entry;
    }
    List<String> sanitized = new ArrayList<>(entry.sanitized().size() + 1);
    sanitized.addAll(entry.sanitized());
    sanitized.add(MARKER);
    return entry.toBuilder().message(message).errorStack(stack).data(data).sanitized(sanitized).build();
  }

  /**
   * {@code text} with secrets masked by the built-in rules: for messages the library writes
   * itself, such as a configuration error that repeats a JDBC or Redis URL (its password, and
   * {@code password=} parameters, become {@value #MASK}). Null gives null.
   */
  public static String mask(String text) {
    return BUILT_IN.text(text);
  }

  /** Whether this redactor masks anything (redaction is on). */
  public boolean enabled() {
    return keys != null;
  }

  /**
   * Whether a text of at most {@link io.platformlogger.core.internal.SignalLanes#LANE_LIMIT} chars
   * whose {@link io.platformlogger.core.internal.SignalLanes lanes} are {@code lanes} holds nothing
   * this redactor would mask (then {@link #text} returns it as it is); false when it may, or when
   * redaction is off.
   */
  public boolean isQuiet(long lanes) {
    return keys != null && text.isQuiet(lanes);
  }

  /** Masks one text; the same instance when nothing was found. */
  public String text(String s) {
    return keys == null ? s : text.mask(s);
  }

  /**
   * A message from a template shorter than this is scanned whole unless its arguments prove it
   * clean ({@link TemplateScan#isCleanFilled}): finding a short template's segments in the message
   * costs more than scanning it (docs/benchmarks.md).
   */
  private static final int LONG_TEMPLATE = 256;

  /** Templates longer than this are not remembered (a template built per call could be megabytes). */
  private static final int LONGEST_TEMPLATE = 16_384;

  /**
   * A template seen twice, by identity: its segments' scan, and whether masking leaves the template
   * itself unchanged (for a call without arguments, whose message is the template instance).
   */
  private record Seen(String template, TemplateScan scan, boolean wholeClean) {}

  /*
   * Templates seen lately, in a slot picked by their length and three of their chars: cheap for a
   * template built per call, where an identity or content hash would cost a header write or a full
   * pass. A call site passes the same String instance (a literal) each time, and a template is
   * scanned on its second sight, so one built per call is never scanned; the first sight is kept
   * in seenOnce, with no allocation. Racy on purpose, like SecretKeys' cache: a slot read stale or
   * overwritten by another thread costs a scan of the whole message, never a wrong answer (a Seen
   * is immutable, its fields final, and a String's verdict cannot change).
   */
  private final Seen[] templates = new Seen[256];
  private final String[] seenOnce = new String[256];

  private static int slot(String template) {
    int n = template.length();
    return (n * 31 + template.charAt(0) * 7 + template.charAt(n >>> 1) * 3 + template.charAt(n - 1)) & 255;
  }

  /** {@code message} masked; scanned only where its arguments landed when its template is known. */
  String message(String message, String template) {
    return message(message, template, null);
  }

  /** {@code message}, filled from {@code template} at {@code placed} (see {@link #redact(LogEntry, String, int[])}), masked. */
  String message(String message, String template, int[] placed) {
    if (template == null || message == null || (placed == null && message != template && template.length() < LONG_TEMPLATE)) {
      return text.mask(message); // kept small, so that it compiles into the caller
    }
    return remembered(message, template, placed);
  }

  private String remembered(String message, String template, int[] placed) {
    if (template.isEmpty() || template.length() > LONGEST_TEMPLATE) {
      return text.mask(message);
    }
    int slot = slot(template);
    Seen seen = templates[slot];
    if (seen == null || seen.template() != template) {
      if (seenOnce[slot] != template) {
        seenOnce[slot] = template;
        return text.mask(message);
      }
      seen = new Seen(template, TemplateScan.of(template, text), text.mask(template) == template);
      templates[slot] = seen;
    }
    if (message == template) {
      return seen.wholeClean() ? message : text.mask(message);
    }
    TemplateScan scan = seen.scan();
    if (placed != null && scan.isCleanFilled(message, placed)) {
      return message;
    }
    if (template.length() < LONG_TEMPLATE) {
      return text.mask(message); // finding a short template's segments costs more than scanning it
    }
    return scan.isClean(message, text) ? message : text.mask(message);
  }

  /** The range of string values remembered once found clean: long enough to be worth it, short enough to keep. */
  private static final int LONG_VALUE = 256;
  private static final int LONGEST_KEPT = 16_384;

  /*
   * Long string values found clean lately, by identity: a value passed again as the same instance
   * (an MDC or context value held for a whole request, a constant) is not scanned again. A String
   * is immutable and the masker's rules fixed, so the verdict cannot go stale; racy like the
   * templates (a lost or stale slot costs one scan). Keeps at most 64 such strings alive (2 MB at
   * the longest).
   */
  private final String[] cleanValues = new String[64];

  private String stringValue(String s) {
    if (s.length() < LONG_VALUE || s.length() > LONGEST_KEPT) {
      return text.mask(s);
    }
    int slot = System.identityHashCode(s) & (cleanValues.length - 1);
    if (cleanValues[slot] == s) {
      return s;
    }
    String masked = text.mask(s);
    if (masked == s) {
      cleanValues[slot] = s;
    }
    return masked;
  }

  /** {@code m} with secret keys' values masked and strings masked; {@code m} itself if unchanged. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Map<String, Object> m) {
    if (m.isEmpty()) {
      return m;
    }
    if (m instanceof FrozenMap) { // what the normalizer builds: walk by index, no entry objects
      FrozenMap<String, Object> f = (FrozenMap<String, Object>) m;
      FrozenMap.Builder<String, Object> out = null;
      for (int i = 0; i < f.size(); i++) {
        Object v = f.valueAt(i);
        Object masked = mask(f.keyAt(i), v);
        if (masked != v && out == null) {
          out = FrozenMap.builder(f.size());
          for (int j = 0; j < i; j++) {
            out.put(f.keyAt(j), f.valueAt(j));
          }
        }
        if (out != null) {
          out.put(f.keyAt(i), masked);
        }
      }
      return out == null ? m : out.build();
    }
    FrozenMap.Builder<String, Object> out = FrozenMap.builder(m.size());
    boolean changed = false;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object masked = mask(e.getKey(), e.getValue());
      changed |= masked != e.getValue();
      out.put(e.getKey(), masked);
    }
    return changed ? out.build() : m;
  }

  private Object mask(String key, Object v) {
    return v != null && keys.isSecret(key) ? (MASK.equals(v) ? v : MASK) : value(v);
  }

  @SuppressWarnings("unchecked")
  private Object value(Object v) {
    if (v instanceof String) {
      return stringValue((String) v);
    }
    // Final classes first: each is one pointer compare, where instanceof Map or List on a Long
    // walks its interfaces (and on JDK 17 contends on the secondary-supers cache: JDK-8180450).
    if (v == null || v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    if (v instanceof FrozenMap) {
      return map((FrozenMap<String, Object>) v);
    }
    if (v instanceof Map) {
      return map((Map<String, Object>) v);
    }
    if (v instanceof List) {
      List<Object> list = (List<Object>) v;
      List<Object> out = null;
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        Object masked = value(item);
        if (masked != item && out == null) {
          out = new ArrayList<>(list.subList(0, i));
        }
        if (out != null) {
          out.add(masked);
        }
      }
      return out == null ? list : Collections.unmodifiableList(out);
    }
    return v;
  }
}
