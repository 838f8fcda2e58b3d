package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration errors surface when the sink is built, naming the setting; nothing connects. */
class KafkaLogSinkBuilderTest {
  private final KafkaLogSinkProvider provider = new KafkaLogSinkProvider();

  @Test
  void usesLogBusDefaultsThatThePropertiesCanOverride() {
    KafkaLogSink sink =
        (KafkaLogSink)
            provider.create(
                Map.of(
                    "bootstrap-servers", "broker:9092",
                    "producer.compression.type", "zstd",
                    "producer.security.protocol", "SSL"));
    assertThat(sink.producerConfig())
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("max.block.ms", "500")
        .containsEntry("compression.type", "zstd")
        .containsEntry("security.protocol", "SSL");
    assertThat(sink.topic()).isEqualTo("telemetry.logs");
    assertThat(sink.ownLoggerPrefixes()).containsExactly("org.apache.kafka");
    assertThat(sink.idempotent()).isFalse();
    assertThat(sink.maxBatchesInFlight()).isEqualTo(4);
    KafkaLogSink oneAtATime =
        (KafkaLogSink) provider.create(Map.of("bootstrap-servers", "b:9092", "max-batches-in-flight", "1"));
    assertThat(oneAtATime.maxBatchesInFlight()).isEqualTo(1);
  }

  @Test
  void routesByStreamWithConfigurableRoutes() {
    KafkaLogSink sink =
        (KafkaLogSink)
            provider.create(
                Map.of("bootstrap-servers", "b:9092", "route.audit", "telemetry.audit", "route.events", ""));
    LogEntry.Builder e = LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message("m");
    assertThat(sink.topicFor(e.stream("audit").build())).isEqualTo("telemetry.audit");
    assertThat(sink.topicFor(e.stream("events").build())).isEqualTo("telemetry.logs");
    assertThat(sink.topicFor(e.stream(null).build())).isEqualTo("telemetry.logs");
    KafkaLogSink defaults = KafkaLogSink.builder().bootstrapServers("b:9092").build();
    assertThat(defaults.topicFor(e.stream("events").build())).isEqualTo("telemetry.events");
  }

  @Test
  void namesTheKeyAndWhatToChangeForBadSettings() {
    assertThatThrownBy(() -> provider.create(Map.of()))
        .hasMessageStartingWith("sink.kafka.bootstrap-servers is missing");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "topic", "bad topic!")))
        .hasMessageStartingWith("sink.kafka.topic is 'bad topic!'");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "key", "user")))
        .hasMessage("sink.kafka.key is 'user': set it to tenant, trace or none");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "max-batch-size", "0")))
        .hasMessageStartingWith("sink.kafka.max-batch-size is 0");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "max-batches-in-flight", "0")))
        .hasMessage("sink.kafka.max-batches-in-flight is 0: set it to 1-64, such as 4");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "max-batches-in-flight", "65")))
        .hasMessage("sink.kafka.max-batches-in-flight is 65: set it to 1-64, such as 4");
    assertThatThrownBy(() -> provider.create(Map.of("bootstrap-servers", "b:9092", "topics", "x")))
        .hasMessageStartingWith("sink.kafka.topics is not a Kafka sink setting");
    assertThatThrownBy(
            () -> provider.create(Map.of("bootstrap-servers", "b:9092", "producer.value.serializer", "x")))
        .hasMessageContaining("producer.value.serializer cannot be set");
    assertThatThrownBy(
            () -> provider.create(Map.of("bootstrap-servers", "b:9092", "producer.acks", "1")))
        .hasMessageContaining("invalid Kafka producer setting")
        .hasMessageContaining("acks");
  }

  @Test
  void refusesAnEntryLargerThanARequestForGoodBeforeSendingAnything() {
    KafkaLogSink sink =
        KafkaLogSink.builder()
            .bootstrapServers("127.0.0.1:1") // never contacted: the entry is refused first
            .producerProperty("max.request.size", "10000")
            .build();
    LogEntry big =
        LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message("x".repeat(20_000)).build();
    assertThatThrownBy(() -> sink.write(List.of(big)))
        .isInstanceOfSatisfying(LogSinkException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("max.request.size");
    sink.close();
  }
}
