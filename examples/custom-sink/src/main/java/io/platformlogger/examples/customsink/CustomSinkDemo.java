package io.platformlogger.examples.customsink;

import io.platformlogger.core.Environment;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables the rotating-file sink by configuration alone (as {@code platform-logger.properties}
 * or {@code PLATFORM_LOGGER_SINKS=rotating-file} would), logs a few hundred entries and lists the
 * files it produced. Argument: the directory (default {@code target/custom-sink-demo}).
 */
public final class CustomSinkDemo {
  private CustomSinkDemo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/custom-sink-demo");
    PlatformLoggers.configure(
        PlatformLoggerConfig.builder()
            .service("custom-sink-demo")
            .environment(Environment.STAGING)
            .consoleEnabled(false)
            .sink("rotating-file")
            .sinkProperty("rotating-file", "path", dir.toString())
            .sinkProperty("rotating-file", "max-bytes", "16KB")
            .sinkProperty("rotating-file", "max-files", "4")
            .build());
    Logger slf4j = LoggerFactory.getLogger(CustomSinkDemo.class);
    PlatformLogger log = PlatformLoggers.createLogger("custom-sink-demo");
    for (int i = 1; i <= 300; i++) {
      if (i % 2 == 0) {
        slf4j.info("order {} shipped", i);
      } else {
        log.info("order placed", Map.of("order", i, "tenant", "t-" + (i % 3)));
      }
    }
    LogPipeline pipeline = PlatformLoggers.pipeline();
    PlatformLoggers.shutdown(); // flushes every sink and closes them
    PipelineStats stats = pipeline.stats();

    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    System.out.println(
        "enqueued "
            + stats.enqueued()
            + ", written by rotating-file "
            + stats.sink("rotating-file").written()
            + "; files in "
            + dir
            + ":");
    for (Path f : files) {
      System.out.printf("  %s  %,d bytes%n", f.getFileName(), Files.size(f));
    }
  }
}
