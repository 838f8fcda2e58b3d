package io.platformlogger.core.error;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error message into its shape by replacing the parts that vary between occurrences of
 * the same error (ids, numbers, addresses, times, quoted values) with placeholders, so that
 * {@code "User 123 not found"} and {@code "User 456 not found"} both become {@code "User <num> not
 * found"}. SLF4J {@code {}} anchors contain nothing variable and stay as they are.
 *
 * <p>Only the first {@value #MAX_INPUT_CHARS} characters and only the first non-blank line are
 * looked at, so a multi-megabyte message costs no more than a short one. All rules are combined in
 * one precompiled pattern scanned once, left to right; where several rules match at the same
 * position the first in {@link #VARIABLE}'s order wins. No rule nests an unbounded quantifier inside
 * another, and every rule starts only at a token boundary, so matching stays linear in practice.
 * Stateless and thread-safe.
 */
final class MessageGeneralizer {
  /** Characters of a message considered at most; the rest never influences the group. */
  static final int MAX_INPUT_CHARS = 1000;

  private static final String HEX = "[0-9a-fA-F]";
  private static final String H4 = HEX + "{1,4}";
  private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
  private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)";
  private static final String HTTP_REASONS =
      "Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed"
          + "|Not Acceptable|Proxy Authentication Required|Request Timeout|Conflict|Gone"
          + "|Length Required|Precondition Failed|Payload Too Large|URI Too Long"
          + "|Unsupported Media Type|Unprocessable Entity|Locked|Too Many Requests"
          + "|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable"
          + "|Gateway Timeout";

  /**
   * The rules, in priority order. Group names are looked up in {@link #RULES}; {@code keep} and
   * {@code reason} protect status and error codes, which tell different failures apart and so
   * must not become {@code <num>}.
   */
  private static final Pattern VARIABLE =
      Pattern.compile(
          String.join(
              "|",
              // HTTP status, SQLState, errno, exit code after their keyword: "HTTP 404", "SQLState: 23505"
              "(?<keep>(?i:sql[ _]?state|error[ _]?code|err(?:no|code)|exit[ _]?code|response[ _]?code"
                  + "|status(?:[ _]?code)?|http(?:/\\d(?:\\.\\d)?)?)[ :=\\[(]{0,3}"
                  + "(?=[A-Z]{0,5}\\d)[0-9A-Z]{1,6}(?![\\w-]))",
              // "404 Not Found", "503 Service Unavailable"
              "(?<reason>(?<!\\w)[1-5]\\d\\d (?=(?:" + HTTP_REASONS + ")\\b))",
              "(?<email>(?<![\\w.%+-])[\\w.%+-]{1,64}@[A-Za-z0-9][A-Za-z0-9.-]{0,253}\\.[A-Za-z]{2,24}(?![\\w-]))",
              "(?<url>(?<![\\w+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\\s'\"<>]{0,2000}[^\\s'\"<>.,;:)\\]])",
              // RFC 3339 / ISO-8601 date-times (with zone id), times, dd/MM/yyyy, yyyy/MM/dd,
              // java.util.Date#toString, RFC 1123, 04-Mar-2024
              "(?<ts>(?<![\\w.-])(?:\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,9})?)?"
                  + "(?:Z|[+-]\\d{2}(?::?\\d{2})?)?(?:\\[[\\w/+-]{1,40}\\])?"
                  + "|\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?: ?(?:Z|UTC|GMT|[AaPp][Mm]))?"
                  + "|\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}/\\d{1,2}/\\d{1,2}"
                  + "|" + DAY + " " + MONTH + " \\d{1,2} \\d{2}:\\d{2}:\\d{2} [A-Z]{2,5} \\d{4}"
                  + "|" + DAY + ", \\d{1,2} " + MONTH + " \\d{4} \\d{2}:\\d{2}:\\d{2} (?:GMT|UTC|[+-]\\d{4})"
                  + "|\\d{1,2}[- ]" + MONTH + "[- ]\\d{4})(?!\\w))",
              "(?<uuid>(?<![\\w-])" + HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12}(?![\\w-]))",
              // IPv6: compressed ("::" somewhere in a run of hex and colons) or all eight groups;
              // optional zone, brackets and port. Written without nested repetition on purpose.
              "(?<ipv6>(?<![\\w:.])\\[?(?:(?=[0-9a-fA-F:]{0,39}::)(?=:{0,2}" + HEX + ")[0-9a-fA-F:]{3,39}"
                  + "|" + H4 + ":" + H4 + ":" + H4 + ":" + H4 + ":" + H4 + ":" + H4 + ":" + H4 + ":" + H4 + ")"
                  + "(?:%[\\w.]{1,16})?(?:\\](?::\\d{1,5})?)?(?![\\w:]|\\.\\d))",
              "(?<ipv4>(?<![\\w.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?::\\d{1,5})?(?!\\w|\\.\\d))",
              // 0x-prefixed, an identity hash after '@' (Object#toString), or 12+ hex digits
              // mixing letters and digits (SHA-1, MD5, trace ids)
              "(?<hex>(?<![\\w-])(?:0[xX]" + HEX + "{1,64}|(?<=@)" + HEX + "{1,16}"
                  + "|(?=[0-9a-fA-F]{0,200}[a-fA-F])(?=[0-9a-fA-F]{0,200}\\d)" + HEX + "{12,})(?![\\w-]))",
              // 250ms, 3.5s, "30000 ms", "5 minutes", ISO-8601 PT0.25S
              "(?<duration>(?<![\\w.])(?:\\d{1,18}(?:\\.\\d{1,9})?"
                  + "(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h|d| ?(?:nanos|micros|millis|milliseconds?|msecs?"
                  + "|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|ms|ns|us|\u00b5s|\u03bcs))"
                  + "|P(?=[0-9.YMWDTHS]{0,40}\\d)[0-9.YMWDTHS]{1,40}[YMWDHS])(?!\\w))",
              "(?<str>(?<![A-Za-z0-9])'[^\\n]{0,200}?'(?![A-Za-z0-9])|\"[^\"\\n]{0,200}\"|`[^`\\n]{0,200}`)",
              // ord_8f3KsA92, user-12345, HikariPool-1: a token with both letters and digits
              "(?<id>(?<![\\w-])(?=[\\w-]{0,200}\\d)(?=[\\w-]{0,200}[A-Za-z])[\\w-]+)",
              // 42, -7, 3.14, 1,234.56, 1.5e10, 1.2.3
              "(?<num>(?<!\\w)-?\\d[\\d,.]*(?<=\\d)(?:[eE][+-]?\\d{1,3})?(?!\\w))"));

  /** Group name to placeholder; a null placeholder keeps the matched text. */
  private static final String[][] RULES = {
    {"keep", null},
    {"reason", null},
    {"email", "<email>"},
    {"url", "<url>"},
    {"ts", "<ts>"},
    {"uuid", "<uuid>"},
    {"ipv6", "<ip>"},
    {"ipv4", "<ip>"},
    {"hex", "<hex>"},
    {"duration", "<duration>"},
    {"str", "<str>"},
    {"id", "<id>"},
    {"num", "<num>"},
  };

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private MessageGeneralizer() {}

  /** The message's shape: first line, whitespace collapsed, variable parts replaced; "" for null. */
  static String generalize(String message) {
    String line = firstLine(message);
    if (line.isEmpty()) {
      return line;
    }
    Matcher m = VARIABLE.matcher(line);
    StringBuilder out = new StringBuilder(line.length());
    int last = 0;
    while (m.find()) {
      out.append(line, last, m.start());
      out.append(replacement(m));
      last = m.end();
    }
    return out.append(line, last, line.length()).toString();
  }

  /**
   * The first non-blank line of at most {@value #MAX_INPUT_CHARS} characters, trimmed, with runs of
   * whitespace collapsed to one space; "" for null.
   */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = Math.min(message.length(), MAX_INPUT_CHARS);
    if (end < message.length() && Character.isHighSurrogate(message.charAt(end - 1))) {
      end--; // do not hash half a character
    }
    int start = 0;
    while (start < end && Character.isWhitespace(message.charAt(start))) {
      start++;
    }
    int stop = start;
    while (stop < end && message.charAt(stop) != '\n' && message.charAt(stop) != '\r') {
      stop++;
    }
    return WHITESPACE.matcher(message.substring(start, stop)).replaceAll(" ").trim();
  }

  /**
   * True for the JDK's helpful NullPointerException messages ({@code Cannot invoke "Foo.bar()"
   * because "<local1>" is null}): they describe code, not data, so they stay as they are and two
   * different null dereferences in one method remain two groups.
   */
  static boolean isHelpfulNullPointerMessage(String line) {
    return line.startsWith("Cannot ") && line.contains(" because ") && line.endsWith(" is null");
  }

  private static String replacement(Matcher m) {
    for (String[] rule : RULES) {
      if (m.start(rule[0]) >= 0) {
        return rule[1] != null ? rule[1] : m.group();
      }
    }
    return m.group(); // unreachable: every alternative is a named group
  }
}
