package io.platformlogger.examples.ecj;

import io.platformlogger.core.PlatformLogger;
import io.platformlogger.core.PlatformLoggers;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small service compiled by Eclipse's compiler: its log calls get their source location from the
 * standalone mode that this module's build runs over target/classes (see its pom.xml).
 */
public final class InventoryService {
  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
  private static final PlatformLogger events = PlatformLoggers.createLogger("inventory");

  public void restock(String warehouse, List<String> items) {
    log.info("restock of {} started", warehouse); // location: started
    items.forEach(item -> log.debug("counting {}", item)); // location: counting
    log.atInfo().addKeyValue("items", items.size()).log("items counted"); // location: counted
    events.info("restocked", Map.of("warehouse", warehouse)); // location: restocked
  }

  public static void main(String[] args) {
    new InventoryService().restock("w-1", List.of("A-1", "B-2"));
    PlatformLoggers.shutdown();
  }
}
