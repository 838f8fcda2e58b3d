package io.platformlogger.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@CaptureLogs
class ShopSimulationTest {

  @Test
  void servesEveryTenantWithRequestAndTraceIdsAndSomeVariedFailures(CapturedLogs logs) {
    ShopSimulation shop = new ShopSimulation(7);
    int failed = shop.run(300);

    List<LogEntry> entries = logs.entries();
    assertThat(failed).isBetween(10, 120);
    assertThat(entries.stream().map(LogEntry::tenantId).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ShopSimulation.TENANTS);
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.requestId()).startsWith("req-");
      assertThat(e.traceId()).hasSize(32);
    });
    assertThat(entries.stream().map(LogEntry::service).collect(Collectors.toSet())).contains("payments");

    List<LogEntry> errors = entries.stream().filter(e -> e.level() == Level.ERROR).toList();
    assertThat(errors).hasSizeGreaterThanOrEqualTo(failed);
    Set<String> signatures = errors.stream().map(LogEntry::errorSignature).collect(Collectors.toSet());
    Set<String> messages = errors.stream().map(LogEntry::message).collect(Collectors.toSet());
    // many different messages, few signatures: the variable parts are generalized away
    assertThat(signatures)
        .as("signatures of %s", errors.stream().map(e -> e.errorSignature() + " " + e.errorType() + ": " + e.message()).distinct().sorted().toList())
        .hasSizeBetween(3, 8);
    assertThat(messages.size()).isGreaterThan(signatures.size() * 3);
  }

  @Test
  void isDeterministicForASeed(CapturedLogs logs) {
    int first = new ShopSimulation(11).run(100);
    int second = new ShopSimulation(11).run(100);
    assertThat(first).isEqualTo(second);
  }
}
