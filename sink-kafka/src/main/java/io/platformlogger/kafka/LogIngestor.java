package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.json.LogEntryJson;
import io.platformlogger.core.sink.Failures;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import io.platformlogger.core.sink.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Moves entries from Kafka into storage: consumes the topics {@link KafkaLogSink} publishes to in
 * a consumer group, decodes each record, passes the entry through the {@link LogEnricher}s and
 * writes the entries in batches to any {@link LogSink} (a {@code PostgresLogSink}, say).
 *
 * <p>At least once: offsets are committed only after the sink has stored every entry of what was
 * polled (or the record went to the dead-letter topic). A failing sink is retried with
 * exponential backoff, without committing, for as long as it takes; a restart or a rebalance
 * re-reads what was not committed. Each poll is stored and committed before the next, and what a
 * rebalance kept from being committed is committed when the partitions are revoked, so a member
 * joining or leaving hands its partitions over without anything being read twice; only a member
 * that dies (or is dropped from the group) leaves its last batch to be read again. With a sink
 * that keeps one copy per entry id ({@link LogSink#idempotent()}), the effect is exactly once.
 *
 * <p>A record that cannot be decoded, or an entry the sink rejects for good, goes to the
 * dead-letter topic with the reason in the {@code dlq.reason} header, is counted, and never stops
 * the ingestor. Dead-lettering is retried at most {@link Builder#deadLetterAttempts} times, and not
 * at all when Kafka refuses the copy for good (a record near the size limit plus the dead-letter
 * headers: {@code RecordTooLargeException}); a record that can be neither stored nor dead-lettered
 * is counted as {@linkplain IngestorStats#skipped() skipped}, logged at ERROR with its topic,
 * partition, offset and both reasons, and committed with the rest, so consumption goes on.
 *
 * <p>Threading: {@link #start()} runs the ingestor on a thread of its own, which alone calls the
 * consumer, the enrichers and the sink; {@link #stats()} and {@link #close()} may be called from
 * any thread. The sink is not closed by the ingestor: whoever created it closes it.
 */
public final class LogIngestor implements AutoCloseable {
  /*
   * Only for records given up on (rare). Through SLF4J so the application's logging shows it;
   * names no record content but its reason, so logging it cannot feed a loop of poison.
   */
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LogIngestor.class);

  /** Dead-letter header: why the record could not be stored. */
  public static final String REASON_HEADER = "dlq.reason";
  /** Dead-letter headers: where the record came from. */
  public static final String SOURCE_TOPIC_HEADER = "dlq.topic";
  public static final String SOURCE_PARTITION_HEADER = "dlq.partition";
  public static final String SOURCE_OFFSET_HEADER = "dlq.offset";

  private final Map<String, Object> consumerConfig;
  private final Map<String, Object> producerConfig;
  private final List<String> topics;
  private final String deadLetterTopic;
  private final LogSink sink;
  private final List<LogEnricher> enrichers;
  private final int batchSize;
  /** Backoff between sink and dead-letter attempts; no attempt limit for the sink. */
  private final RetryPolicy retry;
  private final Duration pollTimeout;
  private final int deadLetterAttempts;
  private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;

  private final Object lifecycle = new Object();
  private Thread thread;
  private volatile boolean running;
  private volatile Consumer<byte[], byte[]> consumer;
  private Producer<byte[], byte[]> deadLetters;
  /**
   * Offsets of what was stored but could not be committed yet because a rebalance was in progress;
   * committed with the next commit or, at the latest, when the partitions are revoked. Ingestor
   * thread only (the rebalance callbacks run inside its poll).
   */
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

  private volatile long consumed;
  private volatile long stored;
  private volatile long deadLettered;
  private volatile long skipped;
  private volatile long enrichFailures;
  private volatile long sinkRetries;
  private volatile long commits;
  private volatile long commitFailures;
  private volatile String lastError;
  private volatile Throwable crash;

  private LogIngestor(Builder b) {
    this.consumerConfig = b.consumerConfig();
    this.producerConfig = b.producerConfig();
    this.topics = List.copyOf(b.topics);
    this.deadLetterTopic = b.deadLetterTopic;
    this.sink = b.sink;
    this.enrichers = List.copyOf(b.enrichers);
    this.batchSize = Math.max(1, Math.min(b.batchSize, safeMaxBatch(b.sink)));
    this.retry = RetryPolicy.of(b.initialBackoff, b.maxBackoff, 0);
    this.pollTimeout = b.pollTimeout;
    this.deadLetterAttempts = b.deadLetterAttempts;
    this.consumerFactory = b.consumerFactory;
  }

  private static int safeMaxBatch(LogSink sink) {
    int n = sink.maxBatchSize();
    return n > 0 ? n : 1000;
  }

  /** A builder; {@link Builder#bootstrapServers} and {@link Builder#sink} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts consuming on the ingestor's own thread and returns at once. Connecting happens on that
   * thread; a broker that is down is waited for.
   *
   * @throws IllegalStateException if already started
   */
  public LogIngestor start() {
    synchronized (lifecycle) {
      if (thread != null) {
        throw new IllegalStateException("LogIngestor already started");
      }
      running = true;
      thread = new Thread(this::run, "platform-logger-ingestor");
      thread.start();
      return this;
    }
  }

  /** Whether the ingestor's thread is running. */
  public boolean isRunning() {
    synchronized (lifecycle) {
      return thread != null && thread.isAlive();
    }
  }

  /** A snapshot of the counters. */
  public IngestorStats stats() {
    return new IngestorStats(
        consumed, stored, deadLettered, skipped, enrichFailures, sinkRetries, commits, commitFailures,
        lastError);
  }

  /**
   * Stops: the batch being stored is finished (or, if the sink is failing, left uncommitted to be
   * read again), what was stored is committed, and the consumer leaves the group. Waits at most
   * 60 s for the thread. Idempotent.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lifecycle) {
      running = false;
      t = thread;
    }
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until the ingestor's thread ended (after {@link #close()} or a crash). */
  public void awaitTermination() throws InterruptedException {
    Thread t;
    synchronized (lifecycle) {
      t = thread;
    }
    if (t != null) {
      t.join();
    }
  }

  /** What ended the ingestor's thread other than {@link #close()}, or null. */
  public Throwable failure() {
    return crash;
  }

  private void run() {
    try (Consumer<byte[], byte[]> c = consumerFactory.apply(consumerConfig)) {
      consumer = c;
      if (!running) {
        return;
      }
      c.subscribe(topics, new CommitOnRevoke(c));
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = c.poll(pollTimeout);
        } catch (WakeupException e) {
          break;
        }
        if (records.isEmpty()) {
          if (!uncommitted.isEmpty()) {
            commitUncommitted(c); // what a rebalance deferred, on partitions still owned
          }
          continue;
        }
        consumed += records.count();
        if (!process(records)) {
          break; // closing while the sink failed: nothing of this poll is committed
        }
        commit(c, records);
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable t) {
      crash = t;
      lastError = Failures.describe(t);
    } finally {
      consumer = null;
      if (deadLetters != null) {
        deadLetters.close(Duration.ofSeconds(5));
      }
    }
  }

  /** Decodes, enriches and stores one poll's records; false if closing interrupted the sink retries. */
  private boolean process(ConsumerRecords<byte[], byte[]> records) {
    List<Decoded> batch = new ArrayList<>(Math.min(records.count(), batchSize));
    for (ConsumerRecord<byte[], byte[]> r : records) {
      LogEntry e;
      try {
        if (r.value() == null) {
          throw new IllegalArgumentException("record has no value");
        }
        e = LogEntryJson.decode(r.value());
      } catch (RuntimeException ex) {
        if (!deadLetter(r, "undecodable: " + Failures.describe(ex))) {
          return false;
        }
        continue;
      }
      batch.add(new Decoded(enrich(e), r));
      if (batch.size() == batchSize) {
        if (!store(batch)) {
          return false;
        }
        batch = new ArrayList<>(batchSize);
      }
    }
    return batch.isEmpty() || store(batch);
  }

  /** An entry and the record it came from (for the dead-letter topic). */
  private record Decoded(LogEntry entry, ConsumerRecord<byte[], byte[]> source) {}

  private LogEntry enrich(LogEntry e) {
    for (LogEnricher enricher : enrichers) {
      try {
        LogEntry next = enricher.enrich(e);
        if (next != null) {
          e = next;
        }
      } catch (Exception | LinkageError ex) {
        enrichFailures++;
        lastError = "enricher " + enricher.getClass().getName() + ": " + Failures.describe(ex);
      }
    }
    return e;
  }

  /**
   * Writes the batch with the {@link RetryPolicy}, retrying until it is stored; entries the sink
   * rejects for good are isolated and sent to the dead-letter topic. False if closing stopped the
   * retries.
   */
  private boolean store(List<Decoded> batch) {
    SinkAttempts attempts = new SinkAttempts();
    return retry.write(batch, attempts);
  }

  /** How one poll's batch is written: what a failure means for the ingestor. Ingestor thread. */
  private final class SinkAttempts implements RetryPolicy.Attempts<Decoded> {
    /**
     * Closing ended a wait or a dead-letter send: no further attempt for this batch (a first
     * attempt is always made, even while closing, as the poll's records were read).
     */
    private boolean closed;

    @Override
    public void write(List<Decoded> batch) throws Exception {
      List<LogEntry> entries = new ArrayList<>(batch.size());
      batch.forEach(d -> entries.add(d.entry()));
      sink.write(entries);
      stored += batch.size();
    }

    @Override
    public boolean stopped() {
      return closed;
    }

    @Override
    public void failed(List<Decoded> batch, Throwable failure, int attempt) {
      if (failure instanceof Error error) {
        throw error; // not a sink failure to retry: the ingestor stops and reports it
      }
      if (!(failure instanceof LogSinkException e) || e.isRetryable()) {
        lastError = "sink: " + Failures.describe(failure);
      }
    }

    @Override
    public boolean rejected(Decoded entry, LogSinkException failure) {
      closed = !deadLetter(entry.source(), "rejected by sink: " + Failures.describe(failure));
      return !closed;
    }

    @Override
    public boolean pause(List<Decoded> batch, Throwable failure, int attempt, long sleepNanos) {
      closed = !LogIngestor.this.pause(sleepNanos);
      if (!closed) {
        sinkRetries++;
      }
      return !closed;
    }
  }

  /**
   * Sends the record to the dead-letter topic and waits for the ack, retrying with backoff at most
   * {@code deadLetterAttempts} times, and not again after a refusal Kafka calls final (not a {@link
   * RetriableException}); if that fails too, the record is {@linkplain #skip skipped}. False only
   * if closing stopped the retries.
   */
  private boolean deadLetter(ConsumerRecord<byte[], byte[]> r, String reason) {
    List<Header> headers = new ArrayList<>();
    r.headers().forEach(headers::add);
    headers.add(header(REASON_HEADER, reason));
    headers.add(header(SOURCE_TOPIC_HEADER, r.topic()));
    headers.add(header(SOURCE_PARTITION_HEADER, String.valueOf(r.partition())));
    headers.add(header(SOURCE_OFFSET_HEADER, String.valueOf(r.offset())));
    long backoff = retry.firstBackoffNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        if (deadLetters == null) {
          deadLetters =
              new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        deadLetters
            .send(new ProducerRecord<>(deadLetterTopic, null, null, r.key(), r.value(), headers))
            .get(60, TimeUnit.SECONDS);
        deadLettered++;
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        lastError = "dead-letter topic " + deadLetterTopic + ": " + Failures.describe(cause);
        if (attempt >= deadLetterAttempts || !retriable(cause)) {
          skip(r, reason, cause, attempt);
          return true;
        }
      }
      if (!pause(RetryPolicy.jittered(backoff))) {
        return false;
      }
      backoff = retry.next(backoff);
    }
  }

  /** Whether another attempt may succeed: Kafka's transient errors and our own wait timing out. */
  private static boolean retriable(Throwable t) {
    return t instanceof RetriableException || t instanceof TimeoutException;
  }

  /**
   * Gives up on a record that can be neither stored nor dead-lettered: counted, logged with where
   * it came from and why, and left behind (its offset is committed with the rest of the poll).
   */
  private void skip(ConsumerRecord<byte[], byte[]> r, String reason, Throwable deadLetterFailure, int attempts) {
    skipped++;
    String what =
        "skipped record " + r.topic() + "-" + r.partition() + "@" + r.offset() + " ("
            + (r.value() == null ? 0 : r.value().length) + " bytes): " + reason
            + "; dead-letter topic " + deadLetterTopic + " refused it after " + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ") + Failures.describe(deadLetterFailure);
    lastError = what;
    LOG.error("{} ({} skipped so far)", what, skipped);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits {@code sleep} nanoseconds unless closing; false when closing. */
  private boolean pause(long sleep) {
    long end = System.nanoTime() + sleep;
    long left;
    while (running && (left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
    }
    return running;
  }

  private void commit(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> rs = records.records(tp);
      uncommitted.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
    }
    commitUncommitted(c);
  }

  private void commitUncommitted(Consumer<byte[], byte[]> c) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>(uncommitted);
    try {
      commitSync(c, offsets);
    } catch (RebalanceInProgressException e) {
      // The group is rebalancing and this member still owns the partitions: the next poll
      // completes the rebalance and revokes them, and CommitOnRevoke commits these offsets
      // first, so the partitions' next owner does not read again what was stored here.
      lastError = "commit deferred to the rebalance: " + Failures.describe(e);
      return;
    } catch (CommitFailedException e) {
      // The group moved on without this member: the partitions belong to another member now,
      // which reads these records again; a sink that keeps one copy per entry id (idempotent())
      // keeps one.
      uncommitted.clear();
      commitFailures++;
      lastError = "commit: " + Failures.describe(e);
      return;
    } catch (WakeupException e) {
      uncommitted.keySet().removeAll(offsets.keySet()); // committed all the same
      throw e;
    }
    uncommitted.keySet().removeAll(offsets.keySet());
  }

  /** commitSync that, when close() wakes the consumer during it, finishes the commit first. */
  private void commitSync(Consumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      c.commitSync(offsets);
      commits++;
    } catch (WakeupException e) {
      // close() during the commit: finish it, so what was stored is not read again
      c.commitSync(offsets);
      commits++;
      throw e;
    }
  }

  /**
   * Commits what was stored of the partitions being revoked before another member gets them, and
   * forgets what cannot be committed any more (lost partitions). Nothing is buffered across polls
   * (each poll is stored and committed before the next), so there are no records to drop.
   */
  private final class CommitOnRevoke implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> consumer;

    CommitOnRevoke(Consumer<byte[], byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata o = uncommitted.get(tp);
        if (o != null) {
          offsets.put(tp, o);
        }
      }
      if (offsets.isEmpty()) {
        return;
      }
      try {
        commitSync(consumer, offsets);
      } catch (CommitFailedException | RebalanceInProgressException e) {
        commitFailures++;
        lastError = "commit on revoke: " + Failures.describe(e);
      } finally {
        uncommitted.keySet().removeAll(offsets.keySet());
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Already someone else's (this member was dropped from the group): a commit would be refused.
      partitions.forEach(uncommitted::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  /** Builds a {@link LogIngestor}; {@link #build()} validates everything up front. */
  public static final class Builder {
    private String bootstrapServers;
    private String groupId = "platform-logger-ingestor";
    private final List<String> topics = new ArrayList<>(List.of("telemetry.logs"));
    private String deadLetterTopic = "telemetry.logs.dlq";
    private LogSink sink;
    private final List<LogEnricher> enrichers = new ArrayList<>();
    private int batchSize = 5000;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration pollTimeout = Duration.ofMillis(500);
    private int deadLetterAttempts = 10;
    private final Map<String, Object> consumerOverrides = new LinkedHashMap<>();
    private final Map<String, Object> producerOverrides = new LinkedHashMap<>();
    private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory =
        config -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());

    private Builder() {}

    /** For unit tests of the commit logic: the consumer to use instead of a KafkaConsumer. */
    Builder consumerFactory(Function<Map<String, Object>, Consumer<byte[], byte[]>> factory) {
      this.consumerFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Required: the cluster's bootstrap servers. */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    /** The consumer group; default {@code platform-logger-ingestor}. Instances of one group share the partitions. */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** The topics to consume; default {@code telemetry.logs} (add {@code telemetry.events} for events). */
    public Builder topics(String... topics) {
      this.topics.clear();
      this.topics.addAll(List.of(topics));
      return this;
    }

    /** Where undecodable or rejected records go; default {@code telemetry.logs.dlq}. */
    public Builder deadLetterTopic(String topic) {
      this.deadLetterTopic = topic;
      return this;
    }

    /** Required: where entries are stored. Not closed by the ingestor. */
    public Builder sink(LogSink sink) {
      this.sink = sink;
      return this;
    }

    /** Adds an enricher; enrichers run in the order added. */
    public Builder enricher(LogEnricher enricher) {
      enrichers.add(Objects.requireNonNull(enricher, "enricher"));
      return this;
    }

    /** The largest batch handed to the sink (capped by its own maximum); default 5000. */
    public Builder batchSize(int n) {
      this.batchSize = n;
      return this;
    }

    /** Backoff between sink retries: doubled from {@code initial} up to {@code max}, with jitter. Default 100 ms to 30 s. */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How many times a record is offered to the dead-letter topic before it is skipped (counted
     * and logged); default 10, with the sink's backoff between attempts. Refusals Kafka calls
     * final, such as a copy too large for the topic, are not retried.
     */
    public Builder deadLetterAttempts(int attempts) {
      this.deadLetterAttempts = attempts;
      return this;
    }

    /** Sets any Kafka consumer property (security, tuning); overrides the ingestor's defaults. */
    public Builder consumerProperty(String name, Object value) {
      consumerOverrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets any property of the dead-letter producer (security, tuning). */
    public Builder producerProperty(String name, Object value) {
      producerOverrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Validates the settings and builds the ingestor. Connects to nothing.
     *
     * @throws IllegalArgumentException naming the setting and what to change
     */
    public LogIngestor build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException(
            "bootstrap-servers is missing: set it to the Kafka cluster's host:port list");
      }
      if (sink == null) {
        throw new IllegalArgumentException("sink is missing: set the LogSink entries are stored in");
      }
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException("group is blank: set a consumer group id, such as platform-logger-ingestor");
      }
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics is empty: set at least one topic, such as telemetry.logs");
      }
      topics.forEach(t -> Topics.check(t, "topics"));
      Topics.check(deadLetterTopic, "dead-letter-topic");
      if (topics.contains(deadLetterTopic)) {
        throw new IllegalArgumentException(
            "dead-letter-topic " + deadLetterTopic + " is also consumed: choose a topic not in topics");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch-size is " + batchSize + ": set a positive number, such as 5000");
      }
      if (deadLetterAttempts < 1) {
        throw new IllegalArgumentException(
            "dead-letter-attempts is " + deadLetterAttempts + ": set a positive number, such as 10");
      }
      if (initialBackoff == null || maxBackoff == null || initialBackoff.compareTo(Duration.ofMillis(1)) < 0
          || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "retry backoff must be at least 1 ms, the maximum at least the initial one");
      }
      for (Map<String, Object> overrides : List.of(consumerOverrides, producerOverrides)) {
        for (String k : overrides.keySet()) {
          if (k.endsWith(".deserializer") || k.endsWith(".serializer") || k.equals("enable.auto.commit")) {
            throw new IllegalArgumentException(
                k + " cannot be set: the ingestor reads and writes raw bytes and commits itself; remove it");
          }
        }
      }
      try {
        new ConsumerConfig(consumerConfig());
        new ProducerConfig(producerConfig());
      } catch (KafkaException e) { // ConfigException among others
        throw new IllegalArgumentException("invalid Kafka client setting: " + e.getMessage(), e);
      }
      return new LogIngestor(this);
    }

    Map<String, Object> consumerConfig() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      c.put(ConsumerConfig.CLIENT_ID_CONFIG, "platform-logger-ingestor");
      c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(500, Math.min(batchSize, 10_000))));
      c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
      c.putAll(consumerOverrides);
      c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      return c;
    }

    Map<String, Object> producerConfig() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      c.put(ProducerConfig.CLIENT_ID_CONFIG, "platform-logger-ingestor-dlq");
      c.put(ProducerConfig.ACKS_CONFIG, "all");
      c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
      c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
      c.putAll(producerOverrides);
      c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      return c;
    }
  }
}
