package io.platformlogger.redis;

/**
 * Thrown by {@link LogTail#poll} when Redis cannot be reached (or refuses to read) for the whole
 * wait. The tail keeps its position: polling again resumes after the last delivered entry.
 */
public final class LogTailException extends Exception {
  private static final long serialVersionUID = 1L;

  LogTailException(String message, Throwable cause) {
    super(message, cause);
  }
}
