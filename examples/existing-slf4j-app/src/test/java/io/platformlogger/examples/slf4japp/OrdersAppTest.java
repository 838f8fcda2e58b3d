package io.platformlogger.examples.slf4japp;

import static org.assertj.core.api.Assertions.assertThat;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogEntry;
import io.platformlogger.testkit.CaptureLogs;
import io.platformlogger.testkit.CapturedLogs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@CaptureLogs
class OrdersAppTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private OrdersApp app;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    app = OrdersApp.start(0);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> post(String query, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.baseUri().resolve("/orders?" + query))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static LogEntry only(List<LogEntry> entries, String messagePrefix) {
    List<LogEntry> matching = entries.stream().filter(e -> e.message().startsWith(messagePrefix)).toList();
    assertThat(matching).as("entries starting with '%s'", messagePrefix).hasSize(1);
    return matching.get(0);
  }

  @Test
  void slf4jCallsInTheHandlerCarryTheRequestsTenantUserAndTrace(CapturedLogs logs) throws Exception {
    HttpResponse<String> response =
        post(
            "sku=book&qty=2",
            "X-Tenant-Id", "t-acme",
            "X-User-Id", "u-7",
            "X-Request-Id", "req-1",
            "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

    assertThat(response.statusCode()).isEqualTo(201);
    LogEntry placed = only(logs.entries(), "order 1000 placed");
    assertThat(placed.loggerName()).isEqualTo(OrdersHandler.class.getName());
    assertThat(placed.tenantId()).isEqualTo("t-acme");
    assertThat(placed.userId()).isEqualTo("u-7");
    assertThat(placed.requestId()).isEqualTo("req-1");
    assertThat(placed.traceId()).isEqualTo(TRACE_ID);
    assertThat(placed.data()).containsEntry("sku", "book").containsEntry("qty", 2L);
    LogEntry debug = only(logs.entries(), "stock of book now 3");
    assertThat(debug.level()).isEqualTo(Level.DEBUG);
    assertThat(debug.tenantId()).isEqualTo("t-acme");
  }

  @Test
  void everyRequestGetsOneAccessEntryWithStatusAndAGeneratedRequestId(CapturedLogs logs) throws Exception {
    HttpResponse<String> response = post("sku=book&qty=1", "X-Tenant-Id", "t-globex");

    LogEntry access = only(logs.entries(), "POST /orders 201");
    assertThat(access.eventType()).isEqualTo("http.request");
    assertThat(access.service()).isEqualTo("orders");
    assertThat(access.tenantId()).isEqualTo("t-globex");
    assertThat(access.data()).containsEntry("status", 201L).containsEntry("path", "/orders");
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(access.requestId()).isEqualTo(requestId);
    assertThat(only(logs.entries(), "order ").requestId()).isEqualTo(requestId);
  }

  @Test
  void aFailedOrderIsAnErrorWithItsStackAndSignature(CapturedLogs logs) throws Exception {
    HttpResponse<String> response = post("sku=lamp&qty=1", "X-Tenant-Id", "t-initech");

    assertThat(response.statusCode()).isEqualTo(409);
    LogEntry error = only(logs.entries(), "could not place order for lamp");
    assertThat(error.level()).isEqualTo(Level.ERROR);
    assertThat(error.errorType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(error.errorStack()).contains("OrdersHandler.place");
    assertThat(error.errorSignature()).isNotBlank();
    assertThat(error.tenantId()).isEqualTo("t-initech");
  }

  @Test
  void aMalformedHeaderIsLeftOutAndReportedNotTrusted(CapturedLogs logs) throws Exception {
    post("sku=book&qty=x", "X-Tenant-Id", "t acme\",\"admin", "traceparent", "garbage");

    List<LogEntry> entries = logs.entries();
    LogEntry rejected = only(entries, "rejected order: qty 'x' is not a number");
    assertThat(rejected.level()).isEqualTo(Level.WARN);
    assertThat(rejected.tenantId()).isNull();
    assertThat(rejected.traceId()).isNull();
    assertThat(entries)
        .filteredOn(e -> "platform_logger.invalid_header".equals(e.eventType()))
        .extracting(LogEntry::message)
        .anyMatch(m -> m.contains("X-Tenant-Id"))
        .anyMatch(m -> m.contains("traceparent"));
  }
}
