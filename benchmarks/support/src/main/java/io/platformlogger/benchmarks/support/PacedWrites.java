package io.platformlogger.benchmarks.support;

import io.platformlogger.core.LogEntry;
import io.platformlogger.redis.RedisStreamLogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Live entries for the stream benchmarks: written to {@link ServiceUnderTest#STREAM} through
 * {@link RedisStreamLogSink} at a set rate, a batch every 10 ms, each entry built (and so
 * timestamped) just before its batch is written. Runs on the calling thread until the last write.
 */
public final class PacedWrites {
  private PacedWrites() {}

  /** Writes rate × seconds entries; entry j is entryAt.apply(j), called in order 0, 1, 2, ... */
  public static void write(String redisUrl, int rate, int seconds, IntFunction<LogEntry> entryAt) throws Exception {
    int total = rate * seconds;
    try (RedisStreamLogSink sink = RedisStreamLogSink.builder().uri(redisUrl).stream(ServiceUnderTest.STREAM).build()) {
      int perTick = Math.max(1, rate / 100); // every 10 ms
      long start = System.nanoTime();
      for (int i = 0; i < total; i += perTick) {
        long due = start + (long) (i / (double) rate * 1e9);
        while (System.nanoTime() < due) {
          Thread.sleep(0, 200_000);
        }
        List<LogEntry> batch = new ArrayList<>(perTick);
        for (int j = i; j < Math.min(total, i + perTick); j++) {
          batch.add(entryAt.apply(j));
        }
        sink.write(batch);
      }
    }
  }
}
