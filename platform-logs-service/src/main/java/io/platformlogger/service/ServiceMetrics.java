package io.platformlogger.service;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The service's counters, rendered in the Prometheus text format for {@code GET /metrics}:
 * requests by route, method and status with a latency histogram per route, open streams, stream
 * delivery lag (entry timestamp to hand-over to the socket), dropped stream messages and streams
 * evicted for answering no pings.
 * Thread-safe; counting is lock-free.
 */
final class ServiceMetrics {
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Latency> latency = new ConcurrentHashMap<>();
  private final Latency lag = new Latency();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private volatile IntSupplier openStreams = () -> 0;

  /** A latency histogram: counts per bucket (render() makes them cumulative), sum and count. */
  private static final class Latency {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length]; // observations in (BUCKETS[i-1], BUCKETS[i]]
    final LongAdder count = new LongAdder();
    final AtomicLong sumNanos = new AtomicLong();

    Latency() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      double s = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (s <= BUCKETS[i]) {
          buckets[i].increment(); // its own bucket only: render() sums them up (one increment per call)
          break;
        }
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }
  }

  void openStreams(IntSupplier s) {
    openStreams = s;
  }

  void request(String route, String method, int status, long nanos) {
    requests.computeIfAbsent(route + "\u0000" + method + "\u0000" + status, k -> new LongAdder()).increment();
    latency.computeIfAbsent(route, k -> new Latency()).observe(nanos);
  }

  void streamDropped(long n) {
    dropped.add(n);
  }

  void streamEvicted() {
    evicted.increment();
  }

  void streamSent(int messages) {
    sent.add(messages);
  }

  void streamLag(Instant entryTime, Instant now) {
    long nanos = (now.getEpochSecond() - entryTime.getEpochSecond()) * 1_000_000_000L + now.getNano() - entryTime.getNano();
    lag.observe(Math.max(0, nanos));
  }

  String render() {
    StringBuilder b = new StringBuilder(4096);
    b.append("# HELP platform_logs_http_requests_total HTTP requests by route, method and status.\n");
    b.append("# TYPE platform_logs_http_requests_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(requests).entrySet()) {
      String[] k = e.getKey().split("\u0000");
      b.append("platform_logs_http_requests_total{route=\"").append(label(k[0])).append("\",method=\"")
          .append(k[1]).append("\",status=\"").append(k[2]).append("\"} ").append(e.getValue().sum()).append('\n');
    }
    b.append("# HELP platform_logs_http_request_duration_seconds HTTP request latency by route.\n");
    b.append("# TYPE platform_logs_http_request_duration_seconds histogram\n");
    for (Map.Entry<String, Latency> e : new TreeMap<>(latency).entrySet()) {
      histogram(b, "platform_logs_http_request_duration_seconds", "route=\"" + label(e.getKey()) + "\",", e.getValue());
    }
    b.append("# HELP platform_logs_stream_open Open WebSocket streams.\n");
    b.append("# TYPE platform_logs_stream_open gauge\n");
    b.append("platform_logs_stream_open ").append(openStreams.getAsInt()).append('\n');
    b.append("# HELP platform_logs_stream_sent_total Stream messages handed to sockets.\n");
    b.append("# TYPE platform_logs_stream_sent_total counter\n");
    b.append("platform_logs_stream_sent_total ").append(sent.sum()).append('\n');
    b.append("# HELP platform_logs_stream_dropped_total Live entries dropped because a client's send buffer was full.\n");
    b.append("# TYPE platform_logs_stream_dropped_total counter\n");
    b.append("platform_logs_stream_dropped_total ").append(dropped.sum()).append('\n');
    b.append("# HELP platform_logs_stream_evicted_total Streams dropped because the client answered no ping for")
        .append(" streamMaxMissedPings ping intervals (a vanished peer, or one that stopped reading).\n");
    b.append("# TYPE platform_logs_stream_evicted_total counter\n");
    b.append("platform_logs_stream_evicted_total ").append(evicted.sum()).append('\n');
    b.append("# HELP platform_logs_stream_lag_seconds Entry timestamp to hand-over to the client's socket.\n");
    b.append("# TYPE platform_logs_stream_lag_seconds histogram\n");
    histogram(b, "platform_logs_stream_lag_seconds", "", lag);
    return b.toString();
  }

  private static void histogram(StringBuilder b, String name, String labels, Latency l) {
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += l.buckets[i].sum();
      b.append(name).append("_bucket{").append(labels).append("le=\"").append(BUCKETS[i]).append("\"} ")
          .append(cumulative).append('\n');
    }
    b.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(l.count.sum()).append('\n');
    String plain = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
    b.append(name).append("_sum").append(plain).append(' ').append(l.sumNanos.get() / 1e9).append('\n');
    b.append(name).append("_count").append(plain).append(' ').append(l.count.sum()).append('\n');
  }

  private static String label(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
