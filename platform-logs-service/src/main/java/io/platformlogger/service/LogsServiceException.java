package io.platformlogger.service;

/**
 * {@link LogsService} could not start: a bad setting, or PostgreSQL or Redis not reachable. The
 * message names which and what to change; {@link #dependency()} says which server, if any.
 */
public final class LogsServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String dependency;

  LogsServiceException(String dependency, String message, Throwable cause) {
    super(message, cause);
    this.dependency = dependency;
  }

  /** {@code "PostgreSQL"}, {@code "Redis"}, or null for a setting or the HTTP port. */
  public String dependency() {
    return dependency;
  }
}
