package io.platformlogger.core.slf4j;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider: found by {@code LoggerFactory} through {@link java.util.ServiceLoader}
 * when platform-logger-core is on the classpath, it routes every SLF4J call into the process-wide
 * pipeline ({@code PlatformLoggers.pipeline()}). See docs/slf4j.md.
 *
 * <p>Loggers are cached per name; {@code MDC} reads and writes the thread's {@code LogContext};
 * markers come from SLF4J's {@link BasicMarkerFactory}. Creating the provider creates no pipeline:
 * the first logging call does. Thread-safe.
 */
public final class PlatformSlf4jServiceProvider implements SLF4JServiceProvider {
  /** The SLF4J API version this provider is written against (any 2.0.x). */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private static final LongAdder INTERNAL_ERRORS = new LongAdder();

  // Built eagerly: they are cheap, and SLF4J versions differ in when they call initialize().
  private final ILoggerFactory loggerFactory = new PlatformSlf4jLoggerFactory();
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new LogContextMdcAdapter();

  /** Called by {@link java.util.ServiceLoader}. */
  public PlatformSlf4jServiceProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }

  @Override
  public void initialize() {
    // Nothing to do: the pipeline is created by the first call that needs it.
  }

  /**
   * How many failures the SLF4J bridge caught instead of throwing into the application since the
   * JVM started: events it could not build or submit, suppliers that threw (their value became a
   * placeholder), unreadable markers or MDC maps, and calls dropped because they were made while
   * this thread was creating the process-wide pipeline. Never decreases.
   */
  public static long internalErrors() {
    return INTERNAL_ERRORS.sum();
  }

  static void recordInternalError() {
    INTERNAL_ERRORS.increment();
  }
}
