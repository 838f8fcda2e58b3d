package io.platformlogger.service;

import java.time.Duration;
import java.util.List;

/**
 * How {@link LogsService} listens and what it allows. Immutable.
 *
 * @param host the address to bind, such as {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port; 0 picks a free one ({@link LogsService#port()} tells which)
 * @param corsOrigins origins allowed to call the API from a browser page on another origin; empty
 *     (the default) sends no CORS headers at all
 * @param limits the per-request limits
 */
public record ServiceSettings(String host, int port, List<String> corsOrigins, Limits limits) {
  public ServiceSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is empty: give an address to bind, such as 0.0.0.0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port is " + port + ": use 0 to 65535 (0 picks a free port)");
    }
    corsOrigins = List.copyOf(corsOrigins);
    if (limits == null) {
      throw new IllegalArgumentException("limits is null: use Limits.defaults()");
    }
  }

  /** Port 8080 on every interface, no CORS, default limits. */
  public static ServiceSettings defaults() {
    return new ServiceSettings("0.0.0.0", 8080, List.of(), Limits.defaults());
  }

  public ServiceSettings withPort(int port) {
    return new ServiceSettings(host, port, corsOrigins, limits);
  }

  public ServiceSettings withHost(String host) {
    return new ServiceSettings(host, port, corsOrigins, limits);
  }

  public ServiceSettings withCorsOrigins(List<String> origins) {
    return new ServiceSettings(host, port, origins, limits);
  }

  public ServiceSettings withLimits(Limits limits) {
    return new ServiceSettings(host, port, corsOrigins, limits);
  }

  /**
   * Per-request limits.
   *
   * @param exportMaxRows the most rows one export writes (a {@code limit} parameter may ask for fewer)
   * @param exportStatementTimeout how long PostgreSQL may work on one export
   * @param streamBufferMessages messages queued per WebSocket client before live entries are dropped
   * @param streamTokenTtl how long a stream token opens the WebSocket
   * @param pingInterval how often idle WebSockets, and those the client sent nothing on since the
   *     last check, are pinged
   * @param queryTimeout how long PostgreSQL may work on one read (a page, an entry, its context,
   *     the histogram, aggregates or patterns) before it is cancelled and the request answered 503;
   *     exports have their own {@code exportStatementTimeout}
   * @param streamMaxMissedPings pings in a row a WebSocket client may leave unanswered (sending
   *     nothing at all, a pong or any other frame, each ping given a {@code pingInterval} to be
   *     answered) before the service drops the connection as a vanished peer and frees its send
   *     buffer: with the defaults, a client silent for about a minute
   */
  public record Limits(
      long exportMaxRows, Duration exportStatementTimeout, int streamBufferMessages,
      Duration streamTokenTtl, Duration pingInterval, Duration queryTimeout, int streamMaxMissedPings) {
    /** Unanswered pings in a row after which a stream client is dropped, unless configured. */
    public static final int DEFAULT_STREAM_MAX_MISSED_PINGS = 3;

    public Limits {
      if (exportMaxRows < 1) {
        throw new IllegalArgumentException("exportMaxRows is " + exportMaxRows + ": give at least 1");
      }
      if (streamBufferMessages < 1) {
        throw new IllegalArgumentException("streamBufferMessages is " + streamBufferMessages + ": give at least 1");
      }
      if (streamMaxMissedPings < 1) {
        throw new IllegalArgumentException("streamMaxMissedPings is " + streamMaxMissedPings
            + ": give at least 1 (" + DEFAULT_STREAM_MAX_MISSED_PINGS + " is the default)");
      }
      positive("exportStatementTimeout", exportStatementTimeout);
      positive("streamTokenTtl", streamTokenTtl);
      positive("pingInterval", pingInterval);
      positive("queryTimeout", queryTimeout);
    }

    /** These limits with the default missed pings (3). */
    public Limits(long exportMaxRows, Duration exportStatementTimeout, int streamBufferMessages,
        Duration streamTokenTtl, Duration pingInterval, Duration queryTimeout) {
      this(exportMaxRows, exportStatementTimeout, streamBufferMessages, streamTokenTtl, pingInterval, queryTimeout,
          DEFAULT_STREAM_MAX_MISSED_PINGS);
    }

    /** These limits with the default query timeout (5 s) and missed pings (3). */
    public Limits(long exportMaxRows, Duration exportStatementTimeout, int streamBufferMessages,
        Duration streamTokenTtl, Duration pingInterval) {
      this(exportMaxRows, exportStatementTimeout, streamBufferMessages, streamTokenTtl, pingInterval,
          io.platformlogger.postgres.PostgresLogStore.DEFAULT_QUERY_TIMEOUT);
    }

    public Limits withQueryTimeout(Duration timeout) {
      return new Limits(exportMaxRows, exportStatementTimeout, streamBufferMessages, streamTokenTtl, pingInterval,
          timeout, streamMaxMissedPings);
    }

    public Limits withPingInterval(Duration interval) {
      return new Limits(exportMaxRows, exportStatementTimeout, streamBufferMessages, streamTokenTtl, interval,
          queryTimeout, streamMaxMissedPings);
    }

    public Limits withStreamMaxMissedPings(int pings) {
      return new Limits(exportMaxRows, exportStatementTimeout, streamBufferMessages, streamTokenTtl, pingInterval,
          queryTimeout, pings);
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " is " + d + ": give a positive duration");
      }
    }

    /**
     * 1 000 000 rows and 5 minutes per export, 1 000 messages per client, 60 s tokens, pings every
     * 15 s, 5 s per query page, a stream client dropped after 3 unanswered pings.
     */
    public static Limits defaults() {
      return new Limits(1_000_000, Duration.ofMinutes(5), 1000, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }
  }
}
