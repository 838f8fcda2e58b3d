package io.platformlogger.kafka.testbroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTestBrokerTest {

  @Test
  void keepsWhatItStoredAcrossAKillAndARestart() throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.startLocal()) {
      produce(broker, "first");
      produce(broker, "second");
      broker.kill();
      assertThat(broker.isRunning()).isFalse();
      broker.start();
      assertThat(broker.isRunning()).isTrue();

      assertThat(readAll(broker, 2)).containsExactly("first", "second");
    }
  }

  private static void produce(KafkaTestBroker broker, String value) throws Exception {
    Map<String, Object> config =
        Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all");
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      p.send(new ProducerRecord<>("broker-test", value)).get(60, TimeUnit.SECONDS);
    }
  }

  private static List<String> readAll(KafkaTestBroker broker, int expected) {
    Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("broker-test", 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
