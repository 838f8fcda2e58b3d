package io.platformlogger.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSinkProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OtlpLogSinkProviderTest {
  private final OtlpLogSinkProvider provider = new OtlpLogSinkProvider();

  @Test
  void isFoundByServiceLoaderAsOtlp() {
    assertThat(ServiceLoader.load(LogSinkProvider.class).stream().map(p -> p.get().name())).contains("otlp");
  }

  @Test
  void everySettingIsAccepted() throws Exception {
    Map<String, String> all =
        Map.of(
            "endpoint", "http://collector:4318",
            "headers", "api-key=k1, x-team=payments",
            "headers-env", "OTLP_HEADERS",
            "compression", "none",
            "timeout", "5s",
            "connect-timeout", "2s",
            "protocol", "http/json",
            "max-batch-size", "100",
            "resource-attributes", "k8s.namespace.name=shop");
    try (OtlpLogSink sink = (OtlpLogSink) provider.create(all, name -> name.equals("OTLP_HEADERS") ? "authorization=Bearer t" : null)) {
      assertThat(sink.maxBatchSize()).isEqualTo(100);
      assertThat(sink.headers()).containsEntry("api-key", "k1").containsEntry("x-team", "payments").containsEntry("authorization", "Bearer t");
      assertThat(sink.gzip()).isFalse();
    }
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> provider.create(Map.of()))
        .hasMessageStartingWith("sink.otlp.endpoint is required");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "collector:4318")))
        .hasMessageStartingWith("sink.otlp.endpoint 'collector:4318' is not an http(s) URL");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "protocol", "grpc")))
        .hasMessageStartingWith("sink.otlp.protocol 'grpc' is not accepted; accepted: http/protobuf, http/json");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "compression", "zstd")))
        .hasMessage("sink.otlp.compression 'zstd' is not accepted; accepted: gzip, none");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "headers", "bad header=x")))
        .hasMessageStartingWith("sink.otlp.headers: header name 'bad header'");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "headers-env", "NOPE"), n -> null))
        .hasMessageStartingWith("sink.otlp.headers-env: environment variable NOPE is not set");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "headers-env", "H"), n -> "s3cret-token"))
        .hasMessage("sink.otlp.headers-env: environment variable H does not hold name=value,... pairs")
        .message().doesNotContain("s3cret");
    assertThatThrownBy(() -> provider.create(Map.of("endpoint", "http://c", "url", "x")))
        .hasMessageStartingWith("sink.otlp.url is not a known setting");
  }
}
