package io.platformlogger.otlp;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.testkit.LogSinkContract;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink against the testkit's contract, exporting to {@link OtlpReceiver} (the generated OTLP
 * classes decode what was sent; no real collector). Entries are rebuilt from the records by the
 * mapping backwards ({@link OtlpDecoding}), so every field must survive OTLP.
 */
class OtlpLogSinkContractTest extends LogSinkContract {
  @RegisterExtension static final OtlpReceiver otlp = new OtlpReceiver();

  @Override
  protected LogSink createSink() {
    otlp.clear();
    return OtlpLogSink.builder().endpoint(otlp.url()).build();
  }

  @Override
  protected List<LogEntry> storedEntries(LogSink sink) {
    List<LogEntry> entries = new ArrayList<>();
    otlp.records().forEach(r -> entries.add(OtlpDecoding.entry(r)));
    entries.sort(Comparator.comparing(LogEntry::id));
    return entries;
  }
}
