package io.platformlogger.loki;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process stand-in for Loki's push endpoint ({@code POST /loki/api/v1/push}, JSON body,
 * optionally gzip): it decodes exactly what was sent and applies the validation Loki's distributor
 * documents, with Loki 3's default limits (see docs/loki.md, "How it is tested"). No real Loki runs
 * in these tests; this receiver is what the sink is checked against.
 *
 * <p>Like Loki, a request is answered 204 when every entry is accepted, 400 naming each refused
 * entry's reason when some are refused (the valid ones are still stored), 401 when a tenant or
 * credentials are required and missing; a line identical to one already stored in the same stream
 * (same timestamp and content) is dropped, as Loki's ingester does. Faults are injected with {@link
 * #failNext}. Stricter than Loki in one way: entries of one stream must come in time order within a
 * request (Loki accepts some disorder), to prove the sink sorts them.
 *
 * <p>A test class shares one: {@code @RegisterExtension static final LokiReceiver loki =
 * new LokiReceiver();} starts it, empties it before each test ({@link #clear}) and closes it
 * after the last; a single test may also open its own with try-with-resources.
 *
 * <p>Thread-safe: the handler and the accessors synchronize on the receiver.
 */
final class LokiReceiver implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  /** Loki's limits as configured; the defaults are Loki 3's. */
  record Limits(
      int maxLineBytes,
      int maxLabelNamesPerSeries,
      int maxLabelNameLength,
      int maxLabelValueLength,
      Duration rejectOldSamplesMaxAge,
      Duration creationGracePeriod,
      int maxStructuredMetadataBytes,
      int maxStructuredMetadataEntries) {
    static Limits defaults() {
      return new Limits(256_000, 15, 1024, 2048, Duration.ofDays(7), Duration.ofMinutes(10), 64 * 1024, 128);
    }
  }

  /** One accepted line. */
  record Stored(String tenant, Map<String, String> labels, long nanos, String line, Map<String, String> metadata) {
    LogEntry entry() {
      return LogEntryJson.decode(line);
    }
  }

  /** One request as received, decoded. */
  record Request(String tenant, Map<String, String> headers, int bodyBytes, JsonNode body, int status) {}

  private final ObjectMapper json =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final Limits limits;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Stored> stored = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private boolean requireTenant;
  private boolean down;
  private String requiredAuthorization;

  private record Fault(int status, String retryAfter) {}

  LokiReceiver() {
    this(Limits.defaults());
  }

  /** Starts a receiver on a free loopback port; an {@link UncheckedIOException} if it cannot listen. */
  LokiReceiver(Limits limits) {
    this.limits = limits;
    this.server = listen();
    server.createContext("/loki/api/v1/push", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  private static HttpServer listen() {
    try {
      return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next {@code n} requests with {@code status} (0: drops the connection unanswered). */
  synchronized void failNext(int n, int status, String retryAfter) {
    for (int i = 0; i < n; i++) {
      faults.add(new Fault(status, retryAfter));
    }
  }

  /** An outage: until {@link #up}, every request's connection is closed unanswered. */
  synchronized void down() {
    down = true;
  }

  synchronized void up() {
    down = false;
  }

  /** Like Loki with {@code auth_enabled: true}: requests without X-Scope-OrgID get 401. */
  synchronized void requireTenant() {
    this.requireTenant = true;
  }

  /** Requests without exactly this Authorization header get 401 (an auth proxy in front of Loki). */
  synchronized void requireAuthorization(String header) {
    this.requiredAuthorization = header;
  }

  synchronized List<Stored> stored() {
    return List.copyOf(stored);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The stored entries decoded from their lines, sorted by id (time-ordered). */
  synchronized List<LogEntry> entries() {
    List<LogEntry> entries = new ArrayList<>();
    for (Stored s : stored) {
      entries.add(s.entry());
    }
    entries.sort(Comparator.comparing(LogEntry::id));
    return entries;
  }

  synchronized void clear() {
    stored.clear();
    seen.clear();
    requests.clear();
    faults.clear();
    requireTenant = false;
    requiredAuthorization = null;
    down = false;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status;
      String answer;
      Map<String, String> extraHeaders = new LinkedHashMap<>();
      synchronized (this) {
        Fault fault = down ? new Fault(0, null) : faults.poll();
        if (fault != null && fault.status == 0) {
          exchange.getRequestBody().readAllBytes();
          return; // closed without an answer: the client sees an I/O error
        }
        String tenant = exchange.getRequestHeaders().getFirst("X-Scope-OrgID");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = null;
        if (fault != null) {
          status = fault.status;
          answer = "injected " + fault.status;
          if (fault.retryAfter != null) {
            extraHeaders.put("Retry-After", fault.retryAfter);
          }
        } else if (!"POST".equals(exchange.getRequestMethod())) {
          status = 405;
          answer = "method not allowed";
        } else if (requiredAuthorization != null
            && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
          status = 401;
          answer = "unauthorized";
        } else if (requireTenant && (tenant == null || tenant.isEmpty())) {
          status = 401;
          answer = "no org id";
        } else {
          String[] result = new String[1];
          body = decode(exchange, raw, result);
          if (body == null) {
            status = 400;
            answer = result[0];
          } else {
            List<String> errors = accept(tenant, body, Instant.now());
            status = errors.isEmpty() ? 204 : 400;
            answer = String.join("\n", errors);
          }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        requests.add(new Request(tenant, headers, raw.length, body, status));
      }
      extraHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (status == 204) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The JSON body, or null with the reason in {@code error[0]}. */
  private JsonNode decode(HttpExchange exchange, byte[] raw, String[] error) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      error[0] = "this receiver implements the JSON push format only, got Content-Type " + type;
      return null;
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    try (InputStream in = "gzip".equals(encoding)
        ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw))
        : new java.io.ByteArrayInputStream(raw)) {
      return json.readTree(in);
    } catch (IOException e) {
      error[0] = "cannot parse the request body: " + e.getMessage();
      return null;
    }
  }

  /** Validates and stores; returns the errors (empty when everything was accepted). */
  private List<String> accept(String tenant, JsonNode body, Instant now) {
    List<String> errors = new ArrayList<>();
    JsonNode streams = body.get("streams");
    if (streams == null || !streams.isArray() || streams.isEmpty()) {
      return List.of("error at least one valid stream is required for ingestion");
    }
    long oldest = nanos(now.minus(limits.rejectOldSamplesMaxAge()));
    long newest = nanos(now.plus(limits.creationGracePeriod()));
    for (JsonNode stream : streams) {
      Map<String, String> labels = new LinkedHashMap<>();
      String labelError = labels(stream.get("stream"), labels);
      if (labelError != null) {
        errors.add(labelError);
        continue;
      }
      JsonNode values = stream.get("values");
      if (values == null || !values.isArray()) {
        errors.add("stream " + labels + " has no values array");
        continue;
      }
      long previous = Long.MIN_VALUE;
      for (JsonNode value : values) {
        String error = entry(tenant, labels, value, oldest, newest, previous);
        if (error != null) {
          errors.add(error);
        } else {
          previous = new BigInteger(value.get(0).textValue()).longValueExact();
        }
      }
    }
    return errors;
  }

  private String labels(JsonNode node, Map<String, String> out) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return "error at least one label pair is required per stream";
    }
    if (node.size() > limits.maxLabelNamesPerSeries()) {
      return "max_label_names_per_series: entry for stream has " + node.size() + " label names; limit "
          + limits.maxLabelNamesPerSeries();
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = f.getKey();
      if (!f.getValue().isTextual()) {
        return "invalid_labels: label " + name + " is not a string";
      }
      if (name.length() > limits.maxLabelNameLength()) {
        return "label_name_too_long: '" + name + "'";
      }
      if (!LokiLabels.validName(name)) {
        return "invalid_labels: '" + name + "' is not a valid label name";
      }
      String v = f.getValue().textValue();
      if (v.length() > limits.maxLabelValueLength()) {
        return "label_value_too_long: label " + name;
      }
      out.put(name, v);
    }
    return null;
  }

  private String entry(String tenant, Map<String, String> labels, JsonNode value, long oldest, long newest, long previous) {
    if (!value.isArray() || value.size() < 2 || value.size() > 3) {
      return "an entry must be [timestamp, line] or [timestamp, line, metadata], got " + value;
    }
    JsonNode ts = value.get(0);
    if (!ts.isTextual() || !ts.textValue().matches("[0-9]{1,19}")) {
      return "timestamp must be a string of nanoseconds, got " + ts;
    }
    long nanos = new BigInteger(ts.textValue()).longValueExact();
    JsonNode line = value.get(1);
    if (!line.isTextual()) {
      return "line must be a string, got " + line.getNodeType();
    }
    int lineBytes = line.textValue().getBytes(StandardCharsets.UTF_8).length;
    if (lineBytes > limits.maxLineBytes()) {
      return "line_too_long: Max entry size '" + limits.maxLineBytes() + "' bytes exceeded for stream "
          + labels + " while adding an entry with length '" + lineBytes + "' bytes";
    }
    if (nanos < oldest) {
      return "greater_than_max_sample_age: entry for stream " + labels + " has timestamp too old: " + nanos;
    }
    if (nanos > newest) {
      return "too_far_in_future: entry for stream " + labels + " has timestamp too new: " + nanos;
    }
    if (nanos < previous) {
      return "out_of_order: entry for stream " + labels + " is older than the one before it in this request";
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (value.size() == 3) {
      JsonNode md = value.get(2);
      if (!md.isObject()) {
        return "structured metadata must be an object of strings, got " + md.getNodeType();
      }
      int bytes = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getValue().isTextual()) {
          return "structured metadata value of " + f.getKey() + " must be a string, got " + f.getValue().getNodeType();
        }
        if (!LokiLabels.validName(f.getKey())) {
          return "structured metadata name '" + f.getKey() + "' is not a valid label name";
        }
        bytes += f.getKey().length() + f.getValue().textValue().length();
        metadata.put(f.getKey(), f.getValue().textValue());
      }
      if (metadata.size() > limits.maxStructuredMetadataEntries()) {
        return "structured_metadata_too_many: " + metadata.size();
      }
      if (bytes > limits.maxStructuredMetadataBytes()) {
        return "structured_metadata_too_large: " + bytes + " bytes";
      }
    }
    String key = tenant + "\u0000" + labels + "\u0000" + nanos + "\u0000" + line.textValue();
    if (seen.add(key)) {
      stored.add(new Stored(tenant, Map.copyOf(labels), nanos, line.textValue(), Map.copyOf(metadata)));
    }
    return null;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
