package io.platformlogger.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.kafka.KafkaLogSink;
import io.platformlogger.kafka.LogIngestor;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End to end: two services publish to a real Kafka broker (the kafka-test-broker module), {@link
 * LogIngestor} exports the topic to {@link OtlpReceiver} through the sink made from properties, as
 * {@code LogIngestorMain --sink otlp} does; every record keeps its own service's resource.
 */
class OtlpIngestorTest {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  @Test
  void everyPublishedEntryIsExportedUnderTheResourceOfTheServiceThatLoggedIt() throws Exception {
    String topic = "otlp-e2e-" + UUID.randomUUID();
    BROKER.createTopics(2, topic);
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entries.add(
          LogEntry.builder()
              .timestamp(Instant.now())
              .level(Level.INFO)
              .message("event " + i)
              .service(i % 2 == 0 ? "checkout" : "billing")
              .version(i % 2 == 0 ? "1.4.2" : "2.0.0")
              .build());
    }
    try (KafkaLogSink kafka = KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      kafka.write(entries);
    }
    try (OtlpReceiver otlp = new OtlpReceiver()) {
      OtlpLogSink sink = (OtlpLogSink) new OtlpLogSinkProvider().create(Map.of("endpoint", otlp.url()));
      try (LogIngestor ingestor =
          LogIngestor.builder()
              .bootstrapServers(BROKER.bootstrapServers())
              .groupId("g-" + topic)
              .topics(topic)
              .deadLetterTopic(topic + ".dlq")
              .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
              .sink(sink)
              .build()
              .start()) {
        Await.value("the ingestor has stored all 200 entries", ingestor::stats, s -> s.stored() >= 200);
        assertThat(ingestor.stats().deadLettered()).isZero();
      } finally {
        sink.close();
      }
      List<LogEntry> exported = new ArrayList<>();
      for (OtlpReceiver.Received r : otlp.records()) {
        LogEntry e = OtlpDecoding.entry(r);
        exported.add(e);
        String service = OtlpDecoding.str(OtlpDecoding.map(r.resource().getAttributesList()), "service.name");
        assertThat(service).isEqualTo(e.service());
      }
      exported.sort(Comparator.comparing(LogEntry::id));
      assertThat(exported).containsExactlyInAnyOrderElementsOf(entries);
    }
  }
}
