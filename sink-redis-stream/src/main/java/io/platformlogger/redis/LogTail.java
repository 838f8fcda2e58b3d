package io.platformlogger.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows one or more streams written by {@link RedisStreamLogSink}, like {@code tail -f}: each
 * {@link #poll} returns the matching entries added after the last one it delivered, waiting with
 * {@code XREAD BLOCK} when there are none yet.
 *
 * <p>The tail remembers the last stream id it read per stream. When Redis goes away (a restart, a
 * network cut), {@code poll} keeps trying to reconnect with backoff until its wait is over and then
 * throws {@link LogTailException}; polling again resumes after the last id, so a server that kept
 * its data (RDB/AOF) yields no gap and no repeat. A server that lost its data starts new ids after
 * the old ones, and those are delivered.
 *
 * <p>Threading: call {@code poll} from one thread at a time; {@link #close} may be called from any
 * thread and makes a blocked {@code poll} return within about a second.
 */
public final class LogTail implements AutoCloseable {
  /** The longest single XREAD BLOCK, so that close() is noticed promptly. */
  static final long MAX_BLOCK_MILLIS = 1000;

  private static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final RedisConnector connector;
  private final List<String> streams;
  private final TailFilter filter;
  private final int readCount;
  private final Duration timeout;
  private final Map<String, String> lastIds = new LinkedHashMap<>();
  private final CountDownLatch closedSignal = new CountDownLatch(1);
  private final Object lock = new Object();
  private volatile boolean closed;
  private long skipped;
  private int lastReadCount;

  private LogTail(Builder b) {
    this.timeout = b.timeout;
    this.connector = new RedisConnector(b.uri, b.timeout.plusMillis(MAX_BLOCK_MILLIS));
    this.streams = List.copyOf(b.streams);
    this.filter = b.filter;
    this.readCount = b.readCount;
    String start = b.start.afterIdOrNull();
    if (start != null) {
      for (String s : streams) {
        lastIds.put(s, start);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the next matching entries, oldest first, waiting up to {@code maxWait} for at least
   * one. {@link Duration#ZERO} does not wait: it returns what is there already, and an empty list
   * means the tail has caught up. Entries that do not match the filter are passed over (the
   * position still advances past them).
   *
   * @throws LogTailException when Redis could not be read for the whole wait (at least one
   *     attempt is always made); the position is kept
   * @throws IllegalStateException after {@link #close()}
   */
  public List<TailedEntry> poll(Duration maxWait) throws LogTailException, InterruptedException {
    Objects.requireNonNull(maxWait, "maxWait");
    long deadline = System.nanoTime() + maxWait.toNanos();
    synchronized (lock) {
      Duration backoff = INITIAL_BACKOFF;
      while (true) {
        if (closed) {
          throw new IllegalStateException("tail is closed");
        }
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
          List<TailedEntry> found = readOnce(Math.min(Math.max(remainingMs, 0), MAX_BLOCK_MILLIS));
          backoff = INITIAL_BACKOFF;
          if (!found.isEmpty() || closed) {
            return found;
          }
          if (remainingMs <= 0 && lastReadCount == 0) {
            return found; // caught up
          }
        } catch (LogTailException e) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || closed) {
            throw e;
          }
          // Back off without sleeping through close(): wake as soon as the tail is closed.
          closedSignal.await(Math.min(backoff.toNanos(), left), TimeUnit.NANOSECONDS);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
      }
    }
  }

  /**
   * One XREAD (blocking up to {@code blockMillis} when positive); returns the matching entries of
   * what it read, possibly none although entries were read.
   */
  private List<TailedEntry> readOnce(long blockMillis) throws LogTailException, InterruptedException {
    RedisConnector.Session session;
    try {
      session = connector.session();
    } catch (LogSinkException e) {
      throw new LogTailException(e.getMessage(), e.getCause());
    }
    RedisAsyncCommands<String, String> async = session.async();
    try {
      if (lastIds.size() < streams.size()) {
        resolveNow(async);
      }
      @SuppressWarnings("unchecked")
      XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[streams.size()];
      for (int i = 0; i < streams.size(); i++) {
        offsets[i] = XReadArgs.StreamOffset.from(streams.get(i), lastIds.get(streams.get(i)));
      }
      XReadArgs args = XReadArgs.Builder.count(readCount);
      if (blockMillis > 0) {
        args.block(blockMillis);
      }
      List<StreamMessage<String, String>> messages = await(async.xread(args, offsets), blockMillis);
      lastReadCount = messages.size();
      List<TailedEntry> out = new ArrayList<>();
      for (StreamMessage<String, String> m : messages) {
        lastIds.put(m.getStream(), m.getId());
        TailedEntry e = decode(m);
        if (e != null) {
          out.add(e);
        }
      }
      return out;
    } catch (LogTailException e) {
      session.dropIfBroken();
      throw e;
    }
  }

  /** Pins "now" to each stream's newest id, so that a later reconnect does not skip anything. */
  private void resolveNow(RedisAsyncCommands<String, String> async)
      throws LogTailException, InterruptedException {
    for (String s : streams) {
      if (!lastIds.containsKey(s)) {
        List<StreamMessage<String, String>> newest =
            await(async.xrevrange(s, Range.create("-", "+"), Limit.from(1)), 0);
        lastIds.put(s, newest.isEmpty() ? "0-0" : newest.get(0).getId());
      }
    }
  }

  private TailedEntry decode(StreamMessage<String, String> m) {
    Map<String, String> body = m.getBody();
    if (!filter.matchesFlat(
        body.get(StreamFields.LEVEL), body.get(StreamFields.SERVICE), body.get(StreamFields.TENANT))) {
      return null;
    }
    String json = body.get(StreamFields.JSON);
    LogEntry entry;
    try {
      entry = json == null ? null : LogEntryJson.decode(json);
    } catch (IllegalArgumentException e) {
      entry = null;
    }
    if (entry == null) {
      skipped++; // not written by our sink: nothing to show
      return null;
    }
    return filter.matches(entry) ? new TailedEntry(m.getStream(), m.getId(), entry) : null;
  }

  private <T> T await(RedisFuture<T> future, long blockMillis)
      throws LogTailException, InterruptedException {
    try {
      return future.get(timeout.toMillis() + blockMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new LogTailException(
          "cannot read from Redis at " + connector.address() + ": "
              + RedisConnector.rootMessage(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new LogTailException(
          "Redis at " + connector.address() + " did not answer within " + timeout, e);
    }
  }

  /** The last stream id read from {@code stream} (delivered or filtered out), or null if none yet. */
  public String lastId(String stream) {
    synchronized (lock) {
      return lastIds.get(stream);
    }
  }

  /** Stream messages passed over because they held no entry JSON this library can read. */
  public long skippedForeignMessages() {
    synchronized (lock) {
      return skipped;
    }
  }

  /** Stops the tail and releases its connection; idempotent. */
  @Override
  public void close() {
    closed = true;
    closedSignal.countDown();
    synchronized (lock) {
      connector.close();
    }
  }

  /** Configures a {@link LogTail}; not thread-safe. */
  public static final class Builder {
    private RedisURI uri;
    private final List<String> streams = new ArrayList<>();
    private TailStart start = TailStart.now();
    private TailFilter filter = TailFilter.all();
    private int readCount = 500;
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * The server, as {@code redis://[user:password@]host[:port][/database]}. Required.
     *
     * @throws IllegalArgumentException when the URI cannot be parsed
     */
    public Builder uri(String uri) {
      this.uri = RedisUris.parse(uri, "Redis URL");
      return this;
    }

    /** A stream to follow; default {@code platform:logs}. May be called several times. */
    public Builder stream(String stream) {
      if (stream == null || stream.isEmpty()) {
        throw new IllegalArgumentException("stream must not be empty: give a key such as platform:logs");
      }
      if (!streams.contains(stream)) {
        streams.add(stream);
      }
      return this;
    }

    /** Default {@link TailStart#now()}. */
    public Builder start(TailStart start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Default {@link TailFilter#all()}. */
    public Builder filter(TailFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Messages read per XREAD; default 500. */
    public Builder readCount(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("readCount must be positive, was " + count);
      }
      this.readCount = count;
      return this;
    }

    /** How long to wait to connect and for a reply (on top of the XREAD block); default 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Creates the tail; connects on the first {@link LogTail#poll}. */
    public LogTail build() {
      if (uri == null) {
        throw new IllegalStateException("uri is required: set it to redis://host:6379");
      }
      if (streams.isEmpty()) {
        streams.add(RedisStreamLogSink.DEFAULT_STREAM);
      }
      return new LogTail(this);
    }
  }
}
