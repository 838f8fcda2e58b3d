package io.platformlogger.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.platformlogger.core.sink.LogSinkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Owns one Lettuce client and at most one connection, opened lazily and replaced after it breaks.
 * Lettuce's own reconnection is off: the pipeline (for the sink) and {@link LogTail} decide when
 * to try again, so a dead server never queues commands in the client. Not thread-safe: callers
 * serialize.
 */
final class RedisConnector implements AutoCloseable {
  /** Loggers of Lettuce and the libraries under it; they must never reach a sink. */
  static final Set<String> LIBRARY_LOGGERS = Set.of("io.lettuce", "io.netty", "reactor");

  static final String APPEND_SCRIPT = resource("append.lua");

  private final RedisURI uri;
  private final Duration timeout;
  private ClientResources resources;
  private RedisClient client;
  private Session session;

  RedisConnector(RedisURI uri, Duration timeout) {
    this.uri = RedisURI.builder(uri).withTimeout(timeout).build();
    this.timeout = timeout;
  }

  String address() {
    return RedisUris.address(uri);
  }

  /**
   * The open session, connecting first when there is none.
   *
   * @throws LogSinkException (retryable) when the server cannot be reached
   */
  Session session() throws LogSinkException {
    if (session != null && session.connection.isOpen()) {
      return session;
    }
    dropSession();
    if (client == null) {
      // Small pools: a log sink should not start a thread per core.
      resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
      client = RedisClient.create(resources, uri);
      client.setOptions(
          ClientOptions.builder()
              .autoReconnect(false)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
              .timeoutOptions(TimeoutOptions.enabled(timeout))
              .build());
    }
    StatefulRedisConnection<String, String> connection;
    try {
      connection = client.connect(StringCodec.UTF8);
    } catch (RedisException e) {
      throw LogSinkException.retryable(
          "cannot connect to Redis at " + address() + ": " + rootMessage(e), e);
    }
    session = new Session(connection);
    return session;
  }

  void dropSession() {
    if (session != null) {
      Session s = session;
      session = null;
      s.connection.closeAsync();
    }
  }

  @Override
  public void close() {
    // Close the connection and wait for it, before the client shuts down: an asynchronous close
    // racing the shutdown makes Lettuce warn "Connection is already closed".
    if (session != null) {
      Session s = session;
      session = null;
      try {
        s.connection.close();
      } catch (RuntimeException e) {
        // already broken: the client shutdown below releases what is left
      }
    }
    if (client != null) {
      client.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
      client = null;
    }
    if (resources != null) {
      resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
      resources = null;
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m;
  }

  private static String resource(String name) {
    try (InputStream in = RedisConnector.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One connection and the digest of the append script loaded on it. */
  final class Session {
    private final StatefulRedisConnection<String, String> connection;
    private String scriptSha;

    private Session(StatefulRedisConnection<String, String> connection) {
      this.connection = connection;
    }

    StatefulRedisConnection<String, String> connection() {
      return connection;
    }

    RedisAsyncCommands<String, String> async() {
      return connection.async();
    }

    String scriptSha() throws LogSinkException {
      if (scriptSha == null) {
        reloadScript();
      }
      return scriptSha;
    }

    void reloadScript() throws LogSinkException {
      try {
        scriptSha = connection.sync().scriptLoad(APPEND_SCRIPT);
      } catch (RedisException e) {
        dropIfBroken();
        throw RedisErrors.classify(address(), e);
      }
    }

    /** Forgets the connection when it is no longer usable, so the next call reconnects. */
    void dropIfBroken() {
      if (session == this && !connection.isOpen()) {
        dropSession();
      }
    }
  }
}
