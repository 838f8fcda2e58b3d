package io.platformlogger.examples.customsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSinkProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileSinkProviderTest {
  @TempDir Path dir;

  private static LogSinkProvider provider() {
    return ServiceLoader.load(LogSinkProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("rotating-file"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("rotating-file provider not registered"));
  }

  @Test
  void isFoundThroughTheServiceLoader() throws Exception {
    var sink = provider().create(Map.of("path", dir.toString(), "max-bytes", "64KB", "max-files", "5"));
    assertThat(sink).isInstanceOf(RotatingFileSink.class);
    sink.close();
  }

  @Test
  void namesTheKeyAndWhatIsAcceptedForEveryBadSetting() {
    assertThatThrownBy(() -> provider().create(Map.of()))
        .hasMessageContaining("sink.rotating-file.path is required");
    assertThatThrownBy(() -> provider().create(Map.of("path", "x", "max-bytes", "lots")))
        .hasMessageContaining("sink.rotating-file.max-bytes 'lots' is not a size");
    assertThatThrownBy(() -> provider().create(Map.of("path", "x", "max-bytes", "0MB")))
        .hasMessageContaining("sink.rotating-file.max-bytes");
    assertThatThrownBy(() -> provider().create(Map.of("path", "x", "max-files", "0")))
        .hasMessageContaining("sink.rotating-file.max-files '0'")
        .hasMessageContaining("1 to 100000");
    assertThatThrownBy(() -> provider().create(Map.of("path", "x", "prefix", "../etc")))
        .hasMessageContaining("sink.rotating-file.prefix");
    assertThatThrownBy(() -> provider().create(Map.of("path", "x", "max-size", "1MB")))
        .hasMessageContaining("sink.rotating-file.max-size is not a known setting")
        .hasMessageContaining("max-bytes");
  }
}
