package io.platformlogger.examples.slf4japp;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.platformlogger.core.PlatformLoggers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small order service on the JDK's HTTP server. {@link #start} serves {@code POST /orders} on
 * the given port (0 picks a free one); {@link #main} starts it, sends a few requests from several
 * tenants to itself so there is something to see, and stops.
 */
public final class OrdersApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrdersApp.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private OrdersApp(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code port} on the loopback interface. */
  public static OrdersApp start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    HttpContext orders = server.createContext("/orders", new OrdersHandler());
    orders.getFilters().add(new RequestLoggingFilter("orders"));
    server.start();
    log.info("orders service listening on port {}", server.getAddress().getPort());
    return new OrdersApp(server, executor);
  }

  /** The base address, such as {@code http://127.0.0.1:40123}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    log.info("orders service stopped");
  }

  public static void main(String[] args) throws Exception {
    try (OrdersApp app = start(0)) {
      HttpClient client = HttpClient.newHttpClient();
      String[][] calls = {
        {"t-acme", "book", "2"}, {"t-globex", "lamp", "1"}, {"t-acme", "book", "x"}, {"t-initech", "book", "9"}
      };
      int n = 0;
      for (String[] call : calls) {
        HttpRequest request =
            HttpRequest.newBuilder(app.baseUri().resolve("/orders?sku=" + call[1] + "&qty=" + call[2]))
                .header("X-Tenant-Id", call[0])
                .header("X-User-Id", "u-" + (++n))
                .header("traceparent", "00-" + UUID.randomUUID().toString().replace("-", "") + "-" + String.format("%016x", n) + "-01")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        client.send(request, HttpResponse.BodyHandlers.ofString());
      }
    } finally {
      PlatformLoggers.shutdown();
    }
  }
}
