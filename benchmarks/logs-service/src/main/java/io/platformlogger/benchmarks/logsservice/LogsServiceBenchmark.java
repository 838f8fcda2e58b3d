package io.platformlogger.benchmarks.logsservice;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.redis.LogTail;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TailStart;
import io.platformlogger.redis.TailedEntry;
import io.platformlogger.service.ApiKey;
import io.platformlogger.service.LogsService;
import io.platformlogger.service.ServiceSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.RedisServer;

/**
 * Two comparisons, each against its anchor in the same run:
 *
 * <ol>
 *   <li>{@code GET /api/logs} (tenant + levels + full-text + 24 h, limit 100) through HTTP against
 *       the same {@link PostgresLogStore#query} called directly on the same pool; the two alternate
 *       call by call, p50/p95 of each.
 *   <li>Live fan-out: N WebSocket clients of the service while entries are written to Redis at a
 *       set rate, against one {@link LogTail} reading the same stream directly; lag = receive time
 *       minus the entry's timestamp (set just before the write), p50/p99 of each.
 * </ol>
 *
 * <p>Arguments: {@code --rows N} (default 1 000 000), {@code --queries N} (timed calls of each
 * side, default 300), {@code --clients N} (default 50), {@code --rate N} (entries/s, default 5000),
 * {@code --seconds N} (stream duration, default 10).
 */
public final class LogsServiceBenchmark {
  private static final String KEY = "bench-tenant-key";
  private static final String[] WORDS = {
    "timeout", "checkout", "payment", "inventory", "refused", "declined", "cache", "retry", "database",
    "gateway", "session", "invoice", "shipping", "search", "profile", "upload"
  };
  private static final String[] SERVICES = {"checkout", "payments", "inventory", "search", "auth", "shipping", "api", "worker"};

  private LogsServiceBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int rows = Integer.parseInt(a.getOrDefault("rows", "1000000"));
    int queries = Integer.parseInt(a.getOrDefault("queries", "300"));
    int clients = Integer.parseInt(a.getOrDefault("clients", "50"));
    int rate = Integer.parseInt(a.getOrDefault("rate", "5000"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
    System.out.printf(Locale.ROOT, "rows %,d, queries %d, clients %d, rate %d/s for %d s; JDK %s; %d cores%n",
        rows, queries, clients, rate, seconds, Runtime.version(), Runtime.getRuntime().availableProcessors());

    Path dir = Files.createTempDirectory("logs-service-bench");
    int redisPort;
    try (ServerSocket s = new ServerSocket(0)) {
      redisPort = s.getLocalPort();
    }
    RedisServer redis = RedisServer.builder().port(redisPort).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
    redis.start();
    String redisUrl = "redis://127.0.0.1:" + redisPort;
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data")).setCleanDataDirectory(true)
        .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "2GB").start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      load(url, rows, now);
      HikariConfig hc = new HikariConfig();
      hc.setJdbcUrl(url);
      hc.setMaximumPoolSize(8);
      try (HikariDataSource pool = new HikariDataSource(hc);
          LogsService service = LogsService.builder().dataSource(pool, "public").redisUri(redisUrl).stream("bench:logs")
              .apiKeys(List.of(ApiKey.forTenant(ApiKey.sha256Of(KEY), "t-7")))
              .settings(ServiceSettings.defaults().withHost("127.0.0.1").withPort(0)).start()) {
        query(PostgresLogStore.of(pool, "public"), service.port(), now, queries);
        stream(service.port(), redisUrl, clients, rate, seconds);
      }
    } finally {
      redis.stop();
    }
  }

  private static void load(String url, int rows, Instant now) throws Exception {
    long t0 = System.nanoTime();
    try (PostgresLogSink sink = PostgresLogSink.builder().jdbcUrl(url).schema("public").build()) {
      List<LogEntry> batch = new ArrayList<>(5000);
      for (int i = 0; i < rows; i++) {
        batch.add(entry(i, rows, now));
        if (batch.size() == 5000) {
          sink.write(batch);
          batch.clear();
        }
      }
      sink.write(batch);
    }
    try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
      st.execute("ANALYZE public.platform_logs");
    }
    System.out.printf(Locale.ROOT, "loaded %,d rows over 7 days in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
  }

  private static LogEntry entry(int i, int rows, Instant now) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    Instant t = now.minus(Duration.ofDays(7)).plusMillis((long) (7 * 86_400_000L * (double) i / rows));
    int lv = r.nextInt(100);
    Level level = lv < 20 ? Level.DEBUG : lv < 80 ? Level.INFO : lv < 92 ? Level.WARN : Level.ERROR;
    String w1 = WORDS[r.nextInt(WORDS.length)];
    String w2 = WORDS[r.nextInt(WORDS.length)];
    return LogEntry.builder().timestamp(t).level(level)
        .message(w1 + " for order " + r.nextInt(1_000_000) + " after " + w2 + " in " + r.nextInt(5000) + " ms")
        .data(Map.of("order_id", (long) r.nextInt(10_000_000), "channel", w1))
        .service(SERVICES[r.nextInt(SERVICES.length)]).instanceId("pod-" + r.nextInt(40))
        .tenantId("t-" + r.nextInt(50)).userId("u-" + r.nextInt(100_000))
        .requestId("r-" + Long.toHexString(r.nextLong())).traceId(String.format("%016x%016x", r.nextLong(), r.nextLong()))
        .build();
  }

  private static void query(PostgresLogStore store, int port, Instant now, int n) throws Exception {
    Instant since = now.minus(Duration.ofHours(24));
    LogQuery q = LogQuery.forTenant("t-7").levels(Level.WARN, Level.ERROR).text("timeout").from(since).to(now).pageSize(100).build();
    String uri = "http://127.0.0.1:" + port + "/api/logs?level=warn,error&q=timeout&limit=100&since="
        + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + "&until=" + URLEncoder.encode(now.toString(), StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + KEY).build();
    int found = store.query(q).entries().size();
    long[] direct = new long[n];
    long[] viaHttp = new long[n];
    for (int i = -50; i < n; i++) { // 50 warm-up rounds, then alternate the two sides
      long t0 = System.nanoTime();
      store.query(q);
      long t1 = System.nanoTime();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      long t2 = System.nanoTime();
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
      }
      if (i >= 0) {
        direct[i] = t1 - t0;
        viaHttp[i] = t2 - t1;
      }
    }
    Arrays.sort(direct);
    Arrays.sort(viaHttp);
    System.out.printf(Locale.ROOT, "%nquery (tenant + WARN/ERROR + full-text + 24 h, LIMIT 100; %d entries per page), %d calls each%n", found, n);
    System.out.println("| side | p50 ms | p95 ms |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| PostgresLogStore.query, direct (anchor) | %.2f | %.2f |%n", ms(direct, 50), ms(direct, 95));
    System.out.printf(Locale.ROOT, "| GET /api/logs through HTTP | %.2f | %.2f |%n", ms(viaHttp, 50), ms(viaHttp, 95));
    System.out.printf(Locale.ROOT, "| ratio HTTP / direct | %.2f× | %.2f× |%n", ms(viaHttp, 50) / ms(direct, 50), ms(viaHttp, 95) / ms(direct, 95));
  }

  private static final Pattern TS = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

  private static void stream(int port, String redisUrl, int clients, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    HttpClient http = HttpClient.newHttpClient();
    List<long[]> lags = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(clients);
    List<WebSocket> sockets = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      long[] lag = new long[total];
      int[] got = {0};
      lags.add(lag);
      sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + KEY)
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/logs/stream?tenant=t-7"), new WebSocket.Listener() {
            private final StringBuilder buf = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              buf.append(data);
              if (last) {
                String m = buf.toString();
                buf.setLength(0);
                if (m.startsWith("{\"type\":\"ready\"")) {
                  ready.countDown();
                } else if (m.startsWith("{\"type\":\"entry\"")) {
                  Matcher x = TS.matcher(m);
                  if (x.find() && got[0] < lag.length) {
                    lag[got[0]++] = Duration.between(Instant.parse(x.group(1)), Instant.now()).toNanos();
                  }
                }
              }
              ws.request(1);
              return null;
            }
          }).get(30, TimeUnit.SECONDS));
    }
    ready.await(30, TimeUnit.SECONDS);
    long[] directLag = new long[total];
    int[] directGot = {0};
    AtomicBoolean done = new AtomicBoolean();
    Thread direct = new Thread(() -> {
      try (LogTail tail = LogTail.builder().uri(redisUrl).stream("bench:logs").start(TailStart.now()).build()) {
        tail.poll(Duration.ZERO);
        ready.countDown();
        while (!done.get() || directGot[0] < total) {
          for (TailedEntry e : tail.poll(Duration.ofMillis(200))) {
            if (directGot[0] < total) {
              directLag[directGot[0]++] = Duration.between(e.entry().timestamp(), Instant.now()).toNanos();
            }
          }
          if (done.get() && directGot[0] >= total) {
            break;
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    direct.start();
    Thread.sleep(500);
    try (RedisStreamLogSink sink = RedisStreamLogSink.builder().uri(redisUrl).stream("bench:logs").build()) {
      int perTick = Math.max(1, rate / 100); // every 10 ms
      long start = System.nanoTime();
      for (int i = 0; i < total; i += perTick) {
        long due = start + (long) (i / (double) rate * 1e9);
        while (System.nanoTime() < due) {
          Thread.sleep(0, 200_000);
        }
        List<LogEntry> batch = new ArrayList<>(perTick);
        for (int j = i; j < Math.min(total, i + perTick); j++) {
          batch.add(LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).tenantId("t-7").service("api")
              .message("live " + j).build());
        }
        sink.write(batch);
      }
    }
    done.set(true);
    direct.join(TimeUnit.SECONDS.toMillis(60));
    Thread.sleep(2000);
    long[] all = lags.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    long received = all.length;
    long[] anchor = Arrays.copyOf(directLag, directGot[0]);
    Arrays.sort(anchor);
    for (WebSocket w : sockets) {
      w.abort();
    }
    System.out.printf(Locale.ROOT, "%nstream fan-out: %d clients, %d entries/s for %d s (%,d entries; %,d of %,d deliveries received)%n",
        clients, rate, seconds, total, received, (long) total * clients);
    System.out.println("| reader | p50 ms | p99 ms |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| one LogTail, direct (anchor) | %.1f | %.1f |%n", ms(anchor, 50), ms(anchor, 99));
    System.out.printf(Locale.ROOT, "| %d WebSocket clients of the service | %.1f | %.1f |%n", clients, ms(all, 50), ms(all, 99));
  }

  private static double ms(long[] sorted, int pct) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
