package io.platformlogger.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonFileSinkProviderTest {
  @TempDir Path dir;

  private static LogSinkProvider provider() {
    return ServiceLoader.load(LogSinkProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("ndjson-file"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ndjson-file provider not registered"));
  }

  @Test
  void isFoundThroughTheServiceLoaderAndCreatesASinkWithoutTouchingTheFile() throws Exception {
    Path file = dir.resolve("app.ndjson");

    LogSink sink = provider().create(Map.of("path", file.toString()));

    assertThat(sink).isInstanceOf(NdjsonFileSink.class);
    assertThat(sink.name()).isEqualTo("ndjson-file");
    assertThat(Files.exists(file)).isFalse();
    sink.close();
  }

  @Test
  void rejectsAMissingPathNamingTheKey() {
    assertThatThrownBy(() -> provider().create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sink.ndjson-file.path");
  }
}
