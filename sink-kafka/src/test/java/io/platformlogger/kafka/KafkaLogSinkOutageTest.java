package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failures that hang other Kafka appenders, against a broker of this class's own that the
 * tests stop, kill and start again.
 */
class KafkaLogSinkOutageTest {
  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaTestBroker.startLocal();
  }

  @AfterAll
  static void closeBroker() {
    broker.close();
  }

  private static LogPipeline pipeline(String topic) {
    return LogPipeline.builder()
        .config(TestPipelines.config().build())
        .configuredSinks(false)
        .sink(KafkaLogSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build())
        .build();
  }

  @Test
  void startsWithTheBrokerDownWithoutBlockingAndDeliversEverythingOnceItIsUp() {
    String topic = TopicReader.uniqueTopic("down-at-start");
    broker.stop();
    try (LogPipeline pipeline = pipeline(topic)) {
      PlatformLogger log = PlatformLogger.on(pipeline, "kafka-test-service");
      for (int i = 0; i < 100; i++) {
        log.info("entry {}", i);
      }
      // The calls above returned with the broker down; the sink keeps failing and keeps the entries.
      awaitSink(pipeline, "fails and holds the 100 entries", s -> s.consecutiveFailures() > 0 && s.backlog() == 100);
      assertThat(pipeline.stats().sink("kafka").written()).isZero();

      broker.start();
      awaitSink(pipeline, "has written the 100 entries", s -> s.written() == 100);
      List<LogEntry> published = TopicReader.awaitEntries(broker.bootstrapServers(), topic, 100);
      assertThat(published.stream().map(LogEntry::message).collect(Collectors.toSet()))
          .hasSize(100)
          .contains("entry 0", "entry 99");
      assertThat(pipeline.stats().sink("kafka").failed()).isZero();
    } finally {
      broker.start();
    }
  }

  @Test
  void losesNothingWhenTheBrokerIsKilledMidStreamAndRestarted() {
    String topic = TopicReader.uniqueTopic("killed");
    Set<String> logged = new HashSet<>();
    try (LogPipeline pipeline = pipeline(topic)) {
      PlatformLogger log = PlatformLogger.on(pipeline, "kafka-test-service");
      logRange(log, logged, 0, 200);
      assertThat(pipeline.flush(Duration.ofSeconds(60))).isTrue();

      broker.kill();
      logRange(log, logged, 200, 400); // the application carries on while the broker is gone
      broker.start();
      logRange(log, logged, 400, 600);
      awaitSink(pipeline, "has written all 600 entries", s -> s.written() >= 600 && s.backlog() == 0);

      List<LogEntry> published = TopicReader.awaitEntries(broker.bootstrapServers(), topic, 600);
      Set<String> messages = published.stream().map(LogEntry::message).collect(Collectors.toSet());
      assertThat(messages).as("0 lost").containsAll(logged);
      assertThat(pipeline.stats().sink("kafka").failed()).isZero();
      assertThat(pipeline.stats().sink("kafka").shed()).isZero();
    }
  }

  private static void logRange(PlatformLogger log, Set<String> logged, int from, int to) {
    for (int i = from; i < to; i++) {
      log.info("entry {}", i);
      logged.add("entry " + i);
    }
  }

  private static void awaitSink(LogPipeline pipeline, String description, Predicate<SinkStats> condition) {
    Await.value("the kafka sink " + description, Duration.ofMinutes(2), () -> pipeline.stats().sink("kafka"), condition);
  }
}
