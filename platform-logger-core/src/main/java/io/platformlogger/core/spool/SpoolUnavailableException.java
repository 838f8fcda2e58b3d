package io.platformlogger.core.spool;

/**
 * The spool cannot be used: its directory cannot be created or written, or another process holds
 * it. The message says which directory, why, and what to change; the pipeline reports it once and
 * carries on in memory only.
 */
public final class SpoolUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  SpoolUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
