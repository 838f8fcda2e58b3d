package io.platformlogger.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends entries to Redis Streams with {@code XADD ... MAXLEN ~ n}, for live tailing ({@link
 * LogTail}, the {@code platform-logs tail} command) and for consumers that want a push.
 *
 * <p>Each stream message has the shared JSON of docs/schema.md in field {@code json} and flat
 * copies of {@code id}, {@code level}, {@code service} and {@code tenant_id} for cheap filtering.
 * A batch goes in one round trip: pipelined XADDs plus one PUBLISH per target stream. A batch
 * that may have been stored before (one holding an id this sink already sent, that is a retry,
 * and the sink's first batch) goes instead through a small Lua script that skips every entry
 * whose id is among the stream's last {@code dedupWindow} messages. Retries therefore never
 * duplicate, and the sink is {@linkplain #idempotent() idempotent} unless deduplication is off.
 *
 * <p>Nothing connects until the first {@link #write}; a Redis that is down fails the write with a
 * retryable exception and the pipeline retries. A Redis error reply about the data or the keys
 * ({@code WRONGTYPE}, {@code ERR}) is permanent; replies that say "try later" ({@code LOADING},
 * {@code BUSY}, {@code OOM}, {@code READONLY}, ...) are retryable.
 *
 * <p>Every stream written gets an idle expiry ({@link Builder#idleExpiry}, default 7 days,
 * renewed by each batch), so per-tenant or per-service streams of tenants that stopped logging go
 * away instead of piling up; the sink itself remembers at most {@link #MAX_TRACKED_STREAMS}
 * streams' last acknowledged ids (least recently written first out; a forgotten one only means
 * its next retry looks back the whole dedup window).
 *
 * <p>Standalone Redis only (not Cluster). Thread-safe: every method synchronizes on the sink.
 */
public final class RedisStreamLogSink implements LogSink {
  /** The default stream key. */
  public static final String DEFAULT_STREAM = "platform:logs";
  /** The default pub/sub channel for batch notifications. */
  public static final String DEFAULT_CHANNEL = "platform:logs:notify";
  /** A script call's arguments are kept below this many characters, well under Redis's limits. */
  static final int MAX_CHUNK_CHARS = 8 << 20;
  /** Streams whose last acknowledged id the sink keeps, however many tenants or services write. */
  static final int MAX_TRACKED_STREAMS = 10_000;

  private final RedisURI uri;
  private final String stream;
  private final StreamRouting routing;
  private final long maxLen;
  private final boolean exactTrim;
  private final String channel;
  private final int dedupWindow;
  private final Duration timeout;
  private final int maxBatchSize;
  /** Milliseconds a stream lives after its last batch; 0: for ever. */
  private final long idleExpiryMillis;
  private final RedisConnector connector;
  /**
   * Ids this sink sent recently (at most dedupWindow), a batch holding one may be a retry; each
   * with the newest stream id acknowledged on its stream before it was first sent (null if none),
   * since a stored copy can only come after that.
   */
  private final Map<String, String> recentIds = new LinkedHashMap<>();
  private boolean checkedOnce;
  /**
   * Per stream, the newest stream id Redis acknowledged to this sink: retried entries come after
   * it. At most MAX_TRACKED_STREAMS, least recently written out first.
   */
  private final Map<String, String> lastAcked =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_TRACKED_STREAMS;
        }
      };
  private boolean closed;

  private RedisStreamLogSink(Builder b) {
    this.uri = b.uri;
    this.stream = b.stream;
    this.routing = b.routing;
    this.maxLen = b.maxLen;
    this.exactTrim = b.exactTrim;
    this.channel = b.channel;
    this.dedupWindow = b.dedupWindow;
    this.timeout = b.timeout;
    this.maxBatchSize = b.maxBatchSize;
    this.idleExpiryMillis = b.idleExpiry.toMillis();
    this.connector = new RedisConnector(uri, timeout);
  }

  /** A builder; {@link Builder#uri} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "redis-stream";
  }

  /** Yes: each stream entry holds the entry's JSON, made once by the pipeline for every JSON sink. */
  @Override
  public boolean wantsEntryJson() {
    return true;
  }

  @Override
  public boolean idempotent() {
    return dedupWindow > 0;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public Set<String> ownLoggerPrefixes() {
    return RedisConnector.LIBRARY_LOGGERS;
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws Exception {
    if (closed) {
      throw new IllegalStateException("redis-stream sink is closed");
    }
    // Encode everything first: an entry the encoder rejects fails the batch before any XADD.
    List<Chunk> chunks = chunk(batch);
    RedisConnector.Session session = connector.session();
    boolean mayRepeat = dedupWindow > 0 && (!checkedOnce || anySentRecently(batch));
    if (mayRepeat) {
      for (Chunk c : chunks) {
        c.storedAfter = storedAfter(c);
      }
    }
    remember(batch);
    if (mayRepeat) {
      writeChecked(session, chunks);
      checkedOnce = true;
      expire(session, chunks);
    } else {
      sendPipelined(session, chunks);
    }
  }

  /** Renews the idle expiry of the chunks' streams after a checked write (one round trip). */
  private void expire(RedisConnector.Session session, List<Chunk> chunks) throws LogSinkException {
    if (idleExpiryMillis == 0) {
      return;
    }
    List<RedisFuture<?>> futures = new ArrayList<>();
    session.connection().setAutoFlushCommands(false);
    try {
      for (Chunk c : chunks) {
        futures.add(session.async().pexpire(c.stream, idleExpiryMillis));
      }
    } finally {
      session.connection().flushCommands();
      session.connection().setAutoFlushCommands(true);
    }
    awaitAll(session, futures);
  }

  /** How many streams the sink remembers an acknowledged id for (bounded; for tests). */
  synchronized int trackedStreams() {
    return lastAcked.size();
  }

  /**
   * The careful path: the append script skips ids already among the stream's last messages. Used
   * for the first batch of a sink and for any batch holding an id this sink sent before (a retry).
   */
  private void writeChecked(RedisConnector.Session session, List<Chunk> chunks) throws Exception {
    List<Chunk> pending = chunks;
    for (int attempt = 0; ; attempt++) {
      List<Chunk> noScript = send(session, pending);
      if (noScript.isEmpty()) {
        return;
      }
      if (attempt > 0) {
        throw LogSinkException.retryable(
            "Redis at " + connector.address() + " keeps forgetting the append script (NOSCRIPT)",
            null);
      }
      // The server restarted or SCRIPT FLUSH ran: load the script again and resend only those.
      session.reloadScript();
      pending = noScript;
    }
  }

  /**
   * The fast path for batches this sink has not sent before: plain XADDs (and one PUBLISH per
   * stream), all pipelined in one round trip, exactly what a hand-written client would send.
   */
  private void sendPipelined(RedisConnector.Session session, List<Chunk> chunks)
      throws LogSinkException {
    RedisAsyncCommands<String, String> async = session.async();
    XAddArgs xadd = new XAddArgs();
    if (maxLen > 0) {
      xadd.maxlen(maxLen);
      if (exactTrim) {
        xadd.exactTrimming();
      } else {
        xadd.approximateTrimming();
      }
    }
    List<RedisFuture<?>> futures = new ArrayList<>();
    Map<String, RedisFuture<String>> lastAdds = new LinkedHashMap<>();
    session.connection().setAutoFlushCommands(false);
    try {
      for (Chunk c : chunks) {
        for (Object[] fields : c.fields) {
          RedisFuture<String> f = async.xadd(c.stream, xadd, fields);
          futures.add(f);
          lastAdds.put(c.stream, f);
        }
        if (idleExpiryMillis > 0) {
          futures.add(async.pexpire(c.stream, idleExpiryMillis));
        }
        if (channel != null) {
          futures.add(async.publish(channel, notification(c.stream, c.count)));
        }
      }
    } finally {
      session.connection().flushCommands();
      session.connection().setAutoFlushCommands(true);
    }
    awaitAll(session, futures);
    for (Map.Entry<String, RedisFuture<String>> e : lastAdds.entrySet()) {
      String id = e.getValue().toCompletableFuture().getNow(null); // complete: awaitAll returned
      if (id != null) {
        lastAcked.put(e.getKey(), id);
      }
    }
  }

  private void awaitAll(RedisConnector.Session session, List<RedisFuture<?>> futures)
      throws LogSinkException {
    long deadline = System.nanoTime() + timeout.toNanos();
    LogSinkException failure = null;
    for (RedisFuture<?> f : futures) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = RedisErrors.classify(connector.address(), e.getCause());
        }
      } catch (TimeoutException e) {
        if (failure == null) {
          failure =
              LogSinkException.retryable(
                  "Redis at " + connector.address() + " did not answer within " + timeout, e);
        }
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LogSinkException.retryable("interrupted while waiting for Redis", e);
      }
    }
    if (failure != null) {
      session.dropIfBroken();
      throw failure;
    }
  }

  private boolean anySentRecently(List<LogEntry> batch) {
    for (LogEntry e : batch) {
      if (recentIds.containsKey(e.id())) {
        return true;
      }
    }
    return false;
  }

  /** The oldest bound of the chunk's entries sent before, or null to look at the stream's end. */
  private String storedAfter(Chunk c) {
    String oldest = null;
    for (String id : c.ids) {
      if (recentIds.containsKey(id)) {
        String bound = recentIds.get(id);
        if (bound == null) {
          return null;
        }
        if (oldest == null || compareStreamIds(bound, oldest) < 0) {
          oldest = bound;
        }
      }
    }
    return oldest;
  }

  static int compareStreamIds(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int c = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
    return c != 0 ? c : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)));
  }

  private void remember(List<LogEntry> batch) {
    if (dedupWindow == 0) {
      return;
    }
    for (LogEntry e : batch) {
      recentIds.putIfAbsent(e.id(), lastAcked.get(routing.streamFor(stream, e.tenantId(), e.service())));
    }
    Iterator<String> oldest = recentIds.keySet().iterator();
    for (int excess = recentIds.size() - dedupWindow; excess > 0; excess--) {
      oldest.next();
      oldest.remove();
    }
  }

  /** {"stream":"...","count":n}, the same text the append script publishes. */
  static String notification(String stream, int count) {
    StringBuilder sb = new StringBuilder("{\"stream\":\"");
    for (int i = 0; i < stream.length(); i++) {
      char ch = stream.charAt(i);
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append("\",\"count\":").append(count).append('}').toString();
  }

  /** Sends the chunks pipelined; returns those refused with NOSCRIPT. */
  private List<Chunk> send(RedisConnector.Session session, List<Chunk> chunks)
      throws LogSinkException {
    RedisAsyncCommands<String, String> async = session.async();
    List<RedisFuture<List<Object>>> futures = new ArrayList<>(chunks.size());
    String sha = session.scriptSha(); // a synchronous call: before auto-flush is turned off
    session.connection().setAutoFlushCommands(false);
    try {
      for (Chunk c : chunks) {
        futures.add(
            async.evalsha(sha, ScriptOutputType.MULTI, new String[] {c.stream}, c.args(c.storedAfter)));
      }
    } finally {
      session.connection().flushCommands();
      session.connection().setAutoFlushCommands(true);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Chunk> noScript = new ArrayList<>();
    LogSinkException failure = null;
    for (int i = 0; i < futures.size(); i++) {
      try {
        List<Object> reply = futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (reply.size() > 1 && reply.get(1) instanceof String && !((String) reply.get(1)).isEmpty()) {
          lastAcked.put(chunks.get(i).stream, (String) reply.get(1));
        }
      } catch (ExecutionException e) {
        if (RedisErrors.isNoScript(e.getCause())) {
          noScript.add(chunks.get(i));
        } else if (failure == null) {
          failure = RedisErrors.classify(connector.address(), e.getCause());
        }
      } catch (TimeoutException e) {
        if (failure == null) {
          failure =
              LogSinkException.retryable(
                  "Redis at " + connector.address() + " did not answer within " + timeout, e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LogSinkException.retryable("interrupted while waiting for Redis", e);
      }
    }
    if (failure != null) {
      session.dropIfBroken();
      throw failure;
    }
    return noScript;
  }

  private List<Chunk> chunk(List<LogEntry> batch) throws LogSinkException {
    Map<String, List<Chunk>> byStream = new LinkedHashMap<>();
    for (LogEntry e : batch) {
      String json;
      try {
        json = LogEntryJson.encode(e);
      } catch (RuntimeException ex) {
        throw LogSinkException.permanent("cannot encode entry " + e.id() + " as JSON", ex);
      }
      String key = routing.streamFor(stream, e.tenantId(), e.service());
      List<Chunk> list = byStream.computeIfAbsent(key, k -> new ArrayList<>());
      Chunk last = list.isEmpty() ? null : list.get(list.size() - 1);
      if (last == null || (last.chars > 0 && last.chars + json.length() > MAX_CHUNK_CHARS)) {
        last = new Chunk(key);
        list.add(last);
      }
      last.add(e, json);
    }
    List<Chunk> all = new ArrayList<>();
    byStream.values().forEach(all::addAll);
    return all;
  }

  /** Nothing is buffered: {@link #write} returns once Redis has answered. */
  @Override
  public void flush() {}

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    connector.close();
  }

  /** The entries of one batch bound for one stream, as the append script's arguments. */
  private final class Chunk {
    final String stream;
    final List<String> ids = new ArrayList<>();
    String storedAfter;
    final List<String> entryArgs = new ArrayList<>();
    final List<Object[]> fields = new ArrayList<>();
    int count;
    long chars;

    Chunk(String streamKey) {
      this.stream = streamKey;
    }

    void add(LogEntry e, String json) {
      ids.add(e.id());
      int fields = 3;
      entryArgs.add(""); // field count, set below
      int countIndex = entryArgs.size() - 1;
      entryArgs.add(StreamFields.ID);
      entryArgs.add(e.id());
      entryArgs.add(StreamFields.LEVEL);
      entryArgs.add(e.level().name());
      if (e.service() != null) {
        entryArgs.add(StreamFields.SERVICE);
        entryArgs.add(e.service());
        fields++;
      }
      if (e.tenantId() != null) {
        entryArgs.add(StreamFields.TENANT);
        entryArgs.add(e.tenantId());
        fields++;
      }
      entryArgs.add(StreamFields.JSON);
      entryArgs.add(json);
      entryArgs.set(countIndex, Integer.toString(fields));
      this.fields.add(entryArgs.subList(countIndex + 1, entryArgs.size()).toArray());
      count++;
      chars += json.length() + 200;
    }

    String[] args(String afterId) {
      String[] a = new String[6 + entryArgs.size()];
      a[0] = Long.toString(maxLen);
      a[1] = exactTrim ? "=" : "~";
      a[2] = Integer.toString(dedupWindow);
      a[3] = channel == null ? "" : channel;
      a[4] = afterId == null ? "" : afterId;
      a[5] = Integer.toString(count);
      for (int i = 0; i < entryArgs.size(); i++) {
        a[6 + i] = entryArgs.get(i);
      }
      return a;
    }
  }

  /** Configures a {@link RedisStreamLogSink}; validates every value as it is set. Not thread-safe. */
  public static final class Builder {
    private RedisURI uri;
    private String stream = DEFAULT_STREAM;
    private StreamRouting routing = StreamRouting.SINGLE;
    private long maxLen = 10_000;
    private boolean exactTrim;
    private String channel = DEFAULT_CHANNEL;
    private int dedupWindow = 5_000;
    private Duration timeout = Duration.ofSeconds(5);
    private int maxBatchSize = 1000;
    private Duration idleExpiry = Duration.ofDays(7);

    private Builder() {}

    /**
     * The server, as a Redis URI: {@code redis://[user:password@]host[:port][/database]} or {@code
     * rediss://} for TLS. Required.
     *
     * @throws IllegalArgumentException when the URI cannot be parsed
     */
    public Builder uri(String uri) {
      this.uri = RedisUris.parse(uri, "uri");
      return this;
    }

    /** The stream key, or the base of the keys with {@link #routing}; default {@code platform:logs}. */
    public Builder stream(String stream) {
      if (stream == null || stream.isEmpty()) {
        throw new IllegalArgumentException("stream must not be empty: give a key such as platform:logs");
      }
      this.stream = stream;
      return this;
    }

    /** One stream (default), or one per tenant or per service. */
    public Builder routing(StreamRouting routing) {
      this.routing = Objects.requireNonNull(routing, "routing");
      return this;
    }

    /** Trim each stream to about this many entries ({@code MAXLEN ~}); 0 keeps everything. Default 10 000. */
    public Builder maxLen(long maxLen) {
      if (maxLen < 0) {
        throw new IllegalArgumentException("maxLen " + maxLen + " is negative: use 0 to keep every entry");
      }
      this.maxLen = maxLen;
      return this;
    }

    /**
     * Trim to exactly {@link #maxLen} ({@code MAXLEN =}) instead of about it. Exact trimming costs
     * Redis more; default false.
     */
    public Builder exactTrim(boolean exact) {
      this.exactTrim = exact;
      return this;
    }

    /** Pub/sub channel for one notification per stream and batch; null for none. */
    public Builder channel(String channel) {
      this.channel = channel == null || channel.isEmpty() ? null : channel;
      return this;
    }

    /**
     * How far back in the stream (in messages) a possibly repeated batch looks for entry ids that
     * are already stored; 0 turns deduplication off (the sink is then not idempotent). Default
     * 5 000.
     */
    public Builder dedupWindow(int ids) {
      if (ids < 0) {
        throw new IllegalArgumentException("dedupWindow " + ids + " is negative: use 0 to turn deduplication off");
      }
      this.dedupWindow = ids;
      return this;
    }

    /** How long to wait to connect and for the replies of a batch; default 5 s. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * How long a stream lives after the last batch written to it ({@code PEXPIRE}, renewed by
     * every batch), so per-tenant and per-service streams of tenants gone quiet disappear;
     * {@link Duration#ZERO} keeps streams for ever. Default 7 days.
     */
    public Builder idleExpiry(Duration idleExpiry) {
      if (idleExpiry == null || idleExpiry.isNegative() || (!idleExpiry.isZero() && idleExpiry.toMillis() < 1000)) {
        throw new IllegalArgumentException(
            "idleExpiry " + idleExpiry + " is not accepted: use 0 (never) or at least 1 s, such as P7D");
      }
      this.idleExpiry = idleExpiry;
      return this;
    }

    /** The largest batch the pipeline hands over; default 1000. */
    public Builder maxBatchSize(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException("maxBatchSize " + max + " is out of range: use 1 to 100000");
      }
      this.maxBatchSize = max;
      return this;
    }

    /**
     * Creates the sink; connects to nothing yet.
     *
     * @throws IllegalStateException when no URI was set
     */
    public RedisStreamLogSink build() {
      if (uri == null) {
        throw new IllegalStateException("uri is required: set it to redis://host:6379");
      }
      return new RedisStreamLogSink(this);
    }
  }
}
