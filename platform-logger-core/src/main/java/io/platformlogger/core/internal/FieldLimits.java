package io.platformlogger.core.internal;

/**
 * The longest text kept in an entry's identifier and name fields, whatever {@code
 * limits.value-chars} says: these fields are indexed by the stores (a PostgreSQL B-tree entry holds
 * at most 2704 bytes, and a value over it makes the server refuse the whole batch, SQLSTATE
 * 54000), so one oversized id must be cut at the source instead of stalling a sink. Longer values
 * are cut by {@link TextSanitizer} and marked {@code <field>_truncated} in {@code sanitized}.
 * Stateless; thread-safe.
 */
public final class FieldLimits {
  /**
   * Ids, names and types that are indexed or grouped on ({@code tenant_id}, {@code request_id},
   * {@code trace_id}, {@code span_id}, {@code user_id}, {@code service}, {@code event_type}, {@code
   * instance_id}, {@code markers}, …): 256 chars, at most 1 KiB of UTF-8, far under the B-tree
   * limit even next to the timestamp, and far over any real id (a W3C trace id has 32).
   */
  public static final int IDENTIFIER_CHARS = 256;

  /**
   * Code names that are searched but not B-tree indexed ({@code error_type}, {@code logger_name},
   * {@code thread_name}, {@code source_file}, {@code source_class}, {@code source_method}): 1024
   * chars, longer than any real class or file name.
   */
  public static final int NAME_CHARS = 1024;

  private FieldLimits() {}

  /** The most chars kept in the field with this JSON name. */
  public static int maxChars(String field) {
    switch (field) {
      case "error_type":
      case "logger_name":
      case "thread_name":
      case "source_file":
      case "source_class":
      case "source_method":
        return NAME_CHARS;
      default:
        return IDENTIFIER_CHARS;
    }
  }
}
