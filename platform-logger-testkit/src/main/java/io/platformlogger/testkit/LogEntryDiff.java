package io.platformlogger.testkit;

import io.platformlogger.core.EntryField;
import io.platformlogger.core.LogEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Compares two entries field by field and names the first field that differs, with nested {@code
 * data} paths ({@code data.user.roles[1]}), value types and, for long strings, the first differing
 * index, so a failing round trip says what was lost instead of printing two huge entries.
 * Stateless and thread-safe.
 */
public final class LogEntryDiff {
  private static final int WINDOW = 40;

  private LogEntryDiff() {}

  /**
   * The first difference between two entries, described with the field's JSON name, such as
   * {@code "field 'tenant_id': expected \"t-1\" but was null"}; empty when they are equal.
   */
  public static Optional<String> firstDifference(LogEntry expected, LogEntry actual) {
    if (expected == null || actual == null) {
      return expected == actual
          ? Optional.empty()
          : Optional.of("expected entry " + expected + " but was " + actual);
    }
    for (EntryField field : EntryField.all()) {
      String diff = diff(field.jsonName(), field.get(expected), field.get(actual));
      if (diff != null) {
        return Optional.of(diff);
      }
    }
    return Optional.empty();
  }

  /**
   * Fails with an {@link AssertionFailedError} naming the first differing field when the entries
   * differ.
   */
  public static void assertSameEntry(LogEntry expected, LogEntry actual) {
    Optional<String> diff = firstDifference(expected, actual);
    if (diff.isPresent()) {
      String id = expected == null ? "null" : expected.id();
      throw new AssertionFailedError("entry " + id + ": " + diff.get());
    }
  }

  private static String diff(String path, Object expected, Object actual) {
    if (expected instanceof Map && actual instanceof Map) {
      return diffMaps(path, (Map<?, ?>) expected, (Map<?, ?>) actual);
    }
    if (expected instanceof List && actual instanceof List) {
      return diffLists(path, (List<?>) expected, (List<?>) actual);
    }
    if (Objects.equals(expected, actual)) {
      return null;
    }
    if (expected instanceof String && actual instanceof String) {
      return "field '" + path + "': " + diffStrings((String) expected, (String) actual);
    }
    return "field '" + path + "': expected " + show(expected) + " but was " + show(actual);
  }

  private static String diffMaps(String path, Map<?, ?> expected, Map<?, ?> actual) {
    for (Map.Entry<?, ?> e : expected.entrySet()) {
      String childPath = path + "." + e.getKey();
      if (!actual.containsKey(e.getKey())) {
        return "field '" + childPath + "': expected " + show(e.getValue())
            + " but the key is missing";
      }
      String diff = diff(childPath, e.getValue(), actual.get(e.getKey()));
      if (diff != null) {
        return diff;
      }
    }
    for (Map.Entry<?, ?> e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        return "field '" + path + "." + e.getKey() + "': unexpected key with value "
            + show(e.getValue());
      }
    }
    return null;
  }

  private static String diffLists(String path, List<?> expected, List<?> actual) {
    Iterator<?> ei = expected.iterator();
    Iterator<?> ai = actual.iterator();
    for (int i = 0; ei.hasNext() && ai.hasNext(); i++) {
      String diff = diff(path + "[" + i + "]", ei.next(), ai.next());
      if (diff != null) {
        return diff;
      }
    }
    if (expected.size() != actual.size()) {
      return "field '" + path + "': expected " + expected.size() + " elements but was "
          + actual.size() + " (expected " + show(expected) + " but was " + show(actual) + ")";
    }
    return null;
  }

  private static String diffStrings(String expected, String actual) {
    int i = 0;
    int common = Math.min(expected.length(), actual.length());
    while (i < common && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    if (expected.length() <= WINDOW * 2 && actual.length() <= WINDOW * 2) {
      return "expected " + show(expected) + " but was " + show(actual)
          + " (first difference at index " + i + ")";
    }
    return "strings differ at index " + i + " (expected length " + expected.length()
        + ", actual length " + actual.length() + "): expected ..." + window(expected, i)
        + "... but was ..." + window(actual, i) + "...";
  }

  private static String window(String s, int index) {
    int from = Math.max(0, index - WINDOW / 2);
    int to = Math.min(s.length(), index + WINDOW);
    return show(s.substring(from, to));
  }

  /** A value with control characters made visible, and its type where a type could confuse. */
  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return '"' + visible((String) value) + '"';
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value + " (" + value.getClass().getSimpleName() + ")";
    }
    return visible(String.valueOf(value));
  }

  private static String visible(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '"'
          || c == '\\') {
        switch (c) {
          case '\n':
            sb.append("\\n");
            break;
          case '\t':
            sb.append("\\t");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '"':
          case '\\':
            sb.append('\\').append(c);
            break;
          default:
            sb.append(String.format("\\u%04x", (int) c));
        }
      } else if (isLoneSurrogate(s, i)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
