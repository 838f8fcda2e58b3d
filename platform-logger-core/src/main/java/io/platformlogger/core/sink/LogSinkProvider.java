package io.platformlogger.core.sink;

import java.util.Map;

/**
 * Creates a {@link LogSink} from configuration, found through {@link java.util.ServiceLoader}, so
 * an application that only uses SLF4J can enable a sink with properties alone
 * ({@code sinks=postgres} plus {@code sink.postgres.*} keys).
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface LogSinkProvider {

  /** The name used in the {@code sinks} key, such as {@code "postgres"}. Lower case. */
  String name();

  /**
   * Creates the sink from its own keys (the {@code sink.<name>.} prefix removed). Must not connect
   * to anything: the first connection happens on the sink's thread.
   *
   * @throws IllegalArgumentException naming the key and what to change, for invalid settings
   */
  LogSink create(Map<String, String> properties);
}
