package io.platformlogger.redis;

import io.platformlogger.core.redact.Redactor;
import io.lettuce.core.RedisURI;

/** Parses Redis URIs with an error message that says what to change. */
final class RedisUris {
  private RedisUris() {}

  static RedisURI parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(what + " is missing: set it to redis://host:6379");
    }
    String t = text.trim();
    if (!t.startsWith("redis://") && !t.startsWith("rediss://")) {
      throw new IllegalArgumentException(
          what + " '" + Redactor.mask(text) + "' is not a Redis URI: use redis://host:6379 (rediss:// for TLS)");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(t);
    } catch (RuntimeException e) {
      // Lettuce's message may repeat the URI: masked, and its exception not chained (a printed
      // cause would show the password again).
      throw new IllegalArgumentException(
          what + " '" + Redactor.mask(text) + "' is not a valid Redis URI (" + Redactor.mask(e.getMessage())
              + "): use redis://[user:password@]host[:port][/database]");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          what + " '" + Redactor.mask(text) + "' has no host: use redis://host:6379");
    }
    return uri;
  }

  /** host:port, never the password. */
  static String address(RedisURI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
