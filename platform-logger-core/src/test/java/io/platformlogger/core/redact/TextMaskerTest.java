package io.platformlogger.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.internal.TextSanitizer;
import java.util.List;
import java.util.Map;
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

  private final TextMasker masker = new TextMasker(new SecretKeys(List.of(), List.of()), Map.of());

  /** One secret of each family, each masked whole or in part. */
  private static final List<String> SECRETS =
      List.of(
          "password=hunter2",
          "\"api_key\": \"k-123\"",
          "postgres://app:s3cr3t@db/orders",
          "Bearer abc.def-123",
          "BEARER abc123",
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
          "AKIAIOSFODNN7EXAMPLE",
          "ASIAIOSFODNN7EXAMPLE",
          "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
          "4111 1111 1111 1111",
          "5555-5555-5555-4444",
          "378282246310005");

  /** Words with the signal chars but no secret, so that the closer looks have work to do. */
  private static final List<String> FILLER =
      List.of("shipment ", "batch ", "Order ", "BEGIN ", "Bear ", "JSON ", "eyes ", "AKI ", "IAM ", "ratio=1.5 ",
          "at Foo.bar(Foo.java:12) ", "a@b ", "http://x ", "1234 ", "-", " ", "4111 ", "\n", "key: value ", "J", "I", "B",
          "_", "__.-", "pass", "word", "_key", "api", "=", ":", "\"");

  private static String filler(Random random, int length) {
    StringBuilder sb = new StringBuilder(length + 32);
    while (sb.length() < length) {
      sb.append(FILLER.get(random.nextInt(FILLER.size())));
    }
    sb.setLength(length);
    return sb.toString();
  }

  /** The pre-scan may skip a family only where its rules would find nothing: check against running them all. */
  private void assertMasksAsEveryRuleWould(String s) {
    assertThat(masker.mask(s)).as(s).isEqualTo(masker.mask(s, TextMasker.ALL));
  }

  @Test
  void aTextTheSanitizersCountCallsQuietIsOneEveryRuleLeavesAlone() {
    Random random = new Random(2026);
    int quiet = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder(filler(random, random.nextInt(40)));
      for (int k = random.nextInt(2); k > 0; k--) {
        sb.insert(random.nextInt(sb.length() + 1), SECRETS.get(random.nextInt(SECRETS.size())));
      }
      if (random.nextInt(8) == 0) {
        sb.insert(random.nextInt(sb.length() + 1), "\u00c9\u0000\uD83D\uDE00\uDC00".charAt(random.nextInt(5)));
      }
      String s = sb.toString();
      long lanes = TextSanitizer.signals(s, 10_000);
      if (lanes < 0) {
        assertThat(TextSanitizer.clean(s, 10_000, null) != s || s.chars().anyMatch(c -> Character.isSurrogate((char) c))).as(s).isTrue();
        continue;
      }
      assertThat(lanes).as(s).isEqualTo(TextMasker.lanes(s));
      if (masker.isQuiet(lanes)) {
        quiet++;
        assertThat(masker.mask(s, TextMasker.ALL)).as(s).isSameAs(s);
      }
    }
    assertThat(quiet).as("texts proved quiet").isBetween(1000, 25_000);
  }

  @Test
  void thePreScanNeverSkipsASecretThatTheRulesWouldMask() {
    Random random = new Random(1717);
    int masked = 0;
    for (int n = 0; n < 4_000; n++) {
      StringBuilder sb = new StringBuilder(filler(random, random.nextInt(600)));
      for (int k = random.nextInt(3); k > 0; k--) {
        sb.insert(random.nextInt(sb.length() + 1), SECRETS.get(random.nextInt(SECRETS.size())));
      }
      String s = sb.toString();
      assertMasksAsEveryRuleWould(s);
      masked += masker.mask(s) != s ? 1 : 0;
    }
    assertThat(masked).as("texts in which something was masked").isBetween(1000, 3_900);
  }

  @Test
  void aSecretAtTheVeryStartOrEndOfAKilobyteTextIsMasked() {
    String kilobyte = filler(new Random(7), 1024);
    for (String secret : SECRETS) {
      // joined by a blank: glued to a word, a Bearer token or an AWS key id is not one
      for (String s : List.of(secret + " " + kilobyte, kilobyte + " " + secret, secret, secret + " " + secret)) {
        String out = masker.mask(s);
        assertThat(out).as(s).contains(TextMasker.MASK);
        assertMasksAsEveryRuleWould(s);
      }
    }
  }

  @Test
  void aSecretAcrossTheShortTextLimitOrTheDigitProbesStrideIsMasked() {
    String filler = "shipment batch ".repeat(40); // no signal char, no digit
    for (String secret : SECRETS) {
      // the texts around 255 chars switch from counting signal chars to walking them
      for (int length = 250; length <= 262; length++) {
        for (String s : List.of(
            secret + " " + filler.substring(0, Math.max(0, length - secret.length() - 1)),
            filler.substring(0, Math.max(0, length - secret.length() - 1)) + " " + secret)) {
          assertThat(masker.mask(s)).as(s).contains(TextMasker.MASK);
        }
      }
      // the digit probe reads every 13th char: a secret at each offset against it
      for (int offset = 0; offset < 30; offset++) {
        String s = " ".repeat(offset) + secret + " " + filler.substring(0, 300);
        assertThat(masker.mask(s)).as(s).contains(TextMasker.MASK);
        assertMasksAsEveryRuleWould(s);
      }
    }
  }

  @Test
  void aLongTextWithoutSecretsComesBackAsTheSameInstance() {
    String s = "Order shipment batch BEGIN Bear JSON eyes AKI IAM ratio=1.5 at Foo.bar(Foo.java:12) a@b http://x 1234 key: value\n"
        .repeat(20);
    assertThat(masker.mask(s)).isSameAs(s);
    String digits = "order 4111 1111 1111 of 2026-12-06 ".repeat(30); // runs of 12 digits at most
    assertThat(masker.mask(digits)).isSameAs(digits);
  }
}
