package io.platformlogger.cli;

import io.platformlogger.core.LogEntry;
import io.platformlogger.postgres.PostgresLogSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's PostgreSQL 17 (zonky's embedded binaries), started once for every test class using
 * this extension and stopped when the suite ends; or the server {@code PLATFORM_LOGGER_TEST_PG_URL}
 * points at ({@code jdbc:postgresql://host:port/db}, with {@code PLATFORM_LOGGER_TEST_PG_USER} and
 * {@code PLATFORM_LOGGER_TEST_PG_PASSWORD}). Each test class seeds a schema of its own.
 */
final class TestPostgres implements BeforeAllCallback {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile String url;
  private static volatile String user;
  private static volatile String password;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start(context);
  }

  private static synchronized void start(ExtensionContext context) throws Exception {
    if (url != null) {
      return;
    }
    String external = System.getenv("PLATFORM_LOGGER_TEST_PG_URL");
    if (external != null && !external.isBlank()) {
      url = external;
      user = System.getenv("PLATFORM_LOGGER_TEST_PG_USER");
      password = System.getenv("PLATFORM_LOGGER_TEST_PG_PASSWORD");
      return;
    }
    Path dir = Files.createTempDirectory("platform-logs-cli-pg");
    Path log = dir.resolve("server.log");
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("data"))
            .setCleanDataDirectory(false)
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .put(TestPostgres.class.getName(), (AutoCloseable) () -> { // closed by JUnit when the suite ends
          pg.close();
          try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
          url = null;
        });
    user = "postgres";
    password = "postgres";
    url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
  }

  /** A fresh schema name, unique within the run. */
  static String newSchema() {
    return "cli" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  /** A PostgreSQL command's arguments: {@code command}, this server and {@code schema}, then {@code more}. */
  static String[] args(String schema, String command, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--pg-url", url(), "--schema", schema));
    if (user() != null) {
      a.addAll(List.of("--pg-user", user()));
    }
    if (password() != null) {
      a.addAll(List.of("--pg-password", password()));
    }
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** The JDBC URL without credentials, as a user would pass it to --pg-url. */
  static String url() {
    if (url == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(TestPostgres.class)");
    }
    return url;
  }

  static String user() {
    return user;
  }

  static String password() {
    return password;
  }

  /** Stores {@code entries} in {@code schema} through the real sink (which creates the table). */
  static void seed(String schema, List<LogEntry> entries) throws Exception {
    try (PostgresLogSink sink =
        PostgresLogSink.builder().jdbcUrl(url()).username(user).password(password).schema(schema).build()) {
      sink.write(entries);
    }
  }
}
