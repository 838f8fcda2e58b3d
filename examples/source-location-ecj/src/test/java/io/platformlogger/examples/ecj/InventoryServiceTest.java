package io.platformlogger.examples.ecj;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@CaptureLogs
class InventoryServiceTest {
  private static final Path SOURCE = Path.of("src/main/java/io/platformlogger/examples/ecj/InventoryService.java");

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
  void theClassesWereCompiledByEclipsesCompiler() {
    // ecj names lambda bodies lambda$0, lambda$1, ...; javac names them lambda$restock$0.
    assertThat(Arrays.stream(InventoryService.class.getDeclaredMethods()).map(Method::getName))
        .contains("lambda$0")
        .noneMatch(name -> name.startsWith("lambda$restock"));
  }

  @Test
  void afterTheStandaloneModeEveryEntryCarriesTheFileLineClassAndMethodOfItsCall(CapturedLogs logs) throws Exception {
    new InventoryService().restock("w-1", List.of("A-1", "B-2"));

    List<LogEntry> entries = logs.entries();
    assertThat(entries).extracting(LogEntry::message).containsExactly(
        "restock of w-1 started", "counting A-1", "counting B-2", "items counted", "restocked");
    assertThat(entries).extracting(LogEntry::sourceLine).containsExactly(
        lineOf("started"), lineOf("counting"), lineOf("counting"), lineOf("counted"), lineOf("restocked"));
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.sourceFile()).isEqualTo("InventoryService.java");
      assertThat(e.sourceClass()).isEqualTo(InventoryService.class.getName());
      assertThat(e.sourceMethod()).isEqualTo("restock");
    });
  }
}
