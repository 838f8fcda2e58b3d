package io.platformlogger.examples.demo;

import io.platformlogger.core.Level;
import io.platformlogger.redis.LogTail;
import io.platformlogger.redis.LogTailException;
import io.platformlogger.redis.TailFilter;
import io.platformlogger.redis.TailStart;
import io.platformlogger.redis.TailedEntry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows the Redis stream on its own thread while the shop runs, printing WARN and ERROR entries
 * as they arrive (the first {@code maxShown}, then only counting), as {@code platform-logs tail -f
 * --level warn,error} would. Started and closed by one thread.
 */
final class LiveTail implements AutoCloseable {
  private final LogTail tail;
  private final Terminal term;
  private final int maxShown;
  private final AtomicLong seen = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long lastArrival = System.nanoTime();

  private LiveTail(LogTail tail, Terminal term, int maxShown) {
    this.tail = tail;
    this.term = term;
    this.maxShown = maxShown;
    this.thread = new Thread(this::follow, "demo-live-tail");
    this.thread.setDaemon(true);
  }

  static LiveTail start(String redisUri, String stream, Terminal term, int maxShown) throws LogTailException, InterruptedException {
    LogTail tail =
        LogTail.builder()
            .uri(redisUri)
            .stream(stream)
            .start(TailStart.now())
            .filter(TailFilter.builder().levels(Set.of(Level.WARN, Level.ERROR)).build())
            .build();
    tail.poll(Duration.ZERO); // fixes "now" before the first request is served
    LiveTail live = new LiveTail(tail, term, maxShown);
    live.thread.start();
    return live;
  }

  private void follow() {
    while (running) {
      try {
        List<TailedEntry> batch = tail.poll(Duration.ofMillis(200));
        for (TailedEntry t : batch) {
          lastArrival = System.nanoTime();
          if (seen.incrementAndGet() <= maxShown) {
            synchronized (term) {
              term.entry(t.entry());
            }
          }
        }
      } catch (LogTailException e) {
        synchronized (term) {
          term.line("  (tail: " + e.getMessage() + ")");
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Waits until nothing has arrived for {@code quiet}, so the tail has shown what was written. */
  void awaitQuiet(Duration quiet) throws InterruptedException {
    while (System.nanoTime() - lastArrival < quiet.toNanos()) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    tail.close();
    long more = seen.get() - maxShown;
    synchronized (term) {
      term.line(more > 0 ? "  ... and " + more + " more WARN/ERROR entries followed live" : "  (" + seen.get() + " WARN/ERROR entries followed live)");
    }
  }
}
