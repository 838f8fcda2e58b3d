package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.LogEntry;
import io.platformlogger.kafka.LogIngestorMain.UsageException;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.InMemorySink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogIngestorMainTest {

  @Test
  void refusesAMissingSinkNamingTheOption() {
    assertThatThrownBy(() -> LogIngestorMain.start(new String[] {"--bootstrap-servers", "localhost:9092"}))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--sink is missing");
  }

  @Test
  void refusesAnUnknownSinkListingTheAvailableOnes() {
    assertThatThrownBy(
            () -> LogIngestorMain.start(new String[] {"--bootstrap-servers", "localhost:9092", "--sink", "nosuch"}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--sink nosuch: no such sink")
        .hasMessageContaining("kafka")
        .hasMessageContaining("shared-memory");
  }

  @Test
  void refusesAMissingBootstrapServersAndBadValues() {
    assertThatThrownBy(
            () -> LogIngestorMain.start(new String[] {"--sink", "shared-memory", "--sink-property", "name=x"}))
        .hasMessageStartingWith("--bootstrap-servers is missing");
    assertThatThrownBy(() -> LogIngestorMain.start(new String[] {"--batch-size", "many"}))
        .hasMessageContaining("--batch-size is 'many'");
    assertThatThrownBy(() -> LogIngestorMain.start(new String[] {"--consumer-property", "novalue"}))
        .hasMessageContaining("is not KEY=VALUE");
    assertThatThrownBy(() -> LogIngestorMain.start(new String[] {"--frobnicate", "1"}))
        .hasMessageContaining("unknown option --frobnicate");
  }

  @Test
  void runsFromTheCommandLineIntoAConfiguredSinkAndStopsCleanly() throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String topic = TopicReader.uniqueTopic("main");
    broker.createTopics(1, topic);
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      entries.add(LogEntry.builder().timestamp(Instant.now()).level(io.platformlogger.core.Level.WARN).message("m" + i).build());
    }
    try (KafkaLogSink sink = KafkaLogSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build()) {
      sink.write(entries);
    }

    LogIngestorMain.Started started =
        LogIngestorMain.start(
            new String[] {
              "--bootstrap-servers", broker.bootstrapServers(),
              "--topics", topic,
              "--group", "main-" + topic,
              "--sink", "shared-memory",
              "--sink-property", "name=" + topic
            });
    InMemorySink memory = SharedMemorySinkProvider.SINKS.get(topic);
    try {
      LogIngestorTest.await(() -> LogIngestorTest.committed("main-" + topic, topic) == 20,
          () -> "stored " + memory.entries().size());
    } finally {
      started.stop();
    }
    assertThat(started.ingestor.isRunning()).isFalse();
    assertThat(memory.entries()).containsExactlyElementsOf(entries);
  }
}
