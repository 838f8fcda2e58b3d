package io.platformlogger.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogContext;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * MDC, through SLF4J's static facade, as a view of the thread's LogContext. (SLF4J 2.0 has no
 * static getCopyOfDequeByKey or clearDequeByKey, hence getMDCAdapter() for those.)
 */
class LogContextMdcAdapterTest {

  @AfterEach
  void clearThread() {
    MDC.clear();
    MDC.getMDCAdapter().clearDequeByKey("stack");
  }

  @Test
  void theMdcFacadeUsesThisAdapter() {
    assertThat(MDC.getMDCAdapter()).isInstanceOf(LogContextMdcAdapter.class);
  }

  @Test
  void putsGetsAndRemovesValues() {
    MDC.put("order", "o-1");
    assertThat(MDC.get("order")).isEqualTo("o-1");

    MDC.remove("order");
    assertThat(MDC.get("order")).isNull();
    assertThat(LogContext.current().isEmpty()).isTrue();
  }

  @Test
  void aNullValueRemovesTheKey() {
    MDC.put("order", "o-1");
    MDC.put("order", null);

    assertThat(MDC.get("order")).isNull();
    assertThat(LogContext.current().extras()).doesNotContainKey("order");
  }

  @Test
  void namedKeysSetTheContextFieldsInEitherSpelling() {
    MDC.put("tenant_id", "t-42");
    MDC.put("userId", "u-7");
    MDC.put("request_id", "r-1");
    MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");

    LogContext c = LogContext.current();
    assertThat(c.tenantId()).isEqualTo("t-42");
    assertThat(c.userId()).isEqualTo("u-7");
    assertThat(c.requestId()).isEqualTo("r-1");
    assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(c.extras()).isEmpty();
    assertThat(MDC.get("tenantId")).isEqualTo("t-42");
    assertThat(MDC.get("user_id")).isEqualTo("u-7");
  }

  @Test
  void otherKeysBecomeExtras() {
    MDC.put("order", "o-1");

    assertThat(LogContext.current().extras()).containsExactly(Map.entry("order", "o-1"));
  }

  @Test
  void aScopeSeesMdcValuesAndMdcSeesTheScope() {
    MDC.put("tenant_id", "t-42");

    try (LogContext.Scope s = LogContext.with().requestId("r-1").open()) {
      assertThat(s.context().tenantId()).isEqualTo("t-42");
      assertThat(MDC.get("request_id")).isEqualTo("r-1");
      assertThat(MDC.get("tenant_id")).isEqualTo("t-42");
    }

    assertThat(MDC.get("request_id")).isNull();
    assertThat(MDC.get("tenant_id")).isEqualTo("t-42");
  }

  @Test
  void closingAScopeRestoresTheContextFromBeforeIt() {
    try (LogContext.Scope s = LogContext.with().tenantId("t-42").open()) {
      MDC.put("order", "o-1");
      assertThat(LogContext.current().tenantId()).isEqualTo("t-42");
      assertThat(LogContext.current().extras()).containsEntry("order", "o-1");
    }

    assertThat(MDC.get("order")).isNull();
    assertThat(MDC.get("tenant_id")).isNull();
  }

  @Test
  void clearRemovesNamedFieldsAndExtras() {
    MDC.put("tenant_id", "t-42");
    MDC.put("order", "o-1");

    MDC.clear();

    assertThat(LogContext.current()).isEqualTo(LogContext.empty());
  }

  @Test
  void copiesTheContextWithSnakeCaseFieldNamesThenExtras() {
    MDC.put("order", "o-1");
    MDC.put("tenantId", "t-42");
    MDC.put("span_id", "00f067aa0ba902b7");

    Map<String, String> copy = MDC.getCopyOfContextMap();

    assertThat(copy)
        .containsExactly(
            Map.entry("tenant_id", "t-42"), Map.entry("span_id", "00f067aa0ba902b7"), Map.entry("order", "o-1"));
    copy.put("later", "x");
    assertThat(MDC.get("later")).isNull();
  }

  @Test
  void copiesAnEmptyContextAsAnEmptyMap() {
    assertThat(MDC.getCopyOfContextMap()).isEmpty();
  }

  @Test
  void aCopySetBackRestoresEveryNamedFieldAndExtra() {
    LogContext original =
        LogContext.builder()
            .tenantId("t")
            .tenantSlug("acme")
            .workspaceId("w")
            .projectId("p")
            .userId("u")
            .sessionId("s")
            .impersonatorId("i")
            .requestId("r")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7")
            .put("order", "o-1")
            .build();
    Map<String, String> copy;
    try (LogContext.Scope s = original.open()) {
      copy = MDC.getCopyOfContextMap();
    }
    assertThat(copy).hasSize(11);

    MDC.setContextMap(copy);

    assertThat(LogContext.current()).isEqualTo(original);
  }

  @Test
  void settingAContextMapReplacesTheWholeContext() {
    MDC.put("tenant_id", "t-1");
    MDC.put("old", "x");
    Map<String, String> next = new HashMap<>();
    next.put("user_id", "u-2");
    next.put("new", "y");

    MDC.setContextMap(next);

    assertThat(LogContext.current())
        .isEqualTo(LogContext.builder().userId("u-2").put("new", "y").build());
  }

  @Test
  void settingANullContextMapClearsTheContext() {
    MDC.put("order", "o-1");

    MDC.setContextMap(null);

    assertThat(LogContext.current().isEmpty()).isTrue();
  }

  @Test
  void aContextMapThatFailsToIterateLeavesTheContextAsItWasAndDoesNotThrow() {
    MDC.put("order", "o-1");
    Map<String, String> broken =
        new LinkedHashMap<>() {
          @Override
          public Set<Map.Entry<String, String>> entrySet() {
            throw new ConcurrentModificationException();
          }
        };
    long before = PlatformSlf4jServiceProvider.internalErrors();

    MDC.setContextMap(broken);

    assertThat(MDC.get("order")).isEqualTo("o-1");
    assertThat(PlatformSlf4jServiceProvider.internalErrors()).isGreaterThan(before);
  }

  @Test
  void valuesStayOnTheirThread() throws Exception {
    MDC.put("order", "o-1");
    AtomicReference<String> seen = new AtomicReference<>("unset");

    Thread other = new Thread(() -> seen.set(MDC.get("order")));
    other.start();
    other.join();

    assertThat(seen.get()).isNull();
  }

  @Test
  void theAdapterToleratesNullKeys() {
    LogContextMdcAdapter adapter = new LogContextMdcAdapter();

    adapter.put(null, "x");
    adapter.remove(null);

    assertThat(adapter.get(null)).isNull();
    assertThat(LogContext.current().isEmpty()).isTrue();
  }

  @Test
  void dequesPushAndPopLastInFirstOut() {
    MDC.pushByKey("stack", "a");
    MDC.pushByKey("stack", "b");

    assertThat(MDC.getMDCAdapter().getCopyOfDequeByKey("stack")).containsExactly("b", "a");
    assertThat(MDC.popByKey("stack")).isEqualTo("b");
    assertThat(MDC.popByKey("stack")).isEqualTo("a");
  }

  @Test
  void poppingAnEmptyOrUnknownDequeGivesNull() {
    MDC.pushByKey("stack", "a");
    MDC.popByKey("stack");

    assertThat(MDC.popByKey("stack")).isNull();
    assertThat(MDC.popByKey("never-pushed")).isNull();
  }

  @Test
  void clearingADequeEmptiesIt() {
    MDC.pushByKey("stack", "a");

    MDC.getMDCAdapter().clearDequeByKey("stack");

    assertThat(MDC.getMDCAdapter().getCopyOfDequeByKey("stack")).isNullOrEmpty();
  }

  @Test
  void dequesAreSeparateFromTheContext() {
    MDC.pushByKey("stack", "a");
    MDC.pushByKey("stack", null);

    assertThat(MDC.get("stack")).isNull();
    assertThat(LogContext.current().isEmpty()).isTrue();
    assertThat(MDC.getMDCAdapter().getCopyOfDequeByKey("stack")).containsExactly("a");

    MDC.clear();
    assertThat(MDC.getMDCAdapter().getCopyOfDequeByKey("stack")).containsExactly("a");
  }
}
