package io.platformlogger.service;

import static io.platformlogger.service.TestService.ADMIN;
import static io.platformlogger.service.TestService.T1;
import static io.platformlogger.service.TestService.T2;
import static io.platformlogger.service.TestService.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.postgres.TestDatabase;
import io.platformlogger.redis.TestRedis;
import io.platformlogger.testkit.Await;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class LogsApiTest {
  private static final Instant BASE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final int PAGED = 5000;
  private static final List<LogEntry> ALL = new ArrayList<>();
  private static TestService svc;

  private static LogEntry add(int second, Level level, String tenant, String message, UnaryOperator<LogEntry.Builder> more) {
    LogEntry e = more.apply(LogEntry.builder().timestamp(BASE.plusSeconds(second)).level(level).tenantId(tenant)
        .message(message).service("checkout").instanceId("i-1")).build();
    ALL.add(e);
    return e;
  }

  @BeforeAll
  static void start() throws Exception {
    add(1, Level.INFO, "t1", "order 1 placed", b -> b.traceId(TRACE).requestId("r-1").eventType("order.placed").userId("u-1"));
    add(2, Level.WARN, "t1", "payment retry scheduled", b -> b.service("billing").requestId("r-1").traceId(TRACE));
    add(3, Level.ERROR, "t1", "connection refused by gateway", b -> b.service("billing")
        .errorType("java.net.ConnectException").errorSignature("sig-a").errorStack("java.net.ConnectException: refused"));
    add(4, Level.ERROR, "t1", "connection refused again", b -> b.errorType("java.net.ConnectException")
        .errorSignature("sig-a").errorStack("stack 4").userId("u-7"));
    add(5, Level.ERROR, "t1", "disk full", b -> b.service("billing").errorSignature("sig-b").errorStack("stack 5"));
    add(6, Level.DEBUG, "t1", "cache warm", b -> b);
    add(7, Level.ERROR, "t2", "connection refused for the other tenant", b -> b.service("search")
        .errorSignature("sig-a").errorStack("stack 7").traceId(TRACE));
    add(8, Level.INFO, "t2", "order 2 placed <script>alert(1)</script>", b -> b.eventType("order.placed"));
    List<LogEntry> paged = new ArrayList<>();
    for (int i = 0; i < PAGED; i++) {
      // 50 distinct timestamps, 100 entries on each.
      paged.add(LogEntry.builder().timestamp(BASE.plusSeconds(100 + i / 100)).level(Level.INFO).tenantId("t3")
          .service("pager").message("paged " + i).build());
    }
    svc = new TestService(TestRedis.url());
    List<LogEntry> everything = new ArrayList<>(ALL);
    everything.addAll(paged);
    svc.store(everything);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static List<String> messages(String query, String key) {
    List<String> m = new ArrayList<>();
    svc.json("/api/logs" + query, key).get("entries").forEach(e -> m.add(e.get("message").asText()));
    return m;
  }

  private static HttpResponse<String> get(String path, String key) {
    return svc.get(path, key);
  }

  private static void assertError(HttpResponse<String> r, int status, String parameter) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode b = TestService.parse(r.body());
    assertThat(b.get("error").asText()).isNotBlank();
    if (parameter == null) {
      assertThat(b.get("parameter").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(b.get("parameter").asText()).as(r.body()).isEqualTo(parameter);
    }
    assertThat(r.body()).doesNotContain("Exception\n", "\tat ", "jdbc:", "redis://");
  }

  @Test
  void filtersByEveryParameterNewestFirst() {
    assertThat(messages("?level=error", T1))
        .containsExactly("disk full", "connection refused again", "connection refused by gateway");
    assertThat(messages("?level=warn&level=error&service=billing", T1))
        .containsExactly("disk full", "connection refused by gateway", "payment retry scheduled");
    assertThat(messages("?level=warn,debug", T1)).containsExactly("cache warm", "payment retry scheduled");
    assertThat(messages("?service=billing,search&level=error&tenant=t1&tenant=t2", ADMIN))
        .containsExactly("connection refused for the other tenant", "disk full", "connection refused by gateway");
    assertThat(messages("?since=" + enc(BASE.plusSeconds(2).toString()) + "&until=" + enc(BASE.plusSeconds(4).toString()), T1))
        .containsExactly("connection refused by gateway", "payment retry scheduled");
    assertThat(messages("?since=2h&until=" + enc(BASE.plusSeconds(3).atOffset(java.time.ZoneOffset.ofHours(2)).toString()), T1))
        .containsExactly("payment retry scheduled", "order 1 placed");
    assertThat(messages("?q=" + enc("connection -gateway"), T1)).containsExactly("connection refused again");
    assertThat(messages("?q=ConnectException", T1)).containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages("?trace_id=" + TRACE, T1)).containsExactly("payment retry scheduled", "order 1 placed");
    assertThat(messages("?trace_id=" + TRACE, ADMIN))
        .containsExactly("connection refused for the other tenant", "payment retry scheduled", "order 1 placed");
    assertThat(messages("?request_id=r-1&level=warn", T1)).containsExactly("payment retry scheduled");
    assertThat(messages("?user_id=u-7", T1)).containsExactly("connection refused again");
    assertThat(messages("?event_type=order.placed", ADMIN))
        .containsExactly("order 2 placed <script>alert(1)</script>", "order 1 placed");
    assertThat(messages("?error_signature=sig-a", T1)).containsExactly("connection refused again", "connection refused by gateway");
    assertThat(messages("?limit=2&level=error", T1)).containsExactly("disk full", "connection refused again");
  }

  @Test
  void entriesAreTheSchemaJsonOfTheStoredEntries() {
    JsonNode e = svc.json("/api/logs?user_id=u-1", T1).get("entries").get(0);
    LogEntry stored = ALL.get(0);
    assertThat(LogEntryJson.decode(e.toString())).isEqualTo(stored);
    assertThat(e.has("tenant_id")).isTrue();
    assertThat(e.has("trace_id")).isTrue();
  }

  @Test
  void pagesThroughFiveThousandEntriesWithTiedTimestampsSeeingEachOnce() {
    Set<String> seen = new HashSet<>();
    List<Instant> times = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = svc.json("/api/logs?tenant=t3&limit=97" + (cursor == null ? "" : "&cursor=" + enc(cursor)), ADMIN);
      for (JsonNode e : page.get("entries")) {
        assertThat(seen.add(e.get("id").asText())).as("seen twice: %s", e).isTrue();
        times.add(Instant.parse(e.get("timestamp").asText()));
      }
      assertThat(page.get("hasMore").asBoolean()).isEqualTo(!page.get("nextCursor").isNull());
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(PAGED);
    assertThat(pages).isEqualTo((PAGED + 96) / 97);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
    }
  }

  @Test
  void aCursorWorksOnlyForItsQueryAndTenantAndAForgedOneIsABadRequest() {
    JsonNode first = svc.json("/api/logs?tenant=t3&limit=10", ADMIN);
    String cursor = enc(first.get("nextCursor").asText());
    assertThat(svc.json("/api/logs?tenant=t3&limit=10&cursor=" + cursor, ADMIN).get("entries")).hasSize(10);
    assertError(get("/api/logs?tenant=t3&level=error&cursor=" + cursor, ADMIN), 403, "cursor");
    assertError(get("/api/logs?cursor=" + cursor, T1), 403, "cursor");
    JsonNode t1 = svc.json("/api/logs?limit=2", T1);
    String t1Cursor = enc(t1.get("nextCursor").asText());
    assertError(get("/api/logs?limit=2&cursor=" + t1Cursor, T2), 403, "cursor");
    String raw = first.get("nextCursor").asText();
    String tampered = raw.substring(0, 5) + (raw.charAt(5) == 'A' ? 'B' : 'A') + raw.substring(6);
    assertError(get("/api/logs?tenant=t3&cursor=" + enc(tampered), ADMIN), 400, "cursor");
    assertError(get("/api/logs?cursor=not-a-cursor", T1), 400, "cursor");
  }

  @Test
  void readsOneEntryAndItsContextButNeverAnotherTenantsEntry() {
    LogEntry gateway = ALL.get(2);
    JsonNode one = svc.json("/api/logs/" + gateway.id(), T1);
    assertThat(one.get("message").asText()).isEqualTo("connection refused by gateway");
    assertThat(svc.json("/api/logs/" + gateway.id(), ADMIN).get("id").asText()).isEqualTo(gateway.id());
    assertError(get("/api/logs/" + gateway.id(), T2), 404, null);
    assertError(get("/api/logs/" + gateway.id() + "/context", T2), 404, null);
    assertError(get("/api/logs/no-such-id", T1), 404, null);

    JsonNode ctx = svc.json("/api/logs/" + gateway.id() + "/context?before=5&after=5", T1);
    assertThat(ctx.get("entry").get("id").asText()).isEqualTo(gateway.id());
    assertThat(ctx.get("before").get(0).get("message").asText()).isEqualTo("payment retry scheduled");
    assertThat(ctx.get("after").get(0).get("message").asText()).isEqualTo("disk full");
    JsonNode trace = svc.json("/api/logs/" + ALL.get(0).id() + "/context?by=trace&after=10", T1);
    assertThat(trace.get("after")).extracting(e -> e.get("message").asText()).containsExactly("payment retry scheduled");
    JsonNode traceAdmin = svc.json("/api/logs/" + ALL.get(0).id() + "/context?by=trace&after=10", ADMIN);
    assertThat(traceAdmin.get("after")).hasSize(2);
    JsonNode request = svc.json("/api/logs/" + ALL.get(1).id() + "/context?by=request&before=3&after=0", T1);
    assertThat(request.get("before")).extracting(e -> e.get("message").asText()).containsExactly("order 1 placed");
    assertThat(request.get("after")).isEmpty();
  }

  @Test
  void aggregatesErrorGroupsWithCountsPerBucket() {
    JsonNode t1 = svc.json("/api/logs/aggregates?since=2h", T1);
    JsonNode groups = t1.get("groups");
    assertThat(groups).extracting(g -> g.get("error_signature").asText()).containsExactly("sig-a", "sig-b");
    JsonNode a = groups.get(0);
    assertThat(a.get("count").asLong()).isEqualTo(2);
    assertThat(a.get("sample_message").asText()).isEqualTo("connection refused again");
    assertThat(a.get("title").asText()).startsWith("connection refused");
    assertThat(a.get("error_signatures")).extracting(JsonNode::asText).containsExactly("sig-a");
    assertThat(a.get("sample_values").isArray()).isTrue();
    assertThat(a.has("tenant_count")).isFalse();
    long sum = 0;
    for (JsonNode n : a.get("counts")) {
      sum += n.asLong();
    }
    assertThat(sum).isEqualTo(2);
    assertThat(a.get("counts").size()).isLessThanOrEqualTo(LogsApi.MAX_BUCKETS);
    JsonNode admin = svc.json("/api/logs/aggregates?since=2h&order=last_seen", ADMIN).get("groups");
    assertThat(admin.get(0).get("error_signature").asText()).isEqualTo("sig-a");
    assertThat(admin.get(0).get("count").asLong()).isEqualTo(3);
    assertThat(admin.get(0).get("tenant_count").asLong()).isEqualTo(2);
    assertThat(svc.json("/api/logs/aggregates?since=2h&service=billing", T1).get("groups")).hasSize(2);
    assertThat(svc.json("/api/logs/aggregates?since=2h&service=checkout", T1).get("groups")).hasSize(1);
  }

  @Test
  void patternsMineTheCallersEntriesIntoTemplatesWithCountsPerBucket() {
    JsonNode paged = svc.json("/api/logs/patterns?since=2h&tenant=t3", ADMIN);
    assertThat(paged.get("sampled").asLong()).isEqualTo(PAGED);
    assertThat(paged.get("sample_full").asBoolean()).isFalse();
    JsonNode top = paged.get("patterns").get(0);
    assertThat(top.get("template").asText()).isEqualTo("paged <*>");
    assertThat(top.get("count").asLong()).isEqualTo(PAGED);
    long sum = 0;
    for (JsonNode n : top.get("counts")) {
      sum += n.asLong();
    }
    assertThat(sum).isEqualTo(PAGED);
    assertThat(top.get("counts").size()).isLessThanOrEqualTo(LogsApi.MAX_BUCKETS);
    assertThat(top.get("sample_values").get(0)).isNotEmpty();

    JsonNode own = svc.json("/api/logs/patterns?since=2h", T1);
    assertThat(own.get("sampled").asLong()).isEqualTo(6); // t1's entries only
    assertThat(own.toString()).doesNotContain("paged", "other tenant");

    JsonNode cut = svc.json("/api/logs/patterns?since=2h&tenant=t3&sample=10&limit=1", ADMIN);
    assertThat(cut.get("sampled").asLong()).isEqualTo(10);
    assertThat(cut.get("sample_full").asBoolean()).isTrue();
    assertThat(cut.get("patterns")).hasSize(1);

    assertError(get("/api/logs/patterns?sample=0", T1), 400, "sample");
    assertError(get("/api/logs/patterns?limit=1001", T1), 400, "limit");
  }

  @Test
  void histogramCountsPerLevelInAtMostTwoHundredBuckets() {
    JsonNode h = svc.json("/api/logs/histogram?since=2h", T1);
    assertThat(h.get("buckets").asInt()).isBetween(100, LogsApi.MAX_BUCKETS);
    long errors = 0;
    long all = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = h.get("counts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> level = it.next();
      assertThat(level.getValue().size()).isEqualTo(h.get("buckets").asInt());
      for (JsonNode n : level.getValue()) {
        all += n.asLong();
        if (level.getKey().equals("ERROR")) {
          errors += n.asLong();
        }
      }
    }
    assertThat(errors).isEqualTo(3);
    assertThat(all).isEqualTo(6);
    JsonNode admin = svc.json("/api/logs/histogram?since=2h&tenant=t3", ADMIN);
    long paged = 0;
    for (JsonNode n : admin.get("counts").get("INFO")) {
      paged += n.asLong();
    }
    assertThat(paged).isEqualTo(PAGED);
    assertThat(svc.json("/api/logs/histogram?since=30d", ADMIN).get("buckets").asInt()).isLessThanOrEqualTo(LogsApi.MAX_BUCKETS);
  }

  @Test
  void exportsJsonLinesAndCsvOfTheTenantOnlyWithinTheRowLimit() {
    HttpResponse<String> jsonl = get("/api/logs/export?format=jsonl", T1);
    assertThat(jsonl.statusCode()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
    List<String> lines = jsonl.body().lines().toList();
    assertThat(lines).hasSize(6);
    for (String l : lines) {
      assertThat(LogEntryJson.decode(l).tenantId()).isEqualTo("t1");
    }
    HttpResponse<String> csv = get("/api/logs/export?format=csv&level=error", T2);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().split("\r\n")).hasSize(2).anySatisfy(l -> assertThat(l).contains("other tenant"));
    HttpResponse<String> capped = get("/api/logs/export?tenant=t3&limit=1234", ADMIN);
    assertThat(capped.body().lines().count()).isEqualTo(1234);
    assertThat(capped.headers().firstValue("x-export-row-limit")).contains("1234");
    assertThat(get("/api/logs/export?tenant=t3", ADMIN).body().lines().count()).isEqualTo(PAGED);
    assertError(get("/api/logs/export?format=xml", T1), 400, "format");
    assertError(get("/api/logs/export?tenant=t2", T1), 403, "tenant");
  }

  @Test
  void everyBadParameterIsA400NamingIt() {
    assertError(get("/api/logs?level=loud", T1), 400, "level");
    assertError(get("/api/logs?since=yesterday", T1), 400, "since");
    assertError(get("/api/logs?until=2026-13-45", T1), 400, "until");
    assertError(get("/api/logs?since=1h&until=2h", T1), 400, "until");
    assertError(get("/api/logs?limit=0", T1), 400, "limit");
    assertError(get("/api/logs?limit=1001", T1), 400, "limit");
    assertError(get("/api/logs?limit=ten", T1), 400, "limit");
    assertError(get("/api/logs?limit=1&limit=2", T1), 400, "limit");
    assertError(get("/api/logs?colour=red", T1), 400, "colour");
    assertError(get("/api/logs?tenant_id=t1", T1), 400, "tenant_id");
    assertError(get("/api/logs?q=" + "x".repeat(3000), T1), 400, "q");
    assertError(get("/api/logs/" + ALL.get(0).id() + "/context?by=span", T1), 400, "by");
    assertError(get("/api/logs/" + ALL.get(0).id() + "/context?before=-1", T1), 400, "before");
    assertError(get("/api/logs/" + ALL.get(0).id() + "?pretty=1", T1), 400, "pretty");
    assertError(get("/api/logs/aggregates?order=random", T1), 400, "order");
    assertError(get("/api/logs/aggregates?limit=5000", T1), 400, "limit");
    assertError(get("/api/logs/histogram?cursor=x", T1), 400, "cursor");
    assertError(get("/api/logs/export?limit=0", T1), 400, "limit");
  }

  @Test
  void noKeyOrAnUnknownKeyIs401OnEveryApiRoute() {
    String id = ALL.get(0).id();
    for (String path : List.of("/api/logs", "/api/logs/" + id, "/api/logs/" + id + "/context", "/api/logs/aggregates",
        "/api/logs/histogram", "/api/logs/patterns", "/api/logs/export")) {
      assertError(get(path, null), 401, null);
      assertError(get(path, "wrong-key"), 401, null);
      assertError(get(path, ADMIN + "x"), 401, null);
    }
    assertError(svc.post("/api/stream-token", null), 401, null);
    assertThat(get("/api/openapi.json", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aTenantKeySeesOnlyItsTenantOnEveryRoute() {
    assertThat(svc.json("/api/logs?limit=1000", T2).get("entries"))
        .extracting(e -> e.get("tenant_id").asText()).containsOnly("t2").hasSize(2);
    assertThat(svc.json("/api/logs?limit=1000&tenant=t2", T2).get("entries")).hasSize(2);
    for (String path : List.of("/api/logs", "/api/logs/aggregates", "/api/logs/histogram", "/api/logs/patterns",
        "/api/logs/export")) {
      assertError(get(path + "?tenant=t1", T2), 403, "tenant");
      assertError(get(path + "?tenant=t2&tenant=t1", T2), 403, "tenant");
    }
    JsonNode groups = svc.json("/api/logs/aggregates?since=2h", T2).get("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("count").asLong()).isEqualTo(1);
    assertThat(get("/api/logs/export", T2).body().lines().count()).isEqualTo(2);
    assertThat(svc.json("/api/logs?limit=1000", ADMIN).get("entries")).hasSize(1000);
  }

  @Test
  void injectionProbesThroughHttpAreOnlyValues() {
    String[] attacks = {
      "' OR '1'='1", "t1' --", "x'); DROP TABLE platform_logs; --", "\\' OR 1=1 --", "t1\" OR \"\"=\"", "%", "_",
      "1; SELECT pg_sleep(5)", "$$; DROP TABLE x; $$"
    };
    for (String a : attacks) {
      for (String p : List.of("service", "trace_id", "request_id", "user_id", "event_type", "error_signature")) {
        assertThat(svc.json("/api/logs?" + p + "=" + enc(a), T1).get("entries")).as("%s=%s", p, a).isEmpty();
      }
      assertThat(svc.json("/api/logs?tenant=" + enc(a), ADMIN).get("entries")).as("tenant %s", a).isEmpty();
      assertThat(svc.json("/api/logs?q=" + enc(a), T1).get("entries").size()).isLessThanOrEqualTo(6);
      assertThat(get("/api/logs/" + enc(a), T1).statusCode()).isEqualTo(404);
      assertError(get("/api/logs?tenant=" + enc(a), T1), 403, "tenant");
    }
    assertThat(svc.json("/api/logs?limit=1000", T1).get("entries")).hasSize(6);
  }

  @Test
  void healthAndMetricsAnswerWithoutAKey() {
    JsonNode h = svc.json("/healthz", null);
    assertThat(h.get("status").asText()).isEqualTo("ok");
    assertThat(h.get("postgres").asText()).isEqualTo("up");
    assertThat(h.get("redis").asText()).isEqualTo("up");
    get("/api/logs?level=loud", T1);
    HttpResponse<String> m = get("/metrics", null);
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body())
        .contains("platform_logs_http_requests_total{route=\"/api/logs\",method=\"GET\",status=\"400\"}")
        .contains("platform_logs_http_request_duration_seconds_bucket{route=\"/api/logs\",le=\"+Inf\"}")
        .contains("platform_logs_stream_open ")
        .contains("platform_logs_stream_dropped_total ")
        .contains("platform_logs_stream_lag_seconds_count ");
  }

  @Test
  void theOpenApiDocumentNamesEveryRouteAndOnlyThose() {
    JsonNode doc = svc.json("/api/openapi.json", null);
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    Set<String> documented = new HashSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      boolean ws = p.getValue().get(m).has("x-websocket");
      documented.add((ws ? "WS" : m.toUpperCase(java.util.Locale.ROOT)) + " " + p.getKey());
    }));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(new HashSet<>(svc.service.routes()));
  }

  @Test
  void corsIsOffByDefaultAndUnknownRoutesAre404Json() {
    HttpResponse<String> r = svc.http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(svc.base + "/api/logs"))
        .header("Authorization", "Bearer " + T1).header("Origin", "https://evil.example").GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).join();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertError(get("/nothing-here", null), 404, null);
  }

  @Test
  void everyReadCancelledAfterTheQueryTimeoutIsA503ThatSaysWhatToNarrow() throws Exception {
    ServiceSettings settings = ServiceSettings.defaults()
        .withLimits(ServiceSettings.Limits.defaults().withQueryTimeout(java.time.Duration.ofMillis(200)));
    try (TestService timed = new TestService(TestRedis.url(), settings)) {
      timed.store(ALL);
      try (java.sql.Connection locker = TestDatabase.dataSource().getConnection();
          java.sql.Statement st = locker.createStatement()) {
        locker.setAutoCommit(false);
        st.execute("LOCK TABLE " + timed.schema + ".platform_logs IN ACCESS EXCLUSIVE MODE"); // the query waits for it
        String id = ALL.get(0).id();
        for (String path : List.of("/api/logs?q=connection", "/api/logs/" + id, "/api/logs/" + id + "/context",
            "/api/logs/histogram?since=2h", "/api/logs/aggregates?since=2h", "/api/logs/patterns?since=2h")) {
          java.net.http.HttpResponse<String> r = timed.get(path, TestService.T1);
          assertThat(r.statusCode()).as(path).isEqualTo(503);
          assertThat(r.headers().firstValue("content-type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
          assertThat(TestService.parse(r.body()).get("error").asText()).as(path)
              .contains("query timeout of 200 ms", "was cancelled", "narrow the time range");
        }
        locker.rollback();
      }
      assertThat(timed.get("/api/logs/" + ALL.get(0).id(), TestService.T1).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anExportPastItsStatementTimeoutIsA503NamingTheTimeoutAndGivesItsConnectionBack() throws Exception {
    ServiceSettings settings = ServiceSettings.defaults().withLimits(new ServiceSettings.Limits(
        1_000_000, java.time.Duration.ofMillis(200), 1000, java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(15)));
    com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
    hc.setJdbcUrl(TestDatabase.url());
    hc.setMaximumPoolSize(1); // a connection kept by the failed export would starve every later request
    hc.setConnectionTimeout(3000);
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(hc);
        TestService timed = new TestService(TestRedis.url(), settings, java.time.Clock.systemUTC(), pool)) {
      timed.store(ALL);
      try (java.sql.Connection locker = TestDatabase.dataSource().getConnection();
          java.sql.Statement st = locker.createStatement()) {
        locker.setAutoCommit(false);
        st.execute("LOCK TABLE " + timed.schema + ".platform_logs IN ACCESS EXCLUSIVE MODE"); // the export waits for it
        for (String format : List.of("csv", "jsonl")) {
          HttpResponse<String> r = timed.get("/api/logs/export?format=" + format, TestService.T1);
          assertThat(r.statusCode()).isEqualTo(503);
          assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
          assertThat(r.headers().firstValue("content-disposition")).isEmpty();
          assertThat(TestService.parse(r.body()).get("error").asText())
              .contains("export timeout of 200 ms", "was cancelled", "narrow the time range");
        }
        locker.rollback();
      }
      Await.until("the export's connection back in the pool", java.time.Duration.ofSeconds(10),
          () -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
      // The pool's one connection works: neither left in the cancelled transaction nor lost.
      HttpResponse<String> after = timed.get("/api/logs/export?format=csv", TestService.T1);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body().lines()).hasSize(1 + 6); // header + the six t1 entries
    }
  }
}
