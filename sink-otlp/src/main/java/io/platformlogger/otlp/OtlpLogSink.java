package io.platformlogger.otlp;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.HttpEndpoints;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Exports entries as OTLP/HTTP logs ({@code POST .../v1/logs}) to an OpenTelemetry Collector or a
 * vendor, with the OpenTelemetry Java SDK's exporter and its JDK HTTP sender: protobuf by default,
 * JSON as an option, gzip unless turned off. The mapping follows the OpenTelemetry log data model
 * and semantic conventions ({@link RecordMapper}, docs/otlp.md).
 *
 * <p>Failures reach the pipeline, never hidden: the exporter's own retry is turned off, so an I/O
 * error, a timeout, 408, 429 and 5xx fail the write as retryable and the pipeline retries with its
 * backoff (and, with the spool, keeps the entries meanwhile); 401, 403 and 404 also (they are this
 * sink's configuration, not its entries); any other 4xx is permanent, so the pipeline isolates and
 * counts the entries the server refuses. The exporter logs through {@code java.util.logging} under
 * {@code io.opentelemetry}; should an application bridge that to SLF4J, {@link #ownLoggerPrefixes}
 * keeps those entries out of the sinks.
 *
 * <p>Not idempotent: a retried batch is exported again (every record carries {@code
 * log.record.uid}, the entry id, for deduplication downstream). Nothing connects before the first
 * {@link #write}. Thread-safe: {@link #write} and {@link #close} synchronize on the sink.
 */
public final class OtlpLogSink implements LogSink {
  /** The OTLP/HTTP logs path, appended to an endpoint without a path. */
  public static final String LOGS_PATH = "/v1/logs";

  /** How the payload is encoded. */
  public enum Protocol {
    /** {@code http/protobuf}, the default of OTLP/HTTP. */
    HTTP_PROTOBUF,
    /** {@code http/json}. */
    HTTP_JSON
  }

  private final URI endpoint;
  private final Map<String, String> headers;
  private final boolean gzip;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final Protocol protocol;
  private final int maxBatchSize;
  private final RecordMapper mapper;

  private Exporter exporter; // created on the first write
  private boolean closed;

  /** The export call, over the public protobuf exporter or the JSON one. */
  interface Exporter {
    CompletableResultCode export(Collection<LogRecordData> records);

    CompletableResultCode shutdown();
  }

  private OtlpLogSink(Builder b) {
    this.endpoint = b.endpoint;
    this.headers = Map.copyOf(b.headers);
    this.gzip = b.gzip;
    this.timeout = b.timeout;
    this.connectTimeout = b.connectTimeout;
    this.protocol = b.protocol;
    this.maxBatchSize = b.maxBatchSize;
    this.mapper = new RecordMapper(b.resourceAttributes);
  }

  /** A builder; {@link Builder#endpoint} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** The SDK (java.util.logging, possibly bridged to SLF4J) and the JDK HTTP client. */
  @Override
  public Set<String> ownLoggerPrefixes() {
    return Set.of("io.opentelemetry", "jdk.internal.httpclient", "java.net.http");
  }

  /** Where the sink exports. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public synchronized void write(List<LogEntry> batch) throws LogSinkException {
    if (closed) {
      throw new IllegalStateException("otlp sink is closed");
    }
    if (batch.isEmpty()) {
      return;
    }
    List<LogRecordData> records = new ArrayList<>(batch.size());
    for (LogEntry e : batch) {
      try {
        records.add(mapper.map(e));
      } catch (RuntimeException ex) {
        throw LogSinkException.permanent("cannot map entry " + e.id() + " to an OTLP log record", ex);
      }
    }
    if (exporter == null) {
      exporter = protocol == Protocol.HTTP_JSON ? JsonExporter.create(this) : protobufExporter();
    }
    CompletableResultCode result = exporter.export(records);
    // The exporter's timeout ends the request; the margin only covers its bookkeeping.
    result.join(timeout.toMillis() + connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw LogSinkException.retryable("interrupted while exporting to " + endpoint, null);
    }
    if (!result.isDone()) {
      throw LogSinkException.retryable("the OTLP endpoint " + endpoint + " did not answer within " + timeout, null);
    }
    if (!result.isSuccess()) {
      throw classify(result.getFailureThrowable(), batch.size());
    }
  }

  private LogSinkException classify(Throwable failure, int entries) {
    if (failure instanceof FailedExportException.HttpExportException) {
      FailedExportException.HttpExportException http = (FailedExportException.HttpExportException) failure;
      if (http.failedWithResponse()) {
        int status = http.getResponse().getStatusCode();
        String said = printable(new String(http.getResponse().getResponseBody(), StandardCharsets.UTF_8), 300);
        String where = "the OTLP endpoint " + endpoint;
        if (status == 429 || status == 408 || status >= 500) {
          return LogSinkException.retryable(where + " answered " + status + ": " + said, failure);
        }
        if (status == 401 || status == 403) {
          return LogSinkException.retryable(
              where + " refused the credentials (" + status + "): check sink.otlp.headers or headers-env;"
                  + " entries wait and are retried: " + said, failure);
        }
        if (status == 404) {
          return LogSinkException.retryable(
              where + " has no logs endpoint there (404): check sink.otlp.endpoint; entries wait and are retried", failure);
        }
        return LogSinkException.permanent(
            where + " refused " + (entries == 1 ? "the entry" : "the batch") + " (" + status + "): " + said, failure);
      }
      Throwable cause = http.getCause() == null ? http : http.getCause();
      return LogSinkException.retryable("cannot reach the OTLP endpoint " + endpoint + ": " + cause, cause);
    }
    return LogSinkException.retryable(
        "exporting to " + endpoint + " failed: " + (failure == null ? "no reason given" : failure), failure);
  }

  private Exporter protobufExporter() {
    OtlpHttpLogRecordExporterBuilder b =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(endpoint.toString())
            .setTimeout(timeout)
            .setConnectTimeout(connectTimeout)
            .setCompression(gzip ? "gzip" : "none")
            .setRetryPolicy(null); // the pipeline retries, counts and reports: nothing hidden here
    headers.forEach(b::addHeader);
    OtlpHttpLogRecordExporter e = b.build();
    return new Exporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> records) {
        return e.export(records);
      }

      @Override
      public CompletableResultCode shutdown() {
        return e.shutdown();
      }
    };
  }

  URI endpointUri() {
    return endpoint;
  }

  Map<String, String> headers() {
    return headers;
  }

  boolean gzip() {
    return gzip;
  }

  Duration timeout() {
    return timeout;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  /** Nothing is buffered: {@link #write} returns once the endpoint has answered. */
  @Override
  public void flush() {}

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (exporter != null) {
      exporter.shutdown().join(5, TimeUnit.SECONDS);
      exporter = null;
    }
  }

  static String printable(String s, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > max ? sb + "…" : sb.toString();
  }

  /** Configures an {@link OtlpLogSink}; validates every value as it is set. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean gzip = true;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Protocol protocol = Protocol.HTTP_PROTOBUF;
    private int maxBatchSize = 512;
    private Map<String, String> resourceAttributes = Map.of();

    private Builder() {}

    /**
     * The logs endpoint ({@code http://collector:4318/v1/logs}), or the collector's base URL, to
     * which {@value #LOGS_PATH} is appended when it has no path. Required.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public Builder endpoint(String url) {
      this.endpoint = HttpEndpoints.parse("endpoint", url, LOGS_PATH, "http://collector:4318");
      return this;
    }

    /** A header on every request, such as an API key. */
    public Builder header(String name, String value) {
      if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
        throw new IllegalArgumentException("header name '" + name + "' is not an HTTP header name");
      }
      if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new IllegalArgumentException("header " + name + " needs a value on one line");
      }
      headers.put(name, value);
      return this;
    }

    /** Compress request bodies with gzip; default true. */
    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** How long one export may take; default 10 s (the OTLP exporter's). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** How long to wait for a connection; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** Protobuf (default) or JSON. */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** The largest batch, one request; default 512 (the SDK's batch processor's). */
    public Builder maxBatchSize(int max) {
      if (max < 1 || max > 100_000) {
        throw new IllegalArgumentException("maxBatchSize " + max + " is out of range: use 1 to 100000");
      }
      this.maxBatchSize = max;
      return this;
    }

    /** Resource attributes added to every entry's ({@code k8s.namespace.name=shop}, ...). */
    public Builder resourceAttributes(Map<String, String> attributes) {
      this.resourceAttributes = Map.copyOf(attributes);
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
     * @throws IllegalStateException when no endpoint was set
     */
    public OtlpLogSink build() {
      if (endpoint == null) {
        throw new IllegalStateException("endpoint is required: set it to the collector's, such as http://collector:4318");
      }
      return new OtlpLogSink(this);
    }
  }
}
