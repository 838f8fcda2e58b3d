package io.platformlogger.service;

import io.platformlogger.redis.TailedEntry;
import java.util.ArrayDeque;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket client of the live stream: its filters, and a bounded queue of messages with at
 * most {@link #MAX_IN_FLIGHT} sends in flight. When the client reads too slowly and the queue is full, live entries
 * are counted as dropped and a {@code {"type":"dropped","count":N}} message goes out as soon as
 * there is room — the hub never waits for a client.
 *
 * <p>While a resuming client catches up from its {@code from} id, live entries wait in {@code
 * pending}; stream ids at or before the last one queued are skipped, so the two sources together
 * give every entry once. All state is guarded by {@code this}; Jetty's send callbacks and the hub's
 * thread both call in.
 */
final class StreamClient {
  /**
   * Sends handed to Jetty before their completion: more than one lets Jetty gather several frames
   * into one socket write (one write per frame costs a system call each at thousands of entries a
   * second); few enough that what Jetty holds for a stalled client stays small.
   */
  static final int MAX_IN_FLIGHT = 16;

  private final Session session;
  private final Filters filters;
  private final int capacity;
  private final ServiceMetrics metrics;

  private final ArrayDeque<String> queue = new ArrayDeque<>(); // messages not yet handed to Jetty
  private ArrayDeque<TailedEntry> pending = new ArrayDeque<>(); // live entries while catching up; null once live
  private boolean pendingCut; // pending lost its oldest entries (it holds the newest `capacity`)
  private String lastQueuedId; // the newest stream id queued or dropped; older ids are repeats
  private long dropped; // dropped since the last "dropped" message went out
  private int inFlight; // sendText calls not yet completed, at most MAX_IN_FLIGHT
  private boolean draining; // sendNext is running on this thread (Jetty may complete a send inline)
  private boolean closed;

  StreamClient(Session session, Filters filters, int capacity, ServiceMetrics metrics, String fromId) {
    this.session = session;
    this.filters = filters;
    this.capacity = capacity;
    this.metrics = metrics;
    this.lastQueuedId = fromId;
  }

  /** A live entry from the hub; {@code json} renders the message once for every client. */
  synchronized void offerLive(TailedEntry e, Function<TailedEntry, String> json) {
    if (closed) {
      return;
    }
    if (pending != null) {
      if (pending.size() >= capacity) {
        pending.poll(); // the catch-up reads on until it has passed the oldest kept one
        pendingCut = true;
      }
      pending.add(e);
      return;
    }
    offer(e, json, false);
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
    enqueue("{\"type\":\"ready\"}");
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
    metrics.streamLag(e.entry().timestamp());
    enqueue(json.apply(e));
  }

  private void enqueue(String message) {
    queue.add(message);
    sendNext();
  }

  private void sendNext() {
    if (draining) {
      return; // a send completed inline: the loop below carries on
    }
    draining = true;
    try {
      drain();
    } finally {
      draining = false;
    }
  }

  private void drain() {
    while (inFlight < MAX_IN_FLIGHT && !closed) {
      String next;
      if (dropped > 0) {
        next = "{\"type\":\"dropped\",\"count\":" + dropped + "}";
        dropped = 0;
      } else {
        next = queue.poll();
        if (next == null) {
          return;
        }
      }
      inFlight++;
      try {
        session.sendText(next, Callback.from(this::sent, this::failed));
      } catch (RuntimeException ex) {
        failed(ex);
      }
    }
  }

  private synchronized void sent() {
    inFlight--;
    metrics.streamSent();
    notifyAll();
    sendNext();
  }

  private synchronized void failed(Throwable t) {
    inFlight--;
    close();
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
