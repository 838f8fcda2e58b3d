package io.platformlogger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

/**
 * The ingestor's offset bookkeeping around rebalances, driven step by step with Kafka's
 * MockConsumer (the timing that makes a real group refuse a commit cannot be forced).
 */
class LogIngestorCommitTest {
  private static final String TOPIC = "logs";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  /**
   * A MockConsumer that calls its rebalance listener as a group member's consumer does (inside
   * poll) and refuses commits while a rebalance is in progress, as the real one does.
   */
  static final class GroupConsumer extends MockConsumer<byte[], byte[]> {
    private ConsumerRebalanceListener listener;
    private boolean rebalancing;
    final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();

    GroupConsumer() {
      super("earliest");
      updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Override
    public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
      super.subscribe(topics, listener);
      this.listener = listener;
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      if (rebalancing) {
        throw new RebalanceInProgressException("rebalancing");
      }
      commits.add(Map.copyOf(offsets));
      super.commitSync(offsets);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
      if (records.isEmpty()) {
        // a real poll waits for records; this keeps the ingestor's loop from spinning
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      return records;
    }

    /**
     * Next poll: both partitions assigned, P0 holds {@code count} entries, and a rebalance starts
     * (so their commit is refused).
     */
    void assignBothWithEntriesOnP0AndStartARebalance(int count) {
      schedulePollTask(
          () -> {
            rebalance(List.of(P0, P1));
            listener.onPartitionsAssigned(List.of(P0, P1));
            for (int i = 0; i < count; i++) {
              addRecord(new ConsumerRecord<>(TOPIC, 0, i, null, entry(i)));
            }
            rebalancing = true;
          });
    }

    /** A later poll completes the rebalance: revokes or loses the partitions, then assigns P1 only. */
    void finishTheRebalanceKeepingP1(boolean lost, Runnable then) {
      schedulePollTask(
          () -> {
            rebalancing = false; // the member still belongs to the generation being left
            if (lost) {
              listener.onPartitionsLost(List.of(P0, P1));
            } else {
              listener.onPartitionsRevoked(List.of(P0, P1));
            }
            rebalance(List.of(P1));
            listener.onPartitionsAssigned(List.of(P1));
            then.run();
          });
    }

    /** A later poll completes a rebalance that moved nothing (cooperative: no callbacks). */
    void finishTheRebalanceMovingNothing() {
      schedulePollTask(() -> rebalancing = false);
    }

    /** What the group holds: the latest commit per partition (MockConsumer's committed() answers 0 for unassigned ones). */
    synchronized Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
      Map<TopicPartition, OffsetAndMetadata> latest = new HashMap<>();
      commits.forEach(latest::putAll);
      return latest;
    }

    synchronized List<Map<TopicPartition, OffsetAndMetadata>> commitsMade() {
      return List.copyOf(commits);
    }

    ConsumerRebalanceListener listener() {
      return listener;
    }
  }

  private static byte[] entry(int i) {
    return LogEntryJson.encodeBytes(
        LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).message("entry " + i).build());
  }

  private static LogIngestor ingestor(GroupConsumer consumer, RecordingSink sink) {
    return LogIngestor.builder()
        .bootstrapServers("unused:9092")
        .topics(TOPIC)
        .sink(sink)
        .consumerFactory(config -> consumer)
        .build();
  }

  @Test
  void commitsWhatARebalanceRefusedBeforeThePartitionsAreRevoked() {
    GroupConsumer consumer = new GroupConsumer();
    RecordingSink sink = new RecordingSink();
    consumer.assignBothWithEntriesOnP0AndStartARebalance(5);

    try (LogIngestor ingestor = ingestor(consumer, sink).start()) {
      LogIngestorTest.await("a commit was deferred by the rebalance",
          () -> String.valueOf(ingestor.stats().lastError()).startsWith("commit deferred"),
          () -> "stats " + ingestor.stats());
      assertThat(sink.written()).hasSize(5);
      assertThat(consumer.committedOffsets()).as("refused while rebalancing").doesNotContainKey(P0);

      consumer.finishTheRebalanceKeepingP1(false, () -> {});
      LogIngestorTest.await("P0 is committed after the rebalance",
          () -> consumer.committedOffsets().containsKey(P0), () -> "commits " + consumer.commitsMade());
      assertThat(consumer.committedOffsets().get(P0).offset()).isEqualTo(5);
      assertThat(ingestor.stats().commitFailures()).isZero();
    }
  }

  @Test
  void commitsWhatARebalanceRefusedOnceItEndsWhenThePartitionsStay() {
    GroupConsumer consumer = new GroupConsumer();
    RecordingSink sink = new RecordingSink();
    consumer.assignBothWithEntriesOnP0AndStartARebalance(3);

    try (LogIngestor ingestor = ingestor(consumer, sink).start()) {
      LogIngestorTest.await("a commit was deferred by the rebalance",
          () -> String.valueOf(ingestor.stats().lastError()).startsWith("commit deferred"),
          () -> "stats " + ingestor.stats());
      consumer.finishTheRebalanceMovingNothing();
      LogIngestorTest.await("P0 is committed after the rebalance",
          () -> consumer.committedOffsets().containsKey(P0), () -> "commits " + consumer.commitsMade());
      assertThat(consumer.committedOffsets().get(P0).offset()).isEqualTo(3);
      assertThat(sink.written()).hasSize(3);
    }
  }

  @Test
  void neverCommitsOnPartitionsItLost() {
    GroupConsumer consumer = new GroupConsumer();
    RecordingSink sink = new RecordingSink();
    consumer.assignBothWithEntriesOnP0AndStartARebalance(4);

    try (LogIngestor ingestor = ingestor(consumer, sink).start()) {
      LogIngestorTest.await("a commit was deferred by the rebalance",
          () -> String.valueOf(ingestor.stats().lastError()).startsWith("commit deferred"),
          () -> "stats " + ingestor.stats());
      // Dropped from the group: another member owns P0 now and reads those 4 again.
      consumer.finishTheRebalanceKeepingP1(
          true, () -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, null, entry(100))));
      LogIngestorTest.await("P1 is committed after the rebalance",
          () -> consumer.committedOffsets().containsKey(P1), () -> "commits " + consumer.commitsMade());
      assertThat(consumer.commitsMade()).as("P0 is never committed by a member that lost it")
          .allSatisfy(c -> assertThat(c).doesNotContainKey(P0));
      assertThat(sink.written()).hasSize(5);
    }
  }
}
