package io.platformlogger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spool.* and metrics.* keys: defaults, parsing and the messages for bad values. */
class SpoolConfigTest {

  @Test
  void theSpoolIsOnInProductionAndOffElsewhereByDefault() {
    PlatformLoggerConfig prod = PlatformLoggerConfig.builder().environment(Environment.PRODUCTION).service("orders").build();
    assertThat(prod.spoolEnabled()).isTrue();
    assertThat(prod.spoolDir()).isEqualTo(Path.of("platform-logger-spool", "orders"));
    assertThat(prod.spoolMaxBytes()).isEqualTo(1L << 30);
    assertThat(prod.spoolSegmentBytes()).isEqualTo(64L << 20);
    assertThat(prod.spoolSyncInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(prod.spoolSyncOnError()).isFalse();
    assertThat(prod.spoolMaxAge()).isEqualTo(Duration.ZERO);
    assertThat(prod.metricsLogInterval()).isEqualTo(Duration.ZERO);
    assertThat(PlatformLoggerConfig.builder().environment(Environment.STAGING).build().spoolEnabled()).isFalse();
    assertThat(PlatformLoggerConfig.builder().service("a/b c").build().spoolDir())
        .as("a service name never escapes the spool directory").isEqualTo(Path.of("platform-logger-spool", "a_b_c"));
  }

  @Test
  void keysAreReadFromPropertiesAndEnvironmentWithUnits() {
    PlatformLoggerConfig.Builder b = PlatformLoggerConfig.builder();
    ConfigLoader.apply(b, "spool.enabled", "on", "test");
    ConfigLoader.apply(b, "spool.dir", "/var/lib/app/spool", "test");
    ConfigLoader.apply(b, "spool.max-bytes", "512m", "test");
    ConfigLoader.apply(b, "spool.sync-interval", "0", "test");
    ConfigLoader.apply(b, "spool.sync-on-error", "true", "test");
    ConfigLoader.apply(b, "spool.max-age", "7d", "test");
    ConfigLoader.apply(b, "metrics.log-interval", "1m", "test");
    ConfigLoader.applyEnvironment(b, Map.of("PLATFORM_LOGGER_SPOOL_SEGMENT_BYTES", "16MiB"));
    PlatformLoggerConfig c = b.build();
    assertThat(c.spoolEnabled()).isTrue();
    assertThat(c.spoolDir()).isEqualTo(Path.of("/var/lib/app/spool"));
    assertThat(c.spoolMaxBytes()).isEqualTo(512L << 20);
    assertThat(c.spoolSegmentBytes()).isEqualTo(16L << 20);
    assertThat(c.spoolSyncInterval()).isZero();
    assertThat(c.spoolSyncOnError()).isTrue();
    assertThat(c.spoolMaxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(c.metricsLogInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.toBuilder().build().spoolMaxBytes()).isEqualTo(512L << 20);
  }

  @Test
  void badValuesNameTheKeyAndWhatToChange() {
    assertThatThrownBy(() -> ConfigLoader.apply(PlatformLoggerConfig.builder(), "spool.max-bytes", "lots", "platform-logger.properties"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spool.max-bytes")
        .hasMessageContaining("platform-logger.properties")
        .hasMessageContaining("512k, 64m, 2g");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().spoolMaxBytes(1000).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spool.max-bytes");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().spoolMaxBytes(64L << 20).spoolSegmentBytes(128L << 20).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spool.segment-bytes")
        .hasMessageContaining("make segments smaller than the spool");
    assertThatThrownBy(() -> PlatformLoggerConfig.builder().spoolMaxAge(Duration.ofSeconds(5)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spool.max-age");
    assertThatThrownBy(() -> ConfigLoader.apply(PlatformLoggerConfig.builder(), "spool.max-byte", "1g", "test"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean spool.max-bytes?");
  }
}
