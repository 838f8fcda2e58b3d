package io.platformlogger.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {
  private static final Instant TS = Instant.parse("2026-11-22T08:12:31.123456Z");

  private static LogEntry.Builder entry(String message) {
    return LogEntry.builder().timestamp(TS).level(Level.INFO).message(message);
  }

  private static List<LogEntry> varied() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of(1L, "two", 3.5, true));
    nested.put("none", null);
    StringBuilder controls = new StringBuilder();
    for (char c = 1; c < 0x20; c++) {
      controls.append(c);
    }
    return List.of(
        entry("plain").build(),
        entry("订单已创建 — مرحبا — e\u0301 — 👩‍👩‍👧‍👦 🇪🇺").service("checkout").tenantId("t-1").build(),
        entry("controls " + controls + " \" \\ / \u007f").putData("k\u2028", "v\u2029").build(),
        entry("data")
            .level(Level.ERROR)
            .putData("nested", nested)
            .putData("big", 9_007_199_254_740_993L)
            .putData("decimal", new BigDecimal("12.50"))
            .environment(Environment.PRODUCTION)
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .errorStack("java.lang.IllegalStateException: boom\n\tat com.acme.Billing.charge(Billing.java:42)")
            .markers(List.of("AUDIT"))
            .build(),
        entry("x".repeat(100_000)).service("other").build(),
        entry("after the large one").service("checkout").build());
  }

  @Test
  void valuesAreTheSharedEncodingInArraysOfTheirOwn() {
    RecordEncoder encoder = new RecordEncoder();
    for (LogEntry e : varied()) {
      byte[] value = encoder.value(e);
      assertThat(value).isEqualTo(LogEntryJson.encodeBytes(e));
      assertThat(encoder.value(e)).as("never the same array twice").isNotSameAs(value);
    }
  }

  @Test
  void headersCarryLevelServiceAndEntryId() {
    RecordEncoder encoder = new RecordEncoder();
    LogEntry a = entry("a").level(Level.WARN).service("checkout").build();
    LogEntry b = entry("b").level(Level.DEBUG).build();
    LogEntry c = entry("c").level(Level.ERROR).service("billing").build();

    assertThat(text(encoder.headers(a))).containsExactly("level=WARN", "service=checkout", "entry_id=" + a.id());
    assertThat(text(encoder.headers(b))).containsExactly("level=DEBUG", "entry_id=" + b.id());
    assertThat(text(encoder.headers(c))).containsExactly("level=ERROR", "service=billing", "entry_id=" + c.id());
    assertThat(text(encoder.headers(a))).containsExactly("level=WARN", "service=checkout", "entry_id=" + a.id());
  }

  private static List<String> text(List<Header> headers) {
    return Arrays.asList(
        headers.stream().map(h -> h.key() + "=" + new String(h.value(), UTF_8)).toArray(String[]::new));
  }
}
