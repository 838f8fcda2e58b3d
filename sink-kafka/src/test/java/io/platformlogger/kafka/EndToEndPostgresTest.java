package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.postgres.PostgresLogSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service logs to Kafka; LogIngestors store into a real PostgreSQL: one restarted half-way, and a
 * consumer group whose members join, leave and die while records flow.
 */
class EndToEndPostgresTest {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
  private static EmbeddedPostgres postgres;
  private static String jdbcUrl;

  @BeforeAll
  static void startPostgres() throws Exception {
    String external = System.getenv("PLATFORM_LOGGER_TEST_PG_URL");
    if (external != null && !external.isBlank()) {
      jdbcUrl = external;
      return;
    }
    Path log = Files.createTempFile("e2e-postgres", ".log");
    postgres =
        EmbeddedPostgres.builder()
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void storesEveryEntryOnceThroughAnIngestorRestart() throws Exception {
    String topic = TopicReader.uniqueTopic("e2e");
    BROKER.createTopics(3, topic);
    String schema = "e2e_" + topic.substring(topic.lastIndexOf('-') + 1);
    String group = "g-" + topic;
    Set<String> logged = new HashSet<>();

    try (PostgresLogSink storage = PostgresLogSink.builder().jdbcUrl(jdbcUrl).schema(schema).build();
        LogPipeline service =
            LogPipeline.builder()
                .config(TestPipelines.config().build())
                .configuredSinks(false)
                .sink(KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build())
                .build()) {
      PlatformLogger log = PlatformLogger.on(service, "checkout");
      LogIngestor first = ingestor(topic, group, storage).start();
      for (int i = 0; i < 600; i++) {
        log.info("order {} placed", i);
        logged.add("order " + i + " placed");
      }
      LogIngestorTest.await("the first ingestor has stored 200", () -> first.stats().stored() >= 200, () -> "first stored " + first.stats());
      first.close(); // restart in the middle, while the service keeps logging

      for (int i = 600; i < 1000; i++) {
        log.info("order {} placed", i);
        logged.add("order " + i + " placed");
      }
      assertThat(service.flush(java.time.Duration.ofSeconds(60))).isTrue();
      try (LogIngestor second = ingestor(topic, group, storage).start()) {
        LogIngestorTest.await("the group has committed all 1000",
            () -> LogIngestorTest.committed(group, topic) == 1000,
            () -> "committed " + LogIngestorTest.committed(group, topic) + ", rows " + rows(schema));
      }
    }

    Map<String, Long> stored = rows(schema);
    assertThat(stored.keySet()).as("0 lost").containsExactlyInAnyOrderElementsOf(logged);
    assertThat(stored.values()).as("0 duplicated").allMatch(n -> n == 1);
  }

  @Test
  void rebalancesAndAnAbruptStopLoseNothingAndStoreNothingTwice() throws Exception {
    String topic = TopicReader.uniqueTopic("e2e-rebalance");
    BROKER.createTopics(4, topic);
    String schema = "e2e_" + topic.substring(topic.lastIndexOf('-') + 1);
    String group = "g-" + topic;
    Set<String> logged = ConcurrentHashMap.newKeySet();
    Path forkedOutput = Files.createTempFile("forked-ingestor", ".log");

    try (PostgresLogSink storage = PostgresLogSink.builder().jdbcUrl(jdbcUrl).schema(schema).build();
        LogPipeline service =
            LogPipeline.builder()
                .config(TestPipelines.config().build())
                .configuredSinks(false)
                .sink(KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build())
                .build()) {
      PlatformLogger log = PlatformLogger.on(service, "checkout");
      AtomicBoolean logging = new AtomicBoolean(true);
      Thread traffic =
          new Thread(
              () -> {
                for (int i = 0; logging.get(); i++) {
                  try (LogContext.Scope tenant = LogContext.with().tenantId("t-" + (i % 7)).open()) {
                    log.info("order {} placed", i);
                  }
                  logged.add("order " + i + " placed");
                  if (i % 20 == 19) {
                    // a steady flow (about 2 000 entries/s at most) rather than one burst
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                  }
                }
              },
              "service-traffic");
      traffic.start();
      Process forked = null;
      try (LogIngestor first = ingestor(topic, group, storage).start();
          LogIngestor second = ingestor(topic, group, storage)) {
        LogIngestorTest.await("the first member has stored 200", () -> first.stats().stored() >= 200, () -> "first: " + first.stats());

        // A second member in its own JVM joins mid-stream, stores and commits ...
        forked = forkIngestor(topic, group, forkedOutput);
        Process f = forked;
        LogIngestorTest.await("the forked member owns partitions",
            () -> !partitionsOf(group, "forked-ingestor").isEmpty(),
            () -> "forked member alive " + f.isAlive() + ", output: " + read(forkedOutput));
        Set<TopicPartition> forkedOwns = partitionsOf(group, "forked-ingestor");
        long forkedStart = committedOn(group, forkedOwns);
        LogIngestorTest.await("the forked member has committed 100 more",
            () -> committedOn(group, forkedOwns) >= forkedStart + 100,
            () -> "forked member on " + forkedOwns + " committed " + committedOn(group, forkedOwns)
                + " from " + forkedStart + ", alive " + f.isAlive() + ", output: " + read(forkedOutput));
        // ... a third joins ...
        second.start();
        LogIngestorTest.await("the third member has stored 200", () -> second.stats().stored() >= 200, () -> "second: " + second.stats());
        // ... the forked one dies without leaving the group (SIGKILL), its last batch stored but
        // perhaps not committed, and the first leaves cleanly, all while the service logs on.
        forked.destroyForcibly();
        assertThat(forked.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long beforeLeaving = second.stats().stored();
        first.close();
        LogIngestorTest.await("the remaining member has stored 500 more",
            () -> second.stats().stored() >= beforeLeaving + 500, () -> "second alone: " + second.stats());

        logging.set(false);
        traffic.join();
        assertThat(service.flush(java.time.Duration.ofSeconds(60))).isTrue();
        int total = logged.size();
        LogIngestorTest.await("the group has committed every entry logged",
            () -> LogIngestorTest.committed(group, topic) == total,
            () -> "committed " + LogIngestorTest.committed(group, topic) + " of " + total + "; second: "
                + second.stats());
        assertThat(first.failure()).isNull();
        assertThat(second.failure()).isNull();
      } finally {
        logging.set(false);
        traffic.join();
        if (forked != null) {
          forked.destroyForcibly();
        }
      }
    }

    Map<String, Long> stored = rows(schema);
    assertThat(logged).hasSizeGreaterThan(1000);
    assertThat(stored.keySet()).as("0 lost").containsExactlyInAnyOrderElementsOf(logged);
    assertThat(stored.values()).as("0 duplicated").allMatch(n -> n == 1);
  }

  /** LogIngestorMain in a JVM of its own, so that it can be killed without leaving the group. */
  /** Random printable ASCII: PostgreSQL cannot compress it under the B-tree's 2704-byte limit. */
  private static String poison(long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder sb = new StringBuilder(6000);
    for (int i = 0; i < 6000; i++) {
      sb.append((char) ('!' + random.nextInt(94)));
    }
    return sb.toString();
  }

  @Test
  void aRecordWithAPoisonInAnIndexedFieldGoesToTheDeadLetterTopicAndEveryLaterEntryIsStored()
      throws Exception {
    String topic = TopicReader.uniqueTopic("e2e-poison");
    BROKER.createTopics(1, topic, topic + ".dlq");
    String schema = "e2e_" + topic.substring(topic.lastIndexOf('-') + 1);
    String group = "g-" + topic;
    // Records anyone can produce to the topic: none went through the entry builder's bounds.
    Map<String, java.util.function.UnaryOperator<LogEntry.Builder>> fields = new java.util.LinkedHashMap<>();
    fields.put("id", b -> b.id(poison(1)));
    fields.put("tenant_id", b -> b.tenantId(poison(2)));
    fields.put("request_id", b -> b.requestId(poison(3)));
    fields.put("trace_id", b -> b.traceId(poison(4)));
    fields.put("service", b -> b.service(poison(5)));
    fields.put("event_type", b -> b.eventType(poison(6)));
    List<LogEntry> published = new java.util.ArrayList<>();
    Set<String> good = new HashSet<>();
    for (Map.Entry<String, java.util.function.UnaryOperator<LogEntry.Builder>> f : fields.entrySet()) {
      published.add(f.getValue().apply(LogEntry.builder().level(Level.INFO).message("poison in " + f.getKey())).build());
      for (int i = 0; i < 3; i++) {
        String message = "good after " + f.getKey() + " " + i;
        published.add(LogEntry.builder().level(Level.INFO).message(message).tenantId("t-1").build());
        good.add(message);
      }
    }
    try (KafkaLogSink producer =
        KafkaLogSink.builder().bootstrapServers(BROKER.bootstrapServers()).topic(topic).build()) {
      producer.write(published);
    }

    try (PostgresLogSink storage = PostgresLogSink.builder().jdbcUrl(jdbcUrl).schema(schema).build();
        LogIngestor ingestor = ingestor(topic, group, storage).start()) {
      LogIngestorTest.await("the group has committed every record published",
          () -> LogIngestorTest.committed(group, topic) == published.size(),
          () -> "committed " + LogIngestorTest.committed(group, topic) + ", " + ingestor.stats());
      assertThat(ingestor.stats().deadLettered()).isEqualTo(fields.size());
    }
    assertThat(rows(schema).keySet()).containsExactlyInAnyOrderElementsOf(good);
    List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> dead =
        TopicReader.records(BROKER.bootstrapServers(), topic + ".dlq");
    assertThat(dead).hasSize(fields.size()).allSatisfy(r ->
        assertThat(new String(r.headers().lastHeader(LogIngestor.REASON_HEADER).value(), java.nio.charset.StandardCharsets.UTF_8))
            .contains("rejected by sink").contains("54000"));
  }

  private static Process forkIngestor(String topic, String group, Path output) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.platformlogger.kafka.LogIngestorMain",
            "--bootstrap-servers", BROKER.bootstrapServers(),
            "--topics", topic,
            "--group", group,
            "--dead-letter-topic", topic + ".dlq",
            "--batch-size", "100",
            "--sink", "postgres",
            "--sink-property", "url=" + jdbcUrl,
            "--sink-property", "schema=" + "e2e_" + topic.substring(topic.lastIndexOf('-') + 1),
            "--consumer-property", "client.id=forked-ingestor",
            // the group notices the killed member after this long (the broker's minimum is 6 s)
            "--consumer-property", "session.timeout.ms=6000",
            "--consumer-property", "heartbeat.interval.ms=1000")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  /** The partitions the group member with this client id owns now (empty while rebalancing). */
  private static Set<TopicPartition> partitionsOf(String group, String clientId) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
      List<MemberDescription> members =
          admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(60, TimeUnit.SECONDS).members()
              .stream()
              .filter(m -> m.clientId().equals(clientId))
              .collect(Collectors.toList());
      return members.stream()
          .flatMap(m -> m.assignment().topicPartitions().stream())
          .collect(Collectors.toSet());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The group's committed offsets summed over these partitions. */
  private static long committedOn(String group, Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return 0;
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
      return partitions.stream()
          .map(offsets::get)
          .filter(o -> o != null)
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static LogIngestor ingestor(String topic, String group, PostgresLogSink storage) {
    return LogIngestor.builder()
        .bootstrapServers(BROKER.bootstrapServers())
        .topics(topic)
        .groupId(group)
        .deadLetterTopic(topic + ".dlq")
        .batchSize(100)
        .sink(storage)
        .build();
  }

  /** Rows per message in the schema's log table. */
  private static Map<String, Long> rows(String schema) {
    Map<String, Long> out = new java.util.HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT message, count(*) FROM " + schema + ".platform_logs GROUP BY message")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (java.sql.SQLException e) {
      return out; // the table is created on the first write
    }
    return out;
  }
}
