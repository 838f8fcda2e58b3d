package io.platformlogger.benchmarks.logsservice;

import io.platformlogger.benchmarks.support.Args;
import io.platformlogger.benchmarks.support.EmbeddedServers;
import io.platformlogger.benchmarks.support.PacedWrites;
import io.platformlogger.benchmarks.support.ServiceUnderTest;
import io.platformlogger.benchmarks.support.StoredRows;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.redis.LogTail;
import io.platformlogger.redis.TailStart;
import io.platformlogger.redis.TailedEntry;
import io.platformlogger.service.ApiKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * side, default 300), {@code --warmup N} (untimed rounds of every side over the last hour, default
 * 2000), {@code --clients N} (default 50), {@code --rate N} (entries/s, default 5000),
 * {@code --seconds N} (stream duration, default 10), {@code --part query|stream|both} (default both).
 */
public final class LogsServiceBenchmark {
  private static final String KEY = "bench-tenant-key";

  private LogsServiceBenchmark() {}

  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args);
    int rows = a.intOr("rows", 1_000_000);
    int queries = a.intOr("queries", 300);
    int clients = a.intOr("clients", 50);
    int rate = a.intOr("rate", 5000);
    int seconds = a.intOr("seconds", 10);
    String part = a.getOr("part", "both");
    int warmup = a.intOr("warmup", 2000);
    System.out.printf(Locale.ROOT, "rows %,d, queries %d, clients %d, rate %d/s for %d s; JDK %s; %d cores%n",
        rows, queries, clients, rate, seconds, Runtime.version(), Runtime.getRuntime().availableProcessors());

    try (EmbeddedServers servers = EmbeddedServers.start("logs-service-bench")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      StoredRows.load(servers.jdbcUrl(), rows, now);
      try (ServiceUnderTest service = ServiceUnderTest.start(servers.jdbcUrl(), servers.redisUrl(),
          List.of(ApiKey.forTenant(ApiKey.sha256Of(KEY), "t-7")))) {
        if (!part.equals("stream")) {
          query(PostgresLogStore.of(service.pool(), "public"), service.port(), now, queries, warmup);
        }
        if (!part.equals("query")) {
          stream(service.port(), servers.redisUrl(), clients, rate, seconds);
        }
      }
    }
  }

  private static void query(PostgresLogStore store, int port, Instant now, int n, int warmup) throws Exception {
    Instant since = now.minus(Duration.ofHours(24));
    LogQuery q = LogQuery.forTenant("t-7").levels(Level.WARN, Level.ERROR).text("timeout").from(since).to(now).pageSize(100).build();
    String uri = logsUri(port, since, now);
    System.out.printf(Locale.ROOT, "%nquery: load average at start %s%n", load());
    HttpClient http = HttpClient.newHttpClient();
    // Warm-up: the same four sides on the same route, filters and code paths, over the last hour
    // only (a fraction of the cost at 1 M rows), so that every side runs JIT-compiled code when
    // timed — a running service has served thousands of requests. With 50 rounds only, Jetty's,
    // Javalin's and the HTTP clients' code was still interpreted or C1-compiled and cost 1-3 ms
    // a request more than when compiled (the direct side runs much less code).
    Instant hourAgo = now.minus(Duration.ofHours(1));
    LogQuery warmQuery = LogQuery.forTenant("t-7").levels(Level.WARN, Level.ERROR).text("timeout").from(hourAgo).to(now).pageSize(100).build();
    String warmUri = logsUri(port, hourAgo, now);
    for (int i = 0; i < warmup; i++) {
      round(store, warmQuery, warmUri, http, port);
    }
    int found = store.query(q).entries().size();
    long[][] t = new long[SIDES.length][n];
    for (int i = -50; i < n; i++) { // 50 rounds of the timed query, then the sides in turn
      long[] r = round(store, q, uri, http, port);
      for (int s = 0; i >= 0 && s < r.length; s++) {
        t[s][i] = r[s];
      }
    }
    for (long[] a : t) {
      Arrays.sort(a);
    }
    System.out.printf(Locale.ROOT, "query (tenant + WARN/ERROR + full-text + 24 h, LIMIT 100; %d entries per page), %d calls each"
        + " after %d warm-up rounds; load average at end %s%n", found, n, warmup, load());
    System.out.println("| side | p50 ms | p95 ms | ratio to direct p50 / p95 |");
    System.out.println("|---|---|---|---|");
    for (int s = 0; s < SIDES.length; s++) {
      row(SIDES[s], t[s], t[0]);
    }
  }

  private static final String[] SIDES = {
    "PostgresLogStore.query, direct (anchor)",
    "the same query + the page as JSON bytes (Jackson, in process)",
    "GET /api/logs, blocking client (HttpURLConnection, keep-alive)",
    "GET /api/logs, JDK HttpClient",
    "GET /api/me, blocking client (the HTTP floor: key check, tiny answer, no SQL)",
  };

  /** One call of each side in turn; the nanoseconds of each, in the order of {@link #SIDES}. */
  private static long[] round(PostgresLogStore store, LogQuery q, String uri, HttpClient http, int port) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + KEY).build();
    long t0 = System.nanoTime();
    store.query(q);
    long t1 = System.nanoTime();
    byte[] json = pageJson(store.query(q).entries());
    long t2 = System.nanoTime();
    int size = getBlocking(uri);
    long t3 = System.nanoTime();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    long t4 = System.nanoTime();
    getBlocking("http://127.0.0.1:" + port + "/api/me");
    long t5 = System.nanoTime();
    if (r.statusCode() != 200 || size < json.length / 2) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    return new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
  }

  private static String logsUri(int port, Instant since, Instant until) {
    return "http://127.0.0.1:" + port + "/api/logs?level=warn,error&q=timeout&limit=100&since="
        + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + "&until=" + URLEncoder.encode(until.toString(), StandardCharsets.UTF_8);
  }

  private static void row(String side, long[] sorted, long[] anchor) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f× / %.2f× |%n", side, ms(sorted, 50), ms(sorted, 95),
        ms(sorted, 50) / ms(anchor, 50), ms(sorted, 95) / ms(anchor, 95));
  }

  /** The page as the service writes it: each entry encoded by the core's LogEntryJson, in one array. */
  private static byte[] pageJson(List<LogEntry> entries) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
    try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("entries");
      for (LogEntry e : entries) {
        g.writeRawValue(io.platformlogger.core.json.LogEntryJson.encode(e)); // as the service's Json.entry
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

  /**
   * One GET on the calling thread (HttpURLConnection keeps the connection alive between calls):
   * no selector or executor threads between the caller and the socket, as with the direct call.
   */
  private static int getBlocking(String uri) throws java.io.IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(uri).toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + KEY);
    try (java.io.InputStream in = c.getInputStream()) {
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("HTTP " + c.getResponseCode());
      }
      return in.readAllBytes().length;
    }
  }

  private static void stream(int port, String redisUrl, int clients, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    System.out.printf(Locale.ROOT, "%nstream: load average at start %s%n", load());
    // The clients run in a JVM of their own (StreamClients): same machine, but not the service's
    // heap, GC or JIT threads.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    String extra = System.getProperty("bench.clientJvmOptions", ""); // e.g. a JFR recording of the clients
    if (!extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamClients.class.getName(),
        "127.0.0.1", Integer.toString(port), "/api/logs/stream?tenant=t-7", KEY, Integer.toString(clients), Integer.toString(total)));
    Process clientJvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader clientOut = new BufferedReader(new InputStreamReader(clientJvm.getInputStream(), StandardCharsets.UTF_8));
    String first = clientOut.readLine();
    if (!"READY".equals(first)) {
      throw new IllegalStateException("the client JVM did not get ready: " + first);
    }
    long serviceCpu0 = serviceCpuNanos();
    long[] anchorCpu = {0};
    long[] directLag = new long[total];
    int[] directGot = {0};
    AtomicBoolean done = new AtomicBoolean();
    Thread direct = new Thread(() -> {
      try (LogTail tail = LogTail.builder().uri(redisUrl).stream(ServiceUnderTest.STREAM).start(TailStart.now()).build()) {
        tail.poll(Duration.ZERO);
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
        anchorCpu[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    direct.start();
    Thread.sleep(500);
    PacedWrites.write(redisUrl, rate, seconds,
        j -> LogEntry.builder().timestamp(Instant.now()).level(Level.INFO).tenantId("t-7").service("api").message("live " + j).build());
    done.set(true);
    direct.join(TimeUnit.SECONDS.toMillis(60));
    Thread.sleep(2000);
    long serviceCpu = serviceCpuNanos() - serviceCpu0;
    clientJvm.getOutputStream().write("STOP\n".getBytes(StandardCharsets.UTF_8));
    clientJvm.getOutputStream().flush();
    String[] result = clientOut.readLine().split(" "); // RESULT received dropped p50 p99 cpu
    clientJvm.waitFor(30, TimeUnit.SECONDS);
    long received = Long.parseLong(result[1]);
    long dropped = Long.parseLong(result[2]);
    long[] anchor = Arrays.copyOf(directLag, directGot[0]);
    Arrays.sort(anchor);
    System.out.printf(Locale.ROOT, "stream fan-out: %d clients, %d entries/s for %d s (%,d entries; %,d of %,d deliveries received,"
        + " %,d told dropped); load average at end %s%n", clients, rate, seconds, total, received, (long) total * clients, dropped, load());
    System.out.println("| reader | p50 ms | p99 ms |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| one LogTail, direct (anchor) | %.1f | %.1f |%n", ms(anchor, 50), ms(anchor, 99));
    System.out.printf(Locale.ROOT, "| %d WebSocket clients of the service (another JVM) | %.1f | %.1f |%n", clients,
        Long.parseLong(result[3]) / 1e6, Long.parseLong(result[4]) / 1e6);
    System.out.printf(Locale.ROOT, "CPU: service threads (stream hub, writers, pinger, Jetty) %.2f s = %.2f µs per delivery received;"
        + " anchor LogTail thread %.2f s = %.2f µs per entry; client JVM %.2f s%n",
        serviceCpu / 1e9, serviceCpu / 1e3 / Math.max(1, received), anchorCpu[0] / 1e9, anchorCpu[0] / 1e3 / Math.max(1, directGot[0]),
        Long.parseLong(result[5]) / 1e9);
  }

  /** CPU time of the service's own threads so far (the stream hub, writers and pinger, Jetty's pool). */
  private static long serviceCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null && (t.getThreadName().startsWith("platform-logs-stream") || t.getThreadName().startsWith("JettyServerThreadPool"))) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  /** The load averages of /proc/loadavg (1, 5, 15 min). */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double ms(long[] sorted, int pct) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = Math.min(sorted.length - 1, (int) Math.ceil(pct / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
