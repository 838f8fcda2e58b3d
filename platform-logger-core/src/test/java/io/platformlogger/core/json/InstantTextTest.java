package io.platformlogger.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
  private static String format(Instant t) {
    char[] out = new char[32];
    int length = InstantText.format(t, out);
    return length < 0 ? "unhandled" : new String(out, 0, length);
  }

  @Test
  void writesWhatInstantToStringWritesForEveryPrecision() {
    for (String s :
        new String[] {
          "2026-11-30T22:20:44Z",
          "2026-11-30T22:20:44.400Z",
          "2026-11-30T22:20:44.000400Z",
          "2026-11-30T22:20:44.000000004Z",
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "2000-02-29T12:00:00.5Z",
          "2100-03-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z"
        }) {
      Instant t = Instant.parse(s);
      assertThat(format(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void agreesWithInstantToStringOnAMillionRandomInstants() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 1_000_000; i++) {
      long second = random.nextLong(-62167219200L, 253402300800L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(second, nano);
      assertThat(format(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void leavesYearsOutsideFourDigitsToToString() {
    for (Instant t : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-06-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z")}) {
      assertThat(format(t)).isEqualTo("unhandled");
    }
  }
}
