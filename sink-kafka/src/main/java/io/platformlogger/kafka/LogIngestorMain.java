package io.platformlogger.kafka;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import io.platformlogger.core.redact.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Runs a {@link LogIngestor} as a standalone process. The target sink is any {@link
 * LogSinkProvider} on the classpath, configured with the same keys as in an application:
 *
 * <pre>
 * java -cp ... io.platformlogger.kafka.LogIngestorMain \
 *   --bootstrap-servers kafka-1:9092 --topics telemetry.logs,telemetry.events \
 *   --sink postgres --sink-property url=jdbc:postgresql://db/logs --sink-property user=ingest
 * </pre>
 *
 * Secrets stay off the command line (where {@code ps} shows them): the database password and
 * the Kafka JAAS settings come from files ({@code --sink-properties-file}, {@code
 * --kafka-properties-file}) or from environment variables ({@value #SINK_PASSWORD_ENV}, {@value
 * #JAAS_ENV}); a flag overrides the environment, which overrides a file. See docs/kafka.md.
 *
 * <p>SIGTERM (or Ctrl-C) stops it cleanly: the batch in hand is stored and committed, then the sink
 * is closed, and the JVM exits with 143 (or 130 for Ctrl-C), as any JVM stopped by a signal does.
 * Exit status 1 if the ingestor failed, 2 for bad options.
 */
public final class LogIngestorMain {
  /** The sink's {@code password} setting (the PostgreSQL password). */
  static final String SINK_PASSWORD_ENV = "PLATFORM_LOGGER_INGESTOR_SINK_PASSWORD";
  /** {@code sasl.jaas.config} of the consumer and the dead-letter producer. */
  static final String JAAS_ENV = "PLATFORM_LOGGER_INGESTOR_SASL_JAAS_CONFIG";

  static final String USAGE =
      String.join(
          "\n",
          "usage: LogIngestorMain --bootstrap-servers HOST:PORT[,...] --sink NAME [options]",
          "  --bootstrap-servers LIST    Kafka bootstrap servers (required)",
          "  --sink NAME                 the sink provider to store into, such as postgres (required)",
          "  --sink-property KEY=VALUE   a sink setting, as sink.NAME.KEY in platform-logger.properties (repeatable)",
          "  --topics LIST               topics to consume (default telemetry.logs)",
          "  --group ID                  consumer group (default platform-logger-ingestor)",
          "  --dead-letter-topic TOPIC   where undecodable records go (default telemetry.logs.dlq)",
          "  --batch-size N              largest batch handed to the sink (default 5000)",
          "  --dead-letter-attempts N    times a record is offered to the dead-letter topic before it is",
          "                              skipped, counted and logged (default 10; at least 1)",
          "  --consumer-property K=V     any Kafka consumer property, such as security.protocol=SASL_SSL (repeatable)",
          "  --producer-property K=V     any property of the dead-letter producer (repeatable)",
          "  --sink-properties-file F    sink settings from a properties file, such as password=... (keeps it out of ps)",
          "  --kafka-properties-file F   consumer and producer properties from a file, such as sasl.jaas.config=...",
          "environment: " + SINK_PASSWORD_ENV + " (the sink's password), " + JAAS_ENV,
          "  (sasl.jaas.config); flags override the environment, which overrides the files",
          "  --help                      print this");

  private LogIngestorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Started started;
    try {
      started = start(args);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(e.help ? 0 : 2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "platform-logger-ingestor-stop"));
    started.ingestor.awaitTermination();
    if (started.ingestor.failure() != null) {
      started.ingestor.failure().printStackTrace();
      started.stop();
      System.exit(1);
    }
  }

  /** The running ingestor and the sink it owns. */
  static final class Started {
    final LogIngestor ingestor;
    final LogSink sink;

    Started(LogIngestor ingestor, LogSink sink) {
      this.ingestor = ingestor;
      this.sink = sink;
    }

    /** Stops the ingestor (committing what it stored), then closes the sink. Idempotent. */
    synchronized void stop() {
      ingestor.close();
      try {
        sink.close();
      } catch (Exception e) {
        PrintStream err = System.err;
        err.println("closing sink '" + sink.name() + "' failed: " + e);
      }
    }
  }

  /** {@link #start(String[], Map)} with the process environment. */
  static Started start(String[] args) throws UsageException {
    return start(args, System.getenv());
  }

  /** Parses the options, creates the sink and starts the ingestor. */
  static Started start(String[] args, Map<String, String> env) throws UsageException {
    LogIngestor.Builder b = LogIngestor.builder();
    Settings settings = parse(args, env, b);
    settings.consumer.forEach(b::consumerProperty);
    settings.producer.forEach(b::producerProperty);
    LogSink sink = createSink(settings.sinkName, settings.sink);
    LogIngestor ingestor;
    try {
      ingestor = b.sink(sink).build();
    } catch (IllegalArgumentException e) {
      closeQuietly(sink);
      String m = e.getMessage();
      throw new UsageException(m.matches("^[a-z-]+ .*") ? "--" + m : m, false);
    }
    return new Started(ingestor.start(), sink);
  }

  /** What the command line, the files and the environment say, merged: files, then environment, then flags. */
  static final class Settings {
    String sinkName;
    final Map<String, String> sink = new LinkedHashMap<>();
    final Map<String, String> consumer = new LinkedHashMap<>();
    final Map<String, String> producer = new LinkedHashMap<>();
  }

  /** Reads the options into {@code b} (plain settings) and the returned maps (merged properties). */
  static Settings parse(String[] args, Map<String, String> env, LogIngestor.Builder b) throws UsageException {
    Settings settings = new Settings();
    Map<String, String> sinkProperties = new LinkedHashMap<>();
    Map<String, String> consumerFlags = new LinkedHashMap<>();
    Map<String, String> producerFlags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new UsageException("platform-logger ingestor: Kafka topics into a sink", true);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(option + " needs a value", false);
      }
      String value = args[++i];
      switch (option) {
        case "--bootstrap-servers":
          b.bootstrapServers(value);
          break;
        case "--sink":
          settings.sinkName = value;
          break;
        case "--sink-properties-file":
          settings.sink.putAll(file(option, value));
          break;
        case "--kafka-properties-file":
          Map<String, String> kafka = file(option, value);
          settings.consumer.putAll(kafka);
          settings.producer.putAll(kafka);
          break;
        case "--sink-property":
          String[] kv = keyValue(option, value);
          sinkProperties.put(kv[0], kv[1]);
          break;
        case "--topics":
          b.topics(value.split(","));
          break;
        case "--group":
          b.groupId(value);
          break;
        case "--dead-letter-topic":
          b.deadLetterTopic(value);
          break;
        case "--batch-size":
          b.batchSize(wholeNumber(option, value, "5000"));
          break;
        case "--dead-letter-attempts": // at least 1: LogIngestor.Builder refuses less, naming the option
          b.deadLetterAttempts(wholeNumber(option, value, "10"));
          break;
        case "--consumer-property":
          String[] c = keyValue(option, value);
          consumerFlags.put(c[0], c[1]);
          break;
        case "--producer-property":
          String[] p = keyValue(option, value);
          producerFlags.put(p[0], p[1]);
          break;
        default:
          throw new UsageException("unknown option " + option, false);
      }
    }
    if (settings.sinkName == null) {
      throw new UsageException("--sink is missing: name the sink to store into, such as postgres", false);
    }
    String password = env.get(SINK_PASSWORD_ENV);
    if (password != null) {
      settings.sink.put("password", password);
    }
    String jaas = env.get(JAAS_ENV);
    if (jaas != null) {
      settings.consumer.put("sasl.jaas.config", jaas);
      settings.producer.put("sasl.jaas.config", jaas);
    }
    settings.sink.putAll(sinkProperties);
    settings.consumer.putAll(consumerFlags);
    settings.producer.putAll(producerFlags);
    return settings;
  }

  /** A properties file's keys and values (UTF-8). */
  private static Map<String, String> file(String option, String path) throws UsageException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(option + " " + path + " cannot be read (" + e + "): give a readable properties file", false);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      out.put(key, p.getProperty(key));
    }
    return out;
  }

  private static LogSink createSink(String name, Map<String, String> properties) throws UsageException {
    List<String> available = new ArrayList<>();
    for (LogSinkProvider provider : ServiceLoader.load(LogSinkProvider.class)) {
      if (provider.name().equals(name)) {
        try {
          return provider.create(properties);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--sink-property: " + Redactor.mask(e.getMessage()), false);
        }
      }
      available.add(provider.name());
    }
    throw new UsageException(
        "--sink " + name + ": no such sink on the classpath (available: " + available
            + "); add its module, for example platform-logger-sink-" + name, false);
  }

  private static int wholeNumber(String option, String value, String example) throws UsageException {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " is '" + value + "': give a whole number, such as " + example, false);
    }
  }

  private static String[] keyValue(String option, String value) throws UsageException {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(option + " '" + Redactor.mask(value) + "' is not KEY=VALUE", false);
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  private static void closeQuietly(LogSink sink) {
    try {
      sink.close();
    } catch (Exception ignored) {
      // the usage error is what matters
    }
  }

  /** A bad command line: the message says what to change. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean help;

    UsageException(String message, boolean help) {
      super(message);
      this.help = help;
    }
  }
}
