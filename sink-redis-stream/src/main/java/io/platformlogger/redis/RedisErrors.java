package io.platformlogger.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.platformlogger.core.sink.LogSinkException;
import java.util.List;

/** Sorts Redis failures into retryable and permanent ones. */
final class RedisErrors {
  /** Error replies that mean "not now" rather than "never". */
  private static final List<String> TRANSIENT =
      List.of("LOADING", "BUSY", "OOM", "READONLY", "MASTERDOWN", "TRYAGAIN", "NOREPLICAS",
          "CLUSTERDOWN", "MISCONF");

  private RedisErrors() {}

  static boolean isNoScript(Throwable t) {
    return t instanceof RedisNoScriptException
        || (t != null && t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"));
  }

  static LogSinkException classify(String address, Throwable t) {
    if (t instanceof RedisCommandExecutionException) {
      String msg = String.valueOf(t.getMessage());
      for (String prefix : TRANSIENT) {
        if (msg.startsWith(prefix)) {
          return LogSinkException.retryable("Redis at " + address + " refused for now: " + msg, t);
        }
      }
      return LogSinkException.permanent("Redis at " + address + " rejected the batch: " + msg, t);
    }
    return LogSinkException.retryable("Redis at " + address + " failed: " + t, t);
  }
}
