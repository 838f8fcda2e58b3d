package io.platformlogger.core.location;

import io.platformlogger.core.LogSite;
import java.lang.invoke.MethodHandles;

/**
 * The bootstrap of the call-site constants the source-location processor writes into class
 * files: each rewritten call loads its {@link LogSite} with {@code ldc} of a dynamic constant
 * (JVMS 4.4.13) whose static arguments are the file, line, class and method. The JVM runs this
 * bootstrap once per call site, on first use, and the constant is then a plain constant: the
 * same instance every time (a stable identity for per-site rate limiting and error signatures),
 * no lookup, no stack walk. Thread-safe (the JVM resolves each constant once).
 */
public final class LogSites {
  private LogSites() {}

  /** The bootstrap method; the processor writes its name and descriptor into class files. */
  public static LogSite site(
      MethodHandles.Lookup lookup, String name, Class<?> type, String file, int line, String className, String method) {
    return LogSite.of(file, line, className, method);
  }
}
