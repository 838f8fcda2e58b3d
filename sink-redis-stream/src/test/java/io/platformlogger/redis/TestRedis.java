package io.platformlogger.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * The Redis the tests talk to: one embedded Redis 7 started once per test JVM (the suite), or the
 * server named by {@code PLATFORM_LOGGER_TEST_REDIS_URL}. Tests isolate themselves by using fresh
 * stream keys, never by flushing the server.
 */
public final class TestRedis {
  public static final String URL_ENV = "PLATFORM_LOGGER_TEST_REDIS_URL";

  private static String url;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private TestRedis() {}

  /** The shared server's URL, starting it on first use. */
  public static synchronized String url() {
    if (url == null) {
      String external = System.getenv(URL_ENV);
      if (external != null && !external.isBlank()) {
        url = external.trim();
      } else {
        Server server = Server.start(null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-redis-stop"));
        url = server.url();
      }
    }
    return url;
  }

  /** A synchronous client on the shared server, for tests to look at what the sink wrote. */
  public static synchronized RedisCommands<String, String> redis() {
    if (connection == null) {
      client = RedisClient.create(url());
      connection = client.connect(StringCodec.UTF8);
      Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown, "test-redis-client-stop"));
    }
    return connection.sync();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An embedded server of its own, for tests that stop and start it. With a data directory it
   * keeps its data across restarts (append-only file, fsync on every write).
   */
  public static final class Server {
    private final int port;
    private final Path dataDir;
    private RedisServer server;

    private Server(int port, Path dataDir) {
      this.port = port;
      this.dataDir = dataDir;
    }

    public static Server start(Path dataDir) {
      Server s = new Server(freePort(), dataDir);
      s.start();
      return s;
    }

    /** A server that will run on a free port once {@link #start()}ed, for "Redis down" tests. */
    public static Server notStarted(Path dataDir) {
      return new Server(freePort(), dataDir);
    }

    public synchronized void start() {
      var b = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"");
      if (dataDir != null) {
        b.setting("dir " + dataDir.toAbsolutePath())
            .setting("appendonly yes")
            .setting("appendfsync always");
      } else {
        b.setting("appendonly no");
      }
      server = b.build();
      server.start();
    }

    public synchronized void stop() {
      if (server != null) {
        server.stop();
        server = null;
      }
    }

    public String url() {
      return "redis://127.0.0.1:" + port;
    }
  }
}
