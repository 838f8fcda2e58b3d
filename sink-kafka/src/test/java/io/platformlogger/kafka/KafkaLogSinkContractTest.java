package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.testkit.LogSinkContract;
import java.util.List;

/** The testkit's sink contract, read back from the topic with a consumer. */
class KafkaLogSinkContractTest extends LogSinkContract {
  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  @Override
  protected LogSink createSink() throws Exception {
    // Topics are created up front, as in production: a producer meeting an unknown topic waits
    // for its auto-creation longer than the sink's max.block.ms.
    String topic = TopicReader.uniqueTopic("contract");
    BROKER.createTopics(1, topic);
    return KafkaLogSink.builder()
        .bootstrapServers(BROKER.bootstrapServers())
        .topic(topic)
        .route("events", null) // every entry in the one topic read back
        .build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    return TopicReader.entries(BROKER.bootstrapServers(), ((KafkaLogSink) sink).topic());
  }

  @Override
  protected void awaitStored(LogSink sink, int expectedCount) {
    TopicReader.awaitEntries(BROKER.bootstrapServers(), ((KafkaLogSink) sink).topic(), expectedCount);
  }
}
