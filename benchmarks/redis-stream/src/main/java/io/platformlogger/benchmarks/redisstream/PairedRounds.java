package io.platformlogger.benchmarks.redisstream;

import io.platformlogger.benchmarks.support.AlternatingSlices;
import io.platformlogger.benchmarks.support.AlternatingSlices.Case;
import java.util.List;

/**
 * Main-driven companion of {@link RedisStreamThroughput} for a loaded machine: the three cases in
 * {@link AlternatingSlices}, each against the raw-XADD anchor.
 *
 * <p>{@code java -cp benchmarks.jar io.platformlogger.benchmarks.redisstream.PairedRounds [batch
 * sizes, default 50,500] [rounds, default 12] [slice ms, default 1000]}
 */
public final class PairedRounds {
  private PairedRounds() {}

  public static void main(String[] args) throws Exception {
    AlternatingSlices.Settings settings = AlternatingSlices.Settings.parse(args, "50,500");
    AlternatingSlices.printHeader();
    for (int size : settings.batchSizes()) {
      RedisStreamThroughput b = new RedisStreamThroughput();
      b.batchSize = size;
      b.start();
      try {
        AlternatingSlices.measure(settings, size, List.of(new Case("rawPipelinedXadd", 0, b::rawPipelinedXadd),
            new Case("sink", 0, b::sink), new Case("sinkWithoutDedup", 0, b::sinkWithoutDedup)));
      } finally {
        b.stop();
      }
    }
  }
}
