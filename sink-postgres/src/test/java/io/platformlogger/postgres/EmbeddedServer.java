package io.platformlogger.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL 17 started from zonky's embedded binaries. Its processes' output goes to a
 * file, so that a failed start (initdb run through {@code unshare -U} as root, for instance) shows
 * the real reason in the test failure instead of an INFO log line.
 */
final class EmbeddedServer implements AutoCloseable {
  private final Path dataDir;
  private final Path log;
  private final int port;
  private EmbeddedPostgres pg;

  private EmbeddedServer(Path dataDir, Path log, int port, EmbeddedPostgres pg) {
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.pg = pg;
  }

  static EmbeddedServer start() throws IOException {
    Path dir = Files.createTempDirectory("platform-logger-pg");
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    // Never "clean": zonky's close then deletes the data directory, and a restart must find it.
    EmbeddedPostgres pg = launch(data, log, 0);
    return new EmbeddedServer(data, log, pg.getPort(), pg);
  }

  private static EmbeddedPostgres launch(Path data, Path log, int port) throws IOException {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setServerConfig("max_connections", "100");
    if (port != 0) {
      b.setPort(port);
    }
    try {
      return b.start();
    } catch (IOException | RuntimeException e) {
      String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
      throw new IOException(
          "embedded PostgreSQL did not start: " + e.getMessage() + "\n--- server output ---\n"
              + tail(output, 4000)
              + "\n(set PLATFORM_LOGGER_TEST_PG_URL to a jdbc:postgresql:// URL with user and"
              + " password to use an external server instead)", e);
    }
  }

  private static String tail(String s, int chars) {
    return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** Stops the server (fast shutdown, clients cut off) and keeps its data. */
  void stop() throws IOException {
    if (pg != null) {
      // zonky's close deletes the data directory only when told to clean it.
      pg.close();
      pg = null;
    }
  }

  /** Starts the server again on the same port, over the same data. */
  void restart() throws IOException {
    if (pg == null) {
      pg = launch(dataDir, log, port);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    Path dir = dataDir.getParent();
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
