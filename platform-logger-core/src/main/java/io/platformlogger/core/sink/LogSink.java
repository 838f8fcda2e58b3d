package io.platformlogger.core.sink;

import io.platformlogger.core.LogEntry;
import java.util.List;
import java.util.Set;

/**
 * Where entries end up: the service-provider interface every sink implements.
 *
 * <p>Threading: the pipeline gives each sink its own thread and calls {@link #write} from it,
 * one batch at a time, in order. A sink must still be thread-safe: one instance may be shared by
 * several pipelines or called by tools, and the testkit's {@code LogSinkContract} checks concurrent
 * writers. {@code write} may block (it runs on the sink's thread, never on an
 * application thread) and may throw: the pipeline retries the same batch with exponential backoff
 * and jitter. Throw {@link LogSinkException#permanent} for entries that can never be written (the
 * pipeline then isolates the bad entries and counts them as failed instead of retrying forever).
 *
 * <p>A sink must never log through SLF4J or {@code PlatformLogger} to report its own problems:
 * throw instead. Anything its client library logs is kept away from sinks by the pipeline (see
 * {@link #ownLoggerPrefixes()}).
 */
public interface LogSink extends AutoCloseable {

  /** A short name for counters and reports, such as {@code "postgres"}. */
  String name();

  /**
   * Stores a non-empty batch in order. Returns normally only when every entry is stored (or
   * accepted by a server that will store it). A batch may be handed again after a failure, so a
   * sink that is not {@linkplain #idempotent() idempotent} may store an entry twice.
   */
  void write(List<LogEntry> batch) throws Exception;

  /**
   * Starts storing a batch and returns without waiting for the server to acknowledge it, for
   * sinks whose client library acknowledges asynchronously (a Kafka producer). The pipeline keeps
   * up to {@link #maxBatchesInFlight()} batches sent but not yet awaited, awaits them in order,
   * calls {@link #flush()} before awaiting when nothing more is coming, and when a delivery fails
   * it awaits the later ones and hands every batch that was not stored to {@link #write} again,
   * oldest first. A batch retried after a failure may therefore land after batches sent later.
   * Throws as {@code write} does when the batch cannot even be started.
   *
   * <p>The default writes the batch and returns {@link Delivery#DONE}.
   */
  default Delivery send(List<LogEntry> batch) throws Exception {
    write(batch);
    return Delivery.DONE;
  }

  /**
   * How many batches the pipeline may have {@linkplain #send sent} to this sink without having
   * awaited them. Default 1: the pipeline calls {@link #write} and waits for each batch before
   * the next, as a sink that stores synchronously needs.
   */
  default int maxBatchesInFlight() {
    return 1;
  }

  /**
   * True when storing the same entry twice (same {@link LogEntry#id()}) keeps one copy, so retries
   * are always safe. Default false.
   */
  default boolean idempotent() {
    return false;
  }

  /** The largest batch this sink wants at once; the pipeline never hands it more. Default 1000. */
  default int maxBatchSize() {
    return 1000;
  }

  /**
   * Whether this sink is fed from the durable spool when the spool is on (default true): it then
   * reads its entries from disk at its own pace, from a saved position, so they survive an outage,
   * a restart or a crash. A sink that shows what happens now (the console) returns false and gets
   * entries from memory only.
   */
  default boolean fedFromSpool() {
    return true;
  }

  /**
   * Whether this sink needs each entry's shared JSON encoding as an array of its own ({@code
   * LogEntryJson.encodeBytes} or {@code encode}: one record per entry, as Kafka, a Redis stream or
   * Loki's lines). Default false.
   *
   * <p>When any sink says true, the pipeline's dispatcher thread encodes every entry once, before
   * handing the batch to the sinks, and keeps the bytes on the entry, where {@code LogEntryJson}
   * finds them: several such sinks then share one encoding, and none spends its own thread on it.
   * With the spool on, entries already carry the JSON the spool wrote. A sink that streams JSON
   * Lines into one output ({@code JsonLinesWriter}: a file, a socket, the console) keeps the
   * default: it encodes into one reused buffer on its own thread, allocating nothing per entry,
   * beside the dispatcher. A sink that stores the entry's fields (PostgreSQL, OTLP) keeps it too,
   * and pipelines without a sink that says true encode nothing. Read once, when the pipeline is
   * built.
   */
  default boolean wantsEntryJson() {
    return false;
  }

  /**
   * Logger-name prefixes of this sink's own client libraries (for example {@code
   * "org.apache.kafka"}). Entries from such loggers never reach any sink, only the console
   * fallback, so a sink cannot feed itself.
   */
  default Set<String> ownLoggerPrefixes() {
    return Set.of();
  }

  /**
   * Makes everything written so far durable where the sink buffers internally (a producer's
   * buffer, a file's OS buffer). Called before close and when the pipeline is asked to flush.
   */
  default void flush() throws Exception {}

  /**
   * Releases resources. Called once, from the sink's thread, after the last write. After close,
   * {@code write} must throw {@link IllegalStateException}. Must be idempotent.
   */
  @Override
  void close() throws Exception;
}
