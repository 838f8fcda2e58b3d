package io.platformlogger.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stream ids compare as the two unsigned numbers they are, not as text. */
class StreamIdsTest {
  @Test
  void idsCompareByTheirMillisecondsThenTheirSequenceAsNumbers() {
    assertThat(StreamIds.compare("9-0", "10-0")).isNegative(); // as text "9" > "10"
    assertThat(StreamIds.compare("1764540000000-10", "1764540000000-9")).isPositive();
    assertThat(StreamIds.compare("1764540000000-3", "1764540000000-3")).isZero();
    assertThat(StreamIds.compare("1764540000001-0", "1764540000000-99")).isPositive();
  }

  @Test
  void aMissingSequenceIsZeroAndLeadingZerosDoNotCount() {
    assertThat(StreamIds.compare("1764540000000", "1764540000000-0")).isZero();
    assertThat(StreamIds.compare("1764540000000", "1764540000000-1")).isNegative();
    assertThat(StreamIds.compare("007-01", "7-1")).isZero();
    assertThat(StreamIds.compare("0-0", "0-1")).isNegative();
  }

  @Test
  void theLargestUnsigned64BitIdsOrderAboveSmallerOnes() {
    assertThat(StreamIds.compare("18446744073709551615-0", "9223372036854775807-0")).isPositive();
    assertThat(StreamIds.compare("5-18446744073709551615", "5-18446744073709551614")).isPositive();
  }
}
