package io.platformlogger.kafka;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.time.Duration;
import java.util.Map;

/**
 * Creates a {@link KafkaLogSink} from {@code sink.kafka.*} properties ({@code sinks=kafka}):
 *
 * <pre>
 * sink.kafka.bootstrap-servers=kafka-1:9092,kafka-2:9092   (required)
 * sink.kafka.topic=telemetry.logs
 * sink.kafka.route.events=telemetry.events                 (route.&lt;stream&gt;=&lt;topic&gt;; empty removes it)
 * sink.kafka.key=tenant|trace|none
 * sink.kafka.max-batch-size=2000
 * sink.kafka.max-batches-in-flight=4
 * sink.kafka.close-timeout-ms=5000
 * sink.kafka.producer.&lt;any producer property&gt;=...       (for example producer.security.protocol=SASL_SSL)
 * </pre>
 *
 * Stateless and thread-safe; connects to nothing.
 */
public final class KafkaLogSinkProvider implements LogSinkProvider {
  private static final String PREFIX = "sink.kafka.";

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public LogSink create(Map<String, String> properties) {
    KafkaLogSink.Builder b = KafkaLogSink.builder();
    for (Map.Entry<String, String> p : properties.entrySet()) {
      String k = p.getKey();
      String v = p.getValue() == null ? "" : p.getValue().trim();
      if (k.equals("bootstrap-servers")) {
        b.bootstrapServers(v);
      } else if (k.equals("topic")) {
        b.topic(v);
      } else if (k.startsWith("route.") && k.length() > "route.".length()) {
        b.route(k.substring("route.".length()), v.isEmpty() ? null : v);
      } else if (k.equals("key")) {
        b.key(MessageKey.parse(v, PREFIX + k));
      } else if (k.equals("max-batch-size")) {
        b.maxBatchSize(positiveInt(v, k));
      } else if (k.equals("max-batches-in-flight")) {
        b.maxBatchesInFlight(positiveInt(v, k));
      } else if (k.equals("close-timeout-ms")) {
        b.closeTimeout(Duration.ofMillis(positiveInt(v, k)));
      } else if (k.startsWith("producer.") && k.length() > "producer.".length()) {
        b.producerProperty(k.substring("producer.".length()), v);
      } else {
        throw new IllegalArgumentException(
            PREFIX + k + " is not a Kafka sink setting: use bootstrap-servers, topic, route.<stream>,"
                + " key, max-batch-size, max-batches-in-flight, close-timeout-ms or producer.<Kafka producer property>");
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
    }
  }

  private static int positiveInt(String v, String key) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        PREFIX + key + " is '" + v + "': set it to a whole number, such as 2000");
  }
}
