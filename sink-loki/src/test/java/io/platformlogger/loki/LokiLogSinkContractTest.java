package io.platformlogger.loki;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.testkit.LogSinkContract;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink against the testkit's contract, pushing to {@link LokiReceiver} (Loki's documented push
 * rules, not a real Loki). Lines over Loki's default 256 000-byte limit are cut, so the large
 * message is 200 000 characters.
 */
class LokiLogSinkContractTest extends LogSinkContract {
  @RegisterExtension static final LokiReceiver loki = new LokiReceiver();

  @Override
  protected LogSink createSink() {
    loki.clear();
    return LokiLogSink.builder().url(loki.url()).build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    return loki.entries();
  }

  @Override
  protected int largeMessageChars() {
    return 200_000;
  }
}
