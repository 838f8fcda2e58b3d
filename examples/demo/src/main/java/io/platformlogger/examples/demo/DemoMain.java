package io.platformlogger.examples.demo;

import io.platformlogger.core.PlatformLoggers;
import io.platformlogger.core.pipeline.LogPipeline;
import io.platformlogger.core.pipeline.PipelineStats;

/**
 * The one-command demo. For now it runs the simulated shop against the configured pipeline (the
 * console in development) and prints the pipeline's counters; the sinks on embedded servers join
 * as their modules land.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    LogPipeline pipeline = PlatformLoggers.pipeline();
    ShopSimulation shop = new ShopSimulation(2026);
    int failed = shop.run(requests);
    PlatformLoggers.shutdown();
    PipelineStats stats = pipeline.stats();
    System.out.printf(
        "%n%d requests, %d failed; pipeline: enqueued=%d shed=%d%n", shop.requests(), failed, stats.enqueued(), stats.shed());
  }
}
