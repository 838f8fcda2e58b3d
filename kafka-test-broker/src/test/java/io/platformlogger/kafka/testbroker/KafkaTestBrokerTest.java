package io.platformlogger.kafka.testbroker;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaTestBrokerTest {
  private static KafkaTestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaTestBroker.startLocal();
  }

  @AfterAll
  static void closeBroker() {
    broker.close();
  }

  @Test
  void keepsWhatItStoredAcrossAKillAndARestart() throws Exception {
    produce(broker, "first");
    produce(broker, "second");
    broker.kill();
    assertThat(broker.isRunning()).isFalse();
    broker.start();
    assertThat(broker.isRunning()).isTrue();

    assertThat(readAll(broker, 2)).containsExactly("first", "second");
  }

  @Test
  void createdTopicsHaveEveryPartitionLedByTheBrokerOnReturn() throws Exception {
    broker.createTopics(3, "made-ahead-a", "made-ahead-b");

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(List.of("made-ahead-a", "made-ahead-b")).allTopicNames().get(60, TimeUnit.SECONDS);
      assertThat(topics.values())
          .allSatisfy(t -> assertThat(t.partitions()).hasSize(3).allMatch(p -> p.leader() != null));
      // Answered by each partition's leader, which the broker is only once it opened the partition.
      Map<TopicPartition, OffsetSpec> all = new HashMap<>();
      for (String t : topics.keySet()) {
        for (int p = 0; p < 3; p++) {
          all.put(new TopicPartition(t, p), OffsetSpec.latest());
        }
      }
      assertThat(admin.listOffsets(all, new ListOffsetsOptions().timeoutMs(1000)).all().get(60, TimeUnit.SECONDS))
          .hasSize(6)
          .allSatisfy((tp, offsets) -> assertThat(offsets.offset()).isZero());
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
      Await.until(expected + " records read back from broker-test", Duration.ofSeconds(60), () -> {
        c.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        return values.size() >= expected;
      });
    }
    return values;
  }
}
