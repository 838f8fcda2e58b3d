package io.platformlogger.kafka.testbroker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A real single-node KRaft Kafka broker for tests, run in a forked JVM so that neither its jars nor
 * its logging enter the test JVM (the broker logs through SLF4J, and in our tests SLF4J is us).
 *
 * <p>{@link #shared()} gives one broker per test JVM, started on first use and stopped at exit, or
 * the external cluster named by the {@code PLATFORM_LOGGER_TEST_KAFKA} environment variable
 * (bootstrap servers). {@link #startLocal()} always forks a broker of its own, which a test may
 * {@link #stop()}, {@link #kill()} and {@link #start()} again on the same ports and data.
 *
 * <p>Thread-safe: every method synchronizes on the broker.
 */
public final class KafkaTestBroker implements AutoCloseable {
  /** Environment variable naming an external cluster's bootstrap servers. */
  public static final String EXTERNAL_ENV = "PLATFORM_LOGGER_TEST_KAFKA";

  private static final long START_TIMEOUT_SECONDS = 90;
  private static KafkaTestBroker shared;

  private final String external;
  private final Path dir;
  private final int brokerPort;
  private final int controllerPort;
  private Process process;
  private boolean closed;

  private KafkaTestBroker(String external, Path dir, int brokerPort, int controllerPort) {
    this.external = external;
    this.dir = dir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * The broker shared by every test of this JVM: the external cluster if {@value #EXTERNAL_ENV} is
   * set, else a forked local broker started now (once) and stopped when the JVM exits.
   */
  public static synchronized KafkaTestBroker shared() {
    if (shared == null) {
      String env = System.getenv(EXTERNAL_ENV);
      if (env != null && !env.isBlank()) {
        shared = new KafkaTestBroker(env.trim(), null, -1, -1);
      } else {
        KafkaTestBroker b = startLocal();
        Runtime.getRuntime().addShutdownHook(new Thread(b::close, "kafka-test-broker-stop"));
        shared = b;
      }
    }
    return shared;
  }

  /** Forks a new local broker in a fresh temporary directory and waits until it answers. */
  public static KafkaTestBroker startLocal() {
    try {
      Path dir = Files.createTempDirectory("kafka-test-broker");
      KafkaTestBroker b = new KafkaTestBroker(null, dir, freePort(), freePort());
      b.start();
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bootstrap servers for clients, such as {@code 127.0.0.1:41234}. */
  public String bootstrapServers() {
    return external != null ? external : "127.0.0.1:" + brokerPort;
  }

  /**
   * Creates the topics (replication factor 1) and returns once the broker leads every partition
   * of them, which is later than the creation itself: until then the first produce request to a
   * partition can be refused while a later one in flight is taken, and the idempotent producer
   * then retries the refused one until {@code delivery.timeout.ms} (KAFKA-15591, fixed in Kafka
   * 4.5). A test that sends right after creating a topic would wait for that timeout.
   */
  public void createTopics(int partitions, String... topics) {
    createTopics(bootstrapServers(), partitions, topics);
  }

  /**
   * {@link #createTopics(int, String...)} on any cluster, such as one named by an environment
   * variable. Needs kafka-clients on the class path, as every client of a broker has.
   */
  public static void createTopics(String bootstrapServers, int partitions, String... topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(
              Stream.of(topics)
                  .map(t -> new NewTopic(t, partitions, (short) 1))
                  .collect(Collectors.toList()))
          .all()
          .get(60, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> everyPartition = new LinkedHashMap<>();
      for (String t : topics) {
        for (int p = 0; p < partitions; p++) {
          everyPartition.put(new TopicPartition(t, p), OffsetSpec.latest());
        }
      }
      // Listing offsets is answered by the partition's leader only, as a produce request is.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          admin.listOffsets(everyPartition).all().get(60, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("topics " + List.of(topics) + " not led in time", e);
          }
          TimeUnit.MILLISECONDS.sleep(50);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + List.of(topics), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + List.of(topics), e);
    }
  }

  /** Whether this is an external cluster (which cannot be stopped or restarted). */
  public boolean isExternal() {
    return external != null;
  }

  /**
   * Starts the broker (again, after {@link #stop()} or {@link #kill()}), on the same ports and
   * with the same data, and waits until it answers. Does nothing if it is running.
   */
  public synchronized void start() {
    requireLocal("start");
    if (closed) {
      throw new IllegalStateException("broker closed");
    }
    if (process != null && process.isAlive()) {
      return;
    }
    Path log = dir.resolve("broker.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Xss1m");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(classpath());
    command.add(KafkaBrokerMain.class.getName());
    command.add(dir.resolve("data").toString());
    command.add(String.valueOf(brokerPort));
    command.add(String.valueOf(controllerPort));
    try {
      process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fork the Kafka test broker", e);
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Process p = process;
    Thread reader =
        new Thread(() -> readStdout(p.getInputStream(), ready), "kafka-test-broker-stdout");
    reader.setDaemon(true);
    reader.start();
    p.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
        "the Kafka test broker exited with code " + p.exitValue() + " before it was ready")));
    try {
      ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while starting the Kafka test broker", e);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "the Kafka test broker did not start within " + START_TIMEOUT_SECONDS + " s; the end of "
              + log + ":\n" + tail(log),
          e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  /** Stops the broker as SIGTERM does (a clean shutdown) and waits until it exited. */
  public synchronized void stop() {
    requireLocal("stop");
    end(false);
  }

  /** Kills the broker with SIGKILL, as a crash would, and waits until it is gone. */
  public synchronized void kill() {
    requireLocal("kill");
    end(true);
  }

  /** Whether the forked broker process is running. */
  public synchronized boolean isRunning() {
    return external != null || (process != null && process.isAlive());
  }

  /** Stops a local broker and deletes its data; idempotent. An external cluster is left alone. */
  @Override
  public synchronized void close() {
    if (external != null || closed) {
      return;
    }
    closed = true;
    end(false);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is harmless
    }
  }

  private void end(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  private void requireLocal(String what) {
    if (external != null) {
      throw new UnsupportedOperationException(
          "cannot " + what + " the external Kafka cluster " + external + " (" + EXTERNAL_ENV + ")");
    }
  }

  private static void readStdout(InputStream in, CompletableFuture<Void> ready) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.equals("READY")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  /** The broker's jars (resolved by Maven into broker.classpath) plus this module's own classes. */
  private static String classpath() {
    try (InputStream in = KafkaTestBroker.class.getResourceAsStream("broker.classpath")) {
      if (in == null) {
        throw new IllegalStateException(
            "broker.classpath is missing next to KafkaTestBroker: build kafka-test-broker with Maven");
      }
      String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      String self =
          Path.of(KafkaTestBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      return self + java.io.File.pathSeparator + jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
