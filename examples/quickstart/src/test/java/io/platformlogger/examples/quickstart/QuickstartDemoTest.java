package io.platformlogger.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLoggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the demo as the README does and checks what a newcomer would see on the console. */
class QuickstartDemoTest {

  @Test
  void theDemoLogsThroughSlf4jAndPlatformLoggerAndReportsItsCounters() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickstartDemo.main(new String[0]);
    } finally {
      System.setOut(original);
      PlatformLoggers.install(null);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("checkout service starting with 3 tenants") // SLF4J, through our provider
        .contains("order placed")
        .contains("payment failed")
        .contains("tenant=t-acme")
        .contains("IllegalStateException")
        .contains("inventory cache is 91% full")
        .contains("charging card"); // fluent SLF4J at DEBUG, development level
    assertThat(out).containsPattern("pipeline counters: enqueued=(\\d+) shed=0 rate_limited=0");
    String enqueued = out.replaceAll("(?s).*enqueued=(\\d+).*", "$1");
    assertThat(out).contains("sink console: written=" + enqueued + " retries=0 failed=0 shed=0");
  }
}
