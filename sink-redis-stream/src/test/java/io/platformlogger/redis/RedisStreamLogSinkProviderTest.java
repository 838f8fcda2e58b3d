package io.platformlogger.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RedisStreamLogSinkProviderTest {
  private final RedisStreamLogSinkProvider provider = new RedisStreamLogSinkProvider();

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    assertThat(ServiceLoader.load(LogSinkProvider.class).stream().map(p -> p.get().name()))
        .contains("redis-stream");
  }

  @Test
  void createsASinkWithoutConnecting() throws Exception {
    // nothing listens on port 1: creating must still succeed
    try (LogSink sink =
        provider.create(Map.of("url", "redis://127.0.0.1:1", "routing", "tenant", "maxlen", "500",
            "dedup-window", "0", "timeout", "2s", "channel", "none", "max-batch-size", "200"))) {
      assertThat(sink.name()).isEqualTo("redis-stream");
      assertThat(sink.idempotent()).isFalse();
      assertThat(sink.maxBatchSize()).isEqualTo(200);
      assertThat(sink.ownLoggerPrefixes()).contains("io.lettuce", "io.netty");
    }
  }

  @Test
  void rejectsBadSettingsNamingTheKeyAndWhatToChange() {
    assertThatThrownBy(() -> provider.create(Map.of()))
        .hasMessage("sink.redis-stream.url is required: set it to redis://host:6379");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://app:hunter2@cache:6379")))
        .hasMessage("sink.redis-stream.url 'http://app:[REDACTED]@cache:6379' is not a Redis URI: use redis://host:6379 (rediss:// for TLS)");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://:hunter2@")))
        .hasMessageStartingWith("sink.redis-stream.url 'redis://:[REDACTED]@'")
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("hunter2"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> provider.create(Map.of("url", "localhost:6379")))
        .hasMessageStartingWith("sink.redis-stream.url 'localhost:6379' is not a Redis URI");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://h", "idle-expiry", "soon")))
        .hasMessageContaining("sink.redis-stream.idle-expiry 'soon' is not a positive duration");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://h", "maxlen", "lots")))
        .hasMessageContaining("sink.redis-stream.maxlen 'lots'").hasMessageContaining("whole number");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://h", "routing", "user")))
        .hasMessageContaining("accepted: single, tenant, service");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://h", "timeout", "soon")))
        .hasMessageContaining("sink.redis-stream.timeout 'soon'");
    assertThatThrownBy(() -> provider.create(Map.of("url", "redis://h", "strem", "x")))
        .hasMessageContaining("sink.redis-stream.strem is not a known setting");
  }
}
