package io.platformlogger.service;

import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.redis.LogTail;
import io.platformlogger.redis.LogTailException;
import io.platformlogger.redis.TailStart;
import io.platformlogger.redis.TailedEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the Redis stream out to WebSocket clients: one {@link LogTail} reads every entry once, on
 * the hub's own thread, and hands each to every client, which filters and queues it (never
 * blocking the hub). A client resuming with {@code from} first catches up through a tail of its
 * own on a pool thread, then joins the live fan-out (see {@link StreamClient}).
 *
 * <p>When Redis goes away the hub keeps its position and keeps retrying; the clients stay
 * connected and receive what was added meanwhile once Redis is back (if it kept its data).
 */
final class StreamHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

  private final String redisUri;
  private final String stream;
  private final int clientCapacity;
  private final ServiceMetrics metrics;
  private final LogTail tail;
  private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
  private final ExecutorService catchUps = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "platform-logs-stream-catch-up");
    t.setDaemon(true);
    return t;
  });
  private final Thread reader;
  /** Threads that flush the clients after each read: one per core. */
  private static final int WRITERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private CountDownLatch flushing = new CountDownLatch(0); // the previous read's flushes (hub thread only)
  /** Flushes a share of the clients after each read, beside the reader (see {@link #flushAll}). */
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "platform-logs-stream-writer");
        t.setDaemon(true);
        return t;
      });
  /**
   * Pings the clients that were sent nothing for a ping interval: a daemon thread of the hub's
   * own, stopped by {@link #close()} (Javalin's automatic pings run on a JVM-wide non-daemon
   * thread that outlives the service and keeps an embedding JVM from exiting).
   */
  private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "platform-logs-stream-ping");
    t.setDaemon(true);
    return t;
  });
  private final Duration pingInterval;
  private final int maxMissedPings;
  private volatile boolean closed;
  private volatile boolean redisUp = true;

  StreamHub(String redisUri, String stream, int clientCapacity, Duration pingInterval, int maxMissedPings,
      ServiceMetrics metrics) {
    this.redisUri = redisUri;
    this.pingInterval = pingInterval;
    this.maxMissedPings = maxMissedPings;
    this.stream = stream;
    this.clientCapacity = clientCapacity;
    this.metrics = metrics;
    // A read brings at most half of what a client may queue: it waits there while the previous
    // read is being flushed, so a burst alone drops nothing for a client that keeps up.
    this.tail = LogTail.builder().uri(redisUri).stream(stream).start(TailStart.now())
        .readCount(Math.max(1, Math.min(500, clientCapacity / 2))).build();
    this.reader = new Thread(this::run, "platform-logs-stream-hub");
    this.reader.setDaemon(true);
  }

  /** Pins the hub's start position ("now") and starts reading; throws when Redis cannot be read. */
  void start() throws LogTailException, InterruptedException {
    tail.poll(Duration.ZERO);
    reader.start();
    long every = pingInterval.toNanos();
    pinger.scheduleAtFixedRate(() -> checkPeers(every), every, every, TimeUnit.NANOSECONDS);
  }

  /** The pinger's round: pings who needs it, evicts who left too many pings unanswered. */
  private void checkPeers(long intervalNanos) {
    long now = System.nanoTime();
    for (StreamClient c : clients) {
      try {
        if (c.missedPings(now, intervalNanos, maxMissedPings)) {
          clients.remove(c);
          c.evict();
          metrics.streamEvicted();
          LOG.info("dropped a stream client that answered none of {} pings ({} apart) and sent nothing else",
              maxMissedPings, pingInterval);
        }
      } catch (RuntimeException e) { // one client's failure never stops the pings of the others
        LOG.warn("checking a stream client failed", e);
      }
    }
  }

  private void run() {
    long failures = 0;
    while (!closed) {
      try {
        List<TailedEntry> batch = tail.poll(Duration.ofSeconds(1));
        if (!redisUp) {
          LOG.info("Redis stream {} readable again after {} failed reads; the stream resumes where it stopped", stream, failures);
        }
        redisUp = true;
        failures = 0;
        if (!batch.isEmpty() && !clients.isEmpty()) {
          Function<TailedEntry, String> json = new OnceJson();
          List<StreamClient> all = new ArrayList<>(clients);
          flushing.await(); // at most one read ahead of the sockets (see flushAll)
          for (StreamClient c : all) {
            c.offerLive(batch, json);
          }
          flushing = flushAll(all);
        }
      } catch (LogTailException e) {
        if (redisUp) {
          LOG.warn("cannot read Redis stream {}: {}; retrying", stream, e.getMessage());
        }
        redisUp = false;
        failures++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IllegalStateException e) {
        return; // closed
      } catch (RuntimeException e) {
        LOG.error("stream hub failed on an entry; continuing", e);
      }
    }
  }

  /**
   * Flushes every client, a share on each writer, while this thread reads the next batch; the
   * next offer waits for these flushes. Sends never block (a slow client's frames wait in its
   * queue), so that wait is for CPU, not for clients: it keeps the reader at most one read ahead
   * of the sockets (a read is at most half a client's queue, so a client that keeps up never
   * drops), and the sockets of many clients are written on every core.
   */
  private CountDownLatch flushAll(List<StreamClient> all) {
    int parts = Math.min(WRITERS, all.size());
    CountDownLatch done = new CountDownLatch(parts);
    for (int p = 0; p < parts; p++) {
      List<StreamClient> part = all.subList(p * all.size() / parts, (p + 1) * all.size() / parts);
      try {
        writers.execute(() -> {
          try {
            part.forEach(StreamClient::flush);
          } finally {
            done.countDown();
          }
        });
      } catch (RejectedExecutionException e) { // closing: flush here
        part.forEach(StreamClient::flush);
        done.countDown();
      }
    }
    return done;
  }

  /** Renders each entry of one read once, however many clients want it. Not thread-safe (hub thread). */
  private static final class OnceJson implements Function<TailedEntry, String> {
    private final Map<TailedEntry, String> rendered = new IdentityHashMap<>();

    @Override
    public String apply(TailedEntry e) {
      return rendered.computeIfAbsent(e, StreamHub::message);
    }
  }

  /** One entry's message; a frame is a JSON array of these (see {@link StreamClient}). */
  static String message(TailedEntry e) {
    return "{\"type\":\"entry\",\"stream_id\":\"" + e.streamId() + "\",\"entry\":" + LogEntryJson.encode(e.entry()) + "}";
  }

  /** Adds a client: live at once, or after catching up from {@code fromId}. */
  StreamClient subscribe(org.eclipse.jetty.websocket.api.Session session, Filters filters, String fromId) {
    StreamClient c = new StreamClient(session, filters, clientCapacity, metrics, fromId);
    clients.add(c);
    if (fromId == null) {
      c.goLive(null, StreamHub::message);
    } else {
      catchUps.execute(() -> catchUp(c, fromId));
    }
    return c;
  }

  private void catchUp(StreamClient c, String fromId) {
    try (LogTail t = LogTail.builder().uri(redisUri).stream(stream).start(TailStart.afterId(fromId)).build()) {
      while (!c.isClosed()) {
        List<TailedEntry> got = t.poll(Duration.ZERO);
        for (TailedEntry e : got) {
          if (!c.offerCatchUp(e, StreamHub::message)) {
            return;
          }
        }
        if (got.isEmpty() && c.goLive(t.lastId(stream), StreamHub::message)) {
          return;
        }
      }
    } catch (LogTailException e) {
      LOG.warn("a stream client could not catch up from {}: {}", fromId, e.getMessage());
      c.closeSocket(1011, "Redis unavailable: reconnect with from=<last stream_id>");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void unsubscribe(StreamClient c) {
    if (c != null) {
      clients.remove(c);
      c.close();
    }
  }

  int openStreams() {
    return clients.size();
  }

  boolean redisUp() {
    return redisUp;
  }

  /** Closes every client with 1001 (going away), then stops reading. */
  @Override
  public void close() {
    closed = true;
    java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(clients.size());
    for (StreamClient c : clients) {
      c.closeSocket(1001, "service stopping", sent::countDown);
    }
    try {
      sent.await(2, TimeUnit.SECONDS); // let the close frames out before the server stops
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tail.close();
    catchUps.shutdownNow();
    pinger.shutdownNow();
    try {
      reader.join(TimeUnit.SECONDS.toMillis(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writers.shutdownNow(); // after the reader: it may be waiting for a flush of its last read
  }
}
