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
import java.util.Map;
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

    LogIngestorMain.Started started = startInto(broker, topic);
    InMemorySink memory = SharedMemorySinkProvider.SINKS.get(topic);
    try {
      LogIngestorTest.await("the group has committed 20", () -> LogIngestorTest.committed("main-" + topic, topic) == 20,
          () -> "stored " + memory.entries().size());
    } finally {
      started.stop();
    }
    assertThat(started.ingestor.isRunning()).isFalse();
    assertThat(memory.entries()).containsExactlyElementsOf(entries);
  }

  @Test
  void secretsComeFromFilesOrTheEnvironmentAndFlagsOverrideThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path sinkFile = dir.resolve("sink.properties");
    java.nio.file.Files.writeString(sinkFile, "password=from-file\nuser=ingest\n");
    java.nio.file.Path kafkaFile = dir.resolve("kafka.properties");
    java.nio.file.Files.writeString(kafkaFile, "security.protocol=SASL_SSL\nsasl.jaas.config=from-file\n");
    String[] args = {
      "--bootstrap-servers", "localhost:9092", "--sink", "postgres",
      "--sink-properties-file", sinkFile.toString(), "--kafka-properties-file", kafkaFile.toString()
    };

    LogIngestorMain.Settings fromFiles = LogIngestorMain.parse(args, Map.of(), LogIngestor.builder());
    assertThat(fromFiles.sink).containsEntry("password", "from-file").containsEntry("user", "ingest");
    assertThat(fromFiles.consumer).containsEntry("sasl.jaas.config", "from-file").containsEntry("security.protocol", "SASL_SSL");
    assertThat(fromFiles.producer).containsEntry("sasl.jaas.config", "from-file");

    Map<String, String> env =
        Map.of(LogIngestorMain.SINK_PASSWORD_ENV, "from-env", LogIngestorMain.JAAS_ENV, "jaas-from-env");
    LogIngestorMain.Settings fromEnv = LogIngestorMain.parse(args, env, LogIngestor.builder());
    assertThat(fromEnv.sink).containsEntry("password", "from-env");
    assertThat(fromEnv.consumer).containsEntry("sasl.jaas.config", "jaas-from-env");
    assertThat(fromEnv.producer).containsEntry("sasl.jaas.config", "jaas-from-env");

    String[] withFlags = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--sink-property", "password=from-flag", "--consumer-property", "sasl.jaas.config=from-flag"))
        .toArray(String[]::new);
    LogIngestorMain.Settings fromFlags = LogIngestorMain.parse(withFlags, env, LogIngestor.builder());
    assertThat(fromFlags.sink).containsEntry("password", "from-flag");
    assertThat(fromFlags.consumer).containsEntry("sasl.jaas.config", "from-flag");
    assertThat(fromFlags.producer).containsEntry("sasl.jaas.config", "jaas-from-env");

    assertThatThrownBy(() -> LogIngestorMain.parse(
            new String[] {"--sink", "x", "--sink-properties-file", dir.resolve("missing").toString()}, Map.of(),
            LogIngestor.builder()))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--sink-properties-file " + dir.resolve("missing") + " cannot be read");
  }

  @Test
  void aBadSinkSettingIsReportedWithoutItsPassword() {
    assertThatThrownBy(() -> LogIngestorMain.start(new String[] {
              "--bootstrap-servers", "localhost:9092", "--sink", "postgres",
              "--sink-property", "url=postgresql://app:hunter2@db/logs"}, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("postgresql://app:[REDACTED]@db/logs")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void deadLetterAttemptsMustBeAPositiveWholeNumberAndTheErrorNamesTheFlag() {
    String[] base = {"--bootstrap-servers", "localhost:9092", "--sink", "shared-memory", "--sink-property", "name=dla"};
    assertThatThrownBy(() -> LogIngestorMain.start(concat(base, "--dead-letter-attempts", "often")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--dead-letter-attempts is 'often': give a whole number, such as 10");
    assertThatThrownBy(() -> LogIngestorMain.start(concat(base, "--dead-letter-attempts", "0")))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--dead-letter-attempts is 0: set a positive number");
    assertThat(LogIngestorMain.USAGE).contains("--dead-letter-attempts N");
  }

  @Test
  void aRecordTheDeadLetterTopicNeverTakesIsSkippedAfterTheAttemptsGivenOnTheCommandLine() throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    String topic = TopicReader.uniqueTopic("main-dla");
    broker.createTopics(1, topic);
    try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> raw =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      raw.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    // The dead-letter producer talks to nothing: every attempt times out, a retriable error.
    LogIngestorMain.Started started =
        startInto(broker, topic,
            "--dead-letter-attempts", "2",
            "--producer-property", "bootstrap.servers=127.0.0.1:1",
            "--producer-property", "max.block.ms=200");
    try {
      // skipped is counted a moment before lastError names the record: wait for the message
      LogIngestorTest.await("the ingestor names the skipped record", () -> String.valueOf(started.ingestor.stats().lastError()).startsWith("skipped record"),
          () -> started.ingestor.stats().toString());
      assertThat(started.ingestor.stats().skipped()).isEqualTo(1);
      assertThat(started.ingestor.stats().lastError()).contains(topic + "-0@0").contains("after 2 attempts");
      LogIngestorTest.await("the group has committed 1", () -> LogIngestorTest.committed("main-" + topic, topic) == 1,
          () -> "committed " + LogIngestorTest.committed("main-" + topic, topic));
    } finally {
      started.stop();
    }
  }

  /** Starts the ingestor from the command line: {@code topic} into the shared-memory sink of that name, group main-{@code topic}. */
  private static LogIngestorMain.Started startInto(KafkaTestBroker broker, String topic, String... more)
      throws UsageException {
    String[] args = {
      "--bootstrap-servers", broker.bootstrapServers(),
      "--topics", topic,
      "--group", "main-" + topic,
      "--sink", "shared-memory",
      "--sink-property", "name=" + topic
    };
    return LogIngestorMain.start(concat(args, more));
  }

  private static String[] concat(String[] a, String... b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }
}
