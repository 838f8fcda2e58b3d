package io.platformlogger.examples.kafkapipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.LogEntry;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.postgres.LogPage;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.testkit.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The service logs to a real Kafka broker; LogIngestorMain runs as its own JVM, as in production,
 * and stores into a real PostgreSQL; then it is stopped with SIGTERM and exits as a signalled JVM does.
 */
class KafkaPipelineTest {

  @Test
  void theIngestorProcessStoresEveryEntryTheServicePublishedAndStopsCleanly() throws Exception {
    KafkaTestBroker broker = KafkaTestBroker.shared();
    Path pgLog = Files.createTempFile("kafka-pipeline-pg", ".log");
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(pgLog.toFile()))
            .start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      String topic = "orders-" + System.nanoTime() + ".logs";
      Path ingestorLog = Files.createTempFile("ingestor", ".log");
      Process ingestor =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.platformlogger.kafka.LogIngestorMain",
                  "--bootstrap-servers", broker.bootstrapServers(),
                  "--topics", topic,
                  "--group", "ingest-" + topic,
                  "--sink", "postgres",
                  "--sink-property", "url=" + url,
                  "--sink-property", "schema=orders_logs")
              .redirectErrorStream(true)
              .redirectOutput(ingestorLog.toFile())
              .start();
      try {
        long published = OrdersService.run(broker.bootstrapServers(), topic, 200);
        assertThat(published).isEqualTo(200);

        List<LogEntry> stored;
        try (PostgresLogStore store = PostgresLogStore.connect(url, null, null, "orders_logs")) {
          stored = Await.value("the ingestor process has stored the 200 entries", Duration.ofSeconds(120),
              () -> storedSoFar(store, ingestor, ingestorLog), entries -> entries.size() >= 200);
        }
        assertThat(stored).as("ingestor output: %s", Files.readString(ingestorLog)).hasSize(200);
        Set<Object> orders = new HashSet<>();
        stored.forEach(e -> orders.add(e.data().get("order_id")));
        assertThat(orders).hasSize(200);
        assertThat(stored).allSatisfy(e -> assertThat(e.service()).isEqualTo("orders"));
      } finally {
        ingestor.destroy(); // SIGTERM: the ingestor commits, closes its sink and exits
      }
      assertThat(ingestor.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran (1 would mean a failure)
      assertThat(ingestor.exitValue()).as("ingestor output: %s", Files.readString(ingestorLog)).isEqualTo(143);
    }
  }

  /** What the store holds now (nothing before the ingestor created its table); fails if the ingestor died. */
  private static List<LogEntry> storedSoFar(PostgresLogStore store, Process ingestor, Path ingestorLog) {
    try {
      assertThat(ingestor.isAlive()).as("ingestor output: %s", Files.readString(ingestorLog)).isTrue();
      return readAll(store);
    } catch (java.sql.SQLException notYetCreated) {
      return List.of(); // the ingestor creates its table on the first write
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<LogEntry> readAll(PostgresLogStore store) throws Exception {
    List<LogEntry> all = new ArrayList<>();
    LogQuery query = LogQuery.allTenants().pageSize(1000).build();
    LogPage page = store.query(query);
    all.addAll(page.entries());
    while (page.hasMore()) {
      page = store.query(query, page.nextCursor());
      all.addAll(page.entries());
    }
    return all;
  }
}
