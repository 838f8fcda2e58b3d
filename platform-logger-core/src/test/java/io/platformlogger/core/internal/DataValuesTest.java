package io.platformlogger.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.json.DataSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DataValuesTest {
  private final Set<String> sanitized = new LinkedHashSet<>();

  private Object normalize(Object value) {
    return DataValues.normalize(value, DataLimits.DEFAULT, sanitized);
  }

  private Object normalize(Object value, DataLimits limits) {
    return DataValues.normalize(value, limits, sanitized);
  }

  @Test
  void keepsNullsStringsLongsAndBooleans() {
    String s = new String("text");
    assertThat(normalize(null)).isNull();
    assertThat(normalize(s)).isSameAs(s);
    assertThat(normalize(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(normalize(true)).isEqualTo(Boolean.TRUE);
    assertThat(sanitized).isEmpty();
  }

  @Test
  void sanitizesStringsWithValueMarkers() {
    DataLimits limits = new DataLimits(3, 10, 10);
    assertThat(normalize("a\u0000\uD800bcd", limits))
        .isEqualTo("a\uFFFD\uFFFD…[truncated 3 chars]");
    assertThat(sanitized)
        .containsExactly(
            "value_nul_replaced", "value_invalid_surrogate_replaced", "value_truncated");
  }

  @Test
  void widensEveryIntegerTypeToLong() {
    assertThat(normalize((byte) -7)).isEqualTo(-7L);
    assertThat(normalize((short) 300)).isEqualTo(300L);
    assertThat(normalize(Integer.MAX_VALUE)).isEqualTo((long) Integer.MAX_VALUE);
    assertThat(normalize(new AtomicInteger(5))).isEqualTo(5L);
    assertThat(normalize(new AtomicLong(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void turnsFloatsIntoDoublesByTheirText() {
    assertThat(normalize(0.1f)).isEqualTo(0.1d);
    assertThat(normalize(2.5d)).isEqualTo(2.5d);
    assertThat(normalize(-0.0d)).isEqualTo(-0.0d);
  }

  @Test
  void writesNonFiniteNumbersAsStrings() {
    assertThat(normalize(Double.NaN)).isEqualTo("NaN");
    assertThat(normalize(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(normalize(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(normalize(Float.NaN)).isEqualTo("NaN");
    assertThat(normalize(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(normalize(OptionalDouble.of(Double.POSITIVE_INFINITY))).isEqualTo("Infinity");
  }

  @Test
  void narrowsBigIntegersThatFitALong() {
    assertThat(normalize(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(normalize(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
    assertThat(normalize(beyond)).isEqualTo(beyond);
    BigInteger below = BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE);
    assertThat(normalize(below)).isEqualTo(below);
  }

  @Test
  void writesNumbersTooLongForJsonParsersAsStrings() {
    BigInteger huge = BigInteger.TEN.pow(1500);
    assertThat(normalize(huge)).isEqualTo(huge.toString());
    assertThat(sanitized).containsExactly("number_too_long");
  }

  @Test
  void turnsBigDecimalsIntoTheValueTheirJsonTextDecodesTo() {
    assertThat(normalize(new BigDecimal("42"))).isEqualTo(42L);
    assertThat(normalize(new BigDecimal("123456789012345678901234567890")))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(normalize(new BigDecimal("1.5"))).isEqualTo(1.5d);
    assertThat(normalize(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
    assertThat(normalize(new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1E+3"));
    assertThat(normalize(new BigDecimal("0.1000000000000000055511151231257827")))
        .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
  }

  enum Color {
    RED {
      @Override
      public String toString() {
        return "rouge";
      }
    }
  }

  @Test
  void writesCharactersCharSequencesEnumsAndUuidsAsStrings() {
    UUID id = UUID.fromString("0190a2b4-7c1e-7d2f-8a3b-4c5d6e7f8091");
    assertThat(normalize('x')).isEqualTo("x");
    assertThat(normalize(new StringBuilder("built"))).isEqualTo("built");
    assertThat(normalize(Color.RED)).isEqualTo("RED");
    assertThat(normalize(id)).isEqualTo("0190a2b4-7c1e-7d2f-8a3b-4c5d6e7f8091");
    assertThat(normalize(Path.of("/var", "log"))).isEqualTo(Path.of("/var", "log").toString());
  }

  @Test
  void writesTimeValuesAsIso8601() {
    Instant instant = Instant.parse("2026-11-22T08:12:31.123456Z");
    assertThat(normalize(instant)).isEqualTo("2026-11-22T08:12:31.123456Z");
    assertThat(normalize(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
        .isEqualTo("2026-01-02T03:04:05+02:00");
    assertThat(normalize(ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris"))))
        .isEqualTo("2026-01-02T03:04:05+01:00[Europe/Paris]");
    assertThat(normalize(LocalDate.of(2026, 2, 28))).isEqualTo("2026-02-28");
    assertThat(normalize(LocalDateTime.of(2026, 2, 28, 23, 59))).isEqualTo("2026-02-28T23:59");
    assertThat(normalize(Duration.ofMillis(90_500))).isEqualTo("PT1M30.5S");
  }

  @Test
  void writesDatesAsIsoInstants() {
    assertThat(normalize(new Date(0))).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(normalize(new java.sql.Date(86_400_000L))).isEqualTo("1970-01-02T00:00:00Z");
    Timestamp ts = new Timestamp(1_000L);
    ts.setNanos(123_456_789);
    assertThat(normalize(ts)).isEqualTo("1970-01-01T00:00:01.123456789Z");
  }

  @Test
  void unwrapsOptionals() {
    assertThat(normalize(Optional.of(7))).isEqualTo(7L);
    assertThat(normalize(Optional.empty())).isNull();
    assertThat(normalize(OptionalInt.of(3))).isEqualTo(3L);
    assertThat(normalize(OptionalInt.empty())).isNull();
    assertThat(normalize(Optional.of(List.of(1)))).isEqualTo(List.of(1L));
  }

  @Test
  void copiesMapsIntoUnmodifiableOrderedMapsWithStringKeys() {
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put(3, "three");
    raw.put(null, 1);
    raw.put(Color.RED, (short) 2);
    raw.put("nested", Map.of("k", 1));
    Object result = normalize(raw);
    assertThat(result).isNotSameAs(raw);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) result;
    assertThat(map.keySet()).containsExactly("3", "null", "rouge", "nested");
    assertThat(map)
        .containsEntry("3", "three")
        .containsEntry("null", 1L)
        .containsEntry("rouge", 2L);
    assertThat(map.get("nested")).isEqualTo(Map.of("k", 1L));
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    raw.put("later", 1);
    assertThat(map).doesNotContainKey("later");
  }

  @Test
  void marksKeysThatCollideOnceTurnedIntoText() {
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put(1, "int");
    raw.put("1", "string");
    assertThat(normalize(raw)).isEqualTo(Map.of("1", "string"));
    assertThat(sanitized).containsExactly("duplicate_key");
  }

  @Test
  void sanitizesKeysWithKeyMarkers() {
    assertThat(normalize(Map.of("a\u0000", 1))).isEqualTo(Map.of("a\uFFFD", 1L));
    assertThat(sanitized).containsExactly("key_nul_replaced");
  }

  @Test
  void turnsCollectionsIterablesAndArraysIntoUnmodifiableLists() {
    Iterable<Integer> iterable = () -> List.of(1, 2).iterator();
    assertThat(normalize(new TreeSet<>(Set.of(3, 1, 2)))).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(normalize(iterable)).isEqualTo(List.of(1L, 2L));
    assertThat(normalize(new Object[] {"a", 1, null})).isEqualTo(Arrays.asList("a", 1L, null));
    assertThat(normalize(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    assertThat(normalize(new byte[] {-1})).isEqualTo(List.of(-1L));
    assertThat(normalize(new char[] {'h', 'i'})).isEqualTo(List.of("h", "i"));
    assertThat(normalize(new double[] {0.5, Double.NaN})).isEqualTo(List.of(0.5d, "NaN"));
    assertThat(normalize(new boolean[] {true})).isEqualTo(List.of(true));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) normalize(new ArrayList<>(List.of(1)));
    assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsNullElementsAndValues() {
    Map<String, Object> raw = new HashMap<>();
    raw.put("gone", null);
    assertThat(normalize(raw)).isEqualTo(raw);
    assertThat(normalize(Arrays.asList(null, null))).isEqualTo(Arrays.asList(null, null));
  }

  @Test
  void turnsThrowablesIntoTypeAndMessage() {
    assertThat(normalize(new IllegalStateException("broken")))
        .isEqualTo(Map.of("type", "java.lang.IllegalStateException", "message", "broken"));
    Map<String, Object> noMessage = new HashMap<>();
    noMessage.put("type", "java.lang.RuntimeException");
    noMessage.put("message", null);
    assertThat(normalize(new RuntimeException())).isEqualTo(noMessage);
  }

  @Test
  void survivesAThrowableWhoseGetMessageThrows() {
    RuntimeException evil =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new UnsupportedOperationException();
          }
        };
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) normalize(evil);
    assertThat(map.get("message"))
        .isEqualTo("[getMessage() failed: java.lang.UnsupportedOperationException]");
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  static final class Plain {
    @Override
    public String toString() {
      return "plain\u0000";
    }
  }

  @Test
  void writesOtherObjectsAsTheirSanitizedToString() {
    assertThat(normalize(new Plain())).isEqualTo("plain\uFFFD");
    assertThat(sanitized).containsExactly("value_nul_replaced");
  }

  static final class Broken {
    @Override
    public String toString() {
      throw new IllegalStateException("no");
    }
  }

  static final class NullText {
    @Override
    public String toString() {
      return null;
    }
  }

  static final class SelfReferencing {
    SelfReferencing other;

    @Override
    public String toString() {
      return "me(" + other + ")";
    }
  }

  @Test
  void replacesAThrowingToStringAndSaysSo() {
    assertThat(normalize(new Broken()))
        .isEqualTo("[toString() failed: java.lang.IllegalStateException]");
    assertThat(normalize(Map.of("k", new Broken())))
        .isEqualTo(Map.of("k", "[toString() failed: java.lang.IllegalStateException]"));
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  @Test
  void writesANullToStringAsNullText() {
    assertThat(normalize(new NullText())).isEqualTo("null");
  }

  @Test
  void survivesAToStringThatRecursesForever() {
    SelfReferencing a = new SelfReferencing();
    a.other = a;
    assertThat(normalize(a)).isEqualTo("[toString() failed: java.lang.StackOverflowError]");
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  @Test
  void turnsThrowingMapKeysIntoPlaceholders() {
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put(new Broken(), 1);
    assertThat(normalize(raw))
        .isEqualTo(Map.of("[toString() failed: java.lang.IllegalStateException]", 1L));
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  static final class Money {
    final long cents;

    Money(long cents) {
      this.cents = cents;
    }
  }

  static final class Node {
    Node next;
  }

  static final class Echo {}

  static final class Exploding {}

  static final class Chain {
    final int n;

    Chain(int n) {
      this.n = n;
    }
  }

  @Test
  void usesARegisteredSerializerAndNormalizesItsResult() {
    DataSerializers.register(Money.class, m -> Map.of("cents", m.cents, "currency", "EUR"));
    assertThat(normalize(new Money(1250))).isEqualTo(Map.of("cents", 1250L, "currency", "EUR"));
    assertThat(sanitized).isEmpty();
  }

  @Test
  void cutsCyclesThroughSerializedObjects() {
    DataSerializers.register(Node.class, n -> Map.of("next", n.next));
    Node a = new Node();
    Node b = new Node();
    a.next = b;
    b.next = a;
    assertThat(normalize(a)).isEqualTo(Map.of("next", Map.of("next", "[cycle]")));
    assertThat(sanitized).containsExactly("cycle_cut");
  }

  @Test
  void cutsASerializerThatReturnsItsInput() {
    DataSerializers.register(Echo.class, e -> e);
    assertThat(normalize(new Echo())).isEqualTo("[cycle]");
    assertThat(sanitized).containsExactly("cycle_cut");
  }

  @Test
  void limitsSerializersThatKeepReturningNewObjects() {
    DataSerializers.register(Chain.class, c -> new Chain(c.n + 1));
    assertThat(normalize(new Chain(0), new DataLimits(100, 5, 100))).isEqualTo("[too deep]");
    assertThat(sanitized).containsExactly("depth_truncated");
  }

  @Test
  void replacesAThrowingSerializerAndSaysSo() {
    DataSerializers.register(
        Exploding.class,
        e -> {
          throw new ArithmeticException();
        });
    assertThat(normalize(List.of(new Exploding())))
        .isEqualTo(List.of("[toString() failed: java.lang.ArithmeticException]"));
    assertThat(sanitized).containsExactly("tostring_failed");
  }

  @Test
  void cutsAMapContainingItself() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("name", "loop");
    raw.put("self", raw);
    assertThat(normalize(raw)).isEqualTo(Map.of("name", "loop", "self", "[cycle]"));
    assertThat(sanitized).containsExactly("cycle_cut");
  }

  @Test
  void cutsAListContainingItself() {
    List<Object> raw = new ArrayList<>();
    raw.add(1);
    raw.add(raw);
    assertThat(normalize(raw)).isEqualTo(List.of(1L, "[cycle]"));
    Object[] array = new Object[1];
    array[0] = array;
    assertThat(normalize(array)).isEqualTo(List.of("[cycle]"));
    assertThat(sanitized).containsExactly("cycle_cut");
  }

  @Test
  void cutsCyclesSeveralLevelsDeep() {
    Map<String, Object> top = new LinkedHashMap<>();
    List<Object> middle = new ArrayList<>();
    Map<String, Object> bottom = new LinkedHashMap<>();
    top.put("middle", middle);
    middle.add(bottom);
    bottom.put("top", top);
    bottom.put("middle", middle);
    assertThat(normalize(top))
        .isEqualTo(Map.of("middle", List.of(Map.of("top", "[cycle]", "middle", "[cycle]"))));
    assertThat(sanitized).containsExactly("cycle_cut");
  }

  @Test
  void keepsAValueSharedBySiblingsWhichIsNotACycle() {
    List<Integer> shared = List.of(1);
    assertThat(normalize(List.of(shared, shared))).isEqualTo(List.of(List.of(1L), List.of(1L)));
    assertThat(sanitized).isEmpty();
  }

  @Test
  void replacesContainersBeyondTheDepthLimit() {
    DataLimits limits = new DataLimits(100, 2, 100);
    assertThat(normalize(List.of(List.of(1)), limits)).isEqualTo(List.of(List.of(1L)));
    assertThat(sanitized).isEmpty();
    assertThat(normalize(List.of(List.of(List.of(1)), "kept"), limits))
        .isEqualTo(List.of(List.of("[too deep]"), "kept"));
    assertThat(sanitized).containsExactly("depth_truncated");
  }

  @Test
  void countsTheDataMapAsTheFirstLevel() {
    DataLimits limits = new DataLimits(100, 2, 100);
    Map<String, Object> data =
        DataValues.normalizeMap(
            Map.of("a", Map.of("b", 1), "c", Map.of("d", Map.of("e", 1)), "t", new Exception("x")),
            limits,
            sanitized);
    assertThat(data.get("a")).isEqualTo(Map.of("b", 1L));
    assertThat(data.get("c")).isEqualTo(Map.of("d", "[too deep]"));
    assertThat(data.get("t")).isEqualTo(Map.of("type", "java.lang.Exception", "message", "x"));
    assertThat(sanitized).containsExactly("depth_truncated");
  }

  @Test
  void survivesVeryDeepNestingWithoutOverflowingTheStack() {
    List<Object> deepest = new ArrayList<>();
    List<Object> outer = deepest;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      next.add(outer);
      outer = next;
    }
    Object result = normalize(outer);
    for (int i = 1; i < DataLimits.DEFAULT.maxDepth(); i++) {
      result = ((List<?>) result).get(0);
    }
    assertThat(result).isEqualTo(List.of("[too deep]"));
    assertThat(sanitized).containsExactly("depth_truncated");
  }

  @Test
  void keepsTheFirstEntriesOfLargeCollectionsAndCountsTheRest() {
    DataLimits limits = new DataLimits(100, 10, 3);
    assertThat(normalize(List.of(1, 2, 3, 4, 5), limits))
        .isEqualTo(List.of(1L, 2L, 3L, "[2 more elements]"));
    assertThat(normalize(new int[] {1, 2, 3, 4}, limits))
        .isEqualTo(List.of(1L, 2L, 3L, "[1 more elements]"));
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      map.put("k" + i, i);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> cut = (Map<String, Object>) normalize(map, limits);
    assertThat(cut.keySet()).containsExactly("k0", "k1", "k2", "[truncated]");
    assertThat(cut.get("[truncated]")).isEqualTo("[2 more entries]");
    assertThat(normalize(List.of(1, 2, 3), limits)).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(sanitized).containsExactly("entries_truncated");
  }

  @Test
  void stopsReadingAnEndlessIterable() {
    Iterable<Integer> endless =
        () ->
            new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                return i++;
              }
            };
    assertThat(normalize(endless, new DataLimits(100, 10, 2)))
        .isEqualTo(List.of(0L, 1L, "[more elements]"));
    assertThat(sanitized).containsExactly("entries_truncated");
  }

  @Test
  void handlesAHundredThousandElements() {
    List<Integer> big = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      big.add(i);
    }
    List<?> cut = (List<?>) normalize(big);
    assertThat(cut).hasSize(1_001);
    assertThat(cut.get(999)).isEqualTo(999L);
    assertThat(cut.get(1_000)).isEqualTo("[99000 more elements]");
    List<?> all = (List<?>) normalize(big, new DataLimits(100, 10, 100_000));
    assertThat(all).hasSize(100_000);
    assertThat(all.get(99_999)).isEqualTo(99_999L);
  }

  @Test
  void handlesTenMegabyteStrings() {
    String big = "é".repeat(10_000_000);
    String cut = (String) normalize(big);
    assertThat(cut).startsWith("é".repeat(16_384)).endsWith("…[truncated 9983616 chars]");
    assertThat(sanitized).containsExactly("value_truncated");
  }

  @Test
  void boundsTheTotalWorkOnHeavilySharedStructures() {
    // 2^60 paths through 60 shared lists: without a total budget this would never finish.
    List<Object> shared = List.of(1);
    for (int i = 0; i < 60; i++) {
      shared = List.of(shared, shared);
    }
    DataLimits limits = new DataLimits(100, DataLimits.MAX_DEPTH, 2);
    Object result = normalize(shared, limits);
    assertThat(result).isInstanceOf(List.class);
    assertThat(sanitized).containsExactly("entries_truncated");
  }

  static final class FailingMap extends AbstractMap<String, Object> {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      throw new java.util.ConcurrentModificationException();
    }
  }

  @Test
  void reportsCollectionsWhoseIterationThrows() {
    assertThat(normalize(new FailingMap()))
        .isEqualTo(Map.of("[iteration failed]", "java.util.ConcurrentModificationException"));
    Iterable<Object> failing =
        () ->
            new Iterator<>() {
              boolean first = true;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Object next() {
                if (first) {
                  first = false;
                  return "ok";
                }
                throw new IllegalStateException();
              }
            };
    assertThat(normalize(failing))
        .isEqualTo(List.of("ok", "[iteration failed: java.lang.IllegalStateException]"));
    assertThat(sanitized).containsExactly("iteration_failed");
  }

  @Test
  void normalizesANullDataMapToAnEmptyOne() {
    assertThat(DataValues.normalizeMap(null, DataLimits.DEFAULT, sanitized)).isEmpty();
    assertThat(DataValues.normalizeMap(Map.of("a", 1), null, null)).isEqualTo(Map.of("a", 1L));
  }
  /** The same entries as a map class the flat path does not take: the general path's result. */
  private static Map<String, Object> general(Map<String, Object> m, DataLimits limits, Set<String> sanitized) {
    return DataValues.normalizeMap(java.util.Collections.unmodifiableMap(m), limits, sanitized);
  }

  @Test
  void aFlatMapOfScalarsComesOutAsTheGeneralPathGivesIt() {
    DataLimits tight = new DataLimits(20, 4, 3);
    List<Map<String, Object>> maps = new ArrayList<>();
    Map<String, Object> typical = new LinkedHashMap<>();
    typical.put("order_id", 184_467L);
    typical.put("amount", 42.5);
    typical.put("currency", "EUR");
    typical.put("count", 3);
    typical.put("ok", true);
    typical.put("none", null);
    maps.add(typical);
    Map<String, Object> repaired = new LinkedHashMap<>();
    repaired.put("nul\u0000key", "value with \u0000 and \uD800");
    repaired.put("x".repeat(30) + "a", "y".repeat(40)); // cut to 20 chars: the same key text twice
    repaired.put("x".repeat(30) + "b", "later wins");
    maps.add(repaired);
    maps.add(Map.of("k", "v"));
    maps.add(Map.of("a", 1L, "b", "two"));
    maps.add(new LinkedHashMap<>());
    for (Map<String, Object> m : maps) {
      for (DataLimits limits : List.of(DataLimits.DEFAULT, tight)) {
        Set<String> flatMarks = new LinkedHashSet<>();
        Set<String> generalMarks = new LinkedHashSet<>();
        Map<String, Object> flat = DataValues.normalizeMap(m, limits, flatMarks);
        assertThat(flat).isInstanceOf(FrozenMap.class);
        assertThat(new ArrayList<>(flat.entrySet())).isEqualTo(new ArrayList<>(general(m, limits, generalMarks).entrySet()));
        assertThat(new ArrayList<>(flatMarks)).isEqualTo(new ArrayList<>(generalMarks));
      }
    }
    Set<String> marks = new LinkedHashSet<>();
    Map<String, Object> cut = DataValues.normalizeMap(repaired, tight, marks);
    assertThat(cut).hasSize(2).containsValue("later wins");
    assertThat(marks).contains("duplicate_key", "key_nul_replaced", "value_truncated");
  }
}
