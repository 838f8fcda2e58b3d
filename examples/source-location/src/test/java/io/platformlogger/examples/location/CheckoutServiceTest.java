package io.platformlogger.examples.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@CaptureLogs
class CheckoutServiceTest {
  private static final Path SOURCE = Path.of("src/main/java/io/platformlogger/examples/location/CheckoutService.java");

  /** The 1-based line of the call marked {@code // location: tag}. */
  private static int lineOf(String tag) throws Exception {
    List<String> lines = Files.readAllLines(SOURCE);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("// location: " + tag)) {
        return i + 1;
      }
    }
    throw new AssertionError("no call tagged " + tag);
  }

  @Test
  void everyEntryCarriesTheFileLineClassAndMethodOfItsCall(CapturedLogs logs) throws Exception {
    new CheckoutService().checkout("o-1", List.of("A-1", "B-2"));

    List<LogEntry> entries = logs.entries();
    assertThat(entries).extracting(LogEntry::message).containsExactly(
        "checkout of o-1 started", "reserving A-1", "reserving B-2", "items reserved", "order placed");
    assertThat(entries).extracting(LogEntry::sourceLine).containsExactly(
        lineOf("started"), lineOf("reserving"), lineOf("reserving"), lineOf("reserved"), lineOf("placed"));
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.sourceFile()).isEqualTo("CheckoutService.java");
      assertThat(e.sourceClass()).isEqualTo(CheckoutService.class.getName());
      assertThat(e.sourceMethod()).isEqualTo("checkout");
    });
  }
}
