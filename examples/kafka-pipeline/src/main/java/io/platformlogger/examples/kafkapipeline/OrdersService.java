package io.platformlogger.examples.kafkapipeline;

import io.platformlogger.core.Environment;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.kafka.KafkaLogSink;
import java.time.Duration;
import java.util.Map;

/**
 * A service on the telemetry bus: its entries go to Kafka only, never to the database; a separate
 * {@code LogIngestorMain} process stores them. Arguments: bootstrap servers, topic, number of
 * orders. Run the ingestor beside it:
 *
 * <pre>
 * java -cp ... io.platformlogger.kafka.LogIngestorMain --bootstrap-servers HOST:PORT \
 *   --topics telemetry.logs --sink postgres --sink-property url=jdbc:postgresql://db/logs
 * </pre>
 */
public final class OrdersService {
  private OrdersService() {}

  public static void main(String[] args) {
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    String topic = args.length > 1 ? args[1] : "telemetry.logs";
    int orders = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    run(bootstrap, topic, orders);
  }

  /** Logs {@code orders} orders through Kafka and returns how many entries the sink published. */
  static long run(String bootstrap, String topic, int orders) {
    KafkaLogSink kafka = KafkaLogSink.builder().bootstrapServers(bootstrap).topic(topic).build();
    LogPipeline pipeline =
        LogPipeline.builder()
            .config(
                PlatformLoggerConfig.builder()
                    .service("orders")
                    .environment(Environment.STAGING)
                    .consoleEnabled(false)
                    .shutdownHook(false)
                    .build())
            .sink(kafka)
            .build();
    PlatformLogger log = PlatformLogger.on(pipeline, "orders");
    for (int i = 1; i <= orders; i++) {
      String tenant = i % 2 == 0 ? "t-acme" : "t-globex";
      try (LogContext.Scope scope = LogContext.with().tenantId(tenant).requestId("req-" + i).open()) {
        log.info("order placed", Map.of("order_id", i));
      }
    }
    pipeline.close(Duration.ofSeconds(60)); // flushes to Kafka before returning
    return pipeline.stats().sink(kafka.name()).written();
  }
}
