package io.platformlogger.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What reaches a terminal cannot be reordered or hidden: bidi controls, zero-width and tag
 * characters are escaped like control characters, in the pretty and the JSON console lines.
 */
class TerminalEscapingTest {
  private static final Instant T = Instant.parse("2026-11-22T08:12:31.123Z");
  /** RLO: everything after it is shown right to left, so "gol.exe" would read "exe.log". */
  private static final String RLO = "\u202e";
  /** TAG LATIN SMALL LETTER A (U+E0061): invisible, but read by some tools and models. */
  private static final String TAG_A = new String(Character.toChars(0xE0061));

  private static String print(ConsoleFormat format, LogEntry e) throws Exception {
    StringBuilder out = new StringBuilder();
    new ConsoleSink(ConsoleSink.builder().format(format).color(ColorMode.NEVER).output(out), Map.<String, String>of()::get, false)
        .write(List.of(e));
    return out.toString();
  }

  @Test
  void anRloInTheServiceNameCannotReverseThePrettyLine() throws Exception {
    LogEntry e = LogEntry.builder().timestamp(T).level(Level.INFO).service("pay" + RLO + "ment")
        .message("done").build();
    assertThat(print(ConsoleFormat.PRETTY, e)).contains("pay\\u202ement").doesNotContain(RLO);
  }

  @Test
  void everyBidiControlZeroWidthAndTagCharacterIsEscaped() throws Exception {
    String hidden = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
        + "\u200b\u200c\u200d\u2060\ufeff" + TAG_A;
    LogEntry e = LogEntry.builder().timestamp(T).level(Level.INFO).message("a" + hidden + "b").build();
    String pretty = print(ConsoleFormat.PRETTY, e);
    assertThat(pretty).isEqualTo("2026-11-22T08:12:31.123Z INFO  a"
        + "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"
        + "\\u200b\\u200c\\u200d\\u2060\\ufeff\\udb40\\udc61b\n");
    String json = print(ConsoleFormat.JSON, e);
    for (char c : hidden.toCharArray()) {
      assertThat(json).doesNotContain(String.valueOf(c));
    }
    assertThat(LogEntryJson.decode(json.trim())).as("the escapes mean the same characters in JSON").isEqualTo(e);
  }

  @Test
  void ordinaryTextEmojiAndRightToLeftScriptsAreUnchanged() {
    String text = "שלום مرحبا 你好 \uD83D\uDE00 café می\u200cخواهم \uD83D\uDC69\u200d\uD83D\uDCBB";
    assertThat(Escaping.escape(text)).isSameAs(text);
  }

  @Test
  void aJoinerNextToAsciiOrAnotherJoinerIsEscaped() {
    assertThat(Escaping.escape("a\u200db")).isEqualTo("a\\u200db");
    assertThat(Escaping.escape("é\u200c\u200dé")).isEqualTo("é\\u200c\\u200dé");
  }
}
