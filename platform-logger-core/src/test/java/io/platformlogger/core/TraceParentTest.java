package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final String SAMPLED = "00-" + TRACE + "-" + SPAN + "-01";

  @Test
  void parsesTheSpecificationsExample() {
    TraceParent t = TraceParent.parseStrict(SAMPLED);

    assertThat(t.traceId()).isEqualTo(TRACE);
    assertThat(t.spanId()).isEqualTo(SPAN);
    assertThat(t.sampled()).isTrue();
    assertThat(t.flags()).isEqualTo(1);
    assertThat(t.toHeader()).isEqualTo(SAMPLED);
  }

  @Test
  void readsTheSampledBitOnly() {
    assertThat(TraceParent.parseStrict("00-" + TRACE + "-" + SPAN + "-00").sampled()).isFalse();
    assertThat(TraceParent.parseStrict("00-" + TRACE + "-" + SPAN + "-02").sampled()).isFalse();
    assertThat(TraceParent.parseStrict("00-" + TRACE + "-" + SPAN + "-03").sampled()).isTrue();
  }

  @Test
  void keepsUnknownFlagBitsWhenWritingTheHeader() {
    assertThat(TraceParent.parseStrict("00-" + TRACE + "-" + SPAN + "-a3").toHeader()).endsWith("-a3");
  }

  @Test
  void ignoresSurroundingOptionalWhitespace() {
    assertThat(TraceParent.parse(" \t" + SAMPLED + "  ")).contains(TraceParent.parseStrict(SAMPLED));
  }

  @Test
  void acceptsAHigherVersionWithValidFirstFieldsAndWritesVersion00() {
    TraceParent plain = TraceParent.parseStrict("cc-" + TRACE + "-" + SPAN + "-01");
    TraceParent extended = TraceParent.parseStrict("cc-" + TRACE + "-" + SPAN + "-01-what-the-future-holds");

    assertThat(plain.traceId()).isEqualTo(TRACE);
    assertThat(extended.spanId()).isEqualTo(SPAN);
    assertThat(extended.toHeader()).isEqualTo(SAMPLED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"| invalid traceparent: value is empty",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7| at least 55 characters",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01| version ff is invalid",
        "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01| version must be 2 lower-case hex digits",
        "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01| version must be 2 lower-case hex digits",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra| version 00 must be exactly 55 characters",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01| trace-id must be 32 lower-case hex digits",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01| trace-id must not be all zeros",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01| parent-id must be 16 lower-case hex digits",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01| parent-id must not be all zeros",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x| trace-flags must be 2 lower-case hex digits",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A| trace-flags must be 2 lower-case hex digits",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01| separated by '-'",
        "00-4bf92f3577b34da6a3ce929d0e0e47-3600f067aa0ba902b7-01| separated by '-'",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x| must continue with '-' after the flags",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1| at least 55 characters"
      })
  void rejectsInvalidHeadersSayingWhatIsWrong(String header, String reason) {
    assertThat(TraceParent.parse(header)).isEmpty();
    assertThatThrownBy(() -> TraceParent.parseStrict(header))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "secret-token-value-that-is-long-enough-to-pass-the-length-check"})
  void neverRepeatsTheHeaderValueInTheMessage(String header) {
    assertThatThrownBy(() -> TraceParent.parseStrict(header)).message().doesNotContain(header).doesNotContain("4BF92F");
  }

  @Test
  void treatsNullAsMissing() {
    assertThat(TraceParent.parse(null)).isEmpty();
    assertThatThrownBy(() -> TraceParent.parseStrict(null)).hasMessage("traceparent is missing");
  }

  @Test
  void buildsAHeaderForAnOutgoingCall() {
    TraceParent t = TraceParent.of(TRACE, SPAN, false);

    assertThat(t.toHeader()).isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
    assertThat(TraceParent.parseStrict(t.toHeader())).isEqualTo(t);
  }

  @Test
  void validatesIdsForAnOutgoingCall() {
    assertThatThrownBy(() -> TraceParent.of("abc", SPAN, true)).hasMessageContaining("trace-id must be 32");
    assertThatThrownBy(() -> TraceParent.of(TRACE, "0000000000000000", true)).hasMessageContaining("parent-id must not be all zeros");
    assertThatThrownBy(() -> TraceParent.of(null, SPAN, true)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void isAValueComparedByIdsAndFlags() {
    TraceParent a = TraceParent.parseStrict(SAMPLED);

    assertThat(a).isEqualTo(TraceParent.of(TRACE, SPAN, true)).hasSameHashCodeAs(TraceParent.of(TRACE, SPAN, true));
    assertThat(a).isNotEqualTo(TraceParent.of(TRACE, SPAN, false));
    assertThat(a).isNotEqualTo(TraceParent.of(TRACE, "00f067aa0ba902b8", true));
    assertThat(a).hasToString(SAMPLED);
  }
}
