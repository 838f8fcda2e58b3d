package io.platformlogger.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/** The template shortcut against the slow path: the formatted message scanned and masked whole. */
class TemplateScanTest {
  private final TextMasker masker = new TextMasker(new SecretKeys(List.of(), List.of()), Map.of());
  private final Redactor redactor = Redactor.of(RedactionSettings.DEFAULT);

  /** Template pieces: plain words, signal chars, halves of triggers and whole ones. */
  private static final List<String> TEMPLATE_PIECES =
      List.of("shipment ", "batch ", "Order ", "status=200 ", "page=2&size=50 ", "Note: ", "at Foo.java:12 ",
          "IAM ", "JSON ", "B-2002 ", "user ", "=", ":", " ", "\"", "'", "_", "-", ".", "word", "pass", "api_",
          "key", "token", "Bear", "er ", "Bearer ", "ey", "J", "AK", "IA", "AKIA", "://", "//", "@", "host/",
          "4111 ", "1111", " 1111", "-1111", "12", "-----BEG", "IN RSA PRIVATE KEY-----", "authorization: ",
          "password=", "password: \"", "x=", "id:", "\n", "{", "}", "{}");

  /** Argument pieces: the same kinds, so that triggers straddle a template's segment and an argument. */
  private static final List<String> ARG_PIECES =
      List.of("done", "u-8f3K2", "password", "PASS", "word", "hunter2", "=", ":", "=x", ": y", "//", "://", "@",
          "app:s3cr3t@db", "postgres", "Bearer", "Bear", "er", " abc123", "eyJ", "ey", "J", "hbGciOiJIUzI1NiJ9.e30.sig",
          "AKIA", "AK", "IA", "IOSFODNN7EXAMPLE", "4111", " 1111", "1111 ", "-", " ", "api_key", "_key", "token",
          "\"", "'", "-----BEGIN", " RSA PRIVATE KEY-----", "184467", "", "{}");

  /** Numbers as arguments: short ones, card-like ones (4111 1111 1111 1111 passes Luhn), negative and extreme ones. */
  private static final List<Object> NUMBERS =
      List.of(184_467L, 7, -42, 4_111_111_111_111_111L, 411_111_111_111L, 1_111_111L, Long.MIN_VALUE, Long.MAX_VALUE,
          Integer.MIN_VALUE, 0L, 12_345_678_901_234L);

  /** {@code template} filled from {@code args} as the pipeline's formatter fills it, recording where each landed. */
  private static String fill(String template, Object[] args, int[] placed) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    placed[0] = 0;
    for (Object arg : args) {
      int j = template.indexOf("{}", i);
      if (j < 0) {
        break;
      }
      out.append(template, i, j);
      int start = out.length();
      out.append(arg);
      placed[1 + 2 * placed[0]] = start;
      placed[2 + 2 * placed[0]] = out.length();
      placed[0]++;
      i = j + 2;
    }
    return out.append(template, i, template.length()).toString();
  }

  private boolean filledClean(String template, Object... args) {
    int[] placed = new int[1 + 2 * args.length];
    String message = fill(template, args, placed);
    return TemplateScan.of(template, masker).isCleanFilled(message, placed);
  }

  private static String pieces(Random random, List<String> from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(from.get(random.nextInt(from.size())));
    }
    return sb.toString();
  }

  /** Long plain stretches, so that some segments have an inside beyond their margins. */
  private static String filler(Random random) {
    String word = List.of("shipment batch ", "completed in 12 ms ", "items=[A-1001, B-2002] ", "GET /api/v1/orders ")
        .get(random.nextInt(4));
    return word.repeat(1 + random.nextInt(12));
  }

  @Test
  void aMessageTheTemplateCallsCleanIsCleanAndEveryMessageIsMaskedAsIfScannedWhole() {
    Random random = new Random(20261207);
    int clean = 0;
    int masked = 0;
    int filled = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder template = new StringBuilder();
      int parts = 1 + random.nextInt(5);
      for (int p = 0; p < parts; p++) {
        template.append(random.nextInt(3) == 0 ? filler(random) : "").append(pieces(random, TEMPLATE_PIECES, random.nextInt(4)));
        template.append(random.nextInt(4) == 0 ? "" : "{}");
      }
      Object[] args = new Object[random.nextInt(5)];
      for (int a = 0; a < args.length; a++) {
        int kind = random.nextInt(10);
        args[a] = kind == 0 ? filler(random) : kind == 1 ? NUMBERS.get(random.nextInt(NUMBERS.size()))
            : kind == 2 ? null : pieces(random, ARG_PIECES, random.nextInt(4));
      }
      String t = template.toString();
      String message = MessageFormatter.arrayFormat(t, args).getMessage();
      String whole = masker.mask(message);
      boolean fast = TemplateScan.of(t, masker).isClean(message, masker);
      if (fast) {
        clean++;
        assertThat(masker.scan(message)).as("template %s, message %s", t, message).isZero();
      }
      if (!whole.equals(message)) {
        masked++;
      }
      int[] placed = new int[1 + 2 * args.length];
      if (t.indexOf('\\') < 0) { // what the pipeline's formatter records (it records no escaped placeholder)
        assertThat(fill(t, args, placed)).isEqualTo(message);
        if (TemplateScan.of(t, masker).isCleanFilled(message, placed)) {
          filled++;
          assertThat(masker.scan(message)).as("template %s, message %s", t, message).isZero();
        }
        String viaPlaces = redactor.message(message, t, placed);
        viaPlaces = redactor.message(message, t, placed);
        assertThat(viaPlaces).as("template %s, read where its arguments landed", t).isEqualTo(whole);
      }
      String viaRedactor = redactor.message(message, t);
      viaRedactor = redactor.message(message, t); // seen twice: the template's scan is remembered
      assertThat(viaRedactor).as("template %s", t).isEqualTo(whole);
    }
    assertThat(clean).as("messages the template proved clean").isGreaterThan(3_000);
    assertThat(filled).as("messages their arguments proved clean").isGreaterThan(3_000);
    assertThat(masked).as("messages with a secret").isGreaterThan(3_000);
  }

  @Test
  void aSecretThatStraddlesTemplateAndArgumentIsMasked() {
    String prose = "shipment batch ".repeat(20);
    assertMaskedAsWhole(prose + "login with password={} failed", "hunter2");
    assertMaskedAsWhole(prose + "Authorization: Bearer {}", "abc123");
    assertMaskedAsWhole(prose + "{}://{}:{}@host/orders", "postgres", "app", "s3cr3t");
    assertMaskedAsWhole(prose + "{}={} rejected", "password", "hunter2");
    assertMaskedAsWhole(prose + "{}word=hunter2 " + prose, "pass");
    assertMaskedAsWhole(prose + "{}_key: k-1 " + prose, "api");
    assertMaskedAsWhole(prose + "{}: hunter2 " + prose, "db_password");
    assertMaskedAsWhole(prose + "card 4111 {} 1111 1111 " + prose, "1111");
    assertMaskedAsWhole(prose + "token ey{}.e30.sig " + prose, "JhbGciOiJIUzI1NiJ9");
    assertMaskedAsWhole(prose + "key AK{}IOSFODNN7EXAMPLE " + prose, "IA");
    assertMaskedAsWhole(prose + "sent Bear{} abc123 " + prose, "er");
    assertMaskedAsWhole(prose + "url {}:{}@db " + prose, "postgres://app", "s3cr3t");
    assertMaskedAsWhole(prose + "mail a@b.c, link {}" + prose, "postgres://app:s3cr3t@db");
    // The trigger's signal char in the segment, next to the argument: that edge's margin is read per message.
    assertMaskedAsWhole(prose + "key {}BEGIN RSA PRIVATE KEY----- abc " + prose, "-----");
    assertMaskedAsWhole(prose + "token {}JhbGciOiJIUzI1NiJ9.e30.sig " + prose, "ey");
    assertMaskedAsWhole(prose + "key AKI{}IOSFODNN7EXAMPLE " + prose, "A");
    assertMaskedAsWhole(prose + "sent B{} abc123 " + prose, "earer");
    assertMaskedAsWhole(prose + "url postgres:{}app:s3cr3t@db " + prose, "//");
  }

  private void assertMaskedAsWhole(String template, Object... args) {
    String message = MessageFormatter.arrayFormat(template, args).getMessage();
    String whole = masker.mask(message);
    assertThat(whole).as("the slow path masks %s", message).isNotEqualTo(message);
    assertThat(TemplateScan.of(template, masker).isClean(message, masker)).as(message).isFalse();
    redactor.message(message, template);
    assertThat(redactor.message(message, template)).isEqualTo(whole);
  }

  @Test
  void aLongPlainTemplatesMessageIsCheckedOnlyWhereItsArgumentsLanded() {
    String template = "GET /api/v1/orders?page=2&size=50 completed: status=200 Note: IAM ".repeat(10) + "{} for {}";
    TemplateScan scan = TemplateScan.of(template, masker);
    assertThat(scan).isNotSameAs(TemplateScan.DIRTY);
    String message = MessageFormatter.arrayFormat(template, new Object[] {"done", "u-8f3K2"}).getMessage();
    assertThat(scan.isClean(message, masker)).isTrue();
    assertThat(scan.isClean(message.replace(" for ", " to "), masker)).as("a segment missing").isFalse();
    assertThat(scan.isClean(message.substring(0, 300), masker)).as("a cut message").isFalse();
    assertThat(scan.isClean("x" + message, masker)).as("another message").isFalse();
  }

  @Test
  void aSegmentWithoutSignalCharsNearItsEdgesStillFindsASecretInTheArgument() {
    String template = "shipment batch ".repeat(30) + "for {} done " + "shipment batch ".repeat(30);
    TemplateScan scan = TemplateScan.of(template, masker);
    assertThat(scan).isNotSameAs(TemplateScan.DIRTY);
    for (String arg : List.of("password=hunter2", "Bearer abc123", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "AKIAIOSFODNN7EXAMPLE",
        "4111 1111 1111 1111", "pg://app:s3cr3t@db")) {
      String message = MessageFormatter.arrayFormat(template, new Object[] {arg}).getMessage();
      assertThat(scan.isClean(message, masker)).as(arg).isFalse();
      assertThat(redactor.message(message, template)).as(arg).isEqualTo(masker.mask(message)).isNotEqualTo(message);
    }
    String message = MessageFormatter.arrayFormat(template, new Object[] {"u-8f3K2"}).getMessage();
    assertThat(scan.isClean(message, masker)).isTrue();
  }

  @Test
  void aMessageFilledFromArgumentsIsProvedCleanOnlyByArgumentsWithoutSignalCharsOrLongDigitRuns() {
    String order = "order {} placed by {}";
    assertThat(filledClean(order, 184_467L, "u-8f3K2")).isTrue();
    assertThat(filledClean(order, 1, null)).isTrue();
    assertThat(filledClean(order, 1, "password=x")).as("a signal char").isFalse();
    assertThat(filledClean(order, 4_111_111_111_111_111L, "x")).as("a card number as a Long").isFalse();
    assertThat(filledClean(order, 4_111_111L, "111111111")).as("digits in two arguments").isFalse();
    assertThat(filledClean(order, 1)).as("an unfilled placeholder").isFalse();
    assertThat(filledClean(order, 1, "x".repeat(300))).as("an argument too long for the lanes").isFalse();
    // Digits at a segment's edge next to a placeholder count with the argument's.
    assertThat(filledClean("card 4111 1111 {} done", 11_111_111L)).isFalse();
    assertThat(masker.mask("card 4111 1111 1111 1111 done")).contains(Redactor.MASK);
    // A signal char near a placeholder, or a key that reads back into an argument: never proved by the arguments.
    assertThat(filledClean("sent B{} abc", "earer")).isFalse();
    assertThat(filledClean("{}word=hunter2", "pass")).isFalse();
    // A message other than the one filled (a different length) is not vouched for.
    int[] placed = new int[5];
    fill(order, new Object[] {1, "u-1"}, placed);
    assertThat(TemplateScan.of(order, masker).isCleanFilled("order 1 placed by u-1 (cut)", placed)).isFalse();
  }

  @Test
  void aTemplateHoldingATriggerIsAlwaysScannedWhole() {
    assertThat(TemplateScan.of("login with password={} failed", masker)).isSameAs(TemplateScan.DIRTY);
    assertThat(TemplateScan.of("Authorization: Bearer {}", masker)).isSameAs(TemplateScan.DIRTY);
    assertThat(TemplateScan.of("{}://{}:{}@host", masker)).isSameAs(TemplateScan.DIRTY);
    assertThat(TemplateScan.of("escaped \\{} placeholder {}", masker)).isSameAs(TemplateScan.DIRTY);
  }
}
