package io.platformlogger.redis;

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
          what + " '" + text + "' is not a Redis URI: use redis://host:6379 (rediss:// for TLS)");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(t);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          what + " '" + text + "' is not a valid Redis URI (" + e.getMessage()
              + "): use redis://[user:password@]host[:port][/database]", e);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          what + " '" + text + "' has no host: use redis://host:6379");
    }
    return uri;
  }

  /** host:port, never the password. */
  static String address(RedisURI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }
}
