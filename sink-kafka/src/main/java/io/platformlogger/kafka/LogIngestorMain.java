package io.platformlogger.kafka;

import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * SIGTERM (or Ctrl-C) stops it cleanly: the batch in hand is stored and committed, then the sink
 * is closed, and the JVM exits with 143 (or 130 for Ctrl-C), as any JVM stopped by a signal does.
 * Exit status 1 if the ingestor failed, 2 for bad options.
 */
public final class LogIngestorMain {
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
          "  --consumer-property K=V     any Kafka consumer property, such as security.protocol=SASL_SSL (repeatable)",
          "  --producer-property K=V     any property of the dead-letter producer (repeatable)",
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

  /** Parses the options, creates the sink and starts the ingestor. */
  static Started start(String[] args) throws UsageException {
    LogIngestor.Builder b = LogIngestor.builder();
    String sinkName = null;
    Map<String, String> sinkProperties = new LinkedHashMap<>();
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
          sinkName = value;
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
          try {
            b.batchSize(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new UsageException("--batch-size is '" + value + "': give a whole number, such as 5000", false);
          }
          break;
        case "--consumer-property":
          String[] c = keyValue(option, value);
          b.consumerProperty(c[0], c[1]);
          break;
        case "--producer-property":
          String[] p = keyValue(option, value);
          b.producerProperty(p[0], p[1]);
          break;
        default:
          throw new UsageException("unknown option " + option, false);
      }
    }
    if (sinkName == null) {
      throw new UsageException("--sink is missing: name the sink to store into, such as postgres", false);
    }
    LogSink sink = createSink(sinkName, sinkProperties);
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

  private static LogSink createSink(String name, Map<String, String> properties) throws UsageException {
    List<String> available = new ArrayList<>();
    for (LogSinkProvider provider : ServiceLoader.load(LogSinkProvider.class)) {
      if (provider.name().equals(name)) {
        try {
          return provider.create(properties);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--sink-property: " + e.getMessage(), false);
        }
      }
      available.add(provider.name());
    }
    throw new UsageException(
        "--sink " + name + ": no such sink on the classpath (available: " + available
            + "); add its module, for example platform-logger-sink-" + name, false);
  }

  private static String[] keyValue(String option, String value) throws UsageException {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(option + " '" + value + "' is not KEY=VALUE", false);
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
