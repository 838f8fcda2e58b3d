package io.platformlogger.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A parsed W3C Trace Context {@code traceparent} header ({@code
 * 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}): trace id, parent span id and flags.
 *
 * <p>Parsing follows the W3C Trace Context recommendation: fields are lower-case hex only; the
 * trace id and span id must not be all zeros; version {@code ff} is invalid; version {@code 00}
 * must be exactly 55 characters; a higher version is accepted when its first four fields are
 * valid and are followed by the end of the value or a {@code -} (data after that is ignored).
 * Surrounding spaces and tabs (HTTP optional whitespace) are ignored. Immutable and thread-safe.
 */
public final class TraceParent {
  private static final int VERSION_00_LENGTH = 55;
  private static final int SAMPLED = 0x01;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String traceId;
  private final String spanId;
  private final int flags;

  private TraceParent(String traceId, String spanId, int flags) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.flags = flags;
  }

  /** The parsed header, or empty when {@code header} is null or invalid. Never throws. */
  public static Optional<TraceParent> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Result r = read(header);
    return Optional.ofNullable(r.value);
  }

  /**
   * The parsed header.
   *
   * @throws IllegalArgumentException saying which part is wrong and which rule it breaks; the
   *     message never repeats the header value
   */
  public static TraceParent parseStrict(String header) {
    if (header == null) {
      throw new IllegalArgumentException("traceparent is missing");
    }
    Result r = read(header);
    if (r.value == null) {
      throw new IllegalArgumentException("invalid traceparent: " + r.problem);
    }
    return r.value;
  }

  /**
   * A trace parent for an outgoing call.
   *
   * @throws IllegalArgumentException when the ids are not lower-case hex of the right length or
   *     are all zeros
   */
  public static TraceParent of(String traceId, String spanId, boolean sampled) {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    String problem = checkId("trace-id", traceId, 0, traceId.length(), 32);
    if (problem == null) {
      problem = checkId("parent-id", spanId, 0, spanId.length(), 16);
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new TraceParent(traceId, spanId, sampled ? SAMPLED : 0);
  }

  /** The 32-hex-digit trace id. */
  public String traceId() {
    return traceId;
  }

  /** The 16-hex-digit id of the caller's span (the header's {@code parent-id}). */
  public String spanId() {
    return spanId;
  }

  /** True when the caller may have recorded the trace (flag bit 0). */
  public boolean sampled() {
    return (flags & SAMPLED) != 0;
  }

  /** The trace flags as received (bit 0 is {@code sampled}; others are kept as they came). */
  public int flags() {
    return flags;
  }

  /**
   * The header in version {@code 00} form, {@code 00-<trace-id>-<parent-id>-<flags>}. A header
   * parsed from a higher version is re-emitted as version 00, as the recommendation asks.
   */
  public String toHeader() {
    return "00-" + traceId + "-" + spanId + "-" + HEX[flags >> 4] + HEX[flags & 0xF];
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TraceParent)) {
      return false;
    }
    TraceParent t = (TraceParent) o;
    return flags == t.flags && traceId.equals(t.traceId) && spanId.equals(t.spanId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, spanId, flags);
  }

  @Override
  public String toString() {
    return toHeader();
  }

  /** Either a value or the reason there is none. */
  private static final class Result {
    final TraceParent value;
    final String problem;

    Result(TraceParent value, String problem) {
      this.value = value;
      this.problem = problem;
    }
  }

  private static Result fail(String problem) {
    return new Result(null, problem);
  }

  private static Result read(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && isOws(raw.charAt(start))) {
      start++;
    }
    while (end > start && isOws(raw.charAt(end - 1))) {
      end--;
    }
    String h = raw.substring(start, end);
    if (h.isEmpty()) {
      return fail("value is empty");
    }
    if (h.length() < VERSION_00_LENGTH) {
      return fail("value must be at least 55 characters (version-traceid-parentid-flags), got " + h.length());
    }
    if (!isLowerHex(h, 0, 2)) {
      return fail("version must be 2 lower-case hex digits");
    }
    String version = h.substring(0, 2);
    if (version.equals("ff")) {
      return fail("version ff is invalid");
    }
    if (version.equals("00") && h.length() != VERSION_00_LENGTH) {
      return fail("version 00 must be exactly 55 characters, got " + h.length());
    }
    if (h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
      return fail("fields must be separated by '-' at positions 2, 35 and 52");
    }
    String problem = checkId("trace-id", h, 3, 35, 32);
    if (problem == null) {
      problem = checkId("parent-id", h, 36, 52, 16);
    }
    if (problem != null) {
      return fail(problem);
    }
    if (!isLowerHex(h, 53, 55)) {
      return fail("trace-flags must be 2 lower-case hex digits");
    }
    if (h.length() > VERSION_00_LENGTH && h.charAt(VERSION_00_LENGTH) != '-') {
      return fail("version " + version + " must continue with '-' after the flags");
    }
    int flags = Integer.parseInt(h.substring(53, 55), 16);
    return new Result(new TraceParent(h.substring(3, 35), h.substring(36, 52), flags), null);
  }

  /** Null when {@code s[from, to)} is a valid id of {@code length} hex digits, else the reason. */
  private static String checkId(String name, String s, int from, int to, int length) {
    if (to - from != length || !isLowerHex(s, from, to)) {
      return name + " must be " + length + " lower-case hex digits";
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return null;
      }
    }
    return name + " must not be all zeros";
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
