package io.platformlogger.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogEntryJsonTest {
  private static final String ID = "0190a2b4-7c1e-7d2f-8a3b-4c5d6e7f8091";
  private static final Instant TS = Instant.parse("2026-11-22T08:12:31.123456Z");

  private static LogEntry.Builder minimal() {
    return LogEntry.builder().id(ID).timestamp(TS).level(Level.INFO).message("hello");
  }

  static LogEntry full() {
    return minimal()
        .level(Level.ERROR)
        .message("payment failed")
        .putData("amount", 1250L)
        .service("billing")
        .environment(Environment.PRODUCTION)
        .version("1.4.2")
        .region("eu-west-1")
        .instanceId("billing-7f9c")
        .eventType("payment.failed")
        .stream("logs")
        .tenantId("t-1")
        .tenantSlug("acme")
        .workspaceId("w-1")
        .projectId("p-1")
        .userId("u-1")
        .sessionId("s-1")
        .impersonatorId("op-1")
        .requestId("r-1")
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .spanId("00f067aa0ba902b7")
        .sourceFile("Billing.java")
        .sourceLine(42)
        .sourceClass("com.acme.Billing")
        .sourceMethod("charge")
        .action("checkout")
        .errorType("java.lang.IllegalStateException")
        .errorCode("E42")
        .errorStack(
            "java.lang.IllegalStateException: boom\n\tat com.acme.Billing.charge(Billing.java:42)")
        .errorSignature("a1b2c3")
        .loggerName("com.acme.Billing")
        .threadName("main")
        .markers(List.of("AUDIT"))
        .sanitized(List.of("message_truncated"))
        .build();
  }

  @Test
  void writesEveryFieldInSchemaOrderWithSnakeCaseNames() {
    assertThat(LogEntryJson.encode(full()))
        .isEqualTo(
            "{\"id\":\""
                + ID
                + "\",\"timestamp\":\"2026-11-22T08:12:31.123456Z\",\"level\":\"ERROR\",\"message\":\"payment"
                + " failed\",\"data\":{\"amount\":1250},\"service\":\"billing\","
                + "\"environment\":\"production\",\"version\":\"1.4.2\",\"region\":\"eu-west-1\","
                + "\"instance_id\":\"billing-7f9c\",\"event_type\":\"payment.failed\",\"stream\":\"logs\","
                + "\"tenant_id\":\"t-1\",\"tenant_slug\":\"acme\",\"workspace_id\":\"w-1\","
                + "\"project_id\":\"p-1\",\"user_id\":\"u-1\",\"session_id\":\"s-1\","
                + "\"impersonator_id\":\"op-1\",\"request_id\":\"r-1\","
                + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\","
                + "\"source_file\":\"Billing.java\",\"source_line\":42,\"source_class\":\"com.acme.Billing\","
                + "\"source_method\":\"charge\",\"action\":\"checkout\","
                + "\"error_type\":\"java.lang.IllegalStateException\",\"error_code\":\"E42\",\"error_stack\":\"java.lang.IllegalStateException:"
                + " boom\\n"
                + "\\tat com.acme.Billing.charge(Billing.java:42)\","
                + "\"error_signature\":\"a1b2c3\",\"logger_name\":\"com.acme.Billing\",\"thread_name\":\"main\","
                + "\"markers\":[\"AUDIT\"],\"sanitized\":[\"message_truncated\"]}");
  }

  @Test
  void omitsNullFieldsAndEmptyListsButAlwaysWritesTheRequiredOnes() {
    assertThat(LogEntryJson.encode(minimal().message("").build()))
        .isEqualTo(
            "{\"id\":\""
                + ID
                + "\",\"timestamp\":\"2026-11-22T08:12:31.123456Z\",\"level\":\"INFO\","
                + "\"message\":\"\",\"data\":{}}");
  }

  @Test
  void writesTheTimestampWithFullPrecision() {
    Instant nanos = Instant.parse("2026-01-01T00:00:00.000000001Z");
    String json = LogEntryJson.encode(minimal().timestamp(nanos).build());
    assertThat(json).contains("\"timestamp\":\"2026-01-01T00:00:00.000000001Z\"");
    assertThat(LogEntryJson.decode(json).timestamp()).isEqualTo(nanos);
  }

  @Test
  void encodesBytesAsTheUtf8OfTheText() {
    LogEntry e = minimal().message("grüße 🙂 日本").putData("k", "ü").build();
    assertThat(LogEntryJson.encodeBytes(e)).isEqualTo(LogEntryJson.encode(e).getBytes(UTF_8));
  }

  @Test
  void roundTripsAFullEntry() {
    LogEntry e = full();
    assertThat(LogEntryJson.decode(LogEntryJson.encode(e))).isEqualTo(e);
    assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(e))).isEqualTo(e);
  }

  @Test
  void roundTripsEveryLevelAndEnvironment() {
    for (Level level : Level.values()) {
      for (Environment env : Environment.values()) {
        LogEntry e = minimal().level(level).environment(env).build();
        LogEntry back = LogEntryJson.decode(LogEntryJson.encode(e));
        assertThat(back.level()).isEqualTo(level);
        assertThat(back.environment()).isEqualTo(env);
      }
    }
  }

  @Test
  void decodesFieldsInAnyOrderAndIgnoresUnknownOnes() {
    String json =
        "{\"future\":{\"a\":[1,{\"b\":null}]},\"message\":\"m\",\"data\":{\"x\":1},"
            + "\"level\":\"warn\",\"extra\":[true],\"timestamp\":\"2026-11-22T08:12:31Z\","
            + "\"source_line\":7,\"id\":\"abc\",\"service\":null,\"markers\":null}";
    LogEntry e = LogEntryJson.decode(json);
    assertThat(e.id()).isEqualTo("abc");
    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.message()).isEqualTo("m");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T08:12:31Z"));
    assertThat(e.data()).isEqualTo(Map.of("x", 1L));
    assertThat(e.sourceLine()).isEqualTo(7);
    assertThat(e.service()).isNull();
    assertThat(e.markers()).isEmpty();
  }

  @Test
  void acceptsAMissingOrNullDataObject() {
    String base =
        "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\",\"message\":\"m\"";
    assertThat(LogEntryJson.decode(base + "}").data()).isEmpty();
    assertThat(LogEntryJson.decode(base + ",\"data\":null}").data()).isEmpty();
  }

  @Test
  void decodesJsonNumbersToTheTypesNormalizationProduces() {
    String json =
        "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\",\"message\":\"m\","
            + "\"data\":{\"int\":7,\"big\":18446744073709551616,\"dbl\":0.1,\"exp\":1e3,\"scaled\":1.50}}";
    Map<String, Object> data = LogEntryJson.decode(json).data();
    assertThat(data.get("int")).isEqualTo(7L);
    assertThat(data.get("big")).isEqualTo(new java.math.BigInteger("18446744073709551616"));
    assertThat(data.get("dbl")).isEqualTo(0.1d);
    assertThat(data.get("exp")).isEqualTo(new BigDecimal("1e3"));
    assertThat(data.get("scaled")).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void decodesDataIntoUnmodifiableValues() {
    String json =
        "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\",\"message\":\"m\","
            + "\"data\":{\"list\":[1],\"map\":{\"k\":\"v\"}}}";
    Map<String, Object> data = LogEntryJson.decode(json).data();
    assertThatThrownBy(() -> data.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) data.get("list")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> inner = (Map<String, Object>) data.get("map");
    assertThatThrownBy(() -> inner.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertRejected(String json, String... messageParts) {
    assertThatThrownBy(() -> LogEntryJson.decode(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
    assertThatThrownBy(() -> LogEntryJson.decode(json.getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
  }

  private static final String OK_HEAD =
      "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\",\"message\":\"m\"";

  @Test
  void rejectsMalformedJsonClearly() {
    assertRejected(OK_HEAD + ",", "malformed log entry JSON");
    assertRejected("{\"id\":\"a\" \"x\"}", "malformed log entry JSON");
    assertRejected("", "empty");
    assertRejected("[]", "must be an object");
    assertRejected(OK_HEAD + "} {}", "content after the entry object");
    assertThatThrownBy(() -> LogEntryJson.decode((String) null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogEntryJson.decode((byte[]) null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMissingRequiredFieldsNamingThem() {
    assertRejected(
        "{\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\",\"message\":\"m\"}", "'id'");
    assertRejected("{\"id\":\"a\",\"level\":\"INFO\",\"message\":\"m\"}", "'timestamp'");
    assertRejected(
        "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"message\":\"m\"}", "'level'");
    assertRejected(
        "{\"id\":\"a\",\"timestamp\":\"2026-11-22T08:12:31Z\",\"level\":\"INFO\"}", "'message'");
  }

  @Test
  void rejectsInvalidFieldValuesNamingTheField() {
    assertRejected(
        OK_HEAD.replace("\"id\":\"a\"", "\"id\":null") + "}", "'id'", "must be a string");
    assertRejected(OK_HEAD.replace("\"id\":\"a\"", "\"id\":5") + "}", "'id'", "must be a string");
    assertRejected(
        OK_HEAD.replace("2026-11-22T08:12:31Z", "yesterday") + "}", "'timestamp'", "yesterday");
    assertRejected(OK_HEAD.replace("INFO", "LOUD") + "}", "'level'", "LOUD");
    assertRejected(OK_HEAD + ",\"environment\":\"moon\"}", "'environment'", "moon");
    assertRejected(OK_HEAD + ",\"service\":{}}", "'service'", "must be a string");
    assertRejected(OK_HEAD + ",\"data\":[]}", "'data'", "must be an object");
    assertRejected(OK_HEAD + ",\"source_line\":\"7\"}", "'source_line'");
    assertRejected(OK_HEAD + ",\"source_line\":4294967296}", "'source_line'");
    assertRejected(OK_HEAD + ",\"markers\":[1]}", "'markers'", "array of strings");
    assertRejected(OK_HEAD + ",\"sanitized\":\"x\"}", "'sanitized'", "array of strings");
  }

  @Test
  void keepsNullDataValuesAsJsonNulls() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("gone", null);
    LogEntry e = minimal().data(data).build();
    String json = LogEntryJson.encode(e);
    assertThat(json).contains("\"data\":{\"gone\":null}");
    LogEntry back = LogEntryJson.decode(json);
    assertThat(back.data()).containsKey("gone");
    assertThat(back.data().get("gone")).isNull();
    assertThat(back).isEqualTo(e);
  }

  @Test
  void replacesTextNoSinkCanStoreAndRecordsWhatItRepaired() {
    LogEntry e =
        minimal()
            .message("lone \uD800 surrogate")
            .errorStack("nul\u0000inside")
            .putData("k\u0000", "v\uDC00")
            .sanitized(List.of("message_truncated"))
            .build();
    byte[] bytes = LogEntryJson.encodeBytes(e);
    assertThat(isValidUtf8(bytes)).isTrue();
    LogEntry back = LogEntryJson.decode(bytes);
    assertThat(back.message()).isEqualTo("lone \uFFFD surrogate");
    assertThat(back.errorStack()).isEqualTo("nul\uFFFDinside");
    assertThat(back.data()).isEqualTo(Map.of("k\uFFFD", "v\uFFFD"));
    assertThat(back.sanitized())
        .containsExactly(
            "message_truncated",
            "message_invalid_surrogate_replaced",
            "key_nul_replaced",
            "value_invalid_surrogate_replaced",
            "error_stack_nul_replaced");
    assertThat(LogEntryJson.decode(LogEntryJson.encode(e))).isEqualTo(back);
  }

  private static boolean isValidUtf8(byte[] bytes) {
    try {
      UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static final class Custom {
    @Override
    public String toString() {
      return "custom!";
    }
  }

  @Test
  void normalizesDataValuesThatAreNotJsonCompatible() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("self", nested);
    LogEntry e =
        minimal()
            .putData("int", 7)
            .putData("nan", Double.NaN)
            .putData("custom", new Custom())
            .putData("set", Set.of("only"))
            .putData("cycle", nested)
            .build();
    LogEntry back = LogEntryJson.decode(LogEntryJson.encode(e));
    assertThat(back.data())
        .containsEntry("int", 7L)
        .containsEntry("nan", "NaN")
        .containsEntry("custom", "custom!")
        .containsEntry("set", List.of("only"))
        .containsEntry("cycle", Map.of("self", "[cycle]"));
    assertThat(back.sanitized()).containsExactly("cycle_cut");
  }

  static final class ExplodingMap extends AbstractMap<String, Object> {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      throw new IllegalStateException("concurrently modified");
    }
  }

  @Test
  void stillEncodesAnEntryWhoseDataThrowsWhileBeingWritten() {
    LogEntry e = minimal().putData("ok", 1L).putData("bad", new ExplodingMap()).build();
    LogEntry back = LogEntryJson.decode(LogEntryJson.encode(e));
    assertThat(back.data())
        .containsEntry("ok", 1L)
        .containsEntry("bad", Map.of("[iteration failed]", "java.lang.IllegalStateException"));
    assertThat(back.sanitized()).containsExactly("iteration_failed");
    assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(e))).isEqualTo(back);
  }

  @Test
  void cutsUnnormalizedDataNestedBeyondTheMaximumDepth() {
    Object deep = "bottom";
    for (int i = 0; i < 500; i++) {
      deep = List.of(deep);
    }
    LogEntry back =
        LogEntryJson.decode(LogEntryJson.encode(minimal().putData("deep", deep).build()));
    Object v = back.data().get("deep");
    int levels = 1; // the data map
    while (v instanceof List) {
      v = ((List<?>) v).get(0);
      levels++;
    }
    assertThat(v).isEqualTo("[too deep]");
    assertThat(levels).isEqualTo(io.platformlogger.core.internal.DataLimits.MAX_DEPTH);
    assertThat(back.sanitized()).containsExactly("depth_truncated");
  }

  @Test
  void rejectsHostileNestingWithoutOverflowingTheStack() {
    String json = OK_HEAD + ",\"data\":{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
    assertRejected(json, "malformed log entry JSON", "nesting depth");
  }

  @Test
  void roundTripsAMessageOfTenMegabytes() {
    String big = "x\ty\n\u0001🙂".repeat(2_000_000);
    LogEntry e = minimal().message(big).errorStack(big).build();
    assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(e))).isEqualTo(e);
  }

  @Test
  void streamsManyEntriesThroughOneGeneratorAndParser() throws Exception {
    LogEntry a = minimal().id("a").build();
    LogEntry b = full();
    StringWriter out = new StringWriter();
    try (JsonGenerator g = LogEntryJson.FACTORY.createGenerator(out)) {
      g.writeStartArray();
      LogEntryJson.write(a, g);
      LogEntryJson.write(b, g);
      g.writeEndArray();
    }
    try (JsonParser p = LogEntryJson.FACTORY.createParser(out.toString())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      assertThat(LogEntryJson.read(p)).isEqualTo(a);
      assertThat(LogEntryJson.read(p)).isEqualTo(b);
      assertThat(LogEntryJson.read(p)).isNull();
    }
  }

  @Test
  void writesJsonLinesThatReadBackEntryByEntry() throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(minimal().id("e" + i).message("line\nbreak " + i).build());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonLinesWriter w = LogEntryJson.linesWriter(bytes)) {
      for (LogEntry e : entries) {
        w.write(e);
      }
      w.flush();
    }
    String text = bytes.toString(UTF_8);
    String[] lines = text.split("\n");
    assertThat(text).endsWith("\n");
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(LogEntryJson.decode(lines[i])).isEqualTo(entries.get(i));
    }
    try (JsonParser p = LogEntryJson.FACTORY.createParser(bytes.toByteArray())) {
      for (LogEntry e : entries) {
        assertThat(LogEntryJson.read(p)).isEqualTo(e);
      }
      assertThat(LogEntryJson.read(p)).isNull();
    }
  }

  @Test
  void readRejectsAStreamElementThatIsNotAnObject() throws Exception {
    try (JsonParser p = LogEntryJson.FACTORY.createParser("42")) {
      assertThatThrownBy(() -> LogEntryJson.read(p))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be an object");
    }
    try (JsonParser p = LogEntryJson.FACTORY.createParser("{\"id\":")) {
      assertThatThrownBy(() -> LogEntryJson.read(p))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed log entry JSON");
    }
  }

  @Test
  void encodesEntryAfterEntryOnOneThreadEachAsItsOwnDocument() {
    LogEntry first = full();
    LogEntry second = minimal().message("second").putData("n", 2L).build();
    String expectedSecond = encodedOnce(second);

    for (int i = 0; i < 3; i++) {
      assertThat(LogEntryJson.decode(LogEntryJson.encodeBytes(first))).isEqualTo(first);
      assertThat(LogEntryJson.encode(second)).isEqualTo(expectedSecond);
      assertThat(new String(LogEntryJson.encodeBytes(second), UTF_8)).isEqualTo(expectedSecond);
    }
  }

  @Test
  void anEntryThatFailsHalfWayLeavesNothingBehindForTheNextOne() {
    LogEntry broken = minimal().putData("bad", new ExplodingMap()).build();
    LogEntry next = minimal().message("next").build();
    String expectedNext = encodedOnce(next);

    LogEntryJson.encode(broken);
    LogEntryJson.encodeBytes(broken);

    assertThat(LogEntryJson.encode(next)).isEqualTo(expectedNext);
    assertThat(new String(LogEntryJson.encodeBytes(next), UTF_8)).isEqualTo(expectedNext);
  }

  @Test
  void aHugeEntryDoesNotChangeTheEncodingOfTheSmallOnesAfterIt() {
    LogEntry huge = minimal().message("x".repeat(200_000)).build();
    LogEntry small = minimal().build();
    String expectedSmall = encodedOnce(small);

    assertThat(LogEntryJson.encodeBytes(huge)).hasSizeGreaterThan(200_000);
    assertThat(LogEntryJson.encode(huge)).hasSizeGreaterThan(200_000);

    assertThat(LogEntryJson.encode(small)).isEqualTo(expectedSmall);
    assertThat(new String(LogEntryJson.encodeBytes(small), UTF_8)).isEqualTo(expectedSmall);
  }

  @Test
  void reusesTheEncodingKeptOnAnEntryAndHandsOutCopiesOfIt() {
    LogEntry e = full();
    byte[] kept = LogEntryJson.encodeBytes(e);
    io.platformlogger.core.internal.EntryInternals.keepJson(e, kept);

    byte[] first = LogEntryJson.encodeBytes(e);
    first[0] = 'X'; // a sink scribbling on what it got

    assertThat(first).isNotSameAs(kept);
    assertThat(LogEntryJson.encodeBytes(e)).isEqualTo(kept);
    assertThat(LogEntryJson.encode(e)).isEqualTo(new String(kept, UTF_8));
    assertThat(LogEntryJson.encodeBytesShared(e)).isSameAs(kept);
    assertThat(kept[0]).isEqualTo((byte) '{');
  }

  /** The entry's encoding through a generator of its own, not the thread's reusable one. */
  private static String encodedOnce(LogEntry e) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = LogEntryJson.FACTORY.createGenerator(out)) {
      LogEntryJson.write(e, g);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    return out.toString();
  }
}
