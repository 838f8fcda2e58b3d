package io.platformlogger.testkit;

import java.util.Arrays;

/**
 * What an {@link OutageDrill} run under a {@link SteadyLoad} left: the calls each load thread made,
 * the caller latency per phase ({@link SteadyLoad#report()}) and the number of outages staged.
 * Immutable.
 */
public final class DrillResult {
  private final long[] callsPerThread;
  private final String latency;
  private final int outages;

  DrillResult(long[] callsPerThread, String latency, int outages) {
    this.callsPerThread = callsPerThread.clone();
    this.latency = latency;
    this.outages = outages;
  }

  /** Calls made by load thread {@code thread} (numbered from 0 as the load's call sees it). */
  public long calls(int thread) {
    return callsPerThread[thread];
  }

  /** The number of load threads. */
  public int threads() {
    return callsPerThread.length;
  }

  /** Calls made by every thread together. */
  public long calls() {
    return Arrays.stream(callsPerThread).sum();
  }

  /** Caller latency per phase, one line each. */
  public String latency() {
    return latency;
  }

  /** Outages staged: 1 for the short drill, more for a soak. */
  public int outages() {
    return outages;
  }
}
