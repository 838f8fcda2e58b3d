package io.platformlogger.postgres;

/** Which neighbours {@link PostgresLogStore#context} reads around an entry. */
public enum ContextScope {
  /** Entries of the same service and instance (an absent instance matches an absent one). */
  INSTANCE,
  /** Entries of the same trace id; none when the entry has no trace id. */
  TRACE,
  /** Entries of the same request id; none when the entry has no request id. */
  REQUEST
}
