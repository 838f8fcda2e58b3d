package io.platformlogger.service;

import io.platformlogger.redis.TailedEntry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client of the live stream: its filters, and a bounded queue of messages sent as
 * frames of several messages, at most {@link #MAX_FRAMES_IN_FLIGHT} frames in flight. When the
 * client reads too slowly and the queue is full, live entries are counted as dropped, and a
 * {@code {"type":"dropped","count":N}} message takes their place in the stream — the hub never
 * waits for a client.
 *
 * <p>Every text frame is a JSON array of messages, oldest first: whatever the queue holds when
 * there is room for another frame, at most {@link #MAX_FRAME_MESSAGES} messages or about {@link
 * #MAX_FRAME_CHARS} characters. At a few entries a second that is one message a frame, sent at
 * once; at thousands a second a frame carries what one read of the Redis stream brought (and what
 * arrived while the previous frames were on the wire), so the frames and system calls a client
 * costs stay at about one per read, however fast entries come.
 *
 * <p>While a resuming client catches up from its {@code from} id, live entries wait in {@code
 * pending}; stream ids at or before the last one queued are skipped, so the two sources together
 * give every entry once. All state is guarded by {@code this}; Jetty's send callbacks, the hub's
 * thread and the catch-up thread call in.
 */
final class StreamClient {
  private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);

  /**
   * Messages in one frame at most: enough that a client keeps up with thousands of entries a
   * second; few enough that one frame never holds a browser's main thread for long.
   */
  static final int MAX_FRAME_MESSAGES = 500;
  /** Characters after which a frame takes no further message (a single larger message still goes alone). */
  static final int MAX_FRAME_CHARS = 64 * 1024;
  /**
   * Frames handed to Jetty before their completion: two, so that the next frame waits in Jetty
   * while one is on the wire and goes out as soon as it is written; few, so that what a stalled
   * client holds stays bounded (its queue plus two frames).
   */
  static final int MAX_FRAMES_IN_FLIGHT = 2;

  private static final String READY = "{\"type\":\"ready\"}";

  /** A message waiting to be sent; {@code entryTime} is null for the service's own messages. */
  private record Out(String json, Instant entryTime) {}

  private final Session session;
  private final Filters filters;
  private final int capacity;
  private final ServiceMetrics metrics;

  private final ArrayDeque<Out> queue = new ArrayDeque<>(); // messages not yet handed to Jetty, at most capacity (+ one dropped notice)
  private ArrayDeque<TailedEntry> pending = new ArrayDeque<>(); // live entries while catching up; null once live
  private boolean pendingCut; // pending lost its oldest entries (it holds the newest `capacity`)
  private String lastQueuedId; // the newest stream id queued or dropped; older ids are repeats
  private long dropped; // dropped after everything now in the queue, not yet told to the client
  private int inFlight; // frames handed to Jetty and not completed, at most MAX_FRAMES_IN_FLIGHT
  private long lastWriteNanos = System.nanoTime(); // when the last frame or ping was handed to Jetty
  private final LongSupplier peerFrames; // frames the client sent so far (PeerFrames)
  private long lastFramesIn; // peerFrames at the last check that saw it change
  private int unansweredPings; // pings sent since the client last sent anything
  private boolean closed;

  StreamClient(Session session, Filters filters, int capacity, ServiceMetrics metrics, String fromId) {
    this.session = session;
    this.filters = filters;
    this.capacity = capacity;
    this.metrics = metrics;
    this.lastQueuedId = fromId;
    this.peerFrames = PeerFrames.of(session);
    this.lastFramesIn = peerFrames.getAsLong();
    if (lastFramesIn == PeerFrames.UNKNOWN && UNKNOWN_PEER_WARNED.compareAndSet(false, true)) {
      LOG.warn("cannot read what stream clients send (not a Jetty 12 WebSocket session: {}): clients that"
          + " stop answering pings are not dropped, only pinged", session.getClass().getName());
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean UNKNOWN_PEER_WARNED = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Live entries from one read of the hub, queued (or counted as dropped) but not yet sent: the hub
   * calls {@link #flush} next. {@code json} renders each message once for every client.
   */
  synchronized void offerLive(List<TailedEntry> entries, Function<TailedEntry, String> json) {
    if (closed) {
      return;
    }
    for (TailedEntry e : entries) {
      if (pending != null) {
        if (pending.size() >= capacity) {
          pending.poll(); // the catch-up reads on until it has passed the oldest kept one
          pendingCut = true;
        }
        pending.add(e);
      } else {
        offer(e, json, false);
      }
    }
  }

  /**
   * Hands what {@link #offerLive} queued to the socket. The hub calls it once per read and client,
   * not per entry: a socket that takes every write at once would otherwise get a frame (and a
   * system call) per entry — at 5 000 entries/s and 50 clients, 250 000 a second.
   */
  synchronized void flush() {
    sendNext();
  }

  /**
   * An entry read while catching up: waits for room in the queue instead of dropping (the
   * catch-up thread is this client's own). Returns false when the client went away.
   */
  synchronized boolean offerCatchUp(TailedEntry e, Function<TailedEntry, String> json) throws InterruptedException {
    while (!closed && queue.size() >= capacity) {
      wait(200);
    }
    if (closed) {
      return false;
    }
    offer(e, json, true);
    sendNext();
    return true;
  }

  /**
   * Switches to live when nothing lies between the catch-up's last read id and the pending
   * entries: the pending entries newer than the catch-up go out, then a ready message. Returns
   * false when pending lost entries the catch-up has not read yet (the catch-up then reads on).
   */
  synchronized boolean goLive(String catchUpLastId, Function<TailedEntry, String> json) {
    if (pending == null) {
      return true;
    }
    if (pendingCut && !pending.isEmpty() && (catchUpLastId == null
        || StreamIds.compare(pending.peek().streamId(), catchUpLastId) > 0)) {
      return false;
    }
    ArrayDeque<TailedEntry> p = pending;
    pending = null;
    for (TailedEntry e : p) {
      offer(e, json, false);
    }
    queue.add(new Out(READY, null));
    sendNext();
    return true;
  }

  private void offer(TailedEntry e, Function<TailedEntry, String> json, boolean force) {
    if (lastQueuedId != null && StreamIds.compare(e.streamId(), lastQueuedId) <= 0) {
      return; // already queued (or dropped) once
    }
    lastQueuedId = e.streamId();
    if (!filters.matches(e.entry())) {
      return;
    }
    if (!force && queue.size() >= capacity) {
      dropped++;
      metrics.streamDropped(1);
      return;
    }
    if (dropped > 0) { // the gap comes before this entry: tell the client where it was
      queue.add(new Out(droppedNotice(), null));
    }
    queue.add(new Out(json.apply(e), e.entry().timestamp()));
  }

  private String droppedNotice() {
    String m = "{\"type\":\"dropped\",\"count\":" + dropped + "}";
    dropped = 0;
    return m;
  }

  /** Hands the next frame to Jetty unless enough are on their way (their completion calls back here). */
  private void sendNext() {
    if (inFlight >= MAX_FRAMES_IN_FLIGHT || closed || (queue.isEmpty() && dropped == 0)) {
      return;
    }
    StringBuilder frame = new StringBuilder(8192).append('[');
    Instant now = Instant.now();
    int n = 0;
    for (Out m; n < MAX_FRAME_MESSAGES && frame.length() < MAX_FRAME_CHARS && (m = queue.poll()) != null; n++) {
      if (n > 0) {
        frame.append(',');
      }
      frame.append(m.json());
      if (m.entryTime() != null) {
        metrics.streamLag(m.entryTime(), now);
      }
    }
    if (queue.isEmpty() && dropped > 0) { // every queued message is older than these drops
      frame.append(n > 0 ? "," : "").append(droppedNotice());
      n++;
    }
    frame.append(']');
    notifyAll(); // room for a waiting catch-up
    inFlight++;
    lastWriteNanos = System.nanoTime();
    int messages = n;
    try {
      session.sendText(frame.toString(), Callback.from(() -> sent(messages), this::failed));
    } catch (RuntimeException ex) {
      failed(ex);
    }
  }

  private synchronized void sent(int messages) {
    inFlight--;
    metrics.streamSent(messages);
    sendNext();
  }

  private void failed(Throwable t) {
    synchronized (this) {
      inFlight--;
      if (closed) {
        return; // the socket went away first: nothing to tell
      }
    }
    // Not silently: the client learns the stream ended and reconnects with from=<last stream_id>.
    LOG.warn("a stream send failed ({}); closing that stream with 1011", t.toString());
    closeSocket(1011, "send failed: reconnect with from=<last stream_id>");
  }

  /**
   * The pinger's check, once per ping interval: pings when nothing was written for an interval
   * (so that proxies and the server's idle timeout see a live connection) or when the client sent
   * nothing since the last check (so that a live client answers with a pong even while frames
   * flow to it: it sends nothing else). Returns true, and pings no more, when the client left
   * {@code maxMissed} pings in a row unanswered — each sent at least one check ago — and sent
   * nothing else either: a vanished peer (network gone, no close frame) or one that stopped
   * reading (its TCP window is full, so the pings do not reach it). The hub then {@link #evict}s it.
   */
  synchronized boolean missedPings(long nowNanos, long intervalNanos, int maxMissed) {
    if (closed) {
      return false;
    }
    long in = peerFrames.getAsLong();
    boolean heard = in != lastFramesIn;
    if (heard) {
      lastFramesIn = in;
      unansweredPings = 0;
    } else if (in != PeerFrames.UNKNOWN && unansweredPings >= maxMissed) {
      return true;
    }
    if (!heard || nowNanos - lastWriteNanos >= intervalNanos) {
      lastWriteNanos = nowNanos;
      unansweredPings++;
      try {
        session.sendPing(ByteBuffer.allocate(0), Callback.from(() -> {}, t -> closeSocket(1011, "ping failed")));
      } catch (RuntimeException e) {
        closeSocket(1011, "ping failed");
      }
    }
    return false;
  }

  /**
   * Drops a client that stopped answering: its queue is freed and its connection closed without a
   * close handshake (it would not read one); if it is still there after all, it sees the
   * connection end (1006) and reconnects with {@code from=<last stream_id>}.
   */
  void evict() {
    close();
    try {
      session.disconnect();
    } catch (RuntimeException e) {
      LOG.debug("disconnecting a silent stream client failed", e); // closing anyway
    }
  }

  synchronized int queued() {
    return queue.size();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Closes the socket with this status (1001 going away, 1011 server error) and forgets the queue. */
  void closeSocket(int code, String reason) {
    closeSocket(code, reason, () -> {});
  }

  /** As {@link #closeSocket(int, String)}, running {@code done} once the close frame is out (or failed). */
  void closeSocket(int code, String reason, Runnable done) {
    close();
    try {
      session.close(code, reason, Callback.from(done, t -> done.run()));
    } catch (RuntimeException e) {
      done.run(); // already closing
    }
  }

  /** Forgets queued messages; called when the socket closed. */
  synchronized void close() {
    closed = true;
    queue.clear();
    pending = null;
    notifyAll();
  }
}
