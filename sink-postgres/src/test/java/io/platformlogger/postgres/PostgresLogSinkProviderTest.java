package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PostgresLogSinkProviderTest {

  @Test
  void isFoundThroughTheServiceLoaderAsPostgres() {
    assertThat(ServiceLoader.load(LogSinkProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> {
          assertThat(p).isInstanceOf(PostgresLogSinkProvider.class);
          assertThat(p.name()).isEqualTo("postgres");
        });
  }

  @Test
  void createsASinkFromItsKeysWithoutConnecting() throws Exception {
    LogSink sink = new PostgresLogSinkProvider().create(Map.of(
        "url", "jdbc:postgresql://127.0.0.1:1/logs", "user", "u", "password", "p", "schema", "logs",
        "migrate", "false", "partition.interval", "week", "partitions.ahead", "2", "pool.size", "3",
        "connection.timeout.ms", "500", "batch.size", "2000"));
    try {
      assertThat(sink).isInstanceOf(PostgresLogSink.class);
      assertThat(sink.maxBatchSize()).isEqualTo(2000);
      assertThat(((PostgresLogSink) sink).schema()).isEqualTo("logs");
    } finally {
      sink.close();
    }
  }

  @Test
  void namesTheKeyAndWhatToChangeForBadSettings() {
    PostgresLogSinkProvider p = new PostgresLogSinkProvider();
    assertThatThrownBy(() -> p.create(Map.of("url", "postgresql://app:hunter2@db/logs?password=hunter2")))
        .hasMessage("sink.postgres: url is 'postgresql://app:[REDACTED]@db/logs?password=[REDACTED]': it must start with jdbc:postgresql:");
    assertThatThrownBy(() -> PostgresLogStore.connect("postgres://app:hunter2@db/logs", "app", "x", "public"))
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> p.create(Map.of()))
        .hasMessage("sink.postgres.url is missing: set it to the server, such as jdbc:postgresql://db:5432/logs");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "pool.size", "many")))
        .hasMessage("sink.postgres.pool.size is 'many': use a whole number");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "partition.interval", "day")))
        .hasMessage("sink.postgres.partition.interval is 'day': use month or week");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "future.skew.hours", "0")))
        .hasMessageStartingWith("sink.postgres: future.skew.hours is PT0S: use 1 minute to 400 days");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "migrate", "yes")))
        .hasMessage("sink.postgres.migrate is 'yes': use true or false");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "batchsize", "1")))
        .hasMessageStartingWith("sink.postgres.batchsize is not a setting of the postgres sink");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "schema", "Logs")))
        .hasMessageContaining("schema is 'Logs'").hasMessageContaining("lower-case");
    assertThatThrownBy(() -> p.create(Map.of("url", "jdbc:postgresql://x/y", "batch.size", "0")))
        .hasMessageContaining("batch.size is 0");
  }
}
