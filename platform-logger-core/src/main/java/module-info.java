/**
 * platform-logger's core: the logging API, the pipeline's public face and the sink SPI.
 *
 * <p>Only API and SPI packages are exported (docs/api-boundary.md). {@code core.internal} (entry
 * internals, sanitizing, limits), {@code core.spool} (the durable spool) and {@code core.backend}
 * (the seam between the logging API and the pipeline, and the mutable capture of a call) are not:
 * on the module path no application or sink can reach them, and the JSON an entry carries can only
 * be the one the pipeline wrote.
 */
module io.platformlogger.core {
  // The SLF4J provider, and SiteAwareLogger extends org.slf4j.Logger: users of our API see SLF4J types.
  requires transitive org.slf4j;
  // Used inside only: LogEntryJson's public API shows no jackson-core type.
  requires com.fasterxml.jackson.core;
  // Optional: with it present, entries without a trace id take the current span's (CurrentSpan).
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;
  // DataValues normalizes java.sql.Timestamp values in data.
  requires java.sql;

  exports io.platformlogger.core;
  exports io.platformlogger.core.config;
  exports io.platformlogger.core.console;
  exports io.platformlogger.core.error;
  exports io.platformlogger.core.json;
  exports io.platformlogger.core.location;
  exports io.platformlogger.core.patterns;
  exports io.platformlogger.core.pipeline;
  exports io.platformlogger.core.redact;
  exports io.platformlogger.core.sink;
  exports io.platformlogger.core.slf4j;

  uses io.platformlogger.core.sink.LogSinkProvider;

  provides org.slf4j.spi.SLF4JServiceProvider with
      io.platformlogger.core.slf4j.PlatformSlf4jServiceProvider;
}
