package io.platformlogger.benchmarks.viewer;

import io.platformlogger.benchmarks.support.Args;
import io.platformlogger.benchmarks.support.EmbeddedServers;
import io.platformlogger.benchmarks.support.PacedWrites;
import io.platformlogger.benchmarks.support.ServiceUnderTest;
import io.platformlogger.benchmarks.support.StoredRows;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.service.ApiKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web viewer measured in Debian's headless Chromium, each figure beside its anchor in the same
 * run:
 *
 * <ol>
 *   <li>Live: entries written to Redis at {@code --rate} per second for {@code --seconds} while the
 *       page shows the live view. Per drawn frame, the lag from the log time of the oldest entry the
 *       frame added to the moment its rows were built; the main thread's long tasks
 *       ({@code PerformanceObserver 'longtask'}); the ring's size and the DOM's rows at the end.
 *       Anchor: a JDK WebSocket client of the same stream in this process, which only reads.
 *   <li>Query: at {@code --rows} stored rows, the filters set in the form and Apply clicked, timed to
 *       the frame after the first page's rows are in the DOM. Anchor: the same {@code /api/logs}
 *       page fetched and parsed by the same page, nothing drawn. The two alternate, {@code --runs}
 *       times per query after three warm-up rounds.
 * </ol>
 *
 * <p>Arguments: {@code --rows N} (default 1 000 000), {@code --rate N} (entries/s, default 2 000),
 * {@code --seconds N} (default 60), {@code --runs N} (default 20), {@code --ring N} (the live view's
 * ring, default the viewer's own), {@code --skip-live} / {@code --skip-query} (any value), {@code --profile FILE} (the live
 * page's CPU profile, see {@link CpuProfile}), {@code --trace FILE} (a Chrome trace of the browser's
 * first {@code --trace-seconds}, default 40, for DevTools' Performance panel or Perfetto).
 */
public final class ViewerBenchmark {
  static final String TENANT_KEY = "bench-tenant-key";
  static final String ADMIN_KEY = "bench-admin-key";

  private ViewerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args);
    int rows = a.intOr("rows", 1_000_000);
    int rate = a.intOr("rate", 2000);
    int seconds = a.intOr("seconds", 60);
    int runs = a.intOr("runs", 20);
    String ring = a.get("ring");
    System.out.printf(Locale.ROOT, "rows %,d, live %d entries/s for %d s, %d query runs; JDK %s; %d cores; load %s%n",
        rows, rate, seconds, runs, Runtime.version(), Runtime.getRuntime().availableProcessors(), load());

    try (EmbeddedServers servers = EmbeddedServers.start("viewer-bench")) {
      StoredRows.load(servers.jdbcUrl(), a.has("skip-query") ? 0 : rows, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      try (ServiceUnderTest service = ServiceUnderTest.start(servers.jdbcUrl(), servers.redisUrl(),
              List.of(ApiKey.forTenant(ApiKey.sha256Of(TENANT_KEY), "t-7"), ApiKey.admin(ApiKey.sha256Of(ADMIN_KEY))));
          Chromium browser = new Chromium(probe(), a.get("trace"), a.intOr("trace-seconds", 40))) {
        String base = "http://127.0.0.1:" + service.port();
        System.out.println("Chromium " + browser.version());
        if (!a.has("skip-live")) {
          live(browser, base, servers.redisUrl(), rate, seconds, ring, a.get("profile"));
        }
        if (!a.has("skip-query")) {
          query(browser, base, runs);
        }
      }
    }
    // LogsService.close() leaves its non-daemon WebSocket ping thread running
    // (JavalinWebSocketPingThread), which would keep this JVM alive after the run.
    System.exit(0);
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String probe() throws IOException {
    try (InputStream in = ViewerBenchmark.class.getResourceAsStream("/viewer-probe.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ------------------------------------------------------------------------------------- live

  private static final Pattern TS = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

  private static void live(Chromium browser, String base, String redisUrl, int rate, int seconds, String ring,
      String profile) throws Exception {
    System.out.printf(Locale.ROOT, "%nlive: %d entries/s for %d s; load at start %s%n", rate, seconds, load());
    browser.signIn(base, TENANT_KEY, "?mode=live&service=api" + (ring == null ? "" : "&ring=" + ring));
    browser.waitFor("document.querySelector('#live-status').textContent.includes('entries held')", 30);
    browser.js("window.__bench.installLiveProbe(); window.__bench.installLongTasks();");
    if (profile != null) {
      browser.cdp("Profiler.enable", Map.of());
      browser.cdp("Profiler.setSamplingInterval", Map.of("interval", 200));
      browser.cdp("Profiler.start", Map.of());
    }

    // The anchor: a plain WebSocket reader of the same stream, filters and key.
    ConcurrentLinkedQueue<long[]> anchor = new ConcurrentLinkedQueue<>(); // [receive epoch ms, lag ms]
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TENANT_KEY)
        .buildAsync(URI.create(base.replace("http:", "ws:") + "/api/logs/stream?service=api"), new WebSocket.Listener() {
          private final StringBuilder buf = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
              long now = System.currentTimeMillis();
              Matcher m = TS.matcher(buf); // every entry of the frame, whatever the frame's shape
              while (m.find()) {
                anchor.add(new long[] {now, now - Instant.parse(m.group(1)).toEpochMilli()});
              }
              buf.setLength(0);
            }
            w.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    Thread.sleep(1000);

    int total = rate * seconds;
    long startMs = System.currentTimeMillis();
    SplittableRandom r = new SplittableRandom(7);
    PacedWrites.write(redisUrl, rate, seconds, j -> {
      int lv = r.nextInt(100);
      return LogEntry.builder().timestamp(Instant.now())
          .level(lv < 70 ? Level.INFO : lv < 85 ? Level.DEBUG : lv < 95 ? Level.WARN : Level.ERROR)
          .tenantId("t-7").service("api").instanceId("pod-" + r.nextInt(8))
          .message(StoredRows.word(r) + " live entry " + j + " for order " + r.nextInt(1_000_000)).build();
    });
    Thread.sleep(3000);
    ws.abort();
    if (profile != null) {
      CpuProfile.report(browser.cdp("Profiler.stop", Map.of()), Path.of(profile));
    }
    System.out.printf(Locale.ROOT, "written %,d entries in %.1f s; load at end %s%n", total,
        (System.currentTimeMillis() - startMs) / 1e3, load());

    @SuppressWarnings("unchecked")
    List<List<Number>> frames = (List<List<Number>>) browser.js("return window.__bench.frames");
    @SuppressWarnings("unchecked")
    List<List<Number>> longTasks = (List<List<Number>>) browser.js("return window.__bench.longTasks");
    @SuppressWarnings("unchecked")
    Map<String, Object> end = (Map<String, Object>) browser.js("return window.__bench.liveSummary()");
    LiveReport.print(startMs, total, frames, new ArrayList<>(anchor), longTasks, end);
  }

  // ------------------------------------------------------------------------------------ query

  /** A filter as the form takes it and the same first page as /api/logs parameters (the anchor). */
  record Filter(String name, String key, List<String> level, String service, String q, String range) {
    String apiSearch() {
      StringBuilder s = new StringBuilder();
      for (String l : level) {
        s.append("level=").append(l).append('&');
      }
      if (!service.isEmpty()) {
        s.append("service=").append(service).append('&');
      }
      if (!q.isEmpty()) {
        s.append("q=").append(java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).append('&');
      }
      if (!range.equals("all")) {
        s.append("since=").append(range).append('&');
      }
      return s.append("limit=200").toString();
    }

    Map<String, Object> form() {
      return Map.of("level", level, "service", service, "q", q, "range", range);
    }
  }

  private static void query(Chromium browser, String base, int runs) throws Exception {
    List<List<Filter>> groups = List.of(
        List.of(new Filter("tenant key: WARN+ERROR, last 7 days", TENANT_KEY, List.of("WARN", "ERROR"), "", "", "7d"),
            new Filter("tenant key: \"timeout\" in checkout, all time", TENANT_KEY, List.of(), "checkout", "timeout", "all")),
        List.of(new Filter("admin key: ERROR, all time", ADMIN_KEY, List.of("ERROR"), "", "", "all"),
            new Filter("admin key: \"timeout\" WARN, last 24 h", ADMIN_KEY, List.of("WARN"), "", "timeout", "24h")));
    System.out.printf(Locale.ROOT, "%nquery: first page (200) of a filtered query, %d runs each after 3 warm-up; load at start %s%n", runs, load());
    List<QueryReport.Row> report = new ArrayList<>();
    long longTaskCount = 0;
    double longTaskMax = 0;
    for (List<Filter> group : groups) {
      browser.signIn(base, group.get(0).key(), "?range=1h");
      browser.waitFor("['more','done'].includes(document.querySelector('#query-status').dataset.state)", 30);
      browser.js("window.__bench.installLongTasks()");
      Map<Filter, long[]> page = new HashMap<>();
      Map<Filter, long[]> fetched = new HashMap<>();
      Map<Filter, Long> shown = new HashMap<>();
      for (Filter f : group) {
        page.put(f, new long[runs]);
        fetched.put(f, new long[runs]);
      }
      for (int i = -3; i < runs; i++) {
        for (Filter f : group) {
          Map<String, Object> p = browser.async("window.__bench.timeQuery(arguments[0], arguments[1])", f.form());
          if (!"more".equals(p.get("state")) && !"done".equals(p.get("state"))) {
            throw new IllegalStateException(f.name() + ": the page says " + p);
          }
          Map<String, Object> x = browser.async("window.__bench.timeFetch(arguments[0], arguments[1])", f.apiSearch());
          if (((Number) x.get("status")).intValue() != 200 || ((Number) x.get("rows")).longValue() != ((Number) p.get("rows")).longValue()) {
            throw new IllegalStateException(f.name() + ": page " + p + " but fetch " + x);
          }
          if (i >= 0) {
            page.get(f)[i] = Math.round(((Number) p.get("ms")).doubleValue() * 1000);
            fetched.get(f)[i] = Math.round(((Number) x.get("ms")).doubleValue() * 1000);
          }
          shown.put(f, ((Number) p.get("rows")).longValue());
        }
      }
      @SuppressWarnings("unchecked")
      List<List<Number>> lt = (List<List<Number>>) browser.js("return window.__bench.longTasks");
      longTaskCount += lt.size();
      for (List<Number> t : lt) {
        longTaskMax = Math.max(longTaskMax, t.get(1).doubleValue());
      }
      for (Filter f : group) {
        report.add(new QueryReport.Row(f.name(), shown.get(f), page.get(f), fetched.get(f)));
      }
    }
    QueryReport.print(report, longTaskCount, longTaskMax);
    System.out.println("load at end " + load());
  }
}
