package io.platformlogger.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lettuce and Netty log through SLF4J, which is our provider: with their DEBUG logging on, none of
 * it may reach the Redis stream (it would feed itself), and all of it goes to the fallback.
 */
class LibraryLoggingTest {

  @Test
  void lettuceAndNettyLoggingNeverReachesTheStreamOnlyTheFallback() throws Exception {
    String stream = "loop-test:" + UUID.randomUUID();
    ByteArrayOutputStream fallback = new ByteArrayOutputStream();
    RedisStreamLogSink sink = RedisStreamLogSink.builder().uri(TestRedis.url()).stream(stream).build();
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("loop-test")
                    .environment(Environment.DEVELOPMENT)
                    .level(Level.INFO)
                    .loggerLevel("io.lettuce", Level.DEBUG)
                    .loggerLevel("io.netty", Level.DEBUG)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .internalLevel(Level.DEBUG)
                    .build())
            .configuredSinks(false)
            .sink(sink)
            .fallbackOutput(new PrintStream(fallback, true, StandardCharsets.UTF_8))
            .build();
    LogPipeline previous = PlatformLoggers.install(pipeline);
    try {
      Logger app = LoggerFactory.getLogger("com.acme.Orders");
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 20; j++) {
          app.info("order {} placed", i * 20 + j);
        }
        assertThat(pipeline.flush(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(LoggerFactory.getLogger("io.lettuce.core.RedisClient").isDebugEnabled()).isTrue();
    } finally {
      PlatformLoggers.install(previous);
      pipeline.close(Duration.ofSeconds(30));
    }
    List<LogEntry> stored = RedisStreamLogSinkContractTest.read(stream);
    assertThat(stored).hasSize(60).allSatisfy(e -> assertThat(e.loggerName()).isEqualTo("com.acme.Orders"));
    // Lettuce did log while the sink worked, and it went to standard error's stand-in.
    assertThat(fallback.toString(StandardCharsets.UTF_8)).contains("[i.l.c.");
  }
}
