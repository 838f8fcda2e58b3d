package io.platformlogger.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.websocket.WsConnectContext;
import io.platformlogger.postgres.PostgresLogStore;
import io.platformlogger.postgres.QueryTimeoutException;
import io.platformlogger.redis.LogTailException;
import io.platformlogger.redis.RedisStreamLogSink;
import io.platformlogger.redis.TailStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-logs HTTP service: the query API over PostgreSQL, error aggregates, histogram,
 * export and the live WebSocket stream from Redis, every route scoped by the caller's API key.
 * Embed it with {@link #builder()}, or run {@link LogsServiceMain} as a standalone jar.
 *
 * <pre>{@code
 * LogsService service = LogsService.builder()
 *     .dataSource(pool, "public")
 *     .redisUri("redis://localhost:6379")
 *     .apiKeys(List.of(ApiKey.admin(sha256OfAdminKey)))
 *     .settings(ServiceSettings.defaults().withPort(8080))
 *     .start();
 * }</pre>
 *
 * <p>{@link #close()} closes open streams with 1001 (going away), stops the server and closes the
 * connection pool if the service made it. Thread-safe.
 */
public final class LogsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogsService.class);

  static final String OPENAPI = "/api/openapi.json";
  static final String STREAM = "/api/logs/stream";
  private static final Set<String> STREAM_PARAMS = LogsApi.names("from", "token");

  private final Javalin app;
  private final StreamHub hub;
  private final HikariDataSource ownPool;
  private volatile boolean closed;

  private LogsService(Javalin app, StreamHub hub, HikariDataSource ownPool) {
    this.app = app;
    this.hub = hub;
    this.ownPool = ownPool;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the service listens on (the chosen one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** Every route as {@code "METHOD /path"} (WebSocket as {@code "WS /path"}), for the OpenAPI check. */
  List<String> routes() {
    List<String> r = new ArrayList<>();
    for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
      Endpoint ep = e.endpoint;
      String m = ep.method.name();
      if (m.equals("GET") || m.equals("POST") || m.equals("PUT") || m.equals("DELETE") || m.equals("PATCH")) {
        r.add(m + " " + ep.path);
      }
    }
    for (var w : app.unsafe.internalRouter.allWsHandlers()) {
      if (w.getType().name().equals("WEBSOCKET")) {
        r.add("WS " + w.getPath());
      }
    }
    return r;
  }

  /** Stops: open streams get 1001, in-flight requests finish, then the server and own pool stop. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    hub.close();
    app.stop();
    if (ownPool != null) {
      ownPool.close();
    }
    LOG.info("platform-logs-service stopped");
  }

  /** Configures and starts a {@link LogsService}. Not thread-safe. */
  public static final class Builder {
    private DataSource dataSource;
    private String schema;
    private JdbcSettings jdbc;
    private String redisUri;
    private String stream = RedisStreamLogSink.DEFAULT_STREAM;
    private final List<ApiKey> keys = new ArrayList<>();
    private ServiceSettings settings = ServiceSettings.defaults();
    private byte[] secret;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Reads through this pool (never closed by the service), from {@code schema}. */
    public Builder dataSource(DataSource dataSource, String schema) {
      this.dataSource = dataSource;
      this.schema = schema;
      return this;
    }

    /** Reads through a small pool of the service's own. */
    public Builder jdbc(JdbcSettings jdbc) {
      this.jdbc = jdbc;
      return this;
    }

    /** The Redis the sink writes to, {@code redis://host:6379}. Required. */
    public Builder redisUri(String uri) {
      this.redisUri = uri;
      return this;
    }

    /** The stream key; default {@code platform:logs}. */
    public Builder stream(String stream) {
      this.stream = stream;
      return this;
    }

    /** The accepted keys (adds to those given before). */
    public Builder apiKeys(Collection<ApiKey> keys) {
      this.keys.addAll(keys);
      return this;
    }

    public Builder settings(ServiceSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * The secret that signs cursors and stream tokens (at least 32 bytes). Give every replica
     * behind one load balancer the same secret; default: random per start, so cursors and tokens
     * stay valid only until a restart.
     */
    public Builder signingSecret(byte[] secret) {
      this.secret = secret.clone();
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Checks PostgreSQL and Redis, then listens.
     *
     * @throws LogsServiceException naming the setting or the server that failed
     */
    public LogsService start() {
      if (redisUri == null) {
        throw new LogsServiceException(null, "redisUri is not set: give the Redis the sink writes to, redis://host:6379", null);
      }
      if (dataSource == null && jdbc == null) {
        throw new LogsServiceException(null, "no PostgreSQL given: call dataSource(pool, schema) or jdbc(new JdbcSettings(...))", null);
      }
      if (keys.isEmpty()) {
        throw new LogsServiceException(null, "no API keys: give at least one (ApiKey.admin(sha256) or ApiKey.forTenant(sha256, tenant))", null);
      }
      HikariDataSource own = null;
      DataSource ds = dataSource;
      String sch = schema;
      if (ds == null) {
        own = pool(jdbc);
        ds = own;
        sch = jdbc.schema();
      }
      StreamHub hub = null;
      try {
        PostgresLogStore store;
        try {
          store = PostgresLogStore.of(ds, sch).setQueryTimeout(settings.limits().queryTimeout());
        } catch (IllegalArgumentException e) {
          throw new LogsServiceException(null, e.getMessage(), null);
        }
        checkPostgres(ds);
        ServiceMetrics metrics = new ServiceMetrics();
        try {
          hub = new StreamHub(redisUri, stream, settings.limits().streamBufferMessages(), settings.limits().pingInterval(),
              settings.limits().streamMaxMissedPings(), metrics);
          hub.start();
        } catch (IllegalArgumentException e) {
          throw new LogsServiceException(null, e.getMessage(), null);
        } catch (LogTailException e) {
          throw new LogsServiceException("Redis", "Redis is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LogsServiceException("Redis", "interrupted while connecting to Redis", e);
        }
        metrics.openStreams(hub::openStreams);
        Signer signer = new Signer(secret != null ? secret : Signer.randomSecret());
        StreamTokens tokens = new StreamTokens(signer, clock, settings.limits().streamTokenTtl());
        Auth auth = new Auth(new ApiKeys(keys), tokens);
        LogsApi api = new LogsApi(store, new PageCursors(signer), clock, settings.limits());
        Routes routes = new Routes(api, auth, tokens, hub, metrics, ds, clock, settings);
        Javalin app = Javalin.create(routes::configure);
        try {
          app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
          throw new LogsServiceException(null, "cannot listen on " + settings.host() + ":" + settings.port()
              + ": " + e.getMessage() + " (is the port taken? choose another with --port)", e);
        }
        LOG.info("platform-logs-service listening on http://{}:{} (stream {}, {} API keys)",
            settings.host(), app.port(), stream, keys.size());
        return new LogsService(app, hub, own);
      } catch (RuntimeException e) {
        if (hub != null) {
          hub.close();
        }
        if (own != null) {
          own.close();
        }
        throw e;
      }
    }

    private static HikariDataSource pool(JdbcSettings j) {
      HikariConfig hc = new HikariConfig();
      hc.setJdbcUrl(j.url());
      hc.setUsername(j.user());
      hc.setPassword(j.password());
      hc.setPoolName("platform-logs-service");
      hc.setMaximumPoolSize(8);
      hc.setMinimumIdle(0);
      hc.setInitializationFailTimeout(-1);
      hc.setConnectionTimeout(5000);
      hc.setReadOnly(true);
      return new HikariDataSource(hc);
    }

    private static void checkPostgres(DataSource ds) {
      try (Connection c = ds.getConnection()) {
        if (!c.isValid(5)) {
          throw new LogsServiceException("PostgreSQL", "PostgreSQL did not answer a validity check within 5 s", null);
        }
      } catch (java.sql.SQLException e) {
        throw new LogsServiceException("PostgreSQL", "PostgreSQL is not reachable: " + e.getMessage(), e);
      }
    }
  }

  /** The routes and their wiring; one per service. */
  private static final class Routes {
    private final LogsApi api;
    private final Auth auth;
    private final StreamTokens tokens;
    private final StreamHub hub;
    private final ServiceMetrics metrics;
    private final DataSource ds;
    private final Clock clock;
    private final ServiceSettings settings;
    private final Map<String, StreamClient> clients = new ConcurrentHashMap<>();
    private final byte[] openApi;
    private final ViewerAssets viewer = new ViewerAssets();

    Routes(LogsApi api, Auth auth, StreamTokens tokens, StreamHub hub, ServiceMetrics metrics,
        DataSource ds, Clock clock, ServiceSettings settings) {
      this.api = api;
      this.auth = auth;
      this.tokens = tokens;
      this.hub = hub;
      this.metrics = metrics;
      this.ds = ds;
      this.clock = clock;
      this.settings = settings;
      try (InputStream in = LogsService.class.getResourceAsStream("openapi.json")) {
        this.openApi = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void configure(JavalinConfig config) {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 64 * 1024;
      if (!settings.corsOrigins().isEmpty()) {
        List<String> origins = settings.corsOrigins();
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(
            origins.get(0), origins.subList(1, origins.size()).toArray(new String[0]))));
      }
      config.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(64 * 1024));
      var r = config.routes;
      r.before(ctx -> {
        ctx.attribute("t0", System.nanoTime());
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
      });
      r.before("/api/*", auth::require);
      r.after(this::count);
      r.exception(ApiException.class, (e, ctx) -> {
        ctx.status(e.status).contentType("application/json").result(Json.error(e.getMessage(), e.parameter));
        ctx.attribute("api-error", Boolean.TRUE);
      });
      r.exception(QueryTimeoutException.class, (e, ctx) -> {
        // Not the client's fault and not a bug: the database is busy or the search too wide.
        LOG.warn("request {} {} cancelled: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.status(503).contentType("application/json").result(Json.error(
            "the query took longer than the query timeout of " + e.timeout().toMillis()
                + " ms and was cancelled: narrow the time range (from, to) or the filters, or retry later", null));
        ctx.attribute("api-error", Boolean.TRUE);
      });
      r.exception(Exception.class, (e, ctx) -> {
        LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).contentType("application/json")
            .result(Json.error("internal error: the service log has the details", null));
        ctx.attribute("api-error", Boolean.TRUE);
      });
      r.error(404, "*", ctx -> {
        if (ctx.attribute("api-error") == null) {
          ctx.contentType("application/json").result(Json.error("no such route: see /api/openapi.json", null));
        }
      });
      r.get("/healthz", this::health);
      r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
      r.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
      r.post("/api/stream-token", this::streamToken);
      r.get("/api/me", this::me);
      r.get("/", ctx -> ctx.redirect("/viewer/"));
      r.get("/viewer/", viewer::index);
      r.get("/viewer/{file}", viewer::file);
      r.get("/api/logs", api::logs);
      r.get("/api/logs/aggregates", api::aggregates);
      r.get("/api/logs/histogram", api::histogram);
      r.get("/api/logs/patterns", api::patterns);
      r.get("/api/logs/export", api::export);
      r.get("/api/logs/{id}", api::one);
      r.get("/api/logs/{id}/context", api::context);
      r.wsBeforeUpgrade(STREAM, ctx -> streamFilters(ctx.header("Authorization"), ctx.queryParam("token"), ctx.queryParamMap()));
      r.ws(STREAM, ws -> {
        ws.onConnect(this::connect);
        ws.onClose(ctx -> hub.unsubscribe(clients.remove(ctx.sessionId())));
        ws.onError(ctx -> hub.unsubscribe(clients.remove(ctx.sessionId())));
      });
    }

    private void count(Context ctx) {
      Long t0 = ctx.attribute("t0");
      Endpoint ep = ctx.endpoints().matchedHttpEndpoint();
      String route = ep == null ? "unmatched" : ep.path;
      metrics.request(route, ctx.method().name(), ctx.statusCode(), t0 == null ? 0 : System.nanoTime() - t0);
    }

    private record StreamRequest(Filters filters, String from) {}

    private StreamRequest streamFilters(String authorization, String token, Map<String, List<String>> query) {
      Caller caller = auth.stream(authorization, token);
      if (caller == null) {
        throw new ApiException(401, "missing, unknown or expired credentials: send Authorization: Bearer <key>,"
            + " or ?token= from POST /api/stream-token", token == null ? null : "token");
      }
      Params p = new Params(query, STREAM_PARAMS);
      Filters f = Filters.parse(p, caller, clock);
      if (f.since != null || f.until != null) {
        throw ApiException.badParameter(f.since != null ? "since" : "until",
            "the stream starts now or at from=<stream id>; since and until apply to /api/logs");
      }
      String from = p.single("from");
      if (from != null) {
        try {
          TailStart.afterId(from);
        } catch (IllegalArgumentException e) {
          throw ApiException.badParameter("from", e.getMessage());
        }
        if (!from.contains("-")) {
          from = from + "-0";
        }
      }
      p.single("token");
      return new StreamRequest(f, from);
    }

    private void connect(WsConnectContext ctx) {
      StreamRequest req = streamFilters(ctx.header("Authorization"), ctx.queryParam("token"), ctx.queryParamMap());
      StreamClient c = hub.subscribe(ctx.session, req.filters(), req.from());
      clients.put(ctx.sessionId(), c);
    }

    /** Who the key is, so the viewer knows whether to offer the tenant filter. */
    private void me(Context ctx) {
      new Params(ctx.queryParamMap(), Set.of());
      Caller c = Auth.caller(ctx);
      ctx.contentType("application/json").result(Json.bytes(g -> {
        g.writeStartObject();
        g.writeBooleanField("admin", c.admin());
        g.writeStringField("tenant", c.tenant());
        g.writeEndObject();
      }));
    }

    private void streamToken(Context ctx) {
      new Params(ctx.queryParamMap(), Set.of());
      StreamTokens.Token t = tokens.issue(Auth.caller(ctx));
      ctx.contentType("application/json").result(Json.bytes(g -> {
        g.writeStartObject();
        g.writeStringField("token", t.value());
        g.writeStringField("expires_at", t.expiresAt().toString());
        g.writeEndObject();
      }));
    }

    private void health(Context ctx) {
      boolean pg;
      try (Connection c = ds.getConnection()) {
        pg = c.isValid(2);
      } catch (Exception e) {
        pg = false;
      }
      boolean redis = hub.redisUp();
      boolean ok = pg && redis;
      boolean pgUp = pg;
      ctx.status(ok ? 200 : 503).contentType("application/json").result(Json.bytes(g -> {
        g.writeStartObject();
        g.writeStringField("status", ok ? "ok" : "degraded");
        g.writeStringField("postgres", pgUp ? "up" : "down");
        g.writeStringField("redis", redis ? "up" : "down");
        g.writeEndObject();
      }));
    }
  }
}
