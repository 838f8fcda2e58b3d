package io.platformlogger.core.pipeline;

import io.platformlogger.core.Level;
import io.platformlogger.core.LogContext;
import io.platformlogger.core.LogSite;
import io.platformlogger.core.backend.LogCall;
import java.util.List;
import java.util.Map;

/**
 * A call started while the hand-off queue was already full for its level under a shedding
 * overflow policy: it captures nothing (no event, no timestamp, no context) and, when submitted,
 * is counted as shed at the queue for its level, exactly as an event refused by the queue is. So a
 * logging thread running flat out against a full pipeline allocates and computes as little as
 * possible per shed call, and leaves the memory bus and the CPU to the dispatcher.
 *
 * <p>One immutable instance per level, shared by every thread: every method ignores its
 * arguments and returns {@code this}.
 */
final class ShedCall implements LogCall {
  private static final ShedCall[] BY_LEVEL = new ShedCall[Level.values().length];

  static {
    for (Level l : Level.values()) {
      BY_LEVEL[l.ordinal()] = new ShedCall(l);
    }
  }

  /** The level the call was made at: the shed count it goes to. */
  final Level level;

  private ShedCall(Level level) {
    this.level = level;
  }

  static ShedCall of(Level level) {
    return BY_LEVEL[level.ordinal()];
  }

  @Override
  public LogCall message(String template, Object... args) {
    return this;
  }

  @Override
  public LogCall data(Map<String, ?> data) {
    return this;
  }

  @Override
  public LogCall handOverData(Map<String, ?> data) {
    return this;
  }

  @Override
  public LogCall handOverKeyValues(Object[] pairs, int pairCount) {
    return this;
  }

  @Override
  public LogCall throwable(Throwable throwable) {
    return this;
  }

  @Override
  public LogCall service(String service) {
    return this;
  }

  @Override
  public LogCall site(LogSite site) {
    return this;
  }

  @Override
  public LogCall markers(List<String> markers) {
    return this;
  }

  @Override
  public LogCall eventType(String eventType) {
    return this;
  }

  @Override
  public LogCall action(String action) {
    return this;
  }

  @Override
  public LogCall errorCode(String errorCode) {
    return this;
  }

  @Override
  public LogCall stream(String stream) {
    return this;
  }

  @Override
  public LogCall boundContext(LogContext boundContext) {
    return this;
  }
}
