package io.platformlogger.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Short-lived signed tokens that let a browser open the stream WebSocket (browsers cannot set an
 * {@code Authorization} header on one): obtained with the API key from {@code POST
 * /api/stream-token}, passed as {@code ?token=}. A token carries the key's tenant scope and its
 * expiry; an expired, altered or foreign token is refused. Thread-safe.
 */
final class StreamTokens {
  private static final String VERSION = "s1";

  private final Signer signer;
  private final Clock clock;
  private final Duration ttl;

  StreamTokens(Signer signer, Clock clock, Duration ttl) {
    this.signer = signer;
    this.clock = clock;
    this.ttl = ttl;
  }

  record Token(String value, Instant expiresAt) {}

  Token issue(Caller caller) {
    Instant exp = clock.instant().plus(ttl);
    return new Token(signer.sign(VERSION + "|" + caller.scope() + "|" + exp.toEpochMilli()), exp);
  }

  /** The caller of a valid, unexpired token, or null. */
  Caller verify(String token) {
    String payload = signer.verify(token);
    if (payload == null) {
      return null;
    }
    String[] p = payload.split("\\|", 3);
    if (p.length != 3 || !VERSION.equals(p[0])) {
      return null;
    }
    long exp;
    try {
      exp = Long.parseLong(p[2]);
    } catch (NumberFormatException e) {
      return null;
    }
    if (clock.millis() >= exp) {
      return null;
    }
    return Caller.ofScope(p[1]);
  }
}
