package io.platformlogger.core.sink;

/**
 * Thrown by a {@link LogSink} to tell the pipeline whether a failed batch is worth retrying.
 * Any other exception is treated as retryable.
 */
public class LogSinkException extends Exception {
  private final boolean retryable;

  protected LogSinkException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** The server or connection failed; the same batch may succeed later. */
  public static LogSinkException retryable(String message, Throwable cause) {
    return new LogSinkException(message, cause, true);
  }

  /**
   * Something in the batch can never be stored (for example a value the server rejects). The
   * pipeline splits the batch to find the offending entries, writes the rest and counts the
   * offenders as failed.
   */
  public static LogSinkException permanent(String message, Throwable cause) {
    return new LogSinkException(message, cause, false);
  }

  public boolean isRetryable() {
    return retryable;
  }
}
