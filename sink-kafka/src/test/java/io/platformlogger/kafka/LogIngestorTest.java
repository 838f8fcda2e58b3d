package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import io.platformlogger.testkit.InMemorySink;
import io.platformlogger.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogIngestorTest {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  private static List<LogEntry> publish(String topic, int count, String prefix) throws Exception {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(
          LogEntry.builder()
              .timestamp(Instant.now())
              .level(Level.INFO)
              .message(prefix + " " + i)
              .service("billing")
              .tenantId("t-" + (i % 3))
              .build());
    }
    try (KafkaLogSink sink =
        KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      sink.write(entries);
    }
    return entries;
  }

  private static LogIngestor.Builder ingestor(String topic, String group) {
    return LogIngestor.builder()
        .bootstrapServers(BROKER.bootstrapServers())
        .groupId(group)
        .topics(topic)
        .deadLetterTopic(topic + ".dlq")
        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  @Test
  void storesEveryPublishedEntryAndCommitsWhatItStored() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest");
    BROKER.createTopics(3, topic);
    List<LogEntry> published = publish(topic, 300, "entry");
    InMemorySink memory = new InMemorySink();

    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(memory).build().start()) {
      await("the sink has stored the 300 entries", () -> memory.entries().size() == 300, () -> "stored " + memory.entries().size());
      await("the group has committed 300", () -> committed("g-" + topic, topic) == 300, () -> "committed " + committed("g-" + topic, topic));
      assertThat(ingestor.stats().stored()).isEqualTo(300);
      assertThat(ingestor.stats().deadLettered()).isZero();
    }
    assertThat(memory.entries()).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void commitsNothingUntilTheSinkHasStoredTheBatch() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-block");
    BROKER.createTopics(1, topic);
    publish(topic, 50, "entry");
    InMemorySink memory = new InMemorySink();
    memory.blockWrites();

    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(memory).build().start()) {
      memory.awaitBlockedWrite();
      assertThat(committed("g-" + topic, topic)).as("committed while the write hangs").isZero();

      memory.failNext(3, new IOException("database restarting"));
      memory.unblockWrites();
      await("the group has committed 50", () -> committed("g-" + topic, topic) == 50, () -> "committed " + committed("g-" + topic, topic));
      assertThat(memory.entries()).hasSize(50);
      assertThat(ingestor.stats().sinkRetries()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aRestartInTheMiddleLosesNothingAndStoresNothingTwice() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-restart");
    BROKER.createTopics(2, topic);
    String group = "g-" + topic;
    RecordingSink recording = new RecordingSink();
    List<LogEntry> published = new ArrayList<>(publish(topic, 200, "before"));

    try (LogIngestor first = ingestor(topic, group).sink(recording).build().start()) {
      await("the first ingestor has stored 200", () -> recording.written().size() >= 200, () -> "stored " + recording.written().size());
    }
    published.addAll(publish(topic, 200, "between"));
    try (LogIngestor second = ingestor(topic, group).sink(recording).build().start()) {
      published.addAll(publish(topic, 100, "during"));
      await("the group has committed all 500", () -> committed(group, topic) == 500, () -> "committed " + committed(group, topic));
    }

    List<String> ids = recording.written().stream().map(LogEntry::id).collect(Collectors.toList());
    assertThat(ids).as("0 lost, 0 duplicated")
        .containsExactlyInAnyOrderElementsOf(published.stream().map(LogEntry::id).collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "group.protocol={0}")
  @ValueSource(strings = {"classic", "consumer"})
  void aMemberJoiningAndOneLeavingMidStreamHandOverWithoutReadingAnythingTwice(String protocol)
      throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-rebalance");
    BROKER.createTopics(4, topic);
    String group = "g-" + topic;
    RecordingSink recording = new RecordingSink();
    List<LogEntry> published = new CopyOnWriteArrayList<>();
    AtomicBoolean publishing = new AtomicBoolean(true);
    Thread publisher =
        new Thread(
            () -> {
              try (KafkaLogSink sink =
                  KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
                for (int round = 0; publishing.get(); round++) {
                  List<LogEntry> batch = new ArrayList<>();
                  for (int i = 0; i < 10; i++) {
                    batch.add(
                        LogEntry.builder()
                            .timestamp(Instant.now())
                            .level(Level.INFO)
                            .message("entry " + round + "." + i)
                            .tenantId("t-" + (i % 5))
                            .build());
                  }
                  sink.write(batch); // acknowledged before it counts as published
                  published.addAll(batch);
                  // a steady flow (at most ~2 000 entries/s) rather than one burst
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "publisher");
    publisher.start();
    try (LogIngestor first =
            ingestor(topic, group).consumerProperty("group.protocol", protocol).batchSize(50).sink(recording).build().start();
        LogIngestor second =
            ingestor(topic, group).consumerProperty("group.protocol", protocol).batchSize(50).sink(recording).build()) {
      await("the first member has stored 200", () -> first.stats().stored() >= 200, () -> "first: " + first.stats());
      second.start(); // joins while records flow: the partitions are shared out again
      await("the second member has stored 200", () -> second.stats().stored() >= 200, () -> "second: " + second.stats());
      long beforeLeaving = second.stats().stored();
      first.close(); // leaves while records flow: the second takes every partition
      await("the second member alone has stored 300 more", () -> second.stats().stored() >= beforeLeaving + 300, () -> "second alone: " + second.stats());

      publishing.set(false);
      publisher.join();
      int total = published.size();
      await("the group has committed every entry published", () -> committed(group, topic) == total, () -> "committed " + committed(group, topic) + " of " + total);
      assertThat(first.failure()).isNull();
      assertThat(second.failure()).isNull();
    } finally {
      publishing.set(false);
      publisher.join();
    }

    // Handed over by commits, not by re-reading: even a sink that keeps duplicates has none.
    List<String> ids = recording.written().stream().map(LogEntry::id).collect(Collectors.toList());
    assertThat(ids).as("0 lost, 0 duplicated")
        .containsExactlyInAnyOrderElementsOf(published.stream().map(LogEntry::id).collect(Collectors.toList()));
  }

  @Test
  void sendsAPoisonRecordToTheDeadLetterTopicAndStoresTheRest() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-poison");
    BROKER.createTopics(1, topic);
    BROKER.createTopics(1, topic + ".dlq");
    publish(topic, 5, "good");
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", BROKER.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, "{\"not\": \"an entry\"".getBytes(StandardCharsets.UTF_8)))
          .get(60, TimeUnit.SECONDS);
    }
    publish(topic, 5, "also good");
    InMemorySink memory = new InMemorySink();

    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(memory).build().start()) {
      await("the group has committed 11", () -> committed("g-" + topic, topic) == 11, () -> "committed " + committed("g-" + topic, topic));
      assertThat(ingestor.stats().deadLettered()).isEqualTo(1);
    }
    assertThat(memory.entries()).hasSize(10);
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.records(BROKER.bootstrapServers(), topic + ".dlq");
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"an entry\"");
    assertThat(new String(dead.get(0).headers().lastHeader(LogIngestor.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .startsWith("undecodable: ")
        .contains("malformed log entry JSON");
    assertThat(new String(dead.get(0).headers().lastHeader(LogIngestor.SOURCE_OFFSET_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo("5");
  }

  @Test
  @CaptureLogs(level = Level.ERROR)
  void aRecordTheDeadLetterTopicRefusesAsTooLargeIsSkippedLoggedAndCommittedAndConsumptionGoesOn(
      CapturedLogs logs) throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-dlq-too-large");
    BROKER.createTopics(1, topic, topic + ".dlq");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
      ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, topic + ".dlq");
      admin.incrementalAlterConfigs(Map.of(dlq, List.of(new AlterConfigOp(
              new ConfigEntry("max.message.bytes", "2048"), AlterConfigOp.OpType.SET))))
          .all().get(60, TimeUnit.SECONDS);
    }
    publish(topic, 3, "before");
    byte[] undecodable = new byte[4000];
    java.util.Arrays.fill(undecodable, (byte) 'x'); // not JSON, and too large for the dead-letter topic
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", BROKER.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, undecodable)).get(60, TimeUnit.SECONDS);
      publish(topic, 4, "after");
      raw.send(new ProducerRecord<>(topic, "small and broken".getBytes(StandardCharsets.UTF_8)))
          .get(60, TimeUnit.SECONDS);
    }
    InMemorySink memory = new InMemorySink();

    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(memory).build().start()) {
      await("the group has committed 9", () -> committed("g-" + topic, topic) == 9, () -> "committed " + committed("g-" + topic, topic)
          + ", " + ingestor.stats());
      IngestorStats stats = ingestor.stats();
      assertThat(stats.skipped()).isEqualTo(1);
      assertThat(stats.deadLettered()).as("the dead-letter producer still works").isEqualTo(1);
      assertThat(stats.lastError())
          .contains("skipped record " + topic + "-0@3 (4000 bytes)")
          .contains("undecodable")
          .contains("RecordTooLargeException")
          .contains("after 1 attempt");
    }
    assertThat(logs.entries(Level.ERROR))
        .filteredOn(e -> LogIngestor.class.getName().equals(e.loggerName()))
        .singleElement()
        .satisfies(e -> assertThat(e.message())
            .contains(topic + "-0@3").contains("RecordTooLargeException").contains("1 skipped so far"));
    assertThat(memory.entries()).extracting(LogEntry::message)
        .containsExactly("before 0", "before 1", "before 2", "after 0", "after 1", "after 2", "after 3");
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.records(BROKER.bootstrapServers(), topic + ".dlq");
    assertThat(dead).singleElement()
        .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("small and broken"));
  }

  @Test
  void aDeadLetterTopicThatStaysUnreachableIsTriedABoundedNumberOfTimesThenTheRecordIsSkipped()
      throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-dlq-unreachable");
    BROKER.createTopics(1, topic);
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", BROKER.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, "not json".getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
    }
    publish(topic, 2, "after");
    InMemorySink memory = new InMemorySink();

    // The dead-letter producer talks to nothing: every attempt times out (a retriable error).
    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(memory).deadLetterAttempts(3)
        .producerProperty("bootstrap.servers", "127.0.0.1:1").producerProperty("max.block.ms", "200")
        .build().start()) {
      await("the group has committed 3", () -> committed("g-" + topic, topic) == 3, () -> "committed " + committed("g-" + topic, topic)
          + ", " + ingestor.stats());
      assertThat(ingestor.stats().skipped()).isEqualTo(1);
      assertThat(ingestor.stats().lastError()).contains(topic + "-0@0").contains("after 3 attempts");
    }
    assertThat(memory.entries()).extracting(LogEntry::message).containsExactly("after 0", "after 1");
  }

  @Test
  void sendsAnEntryTheSinkRejectsForGoodToTheDeadLetterTopic() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-reject");
    BROKER.createTopics(1, topic);
    BROKER.createTopics(1, topic + ".dlq");
    List<LogEntry> published = publish(topic, 8, "entry");
    String rejected = published.get(5).id();
    InMemorySink memory = new InMemorySink();
    io.platformlogger.core.sink.LogSink picky =
        new io.platformlogger.core.sink.LogSink() {
          @Override
          public String name() {
            return "picky";
          }

          @Override
          public void write(List<LogEntry> batch) throws Exception {
            if (batch.stream().anyMatch(e -> e.id().equals(rejected))) {
              throw LogSinkException.permanent("value out of range", null);
            }
            memory.write(batch);
          }

          @Override
          public void close() {}
        };

    try (LogIngestor ingestor = ingestor(topic, "g-" + topic).sink(picky).build().start()) {
      await("the group has committed 8", () -> committed("g-" + topic, topic) == 8, () -> "committed " + committed("g-" + topic, topic));
      assertThat(ingestor.stats().deadLettered()).isEqualTo(1);
    }
    assertThat(memory.entries()).hasSize(7).noneMatch(e -> e.id().equals(rejected));
    List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.records(BROKER.bootstrapServers(), topic + ".dlq");
    assertThat(new String(dead.get(0).headers().lastHeader(LogIngestor.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .contains("value out of range");
  }

  @Test
  void enrichersAddMetadataAndOneThatThrowsLosesNothing() throws Exception {
    String topic = TopicReader.uniqueTopic("ingest-enrich");
    BROKER.createTopics(1, topic);
    publish(topic, 6, "entry");
    Map<String, String> workspaceOfTenant = Map.of("t-0", "ws-a", "t-1", "ws-b", "t-2", "ws-c");
    InMemorySink memory = new InMemorySink();

    try (LogIngestor ingestor =
        ingestor(topic, "g-" + topic)
            .sink(memory)
            .enricher(e -> e.toBuilder().workspaceId(workspaceOfTenant.get(e.tenantId())).build())
            .enricher(e -> {
              throw new IllegalStateException("lookup service down");
            })
            .build()
            .start()) {
      await("the sink has stored the 6 entries", () -> memory.entries().size() == 6, () -> "stored " + memory.entries().size());
      assertThat(ingestor.stats().enrichFailures()).isEqualTo(6);
      assertThat(ingestor.stats().lastError()).contains("lookup service down");
    }
    assertThat(memory.entries())
        .allMatch(e -> e.workspaceId().equals(workspaceOfTenant.get(e.tenantId())));
  }

  static long committed(String group, String topic) {
    return TopicReader.committed(BROKER.bootstrapServers(), group, topic);
  }

  /**
   * Waits with the testkit's {@link Await} (up to 2 minutes) until {@code condition} holds; a
   * timeout also says {@code state}, read once then (often a group's offsets, which cost a round
   * trip to the broker, so not read on every look).
   */
  static void await(String description, BooleanSupplier condition, Supplier<String> state) {
    await(description, Duration.ofMinutes(2), condition, state);
  }

  /** {@link #await(String, BooleanSupplier, Supplier)} up to {@code within}. */
  static void await(String description, Duration within, BooleanSupplier condition, Supplier<String> state) {
    try {
      Await.until(description, within, condition);
    } catch (AssertionError notMet) {
      throw new AssertionError(notMet.getMessage() + "; " + state.get(), notMet);
    }
  }
}
