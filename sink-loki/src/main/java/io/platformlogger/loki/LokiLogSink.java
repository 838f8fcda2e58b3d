package io.platformlogger.loki;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.HttpEndpoints;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes entries to Grafana Loki's push API ({@code POST /loki/api/v1/push}, JSON, gzip) with the
 * JDK's {@link HttpClient}: one request per batch (per tenant, when the tenant comes from each
 * entry), entries grouped into streams by their low-cardinality labels ({@code service_name},
 * {@code environment}, {@code level} and the static ones), each stream in time order, timestamps
 * in nanoseconds. The line is the entry's shared JSON (docs/schema.md), so {@code | json} works in
 * LogQL; tenant, trace, span, request, user, event type, error signature and logger also go in
 * structured metadata. See docs/loki.md.
 *
 * <p>Failures: an I/O error, a timeout, 408, 429 and 5xx are retryable, and a {@code Retry-After}
 * the server sends holds the next request back until then; 401, 403 and 404 too (they are about
 * this sink's configuration, not the entries: the spool keeps the entries until it is fixed).
 * Every other 4xx is permanent: the pipeline splits the batch and counts the entries Loki refuses.
 * Entries Loki would refuse are handled before sending: a line over {@code maxLineBytes} is cut
 * ({@link LineCutter}), an entry older than {@code maxAge} or newer than {@code maxFuture} (or
 * with a tenant Loki cannot take) fails the batch as permanent before anything is sent, so the
 * pipeline isolates and counts it instead of retrying it forever.
 *
 * <p>Not idempotent in general: a retried request may store a line twice, though Loki drops a line
 * identical (same stream, timestamp and content) to one its ingester still holds, which is what a
 * retry sends. Nothing connects before the first {@link #write}. Thread-safe: {@link #write} and
 * {@link #close} synchronize on the sink.
 */
public final class LokiLogSink implements LogSink {
  /** The path of the push API, appended to a URL that has no path. */
  public static final String PUSH_PATH = "/loki/api/v1/push";

  private final URI pushUri;
  private final String tenant;
  private final boolean tenantFromEntry;
  private final Credentials credentials;
  private final Map<String, String> staticLabels;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxLineBytes;
  private final Duration maxAge;
  private final Duration maxFuture;
  private final boolean gzip;
  private final int maxBatchSize;
  private final Duration maxRetryAfter;
  private final Clock clock;
  private final Sleeper sleeper;

  private final AtomicLong linesCut = new AtomicLong();
  private final AtomicLong tooOld = new AtomicLong();
  private final AtomicLong tooNew = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private HttpClient client; // created on the first write, on the sink's thread
  /** System.nanoTime() before which no request is sent: the server's Retry-After; 0 for none. */
  private long notBeforeNanos;
  private boolean closed;

  private LokiLogSink(Builder b) {
    this.pushUri = b.pushUri;
    this.tenant = b.tenant;
    this.tenantFromEntry = b.tenantFromEntry;
    this.credentials = b.credentials;
    this.staticLabels = b.staticLabels;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxLineBytes = b.maxLineBytes;
    this.maxAge = b.maxAge;
    this.maxFuture = b.maxFuture;
    this.gzip = b.gzip;
    this.maxBatchSize = b.maxBatchSize;
    this.maxRetryAfter = b.maxRetryAfter;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** How the sink waits for a Retry-After: a seam so tests can see the wait without timing it. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** A builder; {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "loki";
  }

  /** Yes: each line is the entry's JSON, made once by the pipeline for every JSON sink. */
  @Override
  public boolean wantsEntryJson() {
    return true;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /**
   * The JDK HTTP client logs through {@code System.Logger} (JUL unless bridged); should an
   * application bridge JUL to SLF4J, these entries stay out of the sinks.
   */
  @Override
  public Set<String> ownLoggerPrefixes() {
    return Set.of("jdk.internal.httpclient", "java.net.http");
  }

  /** Lines cut to fit {@code maxLineBytes} and sent. */
  public long linesCut() {
    return linesCut.get();
  }

  /** Entries refused before sending because older than {@code maxAge}. */
  public long tooOld() {
    return tooOld.get();
  }

  /** Entries refused before sending because newer than now plus {@code maxFuture}. */
  public long tooNew() {
    return tooNew.get();
  }

  /** Single-entry requests Loki refused for good (a 4xx other than 401, 403, 404, 408, 429). */
  public long refusedByLoki() {
    return refused.get();
  }

  /** Where the sink pushes. */
  public URI pushUri() {
    return pushUri;
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws LogSinkException {
    if (closed) {
      throw new IllegalStateException("loki sink is closed");
    }
    if (batch.isEmpty()) {
      return;
    }
    Map<String, List<PushBody.Line>> byTenant = prepare(batch);
    awaitRetryAfter();
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .build();
    }
    int cut = 0;
    for (Map.Entry<String, List<PushBody.Line>> group : byTenant.entrySet()) {
      byte[] body = PushBody.encode(group.getValue(), staticLabels, gzip);
      post(group.getKey(), body, batch.size());
      for (PushBody.Line l : group.getValue()) {
        if (l.cut) {
          cut++;
        }
      }
    }
    linesCut.addAndGet(cut);
  }

  /**
   * Checks and encodes every entry before anything is sent, grouped by tenant header (the key is
   * "" for no header). An entry Loki would refuse fails the batch as permanent: the pipeline then
   * isolates it, and it is counted once it is alone.
   */
  private Map<String, List<PushBody.Line>> prepare(List<LogEntry> batch) throws LogSinkException {
    Instant now = clock.instant();
    long oldest = maxAge.isZero() ? Long.MIN_VALUE : PushBody.nanos(now.minus(maxAge));
    long newest = PushBody.nanos(now.plus(maxFuture));
    Map<String, List<PushBody.Line>> byTenant = new LinkedHashMap<>();
    for (LogEntry e : batch) {
      long nanos = PushBody.nanos(e.timestamp());
      if (nanos < oldest) {
        refuse(batch, tooOld, "entry " + e.id() + " has timestamp " + e.timestamp()
            + ", older than Loki accepts (max-age " + maxAge + ", Loki's reject_old_samples_max_age)");
      }
      if (nanos > newest) {
        refuse(batch, tooNew, "entry " + e.id() + " has timestamp " + e.timestamp()
            + ", further in the future than Loki accepts (max-future " + maxFuture
            + ", Loki's creation_grace_period)");
      }
      String orgId = tenantOf(e);
      if (orgId != null && !validTenant(orgId)) {
        refuse(batch, null, "entry " + e.id() + " has tenant '" + Reports.printable(orgId, 80)
            + "', not a Loki tenant id (letters, digits and !-_.*'() only, at most 150, not . or ..)");
      }
      byte[] json;
      try {
        json = LogEntryJson.encodeBytes(e);
      } catch (RuntimeException ex) {
        throw LogSinkException.permanent("cannot encode entry " + e.id() + " as JSON", ex);
      }
      boolean cut = false;
      if (json.length > maxLineBytes) {
        byte[] fitted = LineCutter.fit(e, json, maxLineBytes);
        if (fitted == null) {
          refuse(batch, null, "entry " + e.id() + " is over Loki's line limit of " + maxLineBytes
              + " bytes even without its stack, message and data");
        }
        json = fitted;
        cut = true;
      }
      PushBody.Line line = new PushBody.Line(e, nanos, json, cut);
      byTenant.computeIfAbsent(orgId == null ? "" : orgId, k -> new ArrayList<>()).add(line);
    }
    return byTenant;
  }

  private static void refuse(List<LogEntry> batch, AtomicLong counter, String why)
      throws LogSinkException {
    if (batch.size() == 1 && counter != null) {
      counter.incrementAndGet();
    }
    throw LogSinkException.permanent(
        batch.size() == 1 ? why + "; not sent" : "the batch holds an entry Loki would refuse (" + why
            + "); nothing sent, so the pipeline can isolate it", null);
  }

  private String tenantOf(LogEntry e) {
    if (tenantFromEntry && e.tenantId() != null && !e.tenantId().isEmpty()) {
      return e.tenantId();
    }
    return tenant;
  }

  /** Loki's (dskit's) rule for tenant ids: at most 150 of a-z A-Z 0-9 ! - _ . * ' ( ), not . or ... */
  static boolean validTenant(String id) {
    if (id.isEmpty() || id.length() > 150 || id.equals(".") || id.equals("..")) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!-_.*'()".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Holds the request back until the server's Retry-After has passed (at most maxRetryAfter). */
  private void awaitRetryAfter() throws LogSinkException {
    long wait = notBeforeNanos - System.nanoTime();
    if (notBeforeNanos == 0 || wait <= 0) {
      notBeforeNanos = 0;
      return;
    }
    try {
      sleeper.sleep(wait);
      notBeforeNanos = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LogSinkException.retryable("interrupted while waiting for Loki's Retry-After", e);
    }
  }

  private void post(String orgId, byte[] body, int entries) throws LogSinkException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(pushUri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    if (!orgId.isEmpty()) {
      request.header("X-Scope-OrgID", orgId);
    }
    HttpResponse<byte[]> response;
    try {
      String auth = credentials.header();
      if (auth != null) {
        request.header("Authorization", auth);
      }
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw LogSinkException.retryable(
          "Loki at " + pushUri + " did not answer within " + requestTimeout, e);
    } catch (IOException e) {
      throw LogSinkException.retryable("cannot reach Loki at " + pushUri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LogSinkException.retryable("interrupted while pushing to Loki", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String said = Reports.printable(new String(response.body(), StandardCharsets.UTF_8), 300);
    String where = "Loki at " + pushUri + (orgId.isEmpty() ? "" : " (tenant " + orgId + ")");
    if (status == 429 || status == 408 || status >= 500) {
      Duration after =
          RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      String hint = "";
      if (after != null && !after.isZero()) {
        Duration wait = after.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : after;
        notBeforeNanos = System.nanoTime() + wait.toNanos();
        hint = "; next attempt after its Retry-After of " + wait.toMillis() + " ms";
      }
      throw LogSinkException.retryable(where + " answered " + status + hint + ": " + said, null);
    }
    if (status == 401 || status == 403) {
      throw LogSinkException.retryable(
          where + " refused the credentials (" + status + "): check "
              + (credentials.describe() == null ? "whether it needs sink.loki.basic-user or sink.loki.bearer-token-*"
                  : credentials.describe()) + "; entries wait and are retried: " + said, null);
    }
    if (status == 404) {
      throw LogSinkException.retryable(
          where + " has no push API there (404): check sink.loki.url; entries wait and are retried", null);
    }
    if (entries == 1) {
      refused.incrementAndGet();
    }
    throw LogSinkException.permanent(where + " refused the request (" + status + "): " + said, null);
  }

  /** Nothing is buffered: {@link #write} returns once Loki has answered. */
  @Override
  public void flush() {}

  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    if (client instanceof AutoCloseable) { // JDK 21 and later: release the selector thread now
      ((AutoCloseable) client).close();
    }
    client = null;
  }

  /** Configures a {@link LokiLogSink}; validates every value as it is set. Not thread-safe. */
  public static final class Builder {
    private URI pushUri;
    private String tenant;
    private boolean tenantFromEntry;
    private Credentials credentials = Credentials.NONE;
    private Map<String, String> staticLabels = Map.of();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxLineBytes = 256_000;
    private Duration maxAge = Duration.ofDays(7);
    private Duration maxFuture = Duration.ofMinutes(10);
    private boolean gzip = true;
    private int maxBatchSize = 1000;
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = TimeUnit.NANOSECONDS::sleep;

    private Builder() {}

    /**
     * Loki's base URL ({@code http://loki:3100}) or the push URL itself; {@value #PUSH_PATH} is
     * appended when the URL has no path. Required.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public Builder url(String url) {
      this.pushUri = HttpEndpoints.parse("url", url, PUSH_PATH, "http://loki:3100");
      return this;
    }

    /** A fixed {@code X-Scope-OrgID} for every request (and the fallback with {@link #tenantFromEntry}). */
    public Builder tenant(String tenant) {
      if (tenant != null && !tenant.isEmpty() && !validTenant(tenant)) {
        throw new IllegalArgumentException(
            "tenant '" + tenant + "' is not a Loki tenant id: letters, digits and !-_.*'() only, at most 150, not . or ..");
      }
      this.tenant = tenant == null || tenant.isEmpty() ? null : tenant;
      return this;
    }

    /** Send each entry under its own {@code tenant_id} as {@code X-Scope-OrgID} (one request per tenant). */
    public Builder tenantFromEntry(boolean fromEntry) {
      this.tenantFromEntry = fromEntry;
      return this;
    }

    /** Basic auth: {@code user}, and the password from environment variable {@code env} or {@code file}. */
    public Builder basicAuth(String user, String passwordEnv, Path passwordFile) {
      this.credentials = secret(user, passwordEnv, passwordFile, "basic auth password", System::getenv);
      return this;
    }

    /** Bearer auth: the token from environment variable {@code env} or {@code file}. */
    public Builder bearerToken(String tokenEnv, Path tokenFile) {
      this.credentials = secret(null, tokenEnv, tokenFile, "bearer token", System::getenv);
      return this;
    }

    private static Credentials secret(
        String user, String env, Path file, String what, java.util.function.UnaryOperator<String> getenv) {
      if ((env == null) == (file == null)) {
        throw new IllegalArgumentException("give the " + what + " as an environment variable or a file, one of them");
      }
      if (env != null) {
        String value = getenv.apply(env);
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException(
              "environment variable " + env + " (the " + what + ") is not set: set it or name another");
        }
        String d = "environment variable " + env;
        return user != null ? Credentials.basic(user, value, null, d) : Credentials.bearer(value, null, d);
      }
      if (!java.nio.file.Files.isReadable(file)) {
        throw new IllegalArgumentException("file " + file + " (the " + what + ") cannot be read: check the path");
      }
      String d = "file " + file;
      return user != null ? Credentials.basic(user, null, file, d) : Credentials.bearer(null, file, d);
    }

    /** Labels on every stream, besides service_name, environment and level; low cardinality only. */
    public Builder staticLabels(Map<String, String> labels) {
      Map<String, String> copy = new LinkedHashMap<>();
      labels.forEach((k, v) -> {
        LokiLabels.checkStatic("staticLabels", k, v);
        copy.put(k, v);
      });
      if (copy.size() + LokiLabels.OWN.size() > LokiLabels.MAX_NAMES_PER_STREAM) {
        throw new IllegalArgumentException("staticLabels: at most "
            + (LokiLabels.MAX_NAMES_PER_STREAM - LokiLabels.OWN.size()) + " (Loki takes 15 names per stream)");
      }
      this.staticLabels = java.util.Collections.unmodifiableMap(copy);
      return this;
    }

    /** How long to wait for a connection; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** How long to wait for Loki's answer to one request; default 10 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /** Loki's {@code max_line_size} in bytes; longer lines are cut. Default 256 000 (Loki's 256KB). */
    public Builder maxLineBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxLineBytes " + bytes + " is below 1024: give Loki's max_line_size");
      }
      this.maxLineBytes = bytes;
      return this;
    }

    /** Loki's {@code reject_old_samples_max_age}: older entries are refused and counted; 0 turns it off. Default 7 d. */
    public Builder maxAge(Duration age) {
      if (age == null || age.isNegative()) {
        throw new IllegalArgumentException("maxAge must be 0 (off) or positive, was " + age);
      }
      this.maxAge = age;
      return this;
    }

    /** Loki's {@code creation_grace_period}: entries further ahead are refused and counted. Default 10 min. */
    public Builder maxFuture(Duration ahead) {
      if (ahead == null || ahead.isNegative()) {
        throw new IllegalArgumentException("maxFuture must not be negative, was " + ahead);
      }
      this.maxFuture = ahead;
      return this;
    }

    /** Compress request bodies with gzip; default true. */
    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** The largest batch (one request per tenant); default 1000. */
    public Builder maxBatchSize(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException("maxBatchSize " + max + " is out of range: use 1 to 100000");
      }
      this.maxBatchSize = max;
      return this;
    }

    /** The longest Retry-After honoured; a longer one is cut to this. Default 5 min. */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = positive("maxRetryAfter", max);
      return this;
    }

    /** For tests: the clock deciding what is too old or too new. */
    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** For tests: how the sink waits for a Retry-After. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    /**
     * Creates the sink; connects to nothing yet.
     *
     * @throws IllegalStateException when no URL was set
     */
    public LokiLogSink build() {
      if (pushUri == null) {
        throw new IllegalStateException("url is required: set it to Loki's address, such as http://loki:3100");
      }
      return new LokiLogSink(this);
    }
  }
}
