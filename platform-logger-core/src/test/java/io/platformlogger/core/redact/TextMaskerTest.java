package io.platformlogger.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-scan's shortcuts against plain definitions. */
class TextMaskerTest {
  /** The plain definition: 13 digits in a row, single spaces or dashes allowed between them. */
  private static boolean plainDigitRun(String s) {
    int digits = 0;
    boolean separatorBefore = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 13) {
          return true;
        }
        separatorBefore = false;
      } else if ((c == ' ' || c == '-') && !separatorBefore) {
        separatorBefore = true;
      } else {
        digits = 0;
        separatorBefore = c == ' ' || c == '-';
      }
    }
    return false;
  }

  @Test
  void theSparseDigitRunProbeAgreesWithAScanOfEveryChar() {
    Random random = new Random(17);
    String alphabet = "0123456789012345 -ab";
    int runs = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(80);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      boolean expected = plainDigitRun(s);
      runs += expected ? 1 : 0;
      assertThat(TextMasker.hasDigitRun(s)).as(s).isEqualTo(expected);
    }
    assertThat(runs).as("strings that have a run").isBetween(1000, 19_000);
  }
}
