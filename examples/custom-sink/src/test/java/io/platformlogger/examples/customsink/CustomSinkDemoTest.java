package io.platformlogger.examples.customsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.PlatformLoggers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo and checks the files it leaves: rotated, bounded, every kept line an entry. */
class CustomSinkDemoTest {
  @TempDir Path dir;

  @AfterEach
  void restoreLazyPipeline() {
    PlatformLoggers.install(null);
  }

  @Test
  void theConfiguredSinkWritesEveryEntryIntoRotatedFiles() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CustomSinkDemo.main(new String[] {dir.toString()});
    } finally {
      System.setOut(original);
    }

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("enqueued 300, written by rotating-file 300;");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(4); // max-files=4: older files were deleted
    List<String> messages =
        RotatingFileSinkContractTest.readAll(files).stream().map(e -> e.message()).toList();
    assertThat(messages).last().isEqualTo("order 300 shipped");
    assertThat(messages).contains("order placed");
  }
}
