package io.platformlogger.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the redactor masks in a built entry, and what it leaves alone. */
class RedactorTest {
  private final Redactor redactor = Redactor.of(RedactionSettings.DEFAULT);

  private static LogEntry entry(String message, Map<String, Object> data) {
    return LogEntry.builder().level(Level.INFO).message(message).data(data).build();
  }

  private String masked(String text) {
    return redactor.text(text);
  }

  @Test
  void valuesOfSecretLookingKeysAreMaskedWhateverTheirCaseAndSeparators() {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("password", "hunter2");
    data.put("DB_PASSWORD", "hunter3");
    data.put("passwd", "x");
    data.put("client-secret", "s3");
    data.put("accessToken", "tok");
    data.put("X-Api-Key", "k1");
    data.put("apikey", "k2");
    data.put("api_key", "k3");
    data.put("Authorization", "Basic dXNlcjpwYXNz");
    data.put("cookie", "sid=1");
    data.put("Set-Cookie", "sid=2");
    data.put("private_key", "-----");
    data.put("order_id", "o-1");
    data.put("max_tokens", 512L);
    data.put("password_hint", "your cat");
    LogEntry out = redactor.redact(entry("login", data));

    assertThat(out.data())
        .containsEntry("password", "[REDACTED]")
        .containsEntry("DB_PASSWORD", "[REDACTED]")
        .containsEntry("passwd", "[REDACTED]")
        .containsEntry("client-secret", "[REDACTED]")
        .containsEntry("accessToken", "[REDACTED]")
        .containsEntry("X-Api-Key", "[REDACTED]")
        .containsEntry("apikey", "[REDACTED]")
        .containsEntry("api_key", "[REDACTED]")
        .containsEntry("Authorization", "[REDACTED]")
        .containsEntry("cookie", "[REDACTED]")
        .containsEntry("Set-Cookie", "[REDACTED]")
        .containsEntry("private_key", "[REDACTED]")
        .containsEntry("order_id", "o-1")
        .containsEntry("max_tokens", 512L)
        .containsEntry("password_hint", "your cat");
    assertThat(out.data().keySet()).containsExactlyElementsOf(data.keySet());
    assertThat(out.sanitized()).containsExactly("redacted");
  }

  @Test
  void nestedMapsAndListsAreRedactedAtAnyDepth() {
    Map<String, Object> data =
        Map.of("request", Map.of("headers", List.of(Map.of("authorization", "Bearer abc.def"), "token=t0p")));
    LogEntry out = redactor.redact(entry("call", data));
    assertThat(out.data())
        .isEqualTo(Map.of("request", Map.of("headers", List.of(Map.of("authorization", "[REDACTED]"), "token=[REDACTED]"))));
  }

  @Test
  void anEntryWithoutSecretsComesBackAsTheSameInstance() {
    LogEntry in =
        entry("order 42 placed by user 7 at 12:30 for 19.99 EUR: ok", Map.of("order_id", "o-42", "items", List.of("a", "b")));
    assertThat(redactor.redact(in)).isSameAs(in);
  }

  @Test
  void bearerTokensAndJwtsAreMaskedInFreeText() {
    assertThat(masked("calling with header Bearer abc123.DEF-456_~+/= now"))
        .isEqualTo("calling with header Bearer [REDACTED] now");
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertThat(masked("token was " + jwt + " (expired)")).isEqualTo("token was [REDACTED] (expired)");
  }

  @Test
  void thePasswordOfAUrlIsMaskedAndTheUserKept() {
    assertThat(masked("cannot connect to postgres://app:s3cr3t@db:5432/orders"))
        .isEqualTo("cannot connect to postgres://app:[REDACTED]@db:5432/orders");
    assertThat(masked("redis://:onlypass@cache:6379/0")).isEqualTo("redis://:[REDACTED]@cache:6379/0");
    assertThat(masked("see https://example.com/a:b@c")).isEqualTo("see https://example.com/a:b@c");
  }

  @Test
  void keyValuePairsWithASecretKeyAreMasked() {
    assertThat(masked("login failed user=bob password=hunter2 attempt=3"))
        .isEqualTo("login failed user=bob password=[REDACTED] attempt=3");
    assertThat(masked("jdbc:postgresql://db/app?user=bob&password=pw1&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=bob&password=[REDACTED]&ssl=true");
    assertThat(masked("url=postgresql://db/logs?password=pw2")).isEqualTo("url=postgresql://db/logs?password=[REDACTED]");
    assertThat(masked("{\"api_key\": \"k-123\", \"n\": 1}")).isEqualTo("{\"api_key\": \"[REDACTED]\", \"n\": 1}");
    assertThat(masked("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: [REDACTED]");
    assertThat(masked("headers={authorization=Bearer abc, accept=json}")).isEqualTo("headers={authorization=[REDACTED], accept=json}");
    assertThat(masked("token: 'abc' and secret = \"x y\"")).isEqualTo("token: '[REDACTED]' and secret = \"[REDACTED]\"");
    assertThat(masked("ratio=3:1 time=12:30")).isEqualTo("ratio=3:1 time=12:30");
  }

  @Test
  void awsAccessKeyIdsAndPrivateKeyBlocksAreMasked() {
    assertThat(masked("key AKIAIOSFODNN7EXAMPLE used")).isEqualTo("key [REDACTED] used");
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----";
    assertThat(masked("loaded " + pem + " ok")).isEqualTo("loaded [REDACTED] ok");
    assertThat(masked("cut -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg")).isEqualTo("cut [REDACTED]");
  }

  @Test
  void cardNumbersAreMaskedOnlyWhenTheyPassTheLuhnCheck() {
    assertThat(masked("paid with 4111 1111 1111 1111 today")).isEqualTo("paid with [REDACTED] today");
    assertThat(masked("paid with 4111-1111-1111-1111")).isEqualTo("paid with [REDACTED]");
    assertThat(masked("card 5555555555554444.")).isEqualTo("card [REDACTED].");
    assertThat(masked("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
    assertThat(masked("at 1733511234567 ms")).isEqualTo("at 1733511234567 ms");
    assertThat(masked("4111111111111111")).isEqualTo("[REDACTED]");
    assertThat(masked("x".repeat(40) + " 4111 1111 1111 1111")).isEqualTo("x".repeat(40) + " [REDACTED]");
    assertThat(masked("ids 12-34 56  78 9")).isEqualTo("ids 12-34 56  78 9");
    assertThat(masked("amex 3782 822463 10005, diners 30569309025904, mc 2223000048400011"))
        .isEqualTo("amex [REDACTED], diners [REDACTED], mc [REDACTED]");
    // Luhn-valid, but part of a path or id, or of no network's prefix and length: left alone.
    assertThat(masked("/tmp/junit-3173292836387766948/open")).isEqualTo("/tmp/junit-3173292836387766948/open");
    assertThat(masked("order id 4111111111111111x")).isEqualTo("order id 4111111111111111x");
    assertThat(masked("trace 3173292836387766948")).isEqualTo("trace 3173292836387766948");
    assertThat(masked("visa of 17 digits 41111111111111113")).isEqualTo("visa of 17 digits 41111111111111113");
  }

  @Test
  void theStackTraceIsMaskedToo() {
    LogEntry in =
        LogEntry.builder()
            .level(Level.ERROR)
            .message("failed")
            .errorStack("java.sql.SQLException: auth failed for postgres://u:pw9@db/x\n\tat A.b(A.java:1)")
            .build();
    LogEntry out = redactor.redact(in);
    assertThat(out.errorStack()).startsWith("java.sql.SQLException: auth failed for postgres://u:[REDACTED]@db/x");
    assertThat(out.sanitized()).containsExactly("redacted");
  }

  @Test
  void extraKeysExtraPatternsAndTheAllowListAreHonoured() {
    Redactor custom =
        Redactor.of(
            new RedactionSettings(
                true,
                List.of("ssn"),
                Map.of("employee", Pattern.compile("EMP-(?<secret>[0-9]{6})"), "pin", Pattern.compile("PIN [0-9]{4}")),
                List.of("csrf_token")));
    LogEntry out =
        custom.redact(entry("EMP-123456 entered PIN 1234", Map.of("user_ssn", "078-05-1120", "csrf-token", "abc")));
    assertThat(out.message()).isEqualTo("EMP-[REDACTED] entered [REDACTED]");
    assertThat(out.data()).containsEntry("user_ssn", "[REDACTED]").containsEntry("csrf-token", "abc");
  }

  @Test
  void aMessageCalledQuietIsTrustedOnlyAsTheVeryInstanceOfTheEntrysMessage() {
    LogEntry in = entry("login password=hunter2", Map.of());
    String equalCopy = new String(in.message());
    assertThat(redactor.redact(in, null, null, equalCopy).message()).isEqualTo("login password=[REDACTED]");
  }

  @Test
  void whenDisabledNothingIsTouched() {
    LogEntry in = entry("password=hunter2", Map.of("password", "hunter2"));
    assertThat(Redactor.of(RedactionSettings.OFF).redact(in)).isSameAs(in);
  }

  @Test
  void aLongValuePassedAgainIsRememberedCleanOnlyWhileItIsTheSameCleanInstance() {
    String plain = "shipment batch ".repeat(40);
    String secret = "shipment batch ".repeat(40) + "password=hunter2";
    for (int i = 0; i < 3; i++) {
      LogEntry clean = entry("done", Map.of("note", plain));
      assertThat(redactor.redact(clean)).as("round %d", i).isSameAs(clean);
      LogEntry out = redactor.redact(entry("done", Map.of("note", secret)));
      assertThat(out.data().get("note")).as("round %d", i).asString().endsWith("password=[REDACTED]");
      assertThat(out.sanitized()).contains(Redactor.MARKER);
    }
    // Another instance with the same text as a clean one is scanned again, and one with a secret masked.
    String copy = new String(secret.toCharArray());
    assertThat(redactor.redact(entry("done", Map.of("note", copy))).data().get("note")).asString().endsWith("[REDACTED]");
  }

  @Test
  void aLongTemplatesMessagesAreMaskedLikeAnyMessage() {
    String template = "GET /api/v1/orders?page=2&size=50 completed: status=200 ".repeat(8) + "{} as {}";
    for (int i = 0; i < 3; i++) {
      String clean = template.replace("{} as {}", "done as u-1");
      LogEntry plain = entry(clean, Map.of());
      assertThat(redactor.redact(plain, template)).as("round %d", i).isSameAs(plain);
      String secret = template.replace("{} as {}", "done as password=hunter2");
      assertThat(redactor.redact(entry(secret, Map.of()), template).message()).endsWith("as password=[REDACTED]");
    }
  }

  @Test
  void aCallWithoutArgumentsIsMaskedThoughItsTemplateWasSeenBefore() {
    String secret = new String("login failed: password=hunter2".toCharArray()); // one instance, as a literal is
    String plain = new String("order placed".toCharArray());
    for (int i = 0; i < 4; i++) {
      LogEntry out = redactor.redact(entry(secret, Map.of()), secret);
      assertThat(out.message()).as("round %d", i).isEqualTo("login failed: password=[REDACTED]");
      assertThat(out.sanitized()).contains(Redactor.MARKER);
      LogEntry clean = entry(plain, Map.of());
      assertThat(redactor.redact(clean, plain)).as("round %d", i).isSameAs(clean);
    }
  }

  @Test
  void aShortTemplateSeenCleanStillMasksASecretArgument() {
    String template = "login for {} as {}";
    for (int i = 0; i < 4; i++) {
      LogEntry noArgs = entry(template, Map.of());
      assertThat(redactor.redact(noArgs, template)).as("round %d", i).isSameAs(noArgs);
      LogEntry plain = entry("login for u-1 as admin", Map.of());
      assertThat(redactor.redact(plain, template)).as("round %d", i).isSameAs(plain);
      LogEntry secret = entry("login for u-1 as password=hunter2", Map.of());
      assertThat(redactor.redact(secret, template).message()).as("round %d", i)
          .isEqualTo("login for u-1 as password=[REDACTED]");
    }
  }

  @Test
  void aKeyRememberedAsPlainVouchesForNoOtherKeyInItsSlot() {
    // Two keys whose hashes pick the same slot of the plain-key memory: the plain one remembered
    // first must not let the secret one through, nor a copy of the secret one with equal content.
    String plain = "order_id";
    String secret = null;
    for (int n = 0; secret == null; n++) {
      String candidate = "k" + n + "_password";
      if ((candidate.hashCode() & 63) == (plain.hashCode() & 63)) {
        secret = candidate;
      }
    }
    for (int i = 0; i < 3; i++) {
      assertThat(redactor.redact(entry("x", Map.of(plain, "1"))).data()).as("round %d", i).containsEntry(plain, "1");
      assertThat(redactor.redact(entry("x", Map.of(secret, "hunter2"))).data()).containsEntry(secret, Redactor.MASK);
      String copy = new String(secret.toCharArray());
      assertThat(redactor.redact(entry("x", Map.of(copy, "hunter2"))).data()).containsEntry(copy, Redactor.MASK);
    }
  }
}
