package io.platformlogger.examples.location;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small service whose log calls carry their source location, injected at compile time by the
 * processor on this module's processor path. Run it to see source_file/source_line/source_class/
 * source_method in every entry.
 */
public final class CheckoutService {
  private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);
  private static final PlatformLogger events = PlatformLoggers.createLogger("checkout");

  public void checkout(String orderId, List<String> items) {
    log.info("checkout of {} started", orderId); // location: started
    items.forEach(item -> log.debug("reserving {}", item)); // location: reserving
    log.atInfo().addKeyValue("items", items.size()).log("items reserved"); // location: reserved
    events.info("order placed", Map.of("order_id", orderId)); // location: placed
  }

  public static void main(String[] args) {
    new CheckoutService().checkout("o-1", List.of("A-1", "B-2"));
    PlatformLoggers.shutdown();
  }
}
