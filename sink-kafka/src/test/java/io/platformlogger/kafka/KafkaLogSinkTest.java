package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.InMemorySink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class KafkaLogSinkTest {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  private static LogEntry.Builder entry(String message) {
    return LogEntry.builder()
        .timestamp(Instant.now())
        .level(Level.INFO)
        .message(message)
        .service("billing");
  }

  @Test
  void routesEventsToTheEventsTopicAndEverythingElseToTheMainTopic() throws Exception {
    String logs = TopicReader.uniqueTopic("logs");
    String events = TopicReader.uniqueTopic("events");
    BROKER.createTopics(1, logs);
    BROKER.createTopics(1, events);
    LogEntry plain = entry("plain").build();
    LogEntry logStream = entry("in the logs stream").stream("logs").build();
    LogEntry event = entry("user signed up").stream("events").eventType("user.signed_up").build();

    try (KafkaLogSink sink =
        KafkaLogSink.builder()
            .bootstrapServers(BROKER.bootstrapServers())
            .topic(logs)
            .route("events", events)
            .build()) {
      sink.write(List.of(plain, event, logStream));
    }

    assertThat(TopicReader.entries(BROKER.bootstrapServers(), logs)).containsExactly(plain, logStream);
    assertThat(TopicReader.entries(BROKER.bootstrapServers(), events)).containsExactly(event);
  }

  @Test
  void keepsEachTenantsEntriesInOrderOnOnePartition() throws Exception {
    String topic = TopicReader.uniqueTopic("tenants");
    BROKER.createTopics(4, topic);
    Map<String, List<String>> written = new LinkedHashMap<>();
    try (KafkaLogSink sink =
        KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      for (int batch = 0; batch < 5; batch++) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String tenant = "t-" + (i % 7);
          LogEntry e = entry("b" + batch + "-" + i).tenantId(tenant).build();
          written.computeIfAbsent(tenant, t -> new ArrayList<>()).add(e.id());
          entries.add(e);
        }
        sink.write(entries);
      }
    }

    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.records(BROKER.bootstrapServers(), topic);
    assertThat(records).hasSize(200);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byTenant =
        records.stream()
            .collect(Collectors.groupingBy(r -> new String(r.key(), StandardCharsets.UTF_8)));
    assertThat(byTenant.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
    byTenant.forEach(
        (tenant, rs) -> {
          assertThat(rs.stream().map(ConsumerRecord::partition).distinct())
              .as("partitions of tenant %s", tenant)
              .hasSize(1);
          assertThat(rs.stream().map(r -> LogEntryJson.decode(r.value()).id()))
              .as("order of tenant %s", tenant)
              .containsExactlyElementsOf(written.get(tenant));
        });
    assertThat(records.stream().map(ConsumerRecord::partition).distinct().count())
        .as("7 tenants spread over 4 partitions")
        .isGreaterThan(1);
  }

  @Test
  void batchesSentWithoutWaitingAreAllPublishedKeepingEachTenantsOrder() throws Exception {
    String topic = TopicReader.uniqueTopic("window");
    BROKER.createTopics(4, topic);
    Map<String, List<String>> written = new LinkedHashMap<>();
    List<Delivery> deliveries = new ArrayList<>();
    try (KafkaLogSink sink =
        KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      int perBatch = 700;
      for (int batch = 0; batch < sink.maxBatchesInFlight(); batch++) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
          String tenant = "t-" + (i % 7);
          LogEntry e = entry("b" + batch + "-" + i).tenantId(tenant).build();
          written.computeIfAbsent(tenant, t -> new ArrayList<>()).add(e.id());
          entries.add(e);
        }
        deliveries.add(sink.send(entries));
      }
      sink.flush();
      for (Delivery d : deliveries) {
        d.await();
      }
    }

    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.records(BROKER.bootstrapServers(), topic);
    assertThat(records).hasSize(written.values().stream().mapToInt(List::size).sum());
    Map<String, List<String>> stored = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      stored.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), t -> new ArrayList<>())
          .add(LogEntryJson.decode(r.value()).id());
    }
    assertThat(stored).isEqualTo(written);
  }

  @Test
  void entriesLoggedTheMomentTheirTopicIsCreatedAllArriveThoughTheBrokerMayTakeThemOutOfOrder()
      throws Exception {
    // Brokers before Kafka 4.5 (KAFKA-15591) may refuse the first produce request to a partition
    // they have announced but not opened yet, and take a later request in flight: the producer
    // then retries the first one until delivery.timeout.ms and fails it. The pipeline must send
    // those entries again. The race is the broker's to lose, so new topics are tried until it
    // has happened twice (about one topic in three here), at most twelve.
    long deliveriesSentAgain = 0;
    for (int round = 0; round < 12 && deliveriesSentAgain < 2; round++) {
      String topic = TopicReader.uniqueTopic("fresh");
      String warmUp = TopicReader.uniqueTopic("warm-up");
      BROKER.createTopics(1, warmUp);
      Set<String> logged = new HashSet<>();
      try (LogPipeline pipeline =
              LogPipeline.builder()
                  .config(TestPipelines.config().build())
                  .configuredSinks(false)
                  .sink(
                      KafkaLogSink.builder()
                          .bootstrapServers(BROKER.bootstrapServers())
                          .topic(topic)
                          .route("events", warmUp)
                          .producerProperty("request.timeout.ms", "2000")
                          .producerProperty("delivery.timeout.ms", "3000")
                          .build())
                  .build();
          Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
        PlatformLogger log = PlatformLogger.on(pipeline, "checkout");
        // The producer is made and has its id before the topic exists, so that its first
        // requests follow the creation closely, as a running service's would.
        log.atInfo().stream("events").log("warming up");
        assertThat(pipeline.flush(Duration.ofSeconds(60))).as("warmed up").isTrue();
        // Created without BROKER.createTopics, which waits until the broker leads every partition.
        admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(60, TimeUnit.SECONDS);

        for (int i = 0; i < 3000; i++) {
          String message = "order " + i + " placed, with a note long enough to fill producer batches";
          try (LogContext.Scope tenant = LogContext.with().tenantId("t-" + (i % 7)).open()) {
            log.info(message);
          }
          logged.add(message);
        }
        assertThat(pipeline.flush(Duration.ofSeconds(60))).as("flushed").isTrue();
        SinkStats kafka = pipeline.stats().sink("kafka");
        assertThat(kafka.written()).isEqualTo(3001);
        deliveriesSentAgain += kafka.retries();
      }

      List<LogEntry> published = TopicReader.entries(BROKER.bootstrapServers(), topic);
      assertThat(published.stream().map(LogEntry::message).collect(Collectors.toSet()))
          .as("every entry in %s at least once", topic)
          .isEqualTo(logged);
    }
    System.out.println("deliveries failed and sent again: " + deliveriesSentAgain);
  }

  @Test
  void anEntryTooLargeForTheProducerFailsItsBatchAsPermanentWhereverItIs() throws Exception {
    String topic = TopicReader.uniqueTopic("too-large");
    BROKER.createTopics(1, topic);
    try (KafkaLogSink sink =
        KafkaLogSink.builder()
            .bootstrapServers(BROKER.bootstrapServers())
            .topic(topic)
            .producerProperty("max.request.size", "20000")
            .build()) {
      for (int at : new int[] {0, 517, 799}) {
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
          batch.add(entry(i == at ? "x".repeat(30_000) : "small " + i).build());
        }

        Throwable thrown = catchThrowable(() -> sink.send(batch));

        assertThat(thrown).isInstanceOf(LogSinkException.class).hasMessageContaining(batch.get(at).id())
            .hasMessageContaining("max.request.size");
        assertThat(((LogSinkException) thrown).isRetryable()).as("entry at %d", at).isFalse();
      }
    }
    assertThat(TopicReader.records(BROKER.bootstrapServers(), topic))
        .as("the whole batch is encoded before any record is sent")
        .isEmpty();
  }

  @Test
  void aRecordTheBrokerRefusesFailsItsDeliveryAsPermanentNamingItsEntryAndTheOthersAreStored()
      throws Exception {
    String topic = TopicReader.uniqueTopic("broker-refuses");
    BROKER.createTopics(1, topic);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
      // The broker's limit, far below the producer's max.request.size: only the broker refuses.
      admin.incrementalAlterConfigs(Map.of(
              new ConfigResource(ConfigResource.Type.TOPIC, topic),
              List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "8000"), AlterConfigOp.OpType.SET))))
          .all().get(60, TimeUnit.SECONDS);
    }
    Random random = new Random(7);
    StringBuilder noise = new StringBuilder(); // lz4 cannot shrink it below the limit
    for (int i = 0; i < 20_000; i++) {
      noise.append((char) ('a' + random.nextInt(26)));
    }
    List<LogEntry> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(entry(i == 211 ? noise.toString() : "small " + i).build());
    }
    try (KafkaLogSink sink =
        KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      Delivery delivery = sink.send(batch);
      sink.flush();

      Throwable thrown = catchThrowable(delivery::await);

      assertThat(thrown).isInstanceOf(LogSinkException.class).hasMessageContaining(batch.get(211).id());
      assertThat(((LogSinkException) thrown).isRetryable()).as("retryable").isFalse();
    }
    assertThat(TopicReader.entries(BROKER.bootstrapServers(), topic))
        .as("the producer splits the refused request and stores every other record")
        .hasSize(299)
        .doesNotContain(batch.get(211));
  }

  @Test
  void recordsCarryLevelServiceAndEntryIdHeadersAndTheTraceIdAsKeyWhenAskedTo() throws Exception {
    String topic = TopicReader.uniqueTopic("headers");
    BROKER.createTopics(1, topic);
    LogEntry e =
        entry("payment failed")
            .level(Level.ERROR)
            .tenantId("t-1")
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .build();
    try (KafkaLogSink sink =
        KafkaLogSink.builder()
            .bootstrapServers(BROKER.bootstrapServers())
            .topic(topic)
            .key(MessageKey.TRACE)
            .build()) {
      sink.write(List.of(e));
    }

    ConsumerRecord<byte[], byte[]> r = TopicReader.records(BROKER.bootstrapServers(), topic).get(0);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(header(r, KafkaLogSink.LEVEL_HEADER)).isEqualTo("ERROR");
    assertThat(header(r, KafkaLogSink.SERVICE_HEADER)).isEqualTo("billing");
    assertThat(header(r, KafkaLogSink.ENTRY_ID_HEADER)).isEqualTo(e.id());
    assertThat(LogEntryJson.decode(r.value())).isEqualTo(e);
  }

  @Test
  void withTheSpoolOffEachRecordIsExactlyTheJsonTheDispatcherMadeForTheEntry() throws Exception {
    String topic = TopicReader.uniqueTopic("spool-off");
    BROKER.createTopics(2, topic);
    InMemorySink memory = new InMemorySink(); // writes no JSON: sees the entries Kafka was handed
    Map<String, LogEntry> byId = new LinkedHashMap<>();
    try (LogPipeline pipeline =
        LogPipeline.builder()
            .config(TestPipelines.config().spoolEnabled(false).build())
            .configuredSinks(false)
            .sink(KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build())
            .sink(memory)
            .build()) {
      PlatformLogger log = PlatformLogger.on(pipeline, "checkout");
      for (int i = 0; i < 50; i++) {
        try (LogContext.Scope tenant = LogContext.with().tenantId("t-" + (i % 3)).open()) {
          log.atWarn().with("amount", 12.5 + i).with("note", "\"quoted\"\n\u00e9t\u00e9 \u2713 \ud83d\ude00")
              .log("order {} placed by «{}»", i, "Zoë");
        }
      }
      log.error("payment failed", new IllegalStateException("card \"declined\"\ttwice"));
      assertThat(pipeline.flush(Duration.ofSeconds(60))).as("flushed").isTrue();
      for (LogEntry e : memory.entries()) {
        byId.put(e.id(), e);
      }
    }

    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.records(BROKER.bootstrapServers(), topic);
    assertThat(records).hasSize(51);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      LogEntry e = byId.get(header(r, KafkaLogSink.ENTRY_ID_HEADER));
      assertThat(e).as("the entry of record %s", header(r, KafkaLogSink.ENTRY_ID_HEADER)).isNotNull();
      byte[] kept = io.platformlogger.core.internal.EntryInternals.json(e);
      assertThat(kept).as("the dispatcher encoded the entry for the Kafka sink").isNotNull();
      assertThat(r.value()).as("the record's bytes are the entry's JSON").isEqualTo(kept);
      assertThat(r.value()).as("byte for byte a fresh encoding of the same entry")
          .isEqualTo(LogEntryJson.encodeBytes(e.toBuilder().build()));
    }
  }

  @Test
  void kafkaClientsOwnLoggingNeverReachesTheSinks() throws Exception {
    String topic = TopicReader.uniqueTopic("loop");
    BROKER.createTopics(1, topic);
    InMemorySink memory = new InMemorySink();
    // The Kafka sink comes from properties, through the provider, as an SLF4J-only application
    // would configure it; the Kafka client logs (INFO and up) through SLF4J, which is us.
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(
                TestPipelines.config()
                    .sink("kafka")
                    .sinkProperty("kafka", "bootstrap-servers", BROKER.bootstrapServers())
                    .sinkProperty("kafka", "topic", topic)
                    .build())
            .sink(memory)
            .build();
    LogPipeline previous = PlatformLoggers.install(pipeline);
    try {
      PlatformLogger log = PlatformLogger.on(pipeline, "kafka-test-service");
      for (int i = 0; i < 20; i++) {
        log.info("order {} placed", i);
      }
      assertThat(pipeline.flush(Duration.ofSeconds(60))).as("flushed").isTrue();
      // Closing the producer logs too (on the sink's thread).
      pipeline.close();

      List<LogEntry> published = TopicReader.entries(BROKER.bootstrapServers(), topic);
      assertThat(published).extracting(LogEntry::message).hasSize(20).allMatch(m -> m.startsWith("order "));
      assertThat(memory.entries()).hasSize(20);
      assertThat(memory.entries())
          .noneMatch(e -> e.loggerName() != null && e.loggerName().startsWith("org.apache.kafka"));
      assertThat(pipeline.stats().internal())
          .as("Kafka client entries diverted to the console fallback")
          .isPositive();
      assertThat(pipeline.stats().sink("kafka").written()).isEqualTo(20);
    } finally {
      PlatformLoggers.install(previous);
      pipeline.close();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
