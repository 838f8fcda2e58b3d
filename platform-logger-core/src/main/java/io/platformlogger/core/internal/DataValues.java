package io.platformlogger.core.internal;

import io.platformlogger.core.json.DataSerializers;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Turns any value a caller logs as structured data into an immutable JSON-compatible value (String,
 * Long, Double, BigInteger, BigDecimal, Boolean, null, and unmodifiable Lists and Maps of those)
 * that survives the JSON round trip equal to itself. The rules are listed in docs/schema.md ("Data
 * values"). Never throws: broken, cyclic, too deep or too large input is cut or replaced by a
 * bracketed placeholder string, and the repair is named in the caller's {@code sanitized} set.
 * Internal: not part of the API. Stateless and thread-safe; each call works on its own state.
 */
public final class DataValues {
  public static final String TOSTRING_FAILED = "tostring_failed";
  public static final String CYCLE_CUT = "cycle_cut";
  public static final String DEPTH_TRUNCATED = "depth_truncated";
  public static final String ENTRIES_TRUNCATED = "entries_truncated";
  public static final String ITERATION_FAILED = "iteration_failed";
  public static final String DUPLICATE_KEY = "duplicate_key";
  public static final String NUMBER_TOO_LONG = "number_too_long";

  /** Marker prefix of repairs to string values ({@code value_truncated}, ...). */
  public static final String VALUE_PREFIX = "value";

  /** Marker prefix of repairs to map keys ({@code key_truncated}, ...). */
  public static final String KEY_PREFIX = "key";

  /** Replaces a map or list that contains itself, directly or through other values. */
  public static final String CYCLE = "[cycle]";

  /** Replaces a map or list nested deeper than {@link DataLimits#maxDepth()}. */
  public static final String TOO_DEEP = "[too deep]";

  /** The key of the entry that ends a map cut to {@link DataLimits#maxEntries()}. */
  public static final String TRUNCATED_KEY = "[truncated]";

  /** The key of the entry that ends a map whose iteration threw. */
  public static final String ITERATION_FAILED_KEY = "[iteration failed]";

  /**
   * Numbers with longer text become strings: JSON parsers (jackson's among them) refuse longer
   * numbers by default, and parsing them costs quadratic time.
   */
  static final int MAX_NUMBER_CHARS = 1000;

  /** Beyond this many bits even printing the number is too slow for a logging pipeline. */
  private static final int MAX_NUMBER_BITS = 1_000_000;

  private DataValues() {}

  /**
   * Normalizes one value; see the class comment. {@code limits} null means {@link
   * DataLimits#DEFAULT}; {@code sanitized} (may be null) receives the marker names of repairs.
   */
  public static Object normalize(Object value, DataLimits limits, Set<String> sanitized) {
    Normalizer n = new Normalizer(limits, sanitized);
    try {
      return n.value(value, 0, 0);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return n.failed("normalization", t);
    }
  }

  /**
   * Normalizes a data map (itself depth 1) into an unmodifiable insertion-ordered map with String
   * keys; null gives an empty map.
   */
  public static Map<String, Object> normalizeMap(
      Map<?, ?> raw, DataLimits limits, Set<String> sanitized) {
    if (raw == null) {
      return Collections.emptyMap();
    }
    try {
      Map<String, Object> flat = flat(raw, limits != null ? limits : DataLimits.DEFAULT, sanitized);
      if (flat != null) {
        return flat;
      }
    } catch (RuntimeException e) {
      // A map changed by another thread while read: the general path reads it again and says so.
    }
    Normalizer n = new Normalizer(limits, sanitized);
    try {
      return n.map(raw, 0);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return Collections.singletonMap(ITERATION_FAILED_KEY, n.failed("normalization", t));
    }
  }

  /**
   * The JSON-compatible form of a double: itself when finite, else the string {@code "NaN"}, {@code
   * "Infinity"} or {@code "-Infinity"} (JSON has no such numbers).
   */
  public static Object normalizeDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return d;
  }

  /**
   * Rethrows errors that must not be swallowed. A StackOverflowError is not among them: a caller's
   * toString() that recurses through a cyclic object graph throws one, and the stack has unwound by
   * the time it is caught.
   */
  /** The most entries {@link #flat} takes; larger maps take the general path. */
  private static final int FLAT_MAX = 16;

  private static final Class<?> MAP_1 = Map.of("k", "v").getClass();
  private static final Class<?> MAP_N = Map.of("k", "v", "k2", "v").getClass();

  /**
   * What a log call's data usually is, normalized without a {@link Normalizer} (its path list and
   * state are most of a small map's cost): a map of a class whose size and iteration cannot throw
   * (LinkedHashMap, Map.of, FrozenMap) with at most {@link #FLAT_MAX} entries, within the limits'
   * entry and value counts, String keys, and values that are null, String, Long, Integer, Boolean
   * or a finite Double. Gives exactly what the Normalizer gives (keys and values sanitized and cut,
   * an Integer as a Long, two keys cut to the same text marked); null, having marked nothing, for
   * any other map.
   */
  private static Map<String, Object> flat(Map<?, ?> raw, DataLimits limits, Set<String> sanitized) {
    Class<?> c = raw.getClass();
    if (c != LinkedHashMap.class && c != FrozenMap.class && c != MAP_1 && c != MAP_N) {
      return null;
    }
    int size = raw.size();
    if (size > FLAT_MAX || size > limits.maxEntries() || size > limits.maxTotalValues()) {
      return null;
    }
    FrozenMap<?, ?> frozen = c == FrozenMap.class ? (FrozenMap<?, ?>) raw : null;
    if (frozen != null) { // by index: no iterator
      for (int i = 0; i < size; i++) {
        if (!(frozen.keyAt(i) instanceof String) || !isFlatValue(frozen.valueAt(i))) {
          return null;
        }
      }
    } else {
      for (Map.Entry<?, ?> e : raw.entrySet()) {
        if (!(e.getKey() instanceof String) || !isFlatValue(e.getValue())) {
          return null;
        }
      }
    }
    FrozenMap.Builder<String, Object> out = FrozenMap.builder(size);
    if (frozen != null) {
      for (int i = 0; i < size; i++) {
        flatPut(out, (String) frozen.keyAt(i), frozen.valueAt(i), limits, sanitized);
      }
    } else {
      for (Map.Entry<?, ?> e : raw.entrySet()) {
        flatPut(out, (String) e.getKey(), e.getValue(), limits, sanitized);
      }
    }
    return out.build();
  }

  private static boolean isFlatValue(Object v) {
    return v == null
        || v instanceof String
        || v instanceof Long
        || v instanceof Boolean
        || v instanceof Integer
        || (v instanceof Double && Double.isFinite((Double) v));
  }

  /** One entry as the Normalizer's map walk puts it: the key, then the value, then the duplicate check. */
  private static void flatPut(
      FrozenMap.Builder<String, Object> out, String k, Object v, DataLimits limits, Set<String> sanitized) {
    String key = TextSanitizer.clean(k, limits.maxStringChars(), sanitized, KEY_PREFIX);
    Object value =
        v instanceof String
            ? TextSanitizer.clean((String) v, limits.maxStringChars(), sanitized, VALUE_PREFIX)
            : v instanceof Integer ? (Object) ((Integer) v).longValue() : v;
    if (out.put(key, value) && sanitized != null) {
      sanitized.add(DUPLICATE_KEY); // two keys with the same text; the later value wins
    }
  }

  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }

  /** The state of one normalization: its limits, the containers on the current path, a budget. */
  private static final class Normalizer {
    private final DataLimits limits;
    private final Set<String> sanitized;

    /** Maps, lists, arrays and serialized objects being normalized, outermost first. */
    private final List<Object> path = new ArrayList<>();

    private long budget;

    Normalizer(DataLimits limits, Set<String> sanitized) {
      this.limits = limits != null ? limits : DataLimits.DEFAULT;
      this.sanitized = sanitized;
      this.budget = this.limits.maxTotalValues();
    }

    /**
     * @param depth how many maps and lists enclose {@code v}
     * @param chain how many serializer results led to {@code v} since the last map or list
     */
    Object value(Object v, int depth, int chain) {
      budget--;
      if (v == null) {
        return null;
      }
      if (v instanceof String) {
        return text((String) v);
      }
      if (v instanceof Long || v instanceof Boolean) {
        return v;
      }
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof AtomicInteger || v instanceof AtomicLong) {
        return ((Number) v).longValue();
      }
      if (v instanceof Double) {
        double d = (Double) v;
        return Double.isFinite(d) ? v : normalizeDouble(d);
      }
      if (v instanceof Float) {
        // Through the float's shortest text, so 0.1f is logged as 0.1, not 0.10000000149011612.
        return normalizeDouble(Double.parseDouble(Float.toString((Float) v)));
      }
      if (v instanceof BigInteger) {
        return bigInteger((BigInteger) v);
      }
      if (v instanceof BigDecimal) {
        return bigDecimal((BigDecimal) v);
      }
      if (v instanceof Character) {
        return text(v.toString());
      }
      if (v instanceof Enum) {
        return text(((Enum<?>) v).name());
      }
      if (v instanceof UUID) {
        return v.toString();
      }
      if (v.getClass().getPackageName().equals("java.time")) {
        return text(v.toString());
      }
      if (v instanceof Date) {
        Instant instant =
            v instanceof Timestamp
                ? ((Timestamp) v).toInstant()
                // java.sql.Date and Time refuse toInstant().
                : Instant.ofEpochMilli(((Date) v).getTime());
        return instant.toString();
      }
      if (v instanceof Optional) {
        return value(((Optional<?>) v).orElse(null), depth, chain);
      }
      if (v instanceof OptionalInt) {
        OptionalInt o = (OptionalInt) v;
        return o.isPresent() ? (Object) (long) o.getAsInt() : null;
      }
      if (v instanceof OptionalLong) {
        OptionalLong o = (OptionalLong) v;
        return o.isPresent() ? (Object) o.getAsLong() : null;
      }
      if (v instanceof OptionalDouble) {
        OptionalDouble o = (OptionalDouble) v;
        return o.isPresent() ? normalizeDouble(o.getAsDouble()) : null;
      }
      if (v instanceof CharSequence || v instanceof Path) {
        // A Path is an Iterable of Paths, each iterable again: it is meant as text.
        return text(toText(v));
      }
      if (v instanceof Map) {
        if (depth >= limits.maxDepth()) {
          mark(DEPTH_TRUNCATED);
          return TOO_DEEP;
        }
        if (onPath(v)) {
          mark(CYCLE_CUT);
          return CYCLE;
        }
        return map((Map<?, ?>) v, depth);
      }
      if (v instanceof Iterable || v.getClass().isArray()) {
        return list(v, depth);
      }
      if (v instanceof Throwable) {
        return throwable((Throwable) v, depth);
      }
      return other(v, depth, chain);
    }

    /** {@code m}'s entries, normalized; the caller checked depth and cycles. */
    Map<String, Object> map(Map<?, ?> m, int depth) {
      FrozenMap.Builder<String, Object> out = FrozenMap.builder(4); // not m.size(): it may throw
      path.add(m);
      int kept = 0;
      try {
        if (m instanceof FrozenMap) {
          FrozenMap<?, ?> f = (FrozenMap<?, ?>) m; // walk by index: no entry objects
          for (int i = 0; i < f.size(); i++) {
            if (kept >= limits.maxEntries() || budget <= 0) {
              out.put(TRUNCATED_KEY, "[" + more(m, kept) + " entries]");
              mark(ENTRIES_TRUNCATED);
              break;
            }
            put(out, key(f.keyAt(i)), value(f.valueAt(i), depth + 1, 0));
            kept++;
          }
        } else {
          Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
          while (it.hasNext()) {
            if (kept >= limits.maxEntries() || budget <= 0) {
              out.put(TRUNCATED_KEY, "[" + more(m, kept) + " entries]");
              mark(ENTRIES_TRUNCATED);
              break;
            }
            Map.Entry<?, ?> e = it.next();
            put(out, key(e.getKey()), value(e.getValue(), depth + 1, 0));
            kept++;
          }
        }
      } catch (Throwable t) {
        rethrowIfFatal(t);
        out.put(ITERATION_FAILED_KEY, t.getClass().getName());
        mark(ITERATION_FAILED);
      } finally {
        path.remove(path.size() - 1);
      }
      return out.build();
    }

    private void put(FrozenMap.Builder<String, Object> out, String key, Object value) {
      if (out.put(key, value)) {
        mark(DUPLICATE_KEY); // two keys with the same text; the later value wins
      }
    }

    private Object list(Object container, int depth) {
      if (depth >= limits.maxDepth()) {
        mark(DEPTH_TRUNCATED);
        return TOO_DEEP;
      }
      if (onPath(container)) {
        mark(CYCLE_CUT);
        return CYCLE;
      }
      List<Object> out = new ArrayList<>();
      path.add(container);
      try {
        if (container instanceof Iterable) {
          Iterator<?> it = ((Iterable<?>) container).iterator();
          while (it.hasNext()) {
            if (out.size() >= limits.maxEntries() || budget <= 0) {
              out.add("[" + more(container, out.size()) + " elements]");
              mark(ENTRIES_TRUNCATED);
              break;
            }
            out.add(value(it.next(), depth + 1, 0));
          }
        } else {
          int length = Array.getLength(container);
          for (int i = 0; i < length; i++) {
            if (out.size() >= limits.maxEntries() || budget <= 0) {
              out.add("[" + (length - i) + " more elements]");
              mark(ENTRIES_TRUNCATED);
              break;
            }
            out.add(value(Array.get(container, i), depth + 1, 0));
          }
        }
      } catch (Throwable t) {
        rethrowIfFatal(t);
        out.add("[iteration failed: " + t.getClass().getName() + "]");
        mark(ITERATION_FAILED);
      } finally {
        path.remove(path.size() - 1);
      }
      return Collections.unmodifiableList(out);
    }

    private Object throwable(Throwable t, int depth) {
      if (depth >= limits.maxDepth()) {
        mark(DEPTH_TRUNCATED);
        return TOO_DEEP;
      }
      budget -= 2;
      String message;
      try {
        message = text(t.getMessage());
      } catch (Throwable failure) {
        rethrowIfFatal(failure);
        message = failed("getMessage()", failure);
      }
      LinkedHashMap<String, Object> out = new LinkedHashMap<>(4);
      out.put("type", t.getClass().getName());
      out.put("message", message);
      return Collections.unmodifiableMap(out);
    }

    /** An application object: its registered serializer's result, else its toString(). */
    private Object other(Object v, int depth, int chain) {
      Function<Object, ?> serializer = DataSerializers.find(v.getClass());
      if (serializer == null) {
        return text(toText(v));
      }
      if (onPath(v)) {
        mark(CYCLE_CUT);
        return CYCLE;
      }
      if (chain >= limits.maxDepth()) {
        // A serializer returning a fresh object that needs serializing again, and again...
        mark(DEPTH_TRUNCATED);
        return TOO_DEEP;
      }
      Object result;
      try {
        result = serializer.apply(v);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        return failed("toString()", t);
      }
      path.add(v);
      try {
        return value(result, depth, chain + 1);
      } finally {
        path.remove(path.size() - 1);
      }
    }

    private Object bigInteger(BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      if (b.bitLength() > MAX_NUMBER_BITS) {
        mark(NUMBER_TOO_LONG);
        return "[number of " + b.bitLength() + " bits]";
      }
      String text = b.toString();
      if (text.length() > MAX_NUMBER_CHARS) {
        mark(NUMBER_TOO_LONG);
        return text(text);
      }
      return b;
    }

    /**
     * The form of a BigDecimal that decodes to an equal value: an integer for scale 0 (written
     * without a fraction, so it is read back as one); a Double when its text is exactly the
     * double's own text (so it is read back as that double); otherwise the BigDecimal itself.
     */
    private Object bigDecimal(BigDecimal b) {
      if (b.unscaledValue().bitLength() > MAX_NUMBER_BITS) {
        mark(NUMBER_TOO_LONG);
        return "[number of " + b.unscaledValue().bitLength() + " bits]";
      }
      if (b.scale() == 0) {
        return bigInteger(b.unscaledValue());
      }
      String text = b.toString();
      if (text.length() > MAX_NUMBER_CHARS) {
        mark(NUMBER_TOO_LONG);
        return text(text);
      }
      double d = Double.parseDouble(text);
      if (Double.isFinite(d) && Double.toString(d).equals(text)) {
        return d;
      }
      return b;
    }

    private String key(Object k) {
      String s = k instanceof String ? (String) k : k == null ? "null" : toText(k);
      return TextSanitizer.clean(s, limits.maxStringChars(), sanitized, KEY_PREFIX);
    }

    private String text(String s) {
      return TextSanitizer.clean(s, limits.maxStringChars(), sanitized, VALUE_PREFIX);
    }

    private String toText(Object v) {
      try {
        return String.valueOf(v.toString());
      } catch (Throwable t) {
        rethrowIfFatal(t);
        return failed("toString()", t);
      }
    }

    String failed(String what, Throwable t) {
      mark(TOSTRING_FAILED);
      return "[" + what + " failed: " + t.getClass().getName() + "]";
    }

    private String more(Object container, int kept) {
      int size = -1;
      try {
        if (container instanceof Map) {
          size = ((Map<?, ?>) container).size();
        } else if (container instanceof Collection) {
          size = ((Collection<?>) container).size();
        }
      } catch (RuntimeException e) {
        // Unknown size; say so.
      }
      return size > kept ? (size - kept) + " more" : "more";
    }

    private boolean onPath(Object o) {
      for (int i = path.size() - 1; i >= 0; i--) {
        if (path.get(i) == o) {
          return true;
        }
      }
      return false;
    }

    private void mark(String marker) {
      if (sanitized != null) {
        sanitized.add(marker);
      }
    }
  }
}
