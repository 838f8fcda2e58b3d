package io.platformlogger.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextSanitizerTest {
  private final Set<String> sanitized = new LinkedHashSet<>();

  @Test
  void returnsTheSameInstanceWhenNothingNeedsChanging() {
    String s = new String("tabs\tnewlines\n bell\u0007 escape\u001b emoji \uD83D\uDE00 ok");
    assertThat(TextSanitizer.clean(s, 100, sanitized)).isSameAs(s);
    assertThat(sanitized).isEmpty();
  }

  @Test
  void returnsNullForNull() {
    assertThat(TextSanitizer.clean(null, 10, sanitized)).isNull();
    assertThat(sanitized).isEmpty();
  }

  @Test
  void replacesNulWithTheReplacementCharacter() {
    assertThat(TextSanitizer.clean("a\u0000b\u0000", 100, sanitized)).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(sanitized).containsExactly("nul_replaced");
  }

  @Test
  void replacesLoneHighAndLowSurrogates() {
    String s = "x\uD83Dy\uDE00z\uD83D";
    assertThat(TextSanitizer.clean(s, 100, sanitized)).isEqualTo("x\uFFFDy\uFFFDz\uFFFD");
    assertThat(sanitized).containsExactly("invalid_surrogate_replaced");
  }

  @Test
  void keepsValidSurrogatePairsWhileRepairingOtherCharacters() {
    String s = "\uD83D\uDE00\u0000\uDE00\uD83D\uDE00";
    assertThat(TextSanitizer.clean(s, 100, sanitized))
        .isEqualTo("\uD83D\uDE00\uFFFD\uFFFD\uD83D\uDE00");
    assertThat(sanitized).containsExactlyInAnyOrder("nul_replaced", "invalid_surrogate_replaced");
  }

  @Test
  void cutsLongTextAndSaysHowMuchWasDropped() {
    assertThat(TextSanitizer.clean("abcdefghij", 4, sanitized))
        .isEqualTo("abcd…[truncated 6 chars]");
    assertThat(sanitized).containsExactly("truncated");
  }

  @Test
  void keepsTextOfExactlyTheLimit() {
    String s = "abcd";
    assertThat(TextSanitizer.clean(s, 4, sanitized)).isSameAs(s);
    assertThat(sanitized).isEmpty();
  }

  @Test
  void neverCutsBetweenTheHalvesOfASurrogatePair() {
    String s = "ab\uD83D\uDE00cd";
    assertThat(TextSanitizer.clean(s, 3, sanitized)).isEqualTo("ab…[truncated 4 chars]");
    assertThat(TextSanitizer.clean(s, 4, sanitized))
        .isEqualTo("ab\uD83D\uDE00…[truncated 2 chars]");
    assertThat(sanitized).containsExactly("truncated");
  }

  @Test
  void repairsOnlyTheKeptPartOfCutText() {
    assertThat(TextSanitizer.clean("a\u0000bcd\u0000\uD800", 3, sanitized))
        .isEqualTo("a\uFFFDb…[truncated 4 chars]");
    assertThat(sanitized).containsExactly("nul_replaced", "truncated");
  }

  @Test
  void treatsALoneHighSurrogateAtTheCutAsUnpaired() {
    assertThat(TextSanitizer.clean("ab\uD83Dcd", 3, sanitized))
        .isEqualTo("ab\uFFFD…[truncated 2 chars]");
    assertThat(sanitized).containsExactly("invalid_surrogate_replaced", "truncated");
  }

  @Test
  void prefixesMarkerNamesWhenAskedTo() {
    TextSanitizer.clean("\u0000\uD800abcdef", 4, sanitized, "message");
    assertThat(sanitized)
        .containsExactly(
            "message_nul_replaced", "message_invalid_surrogate_replaced", "message_truncated");
  }

  @Test
  void toleratesANullMarkerSetAndANonPositiveLimit() {
    assertThat(TextSanitizer.clean("abc", -5, null)).isEqualTo("…[truncated 3 chars]");
    assertThat(TextSanitizer.clean("abc", 0, null)).isEqualTo("…[truncated 3 chars]");
  }

  @Test
  void handlesTenMegabytesOfText() {
    String big = "x".repeat(10_000_000);
    assertThat(TextSanitizer.clean(big, Integer.MAX_VALUE, sanitized)).isSameAs(big);
    String cut = TextSanitizer.clean(big, 16_384, sanitized);
    assertThat(cut).startsWith("x".repeat(16_384)).endsWith("…[truncated 9983616 chars]");
    assertThat(cut).hasSize(16_384 + "…[truncated 9983616 chars]".length());
  }
}
