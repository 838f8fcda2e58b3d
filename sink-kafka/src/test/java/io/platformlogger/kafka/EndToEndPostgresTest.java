package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service logs to Kafka; LogIngestor stores into a real PostgreSQL, restarted half-way. */
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
    TopicReader.createTopic(BROKER.bootstrapServers(), topic, 3);
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
      LogIngestorTest.await(() -> first.stats().stored() >= 200, () -> "first stored " + first.stats());
      first.close(); // restart in the middle, while the service keeps logging

      for (int i = 600; i < 1000; i++) {
        log.info("order {} placed", i);
        logged.add("order " + i + " placed");
      }
      assertThat(service.flush(java.time.Duration.ofSeconds(60))).isTrue();
      try (LogIngestor second = ingestor(topic, group, storage).start()) {
        LogIngestorTest.await(
            () -> LogIngestorTest.committed(group, topic) == 1000,
            () -> "committed " + LogIngestorTest.committed(group, topic) + ", rows " + rows(schema));
      }
    }

    Map<String, Long> stored = rows(schema);
    assertThat(stored.keySet()).as("0 lost").containsExactlyInAnyOrderElementsOf(logged);
    assertThat(stored.values()).as("0 duplicated").allMatch(n -> n == 1);
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
