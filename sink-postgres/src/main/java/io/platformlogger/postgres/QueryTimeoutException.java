package io.platformlogger.postgres;

import java.sql.SQLTimeoutException;
import java.time.Duration;

/**
 * Thrown by a read of {@link PostgresLogStore} (a page, one entry, context, histogram, error
 * groups or trends, patterns) when PostgreSQL worked on it for longer than the store's {@linkplain
 * PostgresLogStore#setQueryTimeout query timeout} and cancelled it, and by an export past its own
 * timeout. Nothing was returned (an export may have written part) and the connection is usable
 * again. SQLState {@code 57014} (query_canceled). Callers
 * (the CLI, the HTTP service) pass the message on: it names the timeout and what to change.
 */
public final class QueryTimeoutException extends SQLTimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient Duration timeout;

  QueryTimeoutException(Duration timeout, Throwable cause) {
    super("the query took longer than the query timeout of " + timeout.toMillis() + " ms and was"
        + " cancelled: narrow the time range or the filters, or raise the timeout", "57014", cause);
    this.timeout = timeout;
  }

  /** The timeout that was exceeded. */
  public Duration timeout() {
    return timeout;
  }
}
