package io.platformlogger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import io.platformlogger.core.internal.ContextStore;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SuppressWarnings("try") // scopes are opened for their effect on the current context
class RequestHeadersTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @AfterEach
  void clearContext() {
    ContextStore.set(null);
  }

  @Test
  void readsEveryDocumentedHeaderFromTheJdkHttpServersHeaders() {
    Headers h = new Headers(); // normalizes names to "X-tenant-id" style
    h.add("X-Tenant-Id", "t-42");
    h.add("X-Tenant-Slug", "acme-eu");
    h.add("X-Workspace-Id", "ws_01HQZ8");
    h.add("X-Project-Id", "proj:7");
    h.add("X-User-Id", "usr_8f3KsA92");
    h.add("X-Session-Id", "c2Vzc2lvbi0xMjM=");
    h.add("X-Impersonator-Id", "ops@example.com");
    h.add("X-Request-Id", "123e4567-e89b-12d3-a456-426614174000");
    h.add("traceparent", TRACEPARENT);

    RequestHeaders parsed = RequestHeaders.parse(h);

    assertThat(parsed.problems()).isEmpty();
    LogContext c = parsed.context();
    assertThat(c.tenantId()).isEqualTo("t-42");
    assertThat(c.tenantSlug()).isEqualTo("acme-eu");
    assertThat(c.workspaceId()).isEqualTo("ws_01HQZ8");
    assertThat(c.projectId()).isEqualTo("proj:7");
    assertThat(c.userId()).isEqualTo("usr_8f3KsA92");
    assertThat(c.sessionId()).isEqualTo("c2Vzc2lvbi0xMjM=");
    assertThat(c.impersonatorId()).isEqualTo("ops@example.com");
    assertThat(c.requestId()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(c.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(c.extras()).isEmpty();
  }

  @Test
  void matchesHeaderNamesCaseInsensitively() {
    Map<String, String> h = new HashMap<>();
    h.put("x-tenant-id", "t-1");
    h.put("X-USER-ID", "u-1");
    h.put("TraceParent", TRACEPARENT);

    LogContext c = RequestHeaders.parse(h).context();

    assertThat(c.tenantId()).isEqualTo("t-1");
    assertThat(c.userId()).isEqualTo("u-1");
    assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void acceptsStringArraysSetsAndCharSequences() {
    Map<String, Object> h = new HashMap<>();
    h.put("X-Tenant-Id", new String[] {"t-1"});
    h.put("X-User-Id", new LinkedHashSet<>(List.of("u-1")));
    h.put("X-Request-Id", new StringBuilder("r-1"));

    RequestHeaders parsed = RequestHeaders.parse(h);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.context()).isEqualTo(LogContext.builder().tenantId("t-1").userId("u-1").requestId("r-1").build());
  }

  @Test
  void startsFromAnEmptyContextNotTheCurrentOne() {
    try (LogContext.Scope s = LogContext.with().tenantId("ambient").put("k", "v").open()) {
      LogContext c = RequestHeaders.parse(Map.of("X-User-Id", "u-1")).context();

      assertThat(c).isEqualTo(LogContext.builder().userId("u-1").build());
    }
  }

  @Test
  void ignoresUnknownHeaders() {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("Accept", "*/*", "X-Tenant", "not ours", "Cookie", "a=b c"));

    assertThat(parsed.context().isEmpty()).isTrue();
    assertThat(parsed.problems()).isEmpty();
  }

  @Test
  void toleratesNullMapsNamesAndValues() {
    Map<String, Object> h = new HashMap<>();
    h.put(null, List.of("HTTP/1.1 200 OK")); // HttpURLConnection#getHeaderFields does this
    h.put("X-Tenant-Id", null);
    h.put("X-User-Id", Arrays.asList(null, "u-1"));

    assertThat(RequestHeaders.parse(null).context().isEmpty()).isTrue();
    assertThat(RequestHeaders.parse(null).problems()).isEmpty();
    assertThat(RequestHeaders.parse(h).context()).isEqualTo(LogContext.builder().userId("u-1").build());
    assertThat(RequestHeaders.parse(h).problems()).isEmpty();
    assertThat(RequestHeaders.parseStrict(null)).isEqualTo(LogContext.empty());
  }

  @Test
  void trimsSpacesAndTabsAroundValues() {
    LogContext c = RequestHeaders.parse(Map.of("X-Tenant-Id", " t-1\t", "traceparent", "  " + TRACEPARENT)).context();

    assertThat(c.tenantId()).isEqualTo("t-1");
    assertThat(c.spanId()).isEqualTo("00f067aa0ba902b7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "01HQZ8XK4M9PZ3V7RXG0YB6C2D",
        "123e4567-e89b-12d3-a456-426614174000",
        "usr_8f3KsA92",
        "tenant:42",
        "ops@example.com",
        "a/b+c=",
        "v1.2.3"
      })
  void acceptsIdsOfLettersDigitsAndTheAllowedPunctuation(String id) {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-User-Id", id));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.context().userId()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "two words",
        "a,b",
        "quote\"d",
        "o'brien",
        "semi;colon",
        "new\nline",
        "nul\u0000byte",
        "caf\u00e9",
        "<script>",
        "{}",
        "%41"
      })
  void rejectsIdsWithOtherCharactersNamingTheHeaderAndTheRule(String id) {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-User-Id", id, "X-Tenant-Id", "t-1"));

    assertThat(parsed.context().userId()).isNull();
    assertThat(parsed.context().tenantId()).as("other headers still count").isEqualTo("t-1");
    assertThat(parsed.problems())
        .singleElement()
        .asString()
        .startsWith("X-User-Id: must be 1-128 characters of ASCII letters, digits and - _ . : @ / + =, got ");
  }

  @Test
  void acceptsIdsUpTo128Characters() {
    String max = "a".repeat(RequestHeaders.MAX_ID_LENGTH);
    String tooLong = max + "b";

    assertThat(RequestHeaders.parse(Map.of("X-Request-Id", max)).context().requestId()).isEqualTo(max);
    RequestHeaders rejected = RequestHeaders.parse(Map.of("X-Request-Id", tooLong));
    assertThat(rejected.context().requestId()).isNull();
    assertThat(rejected.problems()).singleElement().asString().endsWith("... (129 characters)");
  }

  @Test
  void escapesControlCharactersAndNeverEchoesMoreThan64CharactersOfAValue() {
    String value = "evil\r\nX-Admin: true\t\u001b[31m\u202e" + "x".repeat(10_000);

    String problem = RequestHeaders.parse(Map.of("X-Session-Id", value)).problems().get(0);

    assertThat(problem)
        .startsWith("X-Session-Id: ")
        .contains("'evil\\r\\nX-Admin: true\\t\\u001b[31m\\u202e" + "x".repeat(64 - 26) + "'...")
        .contains("(10026 characters)")
        .doesNotContain("x".repeat(65))
        .doesNotContain("\r")
        .doesNotContain("\n")
        .doesNotContain("\u001b");
    assertThat(problem.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).isTrue();
  }

  @Test
  void reportsAnEmptyValue() {
    assertThat(RequestHeaders.parse(Map.of("X-Tenant-Id", "  ")).problems())
        .containsExactly("X-Tenant-Id: must be 1-128 characters of ASCII letters, digits and - _ . : @ / + =, got an empty value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme", "acme-eu-1", "0day", "a23456789012345678901234567890123456789012345678901234567890123"})
  void acceptsTenantSlugsThatAreDnsLabels(String slug) {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-Tenant-Slug", slug));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.context().tenantSlug()).isEqualTo(slug);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme", "-acme", "acme_eu", "acme.eu", "a234567890123456789012345678901234567890123456789012345678901234", "acm\u00e9"})
  void rejectsOtherTenantSlugs(String slug) {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-Tenant-Slug", slug));

    assertThat(parsed.context().tenantSlug()).isNull();
    assertThat(parsed.problems())
        .singleElement()
        .asString()
        .startsWith("X-Tenant-Slug: must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit, got '");
  }

  @Test
  void rejectsAnInvalidTraceparentWithTheReason() {
    RequestHeaders parsed =
        RequestHeaders.parse(Map.of("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"));

    assertThat(parsed.context().traceId()).isNull();
    assertThat(parsed.context().spanId()).isNull();
    assertThat(parsed.problems())
        .containsExactly(
            "traceparent: trace-id must not be all zeros, got '00-00000000000000000000000000000000-00f067aa0ba902b7-01'");
  }

  @Test
  void fallsBackToTheCorrelationIdWhenTheRequestIdIsMissing() {
    assertThat(RequestHeaders.parse(Map.of("X-Correlation-Id", "corr-1")).context().requestId()).isEqualTo("corr-1");
  }

  @Test
  void fallsBackToTheCorrelationIdWhenTheRequestIdIsRejected() {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-Request-Id", "bad value", "X-Correlation-Id", "corr-1"));

    assertThat(parsed.context().requestId()).isEqualTo("corr-1");
    assertThat(parsed.problems()).singleElement().asString().startsWith("X-Request-Id: ");
  }

  @Test
  void prefersTheRequestIdAndIgnoresTheCorrelationIdThen() {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-Request-Id", "req-1", "X-Correlation-Id", "not even valid"));

    assertThat(parsed.context().requestId()).isEqualTo("req-1");
    assertThat(parsed.problems()).isEmpty();
  }

  @Test
  void takesTheFirstOfRepeatedValuesAndNotesWhenTheyDiffer() {
    RequestHeaders same = RequestHeaders.parse(Map.of("X-Tenant-Id", List.of("t-1", "t-1 ")));
    RequestHeaders different = RequestHeaders.parse(Map.of("X-Tenant-Id", List.of("t-1", "t-2", "t-3")));

    assertThat(same.problems()).isEmpty();
    assertThat(same.context().tenantId()).isEqualTo("t-1");
    assertThat(different.context().tenantId()).isEqualTo("t-1");
    assertThat(different.problems()).containsExactly("X-Tenant-Id: 3 different values, using the first 't-1'");
  }

  @Test
  void mergesNamesThatDifferOnlyInCase() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-User-Id", "u-1");
    h.put("x-user-id", "u-2");

    RequestHeaders parsed = RequestHeaders.parse(h);

    assertThat(parsed.context().userId()).isEqualTo("u-1");
    assertThat(parsed.problems()).containsExactly("X-User-Id: 2 different values, using the first 'u-1'");
  }

  @Test
  void reportsValuesOfUnsupportedTypes() {
    RequestHeaders parsed = RequestHeaders.parse(Map.of("X-User-Id", 42, "X-Tenant-Id", List.of(7)));

    assertThat(parsed.context().isEmpty()).isTrue();
    assertThat(parsed.problems())
        .containsExactlyInAnyOrder(
            "X-User-Id: unsupported value type java.lang.Integer", "X-Tenant-Id: unsupported value type java.lang.Integer");
  }

  @Test
  void survivesAMapThatFailsWhileBeingRead() {
    Map<String, Object> broken =
        new AbstractMap<>() {
          @Override
          public Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("concurrently modified");
          }
        };

    RequestHeaders parsed = RequestHeaders.parse(broken);

    assertThat(parsed.context().isEmpty()).isTrue();
    assertThat(parsed.problems()).containsExactly("headers could not be read: java.lang.IllegalStateException");
  }

  @Test
  void listsEveryProblemWhenStrict() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Tenant-Id", "t 1");
    h.put("X-Tenant-Slug", "ACME");
    h.put("traceparent", "garbage");
    h.put("X-User-Id", "u-1");

    assertThatThrownBy(() -> RequestHeaders.parseStrict(h))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid request headers: ")
        .hasMessageContainingAll("X-Tenant-Id: ", "X-Tenant-Slug: ", "traceparent: ")
        .message()
        .doesNotContain("X-User-Id");
  }

  @Test
  void returnsTheContextWhenStrictAndValid() {
    assertThat(RequestHeaders.parseStrict(Map.of("X-User-Id", "u-1", "traceparent", TRACEPARENT)))
        .isEqualTo(
            LogContext.builder().userId("u-1").traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7").build());
  }

  @Test
  void exposesAnUnmodifiableProblemList() {
    List<String> problems = RequestHeaders.parse(Map.of("X-User-Id", "bad value")).problems();

    assertThatThrownBy(() -> problems.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
