package io.platformlogger.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the tenant, user, request and trace headers of an incoming request into a {@link
 * LogContext}, validating each one; invalid values are left out and reported, never thrown (use
 * {@link #parseStrict} to reject a request instead).
 *
 * <pre>{@code
 * RequestHeaders h = RequestHeaders.parse(exchange.getRequestHeaders());
 * h.problems().forEach(p -> log.warn("ignored request header: {}", p));
 * try (LogContext.Scope s = h.context().open()) {
 *   handle(exchange);
 * }
 * }</pre>
 *
 * <p>Accepts the header map any servlet container or HTTP framework hands out: a {@code Map<String,
 * ?>} whose values are a String, a Collection or other Iterable of Strings, or a String array (the
 * JDK's {@code com.sun.net.httpserver.Headers}, Spring's {@code HttpHeaders} and JAX-RS's {@code
 * MultivaluedMap} are all {@code Map<String, List<String>>}). Header names match
 * case-insensitively; null names (such as the status line in {@code
 * HttpURLConnection#getHeaderFields}) and null values are skipped. Spaces and tabs around a value
 * are ignored. When a header has several values the first is used, and a problem is noted if they
 * differ.
 *
 * <p>Rules: every id header takes 1 to {@value #MAX_ID_LENGTH} characters of ASCII letters,
 * digits and {@code - _ . : @ / + =} (covering UUIDs, ULIDs, prefixed ids like {@code usr_8f3K},
 * base64 and URN-style {@code tenant:42}; spaces, quotes, commas, control and non-ASCII characters
 * are refused, so a value can neither forge log fields nor smuggle a second value). {@code
 * X-Tenant-Slug} must match {@code [a-z0-9][a-z0-9-]{0,62}} (a DNS label). {@code traceparent}
 * must be valid per {@link TraceParent}. {@code X-Correlation-Id} is read only when {@code
 * X-Request-Id} is missing or rejected.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RequestHeaders {
  public static final String TENANT_ID = "X-Tenant-Id";
  public static final String TENANT_SLUG = "X-Tenant-Slug";
  public static final String WORKSPACE_ID = "X-Workspace-Id";
  public static final String PROJECT_ID = "X-Project-Id";
  public static final String USER_ID = "X-User-Id";
  public static final String SESSION_ID = "X-Session-Id";
  public static final String IMPERSONATOR_ID = "X-Impersonator-Id";
  public static final String REQUEST_ID = "X-Request-Id";
  public static final String CORRELATION_ID = "X-Correlation-Id";
  public static final String TRACEPARENT = "traceparent";

  /** Longest id value accepted. */
  public static final int MAX_ID_LENGTH = 128;

  /** Characters of a rejected value a problem message repeats at most. */
  static final int MAX_PREVIEW_CHARS = 64;

  private static final String ID_RULE =
      "must be 1-" + MAX_ID_LENGTH + " characters of ASCII letters, digits and - _ . : @ / + =";
  private static final String SLUG_RULE =
      "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit";

  private static final List<String> KNOWN =
      List.of(
          TENANT_ID,
          TENANT_SLUG,
          WORKSPACE_ID,
          PROJECT_ID,
          USER_ID,
          SESSION_ID,
          IMPERSONATOR_ID,
          REQUEST_ID,
          CORRELATION_ID,
          TRACEPARENT);

  private static final RequestHeaders NONE = new RequestHeaders(LogContext.empty(), List.of());

  private final LogContext context;
  private final List<String> problems;

  private RequestHeaders(LogContext context, List<String> problems) {
    this.context = context;
    this.problems = problems;
  }

  /** Reads {@code headers}; never throws. A null map gives an empty context and no problems. */
  public static RequestHeaders parse(Map<String, ?> headers) {
    if (headers == null) {
      return NONE;
    }
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> values = collect(headers, problems);
    if (values.isEmpty() && problems.isEmpty()) {
      return NONE;
    }
    LogContext.Builder b = LogContext.builder();
    b.tenantId(id(TENANT_ID, values, problems));
    b.tenantSlug(slug(values, problems));
    b.workspaceId(id(WORKSPACE_ID, values, problems));
    b.projectId(id(PROJECT_ID, values, problems));
    b.userId(id(USER_ID, values, problems));
    b.sessionId(id(SESSION_ID, values, problems));
    b.impersonatorId(id(IMPERSONATOR_ID, values, problems));
    String requestId = id(REQUEST_ID, values, problems);
    b.requestId(requestId != null ? requestId : id(CORRELATION_ID, values, problems));
    TraceParent trace = traceParent(values, problems);
    if (trace != null) {
      b.traceId(trace.traceId()).spanId(trace.spanId());
    }
    return new RequestHeaders(b.build(), List.copyOf(problems));
  }

  /**
   * The context from {@code headers} when every known header present is valid.
   *
   * @throws IllegalArgumentException listing every problem, when there is one
   */
  public static LogContext parseStrict(Map<String, ?> headers) {
    RequestHeaders parsed = parse(headers);
    if (!parsed.problems.isEmpty()) {
      throw new IllegalArgumentException("invalid request headers: " + String.join("; ", parsed.problems));
    }
    return parsed.context;
  }

  /** The valid values, in a context that starts empty (not from the current thread's). */
  public LogContext context() {
    return context;
  }

  /**
   * One message per rejected or ambiguous header, naming the header and the rule; values are
   * quoted with at most {@value #MAX_PREVIEW_CHARS} characters, control and non-ASCII characters
   * escaped. Empty when all headers were fine.
   */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "RequestHeaders{context=" + context + ", problems=" + problems + "}";
  }

  /** Known header (canonical name) to its values in map order. */
  private static Map<String, List<String>> collect(Map<String, ?> headers, List<String> problems) {
    Map<String, String> canonical = new HashMap<>();
    for (String name : KNOWN) {
      canonical.put(name.toLowerCase(Locale.ROOT), name);
    }
    Map<String, List<String>> values = new HashMap<>();
    try {
      for (Map.Entry<String, ?> e : headers.entrySet()) {
        Object key = e.getKey();
        String name = key instanceof String ? canonical.get(((String) key).toLowerCase(Locale.ROOT)) : null;
        if (name != null) {
          flatten(name, e.getValue(), values.computeIfAbsent(name, k -> new ArrayList<>()), problems);
        }
      }
    } catch (RuntimeException e) {
      // A map that fails while being read (concurrently modified, broken implementation).
      problems.add("headers could not be read: " + e.getClass().getName());
    }
    return values;
  }

  private static void flatten(String name, Object value, List<String> out, List<String> problems) {
    if (value == null) {
      return;
    }
    if (value instanceof CharSequence) {
      out.add(value.toString());
    } else if (value instanceof Iterable) {
      for (Object v : (Iterable<?>) value) {
        flattenOne(name, v, out, problems);
      }
    } else if (value instanceof Object[]) {
      for (Object v : (Object[]) value) {
        flattenOne(name, v, out, problems);
      }
    } else {
      problems.add(name + ": unsupported value type " + value.getClass().getName());
    }
  }

  private static void flattenOne(String name, Object value, List<String> out, List<String> problems) {
    if (value instanceof CharSequence) {
      out.add(value.toString());
    } else if (value != null) {
      problems.add(name + ": unsupported value type " + value.getClass().getName());
    }
  }

  /** The header's first value, trimmed; null when absent. Notes differing repeated values. */
  private static String first(String name, Map<String, List<String>> values, List<String> problems) {
    List<String> vs = values.get(name);
    if (vs == null || vs.isEmpty()) {
      return null;
    }
    String first = trimOws(vs.get(0));
    for (int i = 1; i < vs.size(); i++) {
      if (!first.equals(trimOws(vs.get(i)))) {
        problems.add(name + ": " + vs.size() + " different values, using the first " + quote(first));
        break;
      }
    }
    return first;
  }

  private static String id(String name, Map<String, List<String>> values, List<String> problems) {
    String v = first(name, values, problems);
    if (v == null) {
      return null;
    }
    if (!isId(v)) {
      problems.add(name + ": " + ID_RULE + ", got " + describe(v));
      return null;
    }
    return v;
  }

  private static String slug(Map<String, List<String>> values, List<String> problems) {
    String v = first(TENANT_SLUG, values, problems);
    if (v == null) {
      return null;
    }
    if (!isSlug(v)) {
      problems.add(TENANT_SLUG + ": " + SLUG_RULE + ", got " + describe(v));
      return null;
    }
    return v;
  }

  private static TraceParent traceParent(Map<String, List<String>> values, List<String> problems) {
    String v = first(TRACEPARENT, values, problems);
    if (v == null) {
      return null;
    }
    if (v.isEmpty()) {
      problems.add(TRACEPARENT + ": must be a W3C traceparent (version-traceid-parentid-flags), got an empty value");
      return null;
    }
    try {
      return TraceParent.parseStrict(v);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
      problems.add(TRACEPARENT + ": " + reason + ", got " + describe(v));
      return null;
    }
  }

  static boolean isId(String v) {
    if (v.isEmpty() || v.length() > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-' || c == '_' || c == '.' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean isSlug(String v) {
    if (v.isEmpty() || v.length() > 63 || v.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** "an empty value", or the quoted preview plus the length when it is long. */
  private static String describe(String v) {
    if (v.isEmpty()) {
      return "an empty value";
    }
    return v.length() > MAX_PREVIEW_CHARS ? quote(v) + " (" + v.length() + " characters)" : quote(v);
  }

  /**
   * {@code 'value'} with at most {@value #MAX_PREVIEW_CHARS} characters of it, followed by {@code
   * ...} when cut; quotes, backslashes, control and non-ASCII characters escaped Java-style so a
   * problem message is one safe line of ASCII.
   */
  static String quote(String v) {
    Objects.requireNonNull(v);
    int n = Math.min(v.length(), MAX_PREVIEW_CHARS);
    StringBuilder sb = new StringBuilder(n + 8).append('\'');
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\'':
          sb.append("\\'");
          break;
        default:
          if (c < 0x20 || c > 0x7E) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('\'');
    if (v.length() > n) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static String trimOws(String v) {
    int start = 0;
    int end = v.length();
    while (start < end && (v.charAt(start) == ' ' || v.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t')) {
      end--;
    }
    return v.substring(start, end);
  }
}
