package io.platformlogger.examples.slf4japp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application code as it was before platform-logger: plain SLF4J, nothing else. {@code POST
 * /orders?sku=..&qty=..} places an order; a sku that is out of stock fails with a logged
 * exception. Thread-safe.
 */
final class OrdersHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(OrdersHandler.class);

  private final Map<String, Integer> stock = new ConcurrentHashMap<>(Map.of("book", 5, "lamp", 0));
  private final AtomicInteger nextOrder = new AtomicInteger(1000);

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = Query.parse(exchange.getRequestURI().getRawQuery());
    String sku = query.getOrDefault("sku", "");
    int qty;
    try {
      qty = Integer.parseInt(query.getOrDefault("qty", "1"));
    } catch (NumberFormatException e) {
      log.warn("rejected order: qty '{}' is not a number", query.get("qty"));
      respond(exchange, 400, "qty must be a number\n");
      return;
    }
    try {
      int order = place(sku, qty);
      log.atInfo().addKeyValue("order_id", order).addKeyValue("sku", sku).addKeyValue("qty", qty)
          .log("order {} placed", order);
      respond(exchange, 201, "order " + order + "\n");
    } catch (IllegalStateException e) {
      log.error("could not place order for {}", sku, e);
      respond(exchange, 409, e.getMessage() + "\n");
    }
  }

  private int place(String sku, int qty) {
    Integer available = stock.get(sku);
    if (available == null) {
      throw new IllegalStateException("unknown sku " + sku);
    }
    if (available < qty) {
      throw new IllegalStateException("sku " + sku + " has " + available + " left, " + qty + " wanted");
    }
    stock.put(sku, available - qty);
    log.debug("stock of {} now {}", sku, available - qty);
    return nextOrder.getAndIncrement();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
