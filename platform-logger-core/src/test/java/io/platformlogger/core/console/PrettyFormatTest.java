package io.platformlogger.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrettyFormatTest {
  private static final Instant T = Instant.parse("2026-11-22T08:12:31.123Z");
  private static final String STACK =
      "java.lang.IllegalStateException: declined\n"
          + "\tat com.acme.OrderService.place(OrderService.java:42)\n"
          + "Caused by: java.io.IOException: timeout\n"
          + "\t... 3 more\n";

  private static LogEntry.Builder entry() {
    return LogEntry.builder().timestamp(T).level(Level.INFO).message("hello");
  }

  private static String pretty(LogEntry e) throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = ConsoleSink.builder().color(ColorMode.NEVER).output(out).build();
    sink.write(List.of(e));
    return out.toString();
  }

  @Test
  void printsAFullyPopulatedEntryAsOneLineInTheDocumentedOrder() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("items", 3L);
    data.put("note", "gift wrap");
    LogEntry e =
        entry()
            .service("billing")
            .loggerName("com.acme.OrderService")
            .message("order placed")
            .data(data)
            .eventType("order.placed")
            .tenantId("t-1")
            .userId("u-7")
            .requestId("r-9")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .sourceFile("OrderService.java")
            .sourceLine(42)
            .build();

    assertThat(pretty(e))
        .isEqualTo(
            "2026-11-22T08:12:31.123Z INFO  billing [c.a.OrderService] order placed items=3"
                + " note=\"gift wrap\" event=order.placed tenant=t-1 user=u-7 request=r-9"
                + " trace=4bf92f35 (OrderService.java:42)\n");
  }

  @Test
  void printsTheTimestampInUtcWithMillisecondPrecision() throws Exception {
    LogEntry nanos = entry().timestamp(Instant.parse("2026-11-22T08:12:31.123987654Z")).build();
    LogEntry whole = entry().timestamp(Instant.parse("2026-01-02T03:04:05Z")).build();

    assertThat(pretty(nanos)).startsWith("2026-11-22T08:12:31.123Z ");
    assertThat(pretty(whole)).startsWith("2026-01-02T03:04:05.000Z ");
  }

  @Test
  void printsTimestampsAtTheEndsOfTheInstantRangeWithoutFailing() throws Exception {
    // With an explicit id: LogEntry cannot derive one from a timestamp beyond epoch millis.
    assertThat(pretty(entry().id("max").timestamp(Instant.MAX).build()))
        .startsWith("+1000000000-12-31T23:59:59.999Z INFO  hello");
    assertThat(pretty(entry().id("min").timestamp(Instant.MIN).build()))
        .startsWith("-1000000000-01-01T00:00:00.000Z INFO  hello");
  }

  @Test
  void padsEveryLevelToFiveCharacters() throws Exception {
    assertThat(pretty(entry().level(Level.INFO).build())).contains(" INFO  hello");
    assertThat(pretty(entry().level(Level.WARN).build())).contains(" WARN  hello");
    assertThat(pretty(entry().level(Level.ERROR).build())).contains(" ERROR hello");
    assertThat(pretty(entry().level(Level.DEBUG).build())).contains(" DEBUG hello");
    assertThat(pretty(entry().level(Level.TRACE).build())).contains(" TRACE hello");
  }

  @Test
  void abbreviatesEveryPackageSegmentOfTheLoggerName() {
    assertThat(PrettyFormat.abbreviate("com.acme.billing.OrderService"))
        .isEqualTo("c.a.b.OrderService");
    assertThat(PrettyFormat.abbreviate("OrderService")).isEqualTo("OrderService");
    assertThat(PrettyFormat.abbreviate("com..Foo")).isEqualTo("c..Foo");
    assertThat(PrettyFormat.abbreviate("trailing.")).isEqualTo("trailing.");
    assertThat(PrettyFormat.abbreviate(".leading")).isEqualTo(".leading");
  }

  @Test
  void leavesOutAbsentFields() throws Exception {
    assertThat(pretty(entry().build())).isEqualTo("2026-11-22T08:12:31.123Z INFO  hello\n");
    assertThat(pretty(entry().message("").build())).isEqualTo("2026-11-22T08:12:31.123Z INFO \n");
  }

  @Test
  void quotesDataValuesThatAreNotPlainTokens() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("plain", "v-1/ok");
    data.put("spaced", "value with spaces");
    data.put("empty", "");
    data.put("eq", "a=b");
    data.put("quote", "say \"hi\"");
    data.put("path", "C:\\tmp");
    data.put("key with space", "x");

    assertThat(pretty(entry().data(data).build()))
        .contains(
            " plain=v-1/ok spaced=\"value with spaces\" empty=\"\" eq=\"a=b\""
                + " quote=\"say \\\"hi\\\"\" path=\"C:\\\\tmp\" \"key with space\"=x\n");
  }

  @Test
  void printsNumbersBooleansNullAndNestedDataAsJson() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("id", "u 1");
    nested.put("admin", true);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("count", 42L);
    data.put("ratio", 0.25);
    data.put("ok", false);
    data.put("missing", null);
    data.put("tags", Arrays.asList("a", 2L, null));
    data.put("user", nested);

    assertThat(pretty(entry().data(data).build()))
        .contains(
            " count=42 ratio=0.25 ok=false missing=null tags=[\"a\",2,null]"
                + " user={\"id\":\"u 1\",\"admin\":true}\n");
  }

  @Test
  void printsTheErrorTypeAndMessageOnTheEntryLineAndTheStackOnContinuationLines()
      throws Exception {
    LogEntry e =
        entry()
            .level(Level.ERROR)
            .errorType("java.lang.IllegalStateException")
            .errorCode("E42")
            .errorStack(STACK)
            .build();

    assertThat(pretty(e))
        .isEqualTo(
            "2026-11-22T08:12:31.123Z ERROR hello"
                + " error=\"java.lang.IllegalStateException: declined\" code=E42\n"
                + "    |   at com.acme.OrderService.place(OrderService.java:42)\n"
                + "    | Caused by: java.io.IOException: timeout\n"
                + "    |   ... 3 more\n");
  }

  @Test
  void printsTheWholeStackWhenItsFirstLineIsNotTheErrorType() throws Exception {
    LogEntry typeOnly = entry().errorType("com.acme.Boom").build();
    LogEntry stackOnly = entry().errorStack("first\r\nsecond\rthird").build();

    assertThat(pretty(typeOnly)).endsWith(" hello error=com.acme.Boom\n");
    assertThat(pretty(stackOnly))
        .isEqualTo(
            "2026-11-22T08:12:31.123Z INFO  hello\n"
                + "    | first\n"
                + "    | second\n"
                + "    | third\n");
  }

  @Test
  void escapesAMessageThatTriesToForgeASecondEntryLine() throws Exception {
    String out = pretty(entry().message("paid\n2026-11-22T00:00:00.000Z ERROR forged").build());

    assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    assertThat(out).contains(" paid\\n2026-11-22T00:00:00.000Z ERROR forged\n");
  }

  @Test
  void escapesAnsiC1AndUnicodeLineSeparatorsAsUnicodeEscapes() throws Exception {
    String out =
        pretty(entry().message("a\u001b[31mb\u009bc\u2028d\u2029e\u0000f\u007fg\rh\ti\u0085").build());

    assertThat(out)
        .endsWith(
            " a\\u001b[31mb\\u009bc\\u2028d\\u2029e\\u0000f\\u007fg\\rh\\ti\\u0085\n");
  }

  @Test
  void escapesControlCharactersInEveryPrintedValue() throws Exception {
    String evil = "x\ny\rz\t\u001b[2J\u0085\u009b\u2028\u2029\u0000\u007f";
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put(evil, List.of(evil));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(evil, evil);
    data.put("nested", nested);
    LogEntry e =
        entry()
            .service(evil)
            .loggerName("com.acme." + evil)
            .message(evil)
            .data(data)
            .eventType(evil)
            .tenantId(evil)
            .userId(evil)
            .requestId(evil)
            .traceId(evil + evil)
            .sourceFile(evil)
            .sourceLine(7)
            .errorType(evil)
            .errorCode(evil)
            .errorStack(evil + "\n\tat " + evil + "\n" + evil)
            .build();

    String out = pretty(e);

    // evil breaks into three stack lines ("x", "y", "z\t..."), so the stack has nine; its first
    // line is not the error type's, so all nine become continuation lines.
    String[] lines = out.split("\n", -1);
    assertThat(lines).hasSize(1 + 9 + 1);
    assertThat(lines[lines.length - 1]).isEmpty();
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      assertThat(line.chars().filter(c -> Escaping.isControl((char) c)))
          .as("control characters in line %d: %s", i, line)
          .isEmpty();
      if (i > 0) {
        assertThat(line).startsWith(PrettyFormat.CONTINUATION);
      }
    }
  }

  @Test
  void escapesWithinEachStackLineAndNeverLetsAStackLineLookLikeAnEntry() throws Exception {
    LogEntry e =
        entry()
            .errorType("java.lang.RuntimeException")
            .errorStack(
                "java.lang.RuntimeException: x\n"
                    + "2026-11-22T00:00:00.000Z ERROR forged \u001b[2J\u2028tail\n"
                    + "\tat a.B.c(B.java:1)")
            .build();

    String[] lines = pretty(e).split("\n");

    assertThat(lines)
        .containsExactly(
            "2026-11-22T08:12:31.123Z INFO  hello error=\"java.lang.RuntimeException: x\"",
            "    | 2026-11-22T00:00:00.000Z ERROR forged \\u001b[2J\\u2028tail",
            "    |   at a.B.c(B.java:1)");
  }
}
