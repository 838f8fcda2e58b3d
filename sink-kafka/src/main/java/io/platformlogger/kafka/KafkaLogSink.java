package io.platformlogger.kafka;

import io.platformlogger.core.LogEntry;
import io.platformlogger.core.sink.Delivery;
import io.platformlogger.core.sink.LogSink;
import io.platformlogger.core.sink.LogSinkException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes entries to Kafka as JSON (the shared encoding of docs/schema.md), one record per
 * entry, for a separate ingest process ({@link LogIngestor}) to store.
 *
 * <p>Never hangs the application: nothing connects before the first {@link #write}, which runs on
 * the pipeline's sink thread; the producer waits at most {@code max.block.ms} (500 ms by default)
 * for metadata or buffer space; a broker that is down or unreachable makes {@code write} throw a
 * retryable {@link LogSinkException}, so the pipeline keeps the entries and retries with backoff.
 * {@code write} returns only when the broker acknowledged every record ({@code acks=all}); {@link
 * #send} returns once the records are handed to the producer, and its {@link Delivery} when the
 * broker acknowledged them, so the pipeline keeps up to {@link #maxBatchesInFlight()} batches (4 by
 * default) on their way instead of waiting for each acknowledgement before sending more.
 *
 * <p>Each record carries the entry's JSON as value, a key chosen by {@link MessageKey} (the tenant
 * id by default) and the headers {@code level}, {@code service} and {@code entry_id}. Entries
 * whose {@code stream} has a route go to that route's topic ({@code events} → {@code
 * telemetry.events} by default), the others to the main topic ({@code telemetry.logs}).
 *
 * <p>Not idempotent: a batch retried after a lost acknowledgement may publish an entry twice; the
 * consumer deduplicates on {@code entry_id}. Thread-safe.
 */
public final class KafkaLogSink implements LogSink {
  /** Record header holding the entry's level name. */
  public static final String LEVEL_HEADER = "level";
  /** Record header holding the entry's service, when it has one. */
  public static final String SERVICE_HEADER = "service";
  /** Record header holding the entry's id. */
  public static final String ENTRY_ID_HEADER = "entry_id";

  /** Bytes a record needs besides its key and value (batch and record framing, headers). */
  private static final int RECORD_OVERHEAD = 512;

  private final Map<String, Object> producerConfig;
  private final String topic;
  private final Map<String, String> routes;
  private final MessageKey key;
  private final int maxBatchSize;
  private final int maxBatchesInFlight;
  private final long ackTimeoutNanos;
  private final int maxRecordBytes;
  private final Duration closeTimeout;

  /** An encoder no write is using; writers at the same time make another. */
  private final AtomicReference<RecordEncoder> idleEncoder = new AtomicReference<>(new RecordEncoder());
  private Producer<byte[], byte[]> producer; // created on the first write, on the sink's thread
  private boolean closed;

  private KafkaLogSink(Builder b) {
    this.producerConfig = Collections.unmodifiableMap(b.producerConfig());
    this.topic = b.topic;
    this.routes = Map.copyOf(b.routes);
    this.key = b.key;
    this.maxBatchSize = b.maxBatchSize;
    this.maxBatchesInFlight = b.maxBatchesInFlight;
    long deliveryTimeoutMs = Long.parseLong(producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString());
    // The producer fails a record itself after delivery.timeout.ms; the margin only guards
    // against a producer that never completes a future.
    this.ackTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(deliveryTimeoutMs + 5_000);
    this.maxRecordBytes = Integer.parseInt(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).toString());
    this.closeTimeout = b.closeTimeout;
  }

  /** A builder; {@link Builder#bootstrapServers} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "kafka";
  }

  /** Yes: each record's value is the entry's JSON, made once by the pipeline for every JSON sink. */
  @Override
  public boolean wantsEntryJson() {
    return true;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public int maxBatchesInFlight() {
    return maxBatchesInFlight;
  }

  @Override
  public Set<String> ownLoggerPrefixes() {
    return Set.of("org.apache.kafka");
  }

  /** The main topic (entries without a routed stream). */
  public String topic() {
    return topic;
  }

  /** The topic an entry is published to. */
  public String topicFor(LogEntry entry) {
    String stream = entry.stream();
    if (stream != null) {
      String routed = routes.get(stream);
      if (routed != null) {
        return routed;
      }
    }
    return topic;
  }

  /** The producer properties in effect: the defaults for a log bus overlaid with the caller's. */
  public Map<String, Object> producerConfig() {
    return producerConfig;
  }

  /** Sends the batch and waits until the broker acknowledged every record of it. */
  @Override
  public void write(List<LogEntry> batch) throws LogSinkException {
    Delivery delivery = send(batch);
    // The batch is complete: send what lingers now instead of after linger.ms. Bounded by
    // delivery.timeout.ms, after which the producer fails the records itself.
    flush();
    try {
      delivery.await();
    } catch (LogSinkException e) {
      throw e;
    } catch (Exception e) {
      throw LogSinkException.retryable("Kafka did not acknowledge the batch: " + e, e);
    }
  }

  /**
   * Hands every record of the batch to the producer and returns without waiting for the broker;
   * the returned delivery awaits the acknowledgements. Encodes the whole batch first, so an entry
   * that cannot be published fails the batch as permanent before any record is sent.
   *
   * @throws LogSinkException retryable when the producer refuses a record (no metadata within
   *     {@code max.block.ms}: the broker is down), permanent when an entry cannot be published
   */
  @Override
  public Delivery send(List<LogEntry> batch) throws LogSinkException {
    int n = batch.size();
    if (n == 0) {
      return Delivery.DONE;
    }
    ProducerRecord<byte[], byte[]>[] records = encode(batch);
    BatchAcks acks = new BatchAcks(batch);
    // Sends are serialized so that each writer's records keep their order; acknowledgements are
    // awaited outside the lock.
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("KafkaLogSink is closed");
      }
      Producer<byte[], byte[]> p = producer();
      for (int i = 0; i < n; i++) {
        Future<RecordMetadata> f;
        try {
          f = p.send(records[i], acks);
        } catch (KafkaException | IllegalStateException ex) {
          throw LogSinkException.retryable("Kafka producer refused a record: " + ex.getMessage(), ex);
        }
        acks.sent(i, f);
        // A send that failed at once (no metadata within max.block.ms: the broker is down) means
        // the rest would wait as long, one after the other: give the batch back now.
        if (f.isDone()) {
          await(f, System.nanoTime() + ackTimeoutNanos, batch.get(i));
        }
      }
    }
    acks.allSent(System.nanoTime() + ackTimeoutNanos);
    return acks;
  }

  private ProducerRecord<byte[], byte[]>[] encode(List<LogEntry> batch) throws LogSinkException {
    int n = batch.size();
    @SuppressWarnings("unchecked")
    ProducerRecord<byte[], byte[]>[] records = new ProducerRecord[n];
    RecordEncoder encoder = idleEncoder.getAndSet(null);
    if (encoder == null) {
      encoder = new RecordEncoder(); // another thread writes at the same time
    }
    try {
      for (int i = 0; i < n; i++) {
        LogEntry e = batch.get(i);
        byte[] value;
        try {
          value = encoder.value(e);
        } catch (RuntimeException ex) {
          throw LogSinkException.permanent("cannot encode entry " + e.id(), ex);
        }
        if (value.length + RECORD_OVERHEAD > maxRecordBytes) {
          throw LogSinkException.permanent(
              "entry " + e.id() + " is " + value.length + " bytes of JSON, more than the producer's"
                  + " max.request.size (" + maxRecordBytes + "); raise producer max.request.size (and"
                  + " the topic's max.message.bytes) or the pipeline's message and data limits",
              null);
        }
        records[i] = new ProducerRecord<>(topicFor(e), null, null, key.of(e), value, encoder.headers(e));
      }
    } finally {
      idleEncoder.set(encoder);
    }
    return records;
  }

  /** Waits for one record until {@code deadline}; throws naming the entry when it was not stored. */
  static void await(Future<RecordMetadata> f, long deadline, LogEntry e)
      throws LogSinkException {
    try {
      f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException ex) {
      Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
      if (cause instanceof RecordTooLargeException || cause instanceof InvalidTopicException) {
        throw LogSinkException.permanent(
            "Kafka rejected entry " + e.id() + " for good: " + cause.getMessage(), cause);
      }
      throw LogSinkException.retryable("Kafka did not acknowledge entry " + e.id() + ": " + cause, cause);
    } catch (TimeoutException ex) {
      throw LogSinkException.retryable("Kafka did not acknowledge entry " + e.id() + " in time", ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw LogSinkException.retryable("interrupted while waiting for Kafka", ex);
    }
  }

  private Producer<byte[], byte[]> producer() throws LogSinkException {
    if (producer == null) {
      try {
        producer =
            new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
      } catch (KafkaException ex) {
        // For example bootstrap servers that do not resolve yet: worth another try later.
        throw LogSinkException.retryable("cannot create the Kafka producer: " + ex.getMessage(), ex);
      }
    }
    return producer;
  }

  /**
   * Makes the producer send what lingers in its buffer now and waits until it is acknowledged
   * or failed (bounded by {@code delivery.timeout.ms}); failures show in the deliveries.
   */
  @Override
  public void flush() throws LogSinkException {
    Producer<byte[], byte[]> p;
    synchronized (this) {
      p = producer;
    }
    if (p == null) {
      return;
    }
    try {
      p.flush();
    } catch (KafkaException | IllegalStateException ex) {
      throw LogSinkException.retryable("Kafka producer failed to flush: " + ex.getMessage(), ex);
    }
  }

  /**
   * Closes the producer, waiting at most the close timeout (5 s by default) for anything it still
   * holds. Idempotent; {@code write} afterwards throws {@link IllegalStateException}.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (producer != null) {
      producer.close(closeTimeout);
    }
  }

  /** Builds a {@link KafkaLogSink}; {@link #build()} validates everything up front. */
  public static final class Builder {
    private String bootstrapServers;
    private String topic = "telemetry.logs";
    private final Map<String, String> routes = new LinkedHashMap<>(Map.of("events", "telemetry.events"));
    private MessageKey key = MessageKey.TENANT;
    private int maxBatchSize = 2000;
    private int maxBatchesInFlight = 4;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private final Map<String, Object> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** Required: the cluster's bootstrap servers, such as {@code kafka-1:9092,kafka-2:9092}. */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    /** The main topic; default {@code telemetry.logs}. */
    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    /**
     * Sends entries whose {@code stream} is {@code stream} to {@code topic}; a null topic removes
     * the route. Default: {@code events} → {@code telemetry.events}.
     */
    public Builder route(String stream, String topic) {
      Objects.requireNonNull(stream, "stream");
      if (topic == null) {
        routes.remove(stream);
      } else {
        routes.put(stream, topic);
      }
      return this;
    }

    /** What the record key is made of; default {@link MessageKey#TENANT}. */
    public Builder key(MessageKey key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** The largest batch the pipeline hands this sink; default 2000. */
    public Builder maxBatchSize(int n) {
      this.maxBatchSize = n;
      return this;
    }

    /**
     * How many batches the pipeline may have sent before the broker acknowledged the oldest;
     * default 4, at most 64. 1 waits for each batch's acknowledgement before sending the next.
     */
    public Builder maxBatchesInFlight(int n) {
      this.maxBatchesInFlight = n;
      return this;
    }

    /** How long {@link KafkaLogSink#close()} waits for the producer; default 5 s. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Sets any Kafka producer property (security, SASL/TLS, tuning), overriding this sink's
     * default for it. The serializers are the sink's own and cannot be set.
     */
    public Builder producerProperty(String name, Object value) {
      overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets several producer properties, as {@link #producerProperty} does. */
    public Builder producerProperties(Map<String, ?> properties) {
      properties.forEach(this::producerProperty);
      return this;
    }

    /**
     * Validates the settings and builds the sink. Connects to nothing.
     *
     * @throws IllegalArgumentException naming the setting and what to change
     */
    public KafkaLogSink build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        if (!overrides.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
          throw new IllegalArgumentException(
              "bootstrap-servers is missing: set it to the Kafka cluster's host:port list, for"
                  + " example kafka-1:9092,kafka-2:9092");
        }
      }
      Topics.check(topic, "topic");
      routes.forEach((stream, t) -> Topics.check(t, "route." + stream));
      if (maxBatchSize < 1) {
        throw new IllegalArgumentException(
            "max-batch-size is " + maxBatchSize + ": set it to a positive number, such as 2000");
      }
      if (maxBatchesInFlight < 1 || maxBatchesInFlight > 64) {
        // Each batch in flight holds up to max-batch-size entries in memory until acknowledged.
        throw new IllegalArgumentException(
            "max-batches-in-flight is " + maxBatchesInFlight + ": set it to 1-64, such as 4");
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        throw new IllegalArgumentException("close-timeout must be zero or positive, such as 5s");
      }
      for (String fixed :
          List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
        if (overrides.containsKey(fixed)) {
          throw new IllegalArgumentException(
              "producer." + fixed + " cannot be set: the sink publishes the shared JSON encoding"
                  + " as bytes; remove it");
        }
      }
      Map<String, Object> config = producerConfig();
      try {
        new ProducerConfig(config); // the producer's own validation, without connecting
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "invalid Kafka producer setting: " + e.getMessage() + "; change the producer.* property", e);
      }
      return new KafkaLogSink(this);
    }

    Map<String, Object> producerConfig() {
      Map<String, Object> c = new LinkedHashMap<>();
      if (bootstrapServers != null) {
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      }
      c.put(ProducerConfig.CLIENT_ID_CONFIG, "platform-logger");
      // Durable and ordered: every record on every in-sync replica, no duplicates from retries.
      c.put(ProducerConfig.ACKS_CONFIG, "all");
      c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
      // Log text compresses 5-10x; lz4 costs the least CPU on the sending thread.
      c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      c.put(ProducerConfig.LINGER_MS_CONFIG, "10");
      c.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
      // Never block the sink thread for long: no metadata or buffer space within this → retry later.
      c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
      c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
      c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
      // Room for a large entry (a long stack trace); compressed, it is far smaller on the broker.
      c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
      c.putAll(overrides);
      c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      return c;
    }
  }
}
