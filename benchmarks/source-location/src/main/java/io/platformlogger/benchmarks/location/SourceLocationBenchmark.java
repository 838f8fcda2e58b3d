package io.platformlogger.benchmarks.location;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller's cost of one {@code info("order {} placed by {}", i, user)} with and without its
 * source location, against Log4j 2 and Logback computing the location by walking the stack.
 *
 * <p>Every library runs asynchronously, as in production: the caller hands the event to a queue
 * and a background thread consumes it into a sink/appender that only counts. Each invocation logs
 * {@value #BATCH} entries (all fit the queue, so nothing is shed or blocks) and the queue is
 * drained after it, outside the measured time; the score is the average per call.
 *
 * <ul>
 *   <li>ours: platform-logger's SLF4J provider, calls rewritten by the processor (location as a
 *       constant) vs the same calls in a class the processor excludes;
 *   <li>Log4j 2: {@code AsyncAppender includeLocation=true} (location taken on the caller's thread,
 *       by stack walk) in front of a Null appender, through the Log4j API;
 *   <li>Logback: {@code AsyncAppender includeCallerData=true} (caller data taken on the caller's
 *       thread), queue 2× the batch, discardingThreshold 0;
 *   <li>and both anchors again without location, to show what the stack walk itself costs.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -B -o -pl benchmarks/source-location -am package -DskipTests && java -jar
 * benchmarks/source-location/target/benchmarks.jar SourceLocationBenchmark} (see docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dslf4j.provider=io.platformlogger.core.slf4j.PlatformSlf4jServiceProvider"})
@State(Scope.Benchmark)
public class SourceLocationBenchmark {
  static final int BATCH = 2000;
  private static final Object USER = "u-42";

  private OursState ours;
  private org.apache.logging.log4j.core.LoggerContext log4jContext;
  private org.apache.logging.log4j.Logger log4j;
  private org.apache.logging.log4j.core.appender.AsyncAppender log4jAsync;
  private org.apache.logging.log4j.Logger log4jPlain;
  private org.apache.logging.log4j.core.appender.AsyncAppender log4jAsyncPlain;
  private ch.qos.logback.classic.Logger logbackPlain;
  private AsyncAppender logbackAsyncPlain;
  private LoggerContext logbackContext;
  private ch.qos.logback.classic.Logger logback;
  private AsyncAppender logbackAsync;
  final LongAdder anchorsDelivered = new LongAdder();

  @Setup
  public void setUp() {
    ours = new OursState();

    ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setStatusLevel(org.apache.logging.log4j.Level.ERROR);
    b.add(b.newAppender("null", "Null"));
    b.add(b.newAppender("async", "Async")
        .addAttribute("includeLocation", true)
        .addAttribute("bufferSize", 2 * BATCH)
        .addComponent(b.newAppenderRef("null")));
    b.add(b.newAppender("asyncPlain", "Async")
        .addAttribute("includeLocation", false)
        .addAttribute("bufferSize", 2 * BATCH)
        .addComponent(b.newAppenderRef("null")));
    b.add(b.newRootLogger(org.apache.logging.log4j.Level.INFO)
        .addAttribute("includeLocation", true)
        .add(b.newAppenderRef("async")));
    b.add(b.newLogger("plain", org.apache.logging.log4j.Level.INFO)
        .addAttribute("includeLocation", false)
        .addAttribute("additivity", false)
        .add(b.newAppenderRef("asyncPlain")));
    log4jContext = Configurator.initialize(b.build());
    log4j = log4jContext.getLogger("bench.checkout");
    log4jPlain = log4jContext.getLogger("plain.checkout");
    log4jAsync = log4jContext.getConfiguration().getAppender("async");
    log4jAsyncPlain = log4jContext.getConfiguration().getAppender("asyncPlain");

    logbackContext = new LoggerContext();
    logbackContext.start();
    AppenderBase<ILoggingEvent> counting = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        anchorsDelivered.increment();
      }
    };
    counting.setContext(logbackContext);
    counting.start();
    logbackAsync = new AsyncAppender();
    logbackAsync.setContext(logbackContext);
    logbackAsync.setQueueSize(2 * BATCH);
    logbackAsync.setDiscardingThreshold(0);
    logbackAsync.setIncludeCallerData(true);
    logbackAsync.addAppender(counting);
    logbackAsync.start();
    logback = logbackContext.getLogger("bench.checkout");
    logback.setAdditive(false);
    logback.addAppender(logbackAsync);
    logback.setLevel(ch.qos.logback.classic.Level.INFO);

    logbackAsyncPlain = new AsyncAppender();
    logbackAsyncPlain.setContext(logbackContext);
    logbackAsyncPlain.setQueueSize(2 * BATCH);
    logbackAsyncPlain.setDiscardingThreshold(0);
    logbackAsyncPlain.setIncludeCallerData(false);
    logbackAsyncPlain.addAppender(counting);
    logbackAsyncPlain.start();
    logbackPlain = logbackContext.getLogger("plain.checkout");
    logbackPlain.setAdditive(false);
    logbackPlain.addAppender(logbackAsyncPlain);
    logbackPlain.setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @TearDown(Level.Invocation)
  public void drain() throws InterruptedException {
    ours.drain();
    while (log4jAsync.getQueueRemainingCapacity() < log4jAsync.getQueueCapacity()
        || log4jAsyncPlain.getQueueRemainingCapacity() < log4jAsyncPlain.getQueueCapacity()
        || logbackAsync.getNumberOfElementsInQueue() > 0
        || logbackAsyncPlain.getNumberOfElementsInQueue() > 0) {
      Thread.onSpinWait(); // draining between measured invocations, not synchronisation in a test
    }
  }

  @TearDown
  public void tearDown() {
    ours.close();
    Configurator.shutdown(log4jContext);
    logbackAsync.stop();
    logbackAsyncPlain.stop();
    logbackContext.stop();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void oursWithLocation() {
    LocationCalls.log(ours.logger, BATCH, USER);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void oursWithoutLocation() {
    NoLocationCalls.log(ours.logger, BATCH, USER);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void log4j2IncludeLocation() {
    for (int i = 0; i < BATCH; i++) {
      log4j.info("order {} placed by {}", i, USER);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void logbackCallerData() {
    for (int i = 0; i < BATCH; i++) {
      logback.info("order {} placed by {}", i, USER);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void log4j2NoLocation() {
    for (int i = 0; i < BATCH; i++) {
      log4jPlain.info("order {} placed by {}", i, USER);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void logbackNoCallerData() {
    for (int i = 0; i < BATCH; i++) {
      logbackPlain.info("order {} placed by {}", i, USER);
    }
  }
}
