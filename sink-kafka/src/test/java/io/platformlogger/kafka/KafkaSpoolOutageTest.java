package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.testkit.DrillResult;
import io.platformlogger.testkit.OutageDrill;
import io.platformlogger.testkit.SpoolOutageRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable spool against a Kafka outage: a broker of this class's own is killed (SIGKILL) under
 * a steady load from four threads and started again. No caller waits for the broker (caller
 * latency per phase is printed, not asserted). Kafka is at least once at the sink, so the topic
 * must hold every entry at least once (duplicates are counted and printed); exactly once holds
 * where the design guarantees it: after {@link LogIngestor} stored the topic into a real
 * PostgreSQL, every entry is there once. With {@value OutageDrill#SOAK_SECONDS_PROPERTY} set (the
 * {@code soak} profile), the broker is killed again and again for that long.
 */
class KafkaSpoolOutageTest {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static KafkaTestBroker broker;
  private static EmbeddedPostgres postgres;
  private static String jdbcUrl;

  @TempDir Path tmp;

  @BeforeAll
  static void startServers() throws Exception {
    // Both at once: each takes seconds to start on a busy machine.
    CompletableFuture<KafkaTestBroker> kafka = CompletableFuture.supplyAsync(KafkaTestBroker::startLocal); // ours: this test kills it
    String external = System.getenv("PLATFORM_LOGGER_TEST_PG_URL");
    try {
      if (external != null && !external.isBlank()) {
        jdbcUrl = external;
      } else {
        Path log = Files.createTempFile("kafka-spool-outage-postgres", ".log");
        postgres = EmbeddedPostgres.builder()
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
      }
    } catch (Exception | Error e) {
      kafka.thenAccept(KafkaTestBroker::close); // no broker left running
      throw e;
    }
    broker = kafka.get(3, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theBrokerKilledUnderLoadBlocksNoCallerAndEveryEntryIsInTheTopicAndStoredOnceByTheIngestor() throws Exception {
    String topic = TopicReader.uniqueTopic("spool-outage");
    broker.createTopics(3, topic);
    OutageDrill drill = OutageDrill.fromSystemProperties(1500);
    SpoolOutageRun run = SpoolOutageRun.start(TestPipelines.config().service("kafka-spool-outage"), tmp.resolve("spool"),
        KafkaLogSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build());
    // At most 2 000 calls/s: a killed broker takes 10-20 s to come back here, and every entry
    // logged meanwhile is then read back from the topic and stored in PostgreSQL.
    Duration pause = Duration.ofMillis(2);
    DrillResult result = run.drill(drill, pause, run.ofServer(broker::kill, broker::start));
    SinkStats sink = run.drain(WAIT);
    long total = result.calls();

    Topic published = readTopic(topic);
    long duplicates = published.records - published.idsByMessage.size();

    String group = "g-" + topic;
    String schema = "spool_" + topic.substring(topic.lastIndexOf('-') + 1);
    try (PostgresLogSink storage = PostgresLogSink.builder().jdbcUrl(jdbcUrl).schema(schema).build();
        LogIngestor ingestor = LogIngestor.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topics(topic)
            .groupId(group)
            .deadLetterTopic(topic + ".dlq")
            .batchSize(1000)
            .sink(storage)
            .build()
            .start()) {
      LogIngestorTest.await("the ingestor has committed the whole topic", WAIT,
          () -> committed(group, topic) == published.endOffsets,
          () -> "ingestor committed " + committed(group, topic) + " of " + published.endOffsets + "; " + ingestor.stats());
    }

    run.report("Kafka broker killed", result, "entries " + total + ", records in the topic " + published.records
        + ", duplicates " + duplicates + "; sink retries " + sink.retries());

    assertThat(SpoolOutageRun.missing(result, published.idsByMessage::containsKey))
        .as("entries missing from the topic (0 lost)").isEmpty();
    assertThat(published.idsByMessage.values()).as("one entry id per message: a duplicate is a resend").allMatch(ids -> ids.size() == 1);
    assertThat(published.idsByMessage).hasSize((int) total);
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message), count(DISTINCT id) FROM " + schema + ".platform_logs")) {
      rs.next();
      assertThat(rs.getLong(1)).as("rows in PostgreSQL (0 duplicated)").isEqualTo(total);
      assertThat(rs.getLong(2)).as("distinct messages in PostgreSQL (0 lost)").isEqualTo(total);
      assertThat(rs.getLong(3)).as("distinct ids in PostgreSQL").isEqualTo(total);
    }
    run.assertEntriesWaitedInTheSpoolAndNoneWasShedOrFailed(sink);
  }

  /** What the topic holds: records, and the entry ids seen for each message. */
  private static final class Topic {
    long records;
    long endOffsets;
    final Map<String, java.util.Set<String>> idsByMessage = new HashMap<>();
  }

  /** Reads the topic up to its end, counting instead of keeping the records (a soak has many). */
  private static Topic readTopic(String topic) {
    Topic out = new Topic();
    try (KafkaConsumer<byte[], byte[]> c = TopicReader.consumer(broker.bootstrapServers())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(i -> new TopicPartition(topic, i.partition()))
          .collect(Collectors.toList());
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
      out.endOffsets = end.values().stream().mapToLong(Long::longValue).sum();
      TopicReader.readToEnd(c, topic, parts, end, WAIT, r -> {
        LogEntry e = LogEntryJson.decode(r.value());
        out.records++;
        out.idsByMessage.computeIfAbsent(e.message(), m -> new java.util.HashSet<>(2)).add(e.id());
      });
    }
    return out;
  }

  /** Offsets the group committed on the topic, all partitions. */
  private static long committed(String group, String topic) {
    return TopicReader.committed(broker.bootstrapServers(), group, topic);
  }
}
