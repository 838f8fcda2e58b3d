package io.platformlogger.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSinkProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LokiLogSinkProviderTest {
  private final LokiLogSinkProvider provider = new LokiLogSinkProvider();

  @Test
  void isFoundByServiceLoaderAsLoki() {
    assertThat(ServiceLoader.load(LogSinkProvider.class).stream().map(p -> p.get().name()))
        .contains("loki");
  }

  @Test
  void aBaseUrlGetsThePushPathAndAFullPushUrlIsKept() throws Exception {
    try (LokiLogSink sink = (LokiLogSink) provider.create(Map.of("url", "http://loki:3100"))) {
      assertThat(sink.pushUri()).hasToString("http://loki:3100/loki/api/v1/push");
    }
    try (LokiLogSink sink =
        (LokiLogSink) provider.create(Map.of("url", "https://logs.example.com/loki/api/v1/push"))) {
      assertThat(sink.pushUri()).hasToString("https://logs.example.com/loki/api/v1/push");
    }
  }

  @Test
  void everySettingIsAccepted(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "x");
    Map<String, String> all =
        Map.ofEntries(
            Map.entry("url", "http://loki:3100"),
            Map.entry("tenant", "platform"),
            Map.entry("tenant-from-entry", "true"),
            Map.entry("basic-user", "logs"),
            Map.entry("basic-password-file", password.toString()),
            Map.entry("labels", "cluster=eu-1, team=payments"),
            Map.entry("connect-timeout", "2s"),
            Map.entry("request-timeout", "30s"),
            Map.entry("max-line-bytes", "1_000_000"),
            Map.entry("max-age", "0"),
            Map.entry("max-future", "1h"),
            Map.entry("gzip", "false"),
            Map.entry("max-batch-size", "500"),
            Map.entry("max-retry-after", "1m"));
    try (LokiLogSink sink = (LokiLogSink) provider.create(all)) {
      assertThat(sink.maxBatchSize()).isEqualTo(500);
    }
  }

  @Test
  void aMissingUrlNamesTheKey() {
    assertThatThrownBy(() -> provider.create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sink.loki.url is required: set it to Loki's address, such as http://loki:3100");
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> provider.create(Map.of("url", "loki:3100")))
        .hasMessageStartingWith("sink.loki.url 'loki:3100' is not an http(s) URL");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "tenant", "a/b")))
        .hasMessageStartingWith("sink.loki.tenant 'a/b' is not a Loki tenant id");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "labels", "__name__=x")))
        .hasMessageStartingWith("sink.loki.labels: '__name__' is not a label name Loki accepts");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "labels", "level=x")))
        .hasMessageContaining("set by the sink itself");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "labels", "team")))
        .hasMessageStartingWith("sink.loki.labels: 'team' is not name=value");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "request-timeout", "soon")))
        .hasMessageStartingWith("sink.loki.request-timeout 'soon' is not a positive duration");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "gzip", "yes")))
        .hasMessage("sink.loki.gzip 'yes' is not accepted; accepted: true, false");
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "endpoint", "x")))
        .hasMessageStartingWith("sink.loki.endpoint is not a known setting; accepted: [basic-password-env");
  }

  @Test
  void tooManyStaticLabelsAreRefusedWithLokisLimit() {
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      labels.append("l").append(i).append("=v,");
    }
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "labels", labels.toString())))
        .hasMessageContaining("at most 12");
  }

  @Test
  void credentialsMustComeFromExactlyOnePlace(@TempDir Path dir) {
    assertThatThrownBy(() -> provider.create(Map.of("url", "http://l", "basic-user", "u")))
        .hasMessageContaining("set one of sink.loki.basic-password-env");
    assertThatThrownBy(
            () -> provider.create(Map.of("url", "http://l", "basic-user", "u", "bearer-token-env", "PATH")))
        .hasMessageContaining("choose one way to authenticate");
    assertThatThrownBy(
            () -> provider.create(Map.of("url", "http://l", "bearer-token-env", "PLATFORM_LOGGER_NO_SUCH_VARIABLE")))
        .hasMessageStartingWith("sink.loki.bearer-token-env: environment variable PLATFORM_LOGGER_NO_SUCH_VARIABLE");
    assertThatThrownBy(
            () -> provider.create(Map.of("url", "http://l", "bearer-token-file", dir.resolve("missing").toString())))
        .hasMessageStartingWith("sink.loki.bearer-token-file: file ")
        .hasMessageContaining("cannot be read");
  }
}
