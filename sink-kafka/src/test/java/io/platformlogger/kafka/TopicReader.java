package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic back from its beginning, and what a group committed on it, for assertions. */
final class TopicReader {
  private TopicReader() {}

  /** A new topic name no other test uses. */
  static String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Every record of the topic (all partitions) up to the current end, partition by partition. */
  static List<ConsumerRecord<byte[], byte[]>> records(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(60));
      List<TopicPartition> parts =
          infos.stream().map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      readToEnd(c, topic, parts, end, Duration.ofSeconds(60), r -> out.add(r));
      return out;
    }
  }

  static List<LogEntry> entries(String bootstrap, String topic) {
    return records(bootstrap, topic).stream()
        .map(r -> LogEntryJson.decode(r.value()))
        .collect(Collectors.toList());
  }

  /** Waits (up to 2 minutes) until the topic holds at least {@code count} records, and returns them all. */
  static List<LogEntry> awaitEntries(String bootstrap, String topic, int count) {
    return Await.value("at least " + count + " records in " + topic, Duration.ofMinutes(2),
        () -> new Entries(entries(bootstrap, topic)), e -> e.list.size() >= count).list;
  }

  /** Records read so far, which a failed wait reports by count (the entries themselves would be thousands of lines). */
  private record Entries(List<LogEntry> list) {
    @Override
    public String toString() {
      return list.size() + " records";
    }
  }

  /**
   * Polls {@code c} (assigned {@code parts}) until its position on every partition reaches {@code
   * end}, handing each record to {@code each}; fails (with the {@link Await} message) after {@code
   * within}.
   */
  static <K, V> void readToEnd(KafkaConsumer<K, V> c, String topic, List<TopicPartition> parts,
      Map<TopicPartition, Long> end, Duration within, Consumer<ConsumerRecord<K, V>> each) {
    Await.until("read " + topic + " up to " + end, within, () -> {
      if (reachedEnd(c, parts, end)) {
        return true;
      }
      c.poll(Duration.ofMillis(200)).forEach(each);
      return false;
    });
  }

  private static boolean reachedEnd(
      KafkaConsumer<?, ?> c, List<TopicPartition> parts, Map<TopicPartition, Long> end) {
    for (TopicPartition tp : parts) {
      if (c.position(tp, Duration.ofSeconds(60)) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of("bootstrap.servers", bootstrap, "max.partition.fetch.bytes", 8 * 1024 * 1024),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Offsets the group committed on the topic, summed over its partitions. */
  static long committed(String bootstrap, String group, String topic) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
