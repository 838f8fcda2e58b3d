package io.platformlogger.core;

import java.util.List;
import java.util.Map;

/** TEMPORARY stand-in until the real one is merged. */
public final class RequestHeaders {
  private final LogContext context;
  private final List<String> problems;

  private RequestHeaders(LogContext context, List<String> problems) {
    this.context = context;
    this.problems = problems;
  }

  public static RequestHeaders parse(Map<String, ?> headers) {
    return new RequestHeaders(LogContext.empty(), List.of());
  }

  public LogContext context() {
    return context;
  }

  public List<String> problems() {
    return problems;
  }
}
