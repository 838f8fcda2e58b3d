package io.platformlogger.redis;

/** Field names of a stream message written by {@link RedisStreamLogSink}. */
final class StreamFields {
  /** The entry as the shared JSON of docs/schema.md. */
  static final String JSON = "json";
  /** Flat copies for cheap filtering without decoding the JSON. */
  static final String LEVEL = "level";
  static final String SERVICE = "service";
  static final String TENANT = "tenant_id";
  static final String ID = "id";

  private StreamFields() {}
}
