package io.platformlogger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.DataLimits;
import io.platformlogger.core.internal.DataValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** decode(encode(e)) equals e for every entry whose data went through {@link DataValues}. */
class LogEntryRoundTripTest {

  private static LogEntry entryWith(Map<?, ?> raw, DataLimits limits) {
    Set<String> sanitized = new LinkedHashSet<>();
    Map<String, Object> data = DataValues.normalizeMap(raw, limits, sanitized);
    return LogEntry.builder()
        .id("0190a2b4-7c1e-7d2f-8a3b-4c5d6e7f8091")
        .timestamp(Instant.parse("2026-11-22T08:12:31.123456789Z"))
        .level(Level.INFO)
        .message("round trip")
        .data(data)
        .sanitized(new ArrayList<>(sanitized))
        .build();
  }

  private static void assertRoundTrips(LogEntry e) {
    LogEntry fromText = LogEntryJson.decode(LogEntryJson.encode(e));
    LogEntry fromBytes = LogEntryJson.decode(LogEntryJson.encodeBytes(e));
    assertThat(fromText).isEqualTo(e);
    assertThat(fromBytes).isEqualTo(e);
    assertThat(fromText.data().keySet()).containsExactlyElementsOf(e.data().keySet());
  }

  private static void assertRoundTrips(Map<?, ?> raw) {
    assertRoundTrips(entryWith(raw, DataLimits.DEFAULT));
  }

  @Test
  void roundTripsNestedAndEmptyContainers() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("empty_map", Map.of());
    raw.put("empty_list", List.of());
    raw.put("nested", Map.of("list", List.of(List.of(), Map.of("deeper", List.of(1, "two", 3.0)))));
    raw.put("array", new Object[] {new int[] {1, 2}, new String[0]});
    assertRoundTrips(raw);
  }

  @Test
  void roundTripsIntegersAtTheRangeLimitsAndBeyond() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("min", Long.MIN_VALUE);
    raw.put("max", Long.MAX_VALUE);
    raw.put("zero", 0);
    raw.put("above", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
    raw.put("below", BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
    raw.put("huge", BigInteger.TEN.pow(300).negate());
    raw.put("fits", BigInteger.valueOf(-5));
    assertRoundTrips(raw);
  }

  @Test
  void roundTripsDoublesIncludingTheirEdges() {
    List<Object> doubles =
        new ArrayList<>(
            List.of(
                0.0,
                -0.0,
                1.0,
                -1.5,
                0.1,
                0.1 + 0.2,
                1e-300,
                1e300,
                123456789.125,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.MIN_NORMAL,
                Math.PI,
                2e23,
                1e22,
                9007199254740993.0,
                Float.MAX_VALUE,
                0.1f,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      doubles.add(Double.longBitsToDouble(random.nextLong()));
      doubles.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
    }
    DataLimits limits = new DataLimits(100, 10, 100_000);
    assertRoundTrips(entryWith(Map.of("doubles", doubles), limits));
  }

  @Test
  void roundTripsBigDecimalsOfEveryShape() {
    List<BigDecimal> decimals =
        List.of(
            new BigDecimal("1.50"),
            new BigDecimal("1.5"),
            new BigDecimal("1E+3"),
            new BigDecimal("-0.000"),
            new BigDecimal("0"),
            new BigDecimal("12345678901234567890.123"),
            new BigDecimal("1E-400"),
            new BigDecimal("1E+400"),
            new BigDecimal("100"),
            new BigDecimal("0.1000000000000000055511151231257827021181583404541015625"),
            new BigDecimal(BigInteger.TEN.pow(40), -5),
            new BigDecimal(0.1));
    assertRoundTrips(Map.of("decimals", decimals));
  }

  @Test
  void roundTripsBooleansAndNulls() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("yes", true);
    raw.put("no", false);
    raw.put("nothing", null);
    raw.put("list", Arrays.asList(null, true, null));
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("inner", null);
    raw.put("map", withNull);
    assertRoundTrips(raw);
  }

  @Test
  void roundTripsUnicodeAndControlCharacters() {
    StringBuilder controls = new StringBuilder();
    for (char c = 1; c < 0x20; c++) {
      controls.append(c);
    }
    controls.append('\u007f').append('\u0085').append('\u2028').append('\u2029').append('\uFEFF');
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("controls", controls.toString());
    raw.put("emoji 🙂", "👩‍👩‍👧 family, 🇫🇷 flag, 𝄞 clef");
    raw.put("scripts", "日本語 עברית العربية Ελληνικά");
    raw.put("quotes", "\"quoted\" \\back\\ /slash/");
    raw.put("", "empty key");
    raw.put("key\twith\ncontrols", "v");
    assertRoundTrips(raw);
  }

  @Test
  void roundTripsVeryLongStrings() {
    String long1 = "abc🙂\n".repeat(1_000_000);
    DataLimits roomy = new DataLimits(Integer.MAX_VALUE, 10, 1_000);
    assertRoundTrips(entryWith(Map.of("long", long1), roomy));
    LogEntry cut = entryWith(Map.of("long", long1), DataLimits.DEFAULT);
    assertThat(cut.sanitized()).containsExactly("value_truncated");
    assertRoundTrips(cut);
  }

  @Test
  void roundTripsAHundredThousandElementList() {
    List<Object> big = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      big.add(i % 3 == 0 ? "s" + i : i % 3 == 1 ? (Object) (long) i : (Object) (i + 0.5));
    }
    assertRoundTrips(entryWith(Map.of("big", big), new DataLimits(100, 10, 100_000)));
    LogEntry cut = entryWith(Map.of("big", big), DataLimits.DEFAULT);
    assertThat(cut.sanitized()).containsExactly("entries_truncated");
    assertRoundTrips(cut);
  }

  @Test
  void roundTripsTheResultsOfEveryRepair() {
    Map<String, Object> cyclic = new LinkedHashMap<>();
    cyclic.put("self", cyclic);
    Map<Object, Object> raw = new LinkedHashMap<>();
    raw.put("cycle", cyclic);
    raw.put(null, "null key");
    raw.put("nul", "a\u0000b");
    raw.put("lone", "\uD800");
    raw.put("error", new IllegalStateException("bad"));
    raw.put(
        "broken",
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException();
          }
        });
    Object deep = 1;
    for (int i = 0; i < 20; i++) {
      deep = List.of(deep);
    }
    raw.put("deep", deep);
    LogEntry e = entryWith(raw, DataLimits.DEFAULT);
    assertThat(e.sanitized())
        .containsExactlyInAnyOrder(
            "cycle_cut",
            "value_nul_replaced",
            "value_invalid_surrogate_replaced",
            "tostring_failed",
            "depth_truncated");
    assertRoundTrips(e);
  }
}
