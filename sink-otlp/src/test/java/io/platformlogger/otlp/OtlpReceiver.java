package io.platformlogger.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process OTLP/HTTP logs receiver ({@code POST /v1/logs}) standing in for an OpenTelemetry
 * Collector: it decodes protobuf requests with the official generated classes
 * (io.opentelemetry.proto) and JSON requests field by field per the OTLP JSON mapping (hex ids,
 * integer enums, 64-bit integers as strings) into the same classes, answers 200 with an empty
 * {@code ExportLogsServiceResponse}, and can be told to fail. No real collector runs in these tests.
 * A test class shares one: {@code @RegisterExtension static final OtlpReceiver otlp =
 * new OtlpReceiver();} starts it, empties it before each test ({@link #clear}) and closes it
 * after the last; a single test may also open its own with try-with-resources.
 * Thread-safe: everything synchronizes on the receiver.
 */
final class OtlpReceiver implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  /** One request as received. */
  record Request(String contentType, Map<String, String> headers, ExportLogsServiceRequest body, int status) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> faults = new ArrayDeque<>();
  private final ObjectMapper json = new ObjectMapper();

  /** Starts a receiver on a free loopback port; an {@link UncheckedIOException} if it cannot listen. */
  OtlpReceiver() {
    server = listen();
    server.createContext("/v1/logs", this::handle);
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

  /** The base URL, such as {@code http://127.0.0.1:4318}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next {@code n} requests with {@code status} (0: closes the connection unanswered). */
  synchronized void failNext(int n, int status) {
    for (int i = 0; i < n; i++) {
      faults.add(status);
    }
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every record of every successful request, in order, with its resource and scope. */
  synchronized List<Received> records() {
    List<Received> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.status() != 200) {
        continue;
      }
      for (ResourceLogs rl : r.body().getResourceLogsList()) {
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          for (LogRecord lr : sl.getLogRecordsList()) {
            out.add(new Received(rl.getResource(), sl.getScope(), lr));
          }
        }
      }
    }
    return out;
  }

  /** A record with where it came from. */
  record Received(Resource resource, InstrumentationScope scope, LogRecord record) {}

  synchronized void clear() {
    requests.clear();
    faults.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      int status;
      ExportLogsServiceRequest body = null;
      String answer = "";
      synchronized (this) {
        Integer fault = faults.poll();
        if (fault != null && fault == 0) {
          return;
        }
        if (fault != null) {
          status = fault;
          answer = "injected " + fault;
        } else {
          try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
              ? new GZIPInputStream(new ByteArrayInputStream(raw))
              : new ByteArrayInputStream(raw)) {
            byte[] bytes = in.readAllBytes();
            if ("application/x-protobuf".equals(type)) {
              body = ExportLogsServiceRequest.parseFrom(bytes);
            } else if ("application/json".equals(type)) {
              body = fromJson(json.readTree(bytes));
            } else {
              throw new IOException("unsupported Content-Type " + type);
            }
            status = 200;
          } catch (IOException | RuntimeException e) {
            status = 400;
            answer = "cannot decode: " + e;
          }
        }
        requests.add(new Request(type, headers, body, status));
      }
      byte[] bytes;
      if (status == 200) {
        boolean protobuf = "application/x-protobuf".equals(type);
        bytes = protobuf ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", protobuf ? "application/x-protobuf" : "application/json");
      } else {
        bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** OTLP/JSON into the generated classes, field by field (the protobuf JSON mapping with OTLP's exceptions). */
  static ExportLogsServiceRequest fromJson(JsonNode root) {
    ExportLogsServiceRequest.Builder req = ExportLogsServiceRequest.newBuilder();
    for (JsonNode rl : root.path("resourceLogs")) {
      ResourceLogs.Builder r = ResourceLogs.newBuilder();
      r.setResource(Resource.newBuilder().addAllAttributes(attributes(rl.path("resource").path("attributes"))));
      for (JsonNode sl : rl.path("scopeLogs")) {
        ScopeLogs.Builder s = ScopeLogs.newBuilder();
        s.setScope(InstrumentationScope.newBuilder().setName(sl.path("scope").path("name").asText("")));
        for (JsonNode lr : sl.path("logRecords")) {
          LogRecord.Builder l = LogRecord.newBuilder();
          l.setTimeUnixNano(Long.parseUnsignedLong(lr.path("timeUnixNano").asText("0")));
          l.setObservedTimeUnixNano(Long.parseUnsignedLong(lr.path("observedTimeUnixNano").asText("0")));
          l.setSeverityNumberValue(lr.path("severityNumber").asInt());
          l.setSeverityText(lr.path("severityText").asText(""));
          if (lr.has("body")) {
            l.setBody(anyValue(lr.get("body")));
          }
          l.addAllAttributes(attributes(lr.path("attributes")));
          if (lr.hasNonNull("traceId") && !lr.get("traceId").asText().isEmpty()) {
            l.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(lr.get("traceId").asText())));
          }
          if (lr.hasNonNull("spanId") && !lr.get("spanId").asText().isEmpty()) {
            l.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(lr.get("spanId").asText())));
          }
          l.setFlags(lr.path("flags").asInt());
          l.setEventName(lr.path("eventName").asText(""));
          s.addLogRecords(l);
        }
        r.addScopeLogs(s);
      }
      req.addResourceLogs(r);
    }
    return req.build();
  }

  private static List<KeyValue> attributes(JsonNode list) {
    List<KeyValue> out = new ArrayList<>();
    for (JsonNode kv : list) {
      out.add(KeyValue.newBuilder().setKey(kv.path("key").asText()).setValue(anyValue(kv.path("value"))).build());
    }
    return out;
  }

  private static AnyValue anyValue(JsonNode v) {
    AnyValue.Builder b = AnyValue.newBuilder();
    if (v.has("stringValue")) {
      b.setStringValue(v.get("stringValue").asText());
    } else if (v.has("intValue")) {
      b.setIntValue(Long.parseLong(v.get("intValue").asText())); // 64-bit integers travel as strings
    } else if (v.has("doubleValue")) {
      b.setDoubleValue(v.get("doubleValue").asDouble());
    } else if (v.has("boolValue")) {
      b.setBoolValue(v.get("boolValue").asBoolean());
    } else if (v.has("arrayValue")) {
      ArrayValue.Builder a = ArrayValue.newBuilder();
      for (JsonNode e : v.get("arrayValue").path("values")) {
        a.addValues(anyValue(e));
      }
      b.setArrayValue(a);
    } else if (v.has("kvlistValue")) {
      b.setKvlistValue(KeyValueList.newBuilder().addAllValues(attributes(v.get("kvlistValue").path("values"))));
    }
    return b.build();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
