package io.platformlogger.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON format; these tests exercise {@link LogEntryJson} and need its real implementation. */
class ConsoleSinkJsonTest {
  private static final Instant T = Instant.parse("2026-11-22T08:12:31.123Z");

  private static LogEntry entry(String message) {
    return LogEntry.builder()
        .timestamp(T)
        .level(Level.INFO)
        .message(message)
        .service("billing")
        .putData("n", 1L)
        .build();
  }

  @Test
  void writesOneCompactJsonObjectPerLineThatDecodesToTheEntry() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = ConsoleSink.builder().format(ConsoleFormat.JSON).output(out).build();
    LogEntry first = entry("first");
    LogEntry second = entry("second");

    sink.write(List.of(first, second));

    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(3);
    assertThat(lines[2]).isEmpty();
    assertThat(lines[0]).startsWith("{").endsWith("}").doesNotContain("\n  ");
    assertThat(LogEntryJson.decode(lines[0])).isEqualTo(first);
    assertThat(LogEntryJson.decode(lines[1])).isEqualTo(second);
  }

  @Test
  void escapesNewlinesC1ControlsAndLineSeparatorsInsideJsonStrings() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink = ConsoleSink.builder().format(ConsoleFormat.JSON).output(out).build();
    LogEntry nasty = entry("a\nb\r\u001b[2J\u009bc\u2028d\u2029e\u0085");

    sink.write(List.of(nasty));

    String line = out.toString().substring(0, out.length() - 1);
    assertThat(line.chars().filter(c -> Escaping.isControl((char) c))).isEmpty();
    assertThat(LogEntryJson.decode(line)).isEqualTo(nasty);
  }

  @Test
  void neverColoursJsonEvenWhenColourIsForced() throws Exception {
    StringBuilder out = new StringBuilder();
    ConsoleSink sink =
        ConsoleSink.builder().format(ConsoleFormat.JSON).color(ColorMode.ALWAYS).output(out).build();

    sink.write(List.of(entry("plain")));

    assertThat(out.toString()).doesNotContain("\u001b");
    assertThat(sink.colorEnabled()).isFalse();
  }
}
