package io.platformlogger.benchmarks.support;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.PostgresLogSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rows the read-side benchmarks query: N entries spread evenly over the 7 days before a given
 * instant, 8 services, 50 tenants, 20 % WARN/ERROR, written through {@link PostgresLogSink} into
 * schema {@code public}. Row i depends only on i, N and the instant, so every run stores the same
 * rows. Called from a benchmark's main thread before it starts timing.
 */
public final class StoredRows {
  private static final String[] WORDS = {
    "timeout", "checkout", "payment", "inventory", "refused", "declined", "cache", "retry", "database",
    "gateway", "session", "invoice", "shipping", "search", "profile", "upload"
  };
  private static final String[] SERVICES = {"checkout", "payments", "inventory", "search", "auth", "shipping", "api", "worker"};
  private static final int BATCH = 5000;

  private StoredRows() {}

  /** Writes rows 0..rows-1 of {@link #row} in batches, then ANALYZEs the table; prints the time taken. */
  public static void load(String jdbcUrl, int rows, Instant now) throws Exception {
    long t0 = System.nanoTime();
    try (PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(jdbcUrl).schema("public").build()) {
      List<LogEntry> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < rows; i++) {
        batch.add(row(i, rows, now));
        if (batch.size() == BATCH) {
          sink.write(batch);
          batch.clear();
        }
      }
      sink.write(batch);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      st.execute("ANALYZE public.platform_logs");
    }
    System.out.printf(Locale.ROOT, "loaded %,d rows over 7 days (50 tenants) in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
  }

  /** Row i of n, at i/n of the way through the 7 days before now. */
  public static LogEntry row(int i, int n, Instant now) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    Instant t = now.minus(Duration.ofDays(7)).plusMillis((long) (7 * 86_400_000L * (double) i / n));
    int lv = r.nextInt(100);
    Level level = lv < 20 ? Level.DEBUG : lv < 80 ? Level.INFO : lv < 92 ? Level.WARN : Level.ERROR;
    String w1 = word(r);
    String w2 = word(r);
    return LogEntry.builder().timestamp(t).level(level)
        .message(w1 + " for order " + r.nextInt(1_000_000) + " after " + w2 + " in " + r.nextInt(5000) + " ms")
        .data(Map.of("order_id", (long) r.nextInt(10_000_000), "channel", w1))
        .service(SERVICES[r.nextInt(SERVICES.length)]).instanceId("pod-" + r.nextInt(40))
        .tenantId("t-" + r.nextInt(50)).userId("u-" + r.nextInt(100_000))
        .requestId("r-" + Long.toHexString(r.nextLong())).traceId(String.format("%016x%016x", r.nextLong(), r.nextLong()))
        .build();
  }

  /** One of the 16 words the rows' messages are made of ("timeout", "checkout", ...), drawn from r. */
  public static String word(SplittableRandom r) {
    return WORDS[r.nextInt(WORDS.length)];
  }
}
