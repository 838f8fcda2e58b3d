package io.platformlogger.core.internal;

import io.platformlogger.core.LogEntry;

/**
 * Reaches the package-private state of {@link LogEntry} from core's other packages (the pipeline
 * and the JSON encoder) without making it API: today, the entry's JSON encoding kept by the spool
 * so that sinks reuse it instead of encoding the entry a second time. Internal: not part of the
 * API. Thread-safe. Also whether every text of the entry has already been through {@link
 * TextSanitizer} and {@link DataValues}, so the encoder need not scan it again.
 */
public final class EntryInternals {
  /** What {@link LogEntry} exposes to core's internals; implemented by LogEntry itself. */
  public interface Access {
    byte[] json(LogEntry entry);

    void keepJson(LogEntry entry, byte[] json);

    boolean clean(LogEntry entry);

    void markClean(LogEntry entry);

    Object[] values(LogEntry entry);

    LogEntry buildOwned(LogEntry.Builder builder);
  }

  private static volatile Access access;

  private EntryInternals() {}

  /** Called once, by LogEntry's static initializer; later calls are ignored. */
  public static synchronized void install(Access a) {
    if (access == null) {
      access = a;
    }
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      LogEntry.builder(); // runs LogEntry's static initializer, which installs it
      a = access;
    }
    return a;
  }

  /**
   * The UTF-8 JSON encoding kept on {@code entry}, or null. The array is shared: callers must not
   * modify it.
   */
  public static byte[] json(LogEntry entry) {
    return access().json(entry);
  }

  /**
   * Keeps {@code json}, the entry's {@code LogEntryJson} encoding, on the entry. Only the thread
   * that built the entry may call this, before handing the entry to other threads.
   */
  public static void keepJson(LogEntry entry, byte[] json) {
    access().keepJson(entry, json);
  }

  /**
   * The entry's values indexed by {@code EntryField} ordinal, for the JSON encoder's loop. The
   * array is the entry's own: callers must not modify it.
   */
  public static Object[] values(LogEntry entry) {
    return access().values(entry);
  }

  /**
   * {@code builder.build()} without copying the builder's values: the entry takes them over, so
   * the caller must drop the builder at once (a later setter would change the entry). For the
   * pipeline's entry factory, which makes one builder per entry.
   */
  public static LogEntry buildOwned(LogEntry.Builder builder) {
    return access().buildOwned(builder);
  }

  /** Whether {@link #markClean} was called: every text of the entry is already sanitized. */
  public static boolean clean(LogEntry entry) {
    return access().clean(entry);
  }

  /**
   * Records that every text of {@code entry} (fields, markers, data keys and values) has been
   * through {@link TextSanitizer} and its data through {@link DataValues}. Only the thread that
   * built the entry may call this, before handing the entry to other threads.
   */
  public static void markClean(LogEntry entry) {
    access().markClean(entry);
  }
}
