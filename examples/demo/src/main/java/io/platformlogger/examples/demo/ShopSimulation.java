package io.platformlogger.examples.demo;

import io.platformlogger.core.LogContext;
import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small multi-tenant shop: three services (checkout, inventory, payments) serving requests for
 * several tenants, each request with its own request and trace id. Most requests succeed; some
 * fail with realistic errors whose details vary (amounts, ids, hosts) so that error signatures
 * have something to group. Logs through SLF4J (checkout) and {@link PlatformLogger} (inventory,
 * payments), as a real codebase mixing both would. Deterministic for a given seed. Not
 * thread-safe: one simulation per thread.
 */
public final class ShopSimulation {
  static final List<String> TENANTS = List.of("t-acme", "t-globex", "t-initech", "t-umbrella");
  private static final List<String> SKUS = List.of("book", "lamp", "desk", "chair", "mug");
  private static final Logger checkout = LoggerFactory.getLogger("io.acme.shop.checkout.CheckoutService");

  private final SplittableRandom random;
  private final PlatformLogger inventory;
  private final PlatformLogger payments;
  private int requests;
  private int failures;

  public ShopSimulation(long seed) {
    this.random = new SplittableRandom(seed);
    this.inventory = PlatformLoggers.createLogger("inventory").named("io.acme.shop.inventory.StockService");
    this.payments = PlatformLoggers.createLogger("payments").named("io.acme.shop.payments.PaymentGateway");
  }

  /** Serves {@code count} requests; returns how many failed. */
  public int run(int count) {
    for (int i = 0; i < count; i++) {
      request();
    }
    return failures;
  }

  public int requests() {
    return requests;
  }

  public int failures() {
    return failures;
  }

  /** One checkout request, with its own tenant, user, request id and trace. */
  void request() {
    requests++;
    String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
    String user = "u-" + (100 + random.nextInt(40));
    String requestId = "req-" + UUID.randomUUID();
    String traceId = hex(32);
    try (LogContext.Scope scope =
        LogContext.with()
            .tenantId(tenant)
            .userId(user)
            .requestId(requestId)
            .traceId(traceId)
            .spanId(hex(16))
            .open()) {
      String sku = SKUS.get(random.nextInt(SKUS.size()));
      int qty = 1 + random.nextInt(4);
      long order = 10_000 + requests;
      checkout.atInfo().addKeyValue("order_id", order).addKeyValue("sku", sku).addKeyValue("qty", qty)
          .log("checkout started for order {}", order);
      try {
        reserve(sku, qty);
        charge(order, tenant);
        checkout.info("order {} placed: {} x {}", order, qty, sku);
      } catch (Exception e) {
        failures++;
        checkout.error("order {} failed", order, e);
      }
    }
  }

  private void reserve(String sku, int qty) throws SocketTimeoutException {
    int roll = random.nextInt(100);
    if (roll < 4) {
      String host = "stock-db-" + (1 + random.nextInt(3)) + ".internal:5432";
      inventory.warn("stock lookup for {} slow, retrying against {}", sku, host);
      throw new SocketTimeoutException("Read timed out after " + (2000 + random.nextInt(3000)) + " ms from " + host);
    }
    int left = random.nextInt(50);
    if (left < qty) {
      throw new IllegalStateException("sku '" + sku + "' has " + left + " left, " + qty + " wanted");
    }
    inventory.debug("reserved {} x {}, {} left", qty, sku, left - qty);
  }

  private void charge(long order, String tenant) {
    double amount = Math.round(random.nextDouble(5, 500) * 100) / 100.0;
    int roll = random.nextInt(100);
    if (roll < 6) {
      String card = "card_" + hex(8);
      payments
          .atWarn()
          .eventType("payment.declined")
          .action("charge")
          .errorCode("PAY-402")
          .with("order_id", order)
          .with("amount", amount)
          .log("card {} declined for order {}", card, order);
      throw new PaymentDeclinedException("card " + card + " declined: insufficient funds for " + amount + " EUR");
    }
    if (roll < 8) {
      payments.error(
          "payment provider unavailable",
          new IllegalStateException("HTTP 503 from https://psp.example.com/v1/charges/" + UUID.randomUUID()),
          Map.of("order_id", order, "tenant", tenant));
      throw new PaymentDeclinedException("provider unavailable");
    }
    payments.atInfo().eventType("payment.captured").action("charge").with("order_id", order).with("amount", amount)
        .log("charged {} EUR for order {}", amount, order);
  }

  private String hex(int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** A payment that did not go through; its message varies with card and amount. */
  static final class PaymentDeclinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PaymentDeclinedException(String message) {
      super(message);
    }
  }
}
