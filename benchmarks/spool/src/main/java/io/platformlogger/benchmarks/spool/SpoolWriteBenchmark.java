package io.platformlogger.benchmarks.spool;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.spool.Spool;
import io.platformlogger.core.spool.SpoolUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entries per second onto disk: the spool (record header, CRC-32C, buffering, segment rolling)
 * against a plain sequential {@link FileChannel} write of the same JSON bytes through a buffer of
 * the same size; and the spool including the JSON encoding of each entry, which is what the
 * dispatcher pays. Batches of 50, as the default flush trigger hands them over; no fsync in any
 * (the spool syncs on an interval, off this path). Files are recreated every iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpoolWriteBenchmark {
  static final int BATCH = 50;

  private Path dir;
  private Spool spool;
  private FileChannel plain;
  private final ByteBuffer plainBuffer = ByteBuffer.allocateDirect(256 * 1024);
  private LogEntry entry;
  private byte[] json;

  @Setup(org.openjdk.jmh.annotations.Level.Iteration)
  public void setUp() throws IOException, SpoolUnavailableException {
    dir = Files.createTempDirectory("spool-write-bench");
    spool = Spool.open(dir.resolve("spool"), 1L << 40, 64L << 20);
    plain = FileChannel.open(dir.resolve("plain.ndjson"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    entry = LogEntry.builder()
        .level(Level.INFO)
        .message("order 12345 placed by u-7")
        .loggerName("io.acme.Orders")
        .threadName("http-nio-8080-exec-3")
        .service("checkout")
        .environment(Environment.PRODUCTION)
        .tenantId("t-42")
        .requestId("r-0193b8e4")
        .userId("u-7")
        .data(Map.of("order_id", 12345L, "amount", 42.5, "currency", "EUR"))
        .build();
    json = LogEntryJson.encodeBytes(entry);
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
  public void tearDown() throws IOException {
    spool.close();
    plain.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long plainFileWrite() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      if (plainBuffer.remaining() < json.length + 1) {
        drain();
      }
      plainBuffer.put(json).put((byte) '\n');
    }
    drain(); // like the spool's publish: the batch reaches the file
    return plain.position();
  }

  private void drain() throws IOException {
    plainBuffer.flip();
    while (plainBuffer.hasRemaining()) {
      plain.write(plainBuffer);
    }
    plainBuffer.clear();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long spoolAppend() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      spool.append(json);
    }
    return spool.publish();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long spoolEncodeAndAppend() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      spool.append(LogEntryJson.encodeBytes(entry));
    }
    return spool.publish();
  }
}
