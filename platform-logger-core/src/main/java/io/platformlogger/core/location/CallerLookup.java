package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import java.util.Optional;
import java.util.Set;

/**
 * The opt-in runtime caller lookup ({@code location.runtime=true}): walks the calling thread's
 * stack with {@link StackWalker} to find the frame that called the logging API, for code not
 * compiled with the source-location processor. A stack walk costs microseconds per call (see
 * docs/benchmarks.md), which is why it is off by default and compile-time sites are preferred.
 *
 * <p>The caller is the first frame below a caller boundary: the last frame of the class a bridge
 * names ({@code org.slf4j.spi.LocationAwareLogger}'s {@code fqcn}: jcl-over-slf4j, jul-to-slf4j,
 * log4j-to-slf4j), else the last frame of the logging API itself (SLF4J's classes and
 * platform-logger's loggers and pipeline). Called on the logging thread; stateless, never throws.
 */
public final class CallerLookup {
  private static final StackWalker WALKER = StackWalker.getInstance();

  /** platform-logger classes a logging call passes through before the pipeline. */
  private static final Set<String> API_CLASSES =
      Set.of(
          "io.platformlogger.core.PlatformLogger",
          "io.platformlogger.core.LogStatement",
          "io.platformlogger.core.pipeline.LogPipeline",
          "io.platformlogger.core.slf4j.PlatformSlf4jLogger",
          "io.platformlogger.core.slf4j.PlatformLoggingEventBuilder",
          "io.platformlogger.core.location.CallerLookup",
          "io.platformlogger.core.location.Slf4jCalls",
          "io.platformlogger.core.location.PlatformLoggerCalls",
          "io.platformlogger.core.location.FluentCalls");

  private CallerLookup() {}

  /**
   * The call site below {@code boundary} (a class name; null: the logging API's own classes), or
   * null when the stack has no such frame.
   */
  public static LogSite find(String boundary) {
    try {
      Optional<StackWalker.StackFrame> frame =
          WALKER.walk(
              frames -> {
                if (boundary != null) {
                  boolean[] seen = {false};
                  Optional<StackWalker.StackFrame> below =
                      frames
                          .dropWhile(f -> {
                            boolean in = f.getClassName().equals(boundary);
                            seen[0] |= in;
                            return !seen[0] || in;
                          })
                          .findFirst();
                  if (below.isPresent()) {
                    return below;
                  }
                  return Optional.empty(); // the boundary was not on the stack
                }
                return frames.dropWhile(f -> isApi(f.getClassName())).findFirst();
              });
      if (frame.isEmpty() && boundary != null) {
        return find(null);
      }
      return frame.map(CallerLookup::site).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isApi(String className) {
    if (className.startsWith("org.slf4j.")) {
      return true;
    }
    int nested = className.indexOf('$');
    return API_CLASSES.contains(nested < 0 ? className : className.substring(0, nested));
  }

  private static LogSite site(StackWalker.StackFrame f) {
    return LogSite.of(f.getFileName(), Math.max(f.getLineNumber(), 0), f.getClassName(), f.getMethodName());
  }
}
