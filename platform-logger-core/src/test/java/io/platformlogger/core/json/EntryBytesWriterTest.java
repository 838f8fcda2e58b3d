package io.platformlogger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.internal.EntryInternals;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct writer of pipeline-built entries must give the generator's bytes exactly: every
 * char, every value kind, every field, and the texts it remembers from one entry to the next.
 */
class EntryBytesWriterTest {
  /** What jackson's generator writes for the entry (the path every other entry takes). */
  private static byte[] generatorBytes(LogEntry e) throws Exception {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = LogEntryJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      LogEntryJson.write(e, g);
    }
    return out.toByteArray();
  }

  /** The entry marked as the pipeline marks what it built, so the direct writer takes it. */
  private static LogEntry clean(LogEntry.Builder b) {
    LogEntry e = b.build();
    EntryInternals.markClean(e);
    return e;
  }

  private static void assertSameBytes(LogEntry e) throws Exception {
    byte[] direct = LogEntryJson.encodeBytes(e);
    byte[] generator = generatorBytes(e);
    assertThat(new String(direct, StandardCharsets.UTF_8))
        .isEqualTo(new String(generator, StandardCharsets.UTF_8));
    assertThat(direct).isEqualTo(generator);
  }

  private static LogEntry.Builder base() {
    return LogEntry.builder()
        .id("0190a2b4-7c1e-7d2f-8a3b-4c5d6e7f8091")
        .timestamp(Instant.parse("2026-11-22T08:12:31.123456Z"))
        .level(Level.INFO)
        .message("hello");
  }

  @Test
  void writesEveryFieldOfAFullEntryAsTheGeneratorDoes() throws Exception {
    LogEntry full = LogEntryJsonTest.full();
    LogEntry e = full.toBuilder().markers(List.of("AUDIT", "PII")).sanitized(List.of("message_truncated")).build();
    EntryInternals.markClean(e);
    assertSameBytes(e);
    assertSameBytes(clean(base())); // the required fields alone
  }

  @Test
  void writesEveryCharOfTheBasicPlaneAsTheGeneratorDoes() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < Character.MIN_SURROGATE; c++) {
      all.append(c);
    }
    for (int c = Character.MAX_SURROGATE + 1; c <= 0xFFFF; c++) {
      all.append((char) c);
    }
    String text = all.toString();
    assertSameBytes(clean(base().message(text).putData(text, text).tenantId(text).markers(List.of(text))));
    for (int from = 0; from < text.length(); from += 97) { // short texts starting with every kind
      String s = text.substring(from, Math.min(text.length(), from + 7));
      assertSameBytes(clean(base().message(s).putData(s, s).userId(s)));
    }
  }

  @Test
  void writesSupplementaryCharsAsFourBytesAndUnpairedSurrogatesAsTheGeneratorDoes() throws Exception {
    String emoji = "order \uD83D\uDE80 shipped \uD83C\uDDE9\uD83C\uDDEA";
    assertSameBytes(clean(base().message(emoji).putData("k", emoji)));
    // Never in a pipeline-built entry (the sanitizer replaces them), but written alike all the same.
    String unpaired = "a\uD83D b \uDE80 c \uDE80\uD83D d\uD83D";
    assertSameBytes(clean(base().message(unpaired).putData("k", unpaired)));
    assertThat(new String(LogEntryJson.encodeBytes(clean(base().message(emoji))), StandardCharsets.UTF_8))
        .contains(emoji);
  }

  @Test
  void writesEveryKindOfDataValueAsTheGeneratorDoes() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of(1L, "two", List.of(), Map.of()));
    nested.put("empty", Map.of());
    LogEntry.Builder b =
        base()
            .putData("long", 184_467L)
            .putData("zero", 0L)
            .putData("negative", -42L)
            .putData("min", Long.MIN_VALUE)
            .putData("max", Long.MAX_VALUE)
            .putData("double", 42.5)
            .putData("tiny", 1.0E-300)
            .putData("huge", 1.7976931348623157E308)
            .putData("negativeZero", -0.0)
            .putData("bigInteger", new BigInteger("123456789012345678901234567890"))
            .putData("bigDecimal", new BigDecimal("1.10"))
            .putData("exponent", new BigDecimal("1E+400"))
            .putData("yes", true)
            .putData("no", false)
            .putData("nothing", null)
            .putData("nested", nested)
            .sourceLine(-7)
            .environment(Environment.STAGING);
    assertSameBytes(clean(b));
  }

  @Test
  void writesEveryInstantAsTheGeneratorDoesWithinASecondAndAcrossSeconds() throws Exception {
    Instant second = Instant.parse("2026-12-31T23:59:59Z");
    for (Instant t :
        List.of(
            second,
            second.plusMillis(1),
            second.plusNanos(120_000),
            second.plusNanos(123_456_789),
            second.plusNanos(999_999_999),
            second.plusSeconds(1), // the next day and year
            second.plusSeconds(1).plusNanos(5),
            second,
            Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("0000-01-01T00:00:00.5Z"),
            Instant.parse("-0001-12-31T23:59:59Z"), // outside the years InstantText writes
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
      LogEntry e = clean(base().timestamp(t));
      assertSameBytes(e);
      assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(e)).timestamp()).isEqualTo(t);
    }
  }

  @Test
  void randomTextsComeOutAsTheGeneratorWritesThem() throws Exception {
    Random random = new Random(20);
    char[] kinds = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', '\u00e9', '\u0416', '\u20ac', '\uffff'};
    for (int n = 0; n < 500; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(n % 50 == 0 ? 5000 : 40);
      for (int i = 0; i < length; i++) {
        int pick = random.nextInt(kinds.length + 2);
        if (pick < kinds.length) {
          s.append(kinds[pick]);
        } else if (pick == kinds.length) {
          s.append("\uD83D\uDE00");
        } else {
          s.append((char) random.nextInt(0xD000));
        }
      }
      String t = s.toString();
      assertSameBytes(clean(base().message(t).putData(t, t).loggerName(t).markers(List.of(t, t))));
    }
  }

  @Test
  void aRememberedTextIsReusedOnlyForTheSameInstance() throws Exception {
    String first = new String("tenant-one".toCharArray());
    String second = new String("tenant-two".toCharArray());
    String equalToFirst = new String("tenant-one".toCharArray());
    for (String tenant : List.of(first, first, second, equalToFirst, first, new String("t\u00e9\"x".toCharArray()))) {
      LogEntry e = clean(base().tenantId(tenant).threadName(tenant));
      assertSameBytes(e);
      assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(e)).tenantId()).isEqualTo(tenant);
    }
  }

  @Test
  void writesLinesFromTheReusedBufferAsTheGeneratorWouldEncodeThem() throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(clean(base().message("one")));
    entries.add(base().message("not from the pipeline: \u0000 repaired").build());
    entries.add(clean(base().message("three").putData("k", List.of(1L, 2L))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonLinesWriter lines = LogEntryJson.linesWriter(out)) {
      for (LogEntry e : entries) {
        lines.write(e);
      }
    }
    String[] written = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertThat(written).hasSize(4);
    assertThat(written[3]).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThat(written[i]).isEqualTo(LogEntryJson.encode(entries.get(i)));
    }
    assertThat(Arrays.asList(written).get(1)).contains("nul_replaced");
  }
}
