package io.platformlogger.examples.springboot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Orders in memory. Only SLF4J here: tenant, user and request id come from the request headers
 * through the starter's filter, the call site from the compile-time processor.
 */
@RestController
public class OrderController {
  private static final Logger log = LoggerFactory.getLogger(OrderController.class);

  private final Map<Long, Order> orders = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** An order as the API takes and returns it. */
  public record Order(Long id, String item, int quantity) {}

  @PostMapping("/orders")
  public Order place(@RequestBody Order request) {
    log.debug("validating order for {}", request.item());
    if (request.quantity() <= 0) {
      log.warn("refused order for {}: quantity {}", request.item(), request.quantity());
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "quantity must be positive");
    }
    Order order = new Order(ids.incrementAndGet(), request.item(), request.quantity());
    orders.put(order.id(), order);
    log.atInfo().addKeyValue("order_id", order.id()).addKeyValue("quantity", order.quantity())
        .log("order placed for {}", order.item());
    return order;
  }

  @GetMapping("/orders/{id}")
  public Order get(@PathVariable long id) {
    Order order = orders.get(id);
    if (order == null) {
      log.info("order {} not found", id);
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
    }
    return order;
  }
}
