package io.platformlogger.benchmarks.lokiotlp;

import io.platformlogger.benchmarks.support.AlternatingSlices;
import io.platformlogger.benchmarks.support.AlternatingSlices.Case;
import java.util.List;

/**
 * Entries per second of the Loki and OTLP sinks against their raw clients ({@link Cases}), for a
 * loaded machine: the five cases in {@link AlternatingSlices}, each against its anchor (raw Loki for
 * the Loki cases, the raw SDK exporter for the OTLP sink).
 *
 * <p>{@code java -cp benchmarks.jar io.platformlogger.benchmarks.lokiotlp.PairedRounds [batch
 * sizes, default 100,1000] [rounds, default 12] [slice ms, default 1000]}
 */
public final class PairedRounds {
  private PairedRounds() {}

  public static void main(String[] args) throws Exception {
    AlternatingSlices.Settings settings = AlternatingSlices.Settings.parse(args, "100,1000");
    AlternatingSlices.printHeader();
    for (int size : settings.batchSizes()) {
      try (Cases c = new Cases(size)) {
        AlternatingSlices.measure(settings, size, List.of(new Case("rawLoki", 0, c::rawLoki), new Case("lokiSink", 0, c::lokiSink),
            new Case("lokiSinkEncoding", 0, c::lokiSinkEncoding), new Case("rawOtlp", 3, c::rawOtlp), new Case("otlpSink", 3, c::otlpSink)));
      }
    }
  }
}
