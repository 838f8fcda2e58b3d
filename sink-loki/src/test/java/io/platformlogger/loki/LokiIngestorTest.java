package io.platformlogger.loki;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * End to end: services publish to a real Kafka broker (the kafka-test-broker module), {@link
 * LogIngestor} reads the topic and stores into Loki (the {@link LokiReceiver} stand-in), the sink
 * created from properties as {@code LogIngestorMain --sink loki} does.
 */
class LokiIngestorTest {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  @Test
  void everyPublishedEntryReachesLokiUnderItsTenantAndARefusedOneIsDeadLettered() throws Exception {
    String topic = "loki-e2e-" + UUID.randomUUID();
    BROKER.createTopics(3, topic);
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      entries.add(
          LogEntry.builder()
              .timestamp(i == 150 ? Instant.now().minus(Duration.ofDays(30)) : Instant.now())
              .level(i % 10 == 0 ? Level.ERROR : Level.INFO)
              .message("order " + i)
              .service("checkout")
              .tenantId("t-" + (i % 3))
              .build());
    }
    try (KafkaLogSink kafka = KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      kafka.write(entries);
    }

    try (LokiReceiver loki = new LokiReceiver()) {
      loki.requireTenant();
      LokiLogSink sink =
          (LokiLogSink) new LokiLogSinkProvider().create(Map.of("url", loki.url(), "tenant-from-entry", "true"));
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
        Await.until("Loki has 299 entries and the ingestor dead-lettered the one too old",
            () -> loki.stored().size() >= 299 && ingestor.stats().deadLettered() >= 1);
        assertThat(ingestor.stats().deadLettered()).isEqualTo(1);
      } finally {
        sink.close();
      }
      List<LogEntry> expected = new ArrayList<>(entries);
      LogEntry old = expected.remove(150);
      assertThat(loki.entries()).containsExactlyInAnyOrderElementsOf(expected).doesNotContain(old);
      assertThat(loki.stored()).allSatisfy(s -> assertThat(s.tenant()).isEqualTo(s.entry().tenantId()));
      assertThat(sink.tooOld()).isEqualTo(1);
    }
  }
}
