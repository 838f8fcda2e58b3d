package io.platformlogger.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.sink.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM that exits without closing anything: the shutdown hook delivers its entries. */
class ShutdownHookTest {

  /** The child process: logs, then exits with entries still buffered. */
  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .consoleEnabled(false)
                    .flushInterval(Duration.ofHours(1))
                    .flushMaxEntries(1_000_000)
                    .build())
            .configuredSinks(false)
            .sink(new FileLinesSink(out))
            .build();
    PlatformLogger log = PlatformLogger.on(pipeline, "child");
    for (int i = 0; i < 500; i++) {
      log.info("line {}", i);
    }
    System.exit(0);
  }

  @Test
  void theShutdownHookFlushesEverythingWhenTheJvmExits(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("entries.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ShutdownHookTest.class.getName(), out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

    List<String> lines = Files.readAllLines(out);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add("line " + i);
    }
    assertThat(lines).isEqualTo(expected);
  }

  /** Appends each entry's message as a line. */
  static final class FileLinesSink implements LogSink {
    private final Path file;

    FileLinesSink(Path file) {
      this.file = file;
    }

    @Override
    public String name() {
      return "file";
    }

    @Override
    public void write(List<LogEntry> batch) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (LogEntry e : batch) {
        sb.append(e.message()).append('\n');
      }
      Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void close() {}
  }
}
